//! Parquet export: the flattened claim columns of [`super::flat`] (the same
//! shape as the SQLite `claims` table and CSV), for warehouses that load
//! columnar files (BigQuery, Snowflake, DuckDB, Spark).
//!
//! Counts and positions are `INT64`, everything else UTF-8 strings; every
//! column is optional (NULL where the claim has no value). Rows are written
//! in row groups of [`ROW_GROUP_ROWS`], Snappy-compressed. No timestamps are
//! written, so the same store gives the same bytes.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use rusqlite::types::Value;

use super::flat::{CLAIM_COLUMNS, INT_COLUMNS};
use crate::error::{Error, ErrorKind, Result};

/// Rows per row group: large enough for columnar scans, small enough that
/// an export of millions of claims holds one group in memory at a time.
pub const ROW_GROUP_ROWS: usize = 65_536;

/// Writes flattened claim rows (one value per [`CLAIM_COLUMNS`] entry) as a
/// Parquet file, buffering one row group at a time.
pub struct ParquetWriter<W: Write + Send> {
    /// The file writer.
    writer: SerializedFileWriter<W>,
    /// Rows of the row group being filled.
    pending: Vec<Vec<Value>>,
    /// Rows written so far (including pending ones).
    rows: usize,
    /// The output's name, for errors.
    name: String,
}

impl<W: Write + Send> ParquetWriter<W> {
    /// Starts a Parquet file on `w`; `name` names the output in errors.
    ///
    /// # Errors
    /// [`ErrorKind::Store`] if the schema or file header cannot be written.
    pub fn new(w: W, name: &str) -> Result<ParquetWriter<W>> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("civtrace {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = SerializedFileWriter::new(w, Arc::new(schema(name)?), Arc::new(props))
            .map_err(|e| err(name, e))?;
        Ok(ParquetWriter {
            writer,
            pending: Vec::new(),
            rows: 0,
            name: name.to_string(),
        })
    }

    /// Adds one row.
    ///
    /// # Errors
    /// A row of the wrong width, or a failed row-group write.
    pub fn push(&mut self, row: Vec<Value>) -> Result<()> {
        if row.len() != CLAIM_COLUMNS.len() {
            return Err(Error::new(
                ErrorKind::Internal,
                &self.name,
                format!(
                    "a claim row has {} values, expected {}",
                    row.len(),
                    CLAIM_COLUMNS.len()
                ),
            ));
        }
        self.pending.push(row);
        self.rows += 1;
        if self.pending.len() >= ROW_GROUP_ROWS {
            self.flush_group()?;
        }
        Ok(())
    }

    /// Writes the last row group and the footer; returns the rows written.
    ///
    /// # Errors
    /// Write failures name the output.
    pub fn finish(mut self) -> Result<usize> {
        self.flush_group()?;
        let name = self.name.clone();
        self.writer.close().map_err(|e| err(&name, e))?;
        Ok(self.rows)
    }

    /// Writes the pending rows as one row group, column by column.
    fn flush_group(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        let name = self.name.clone();
        let e = |x| err(&name, x);
        let mut group = self.writer.next_row_group().map_err(e)?;
        let mut col = 0;
        while let Some(mut column) = group.next_column().map_err(e)? {
            let is_int = CLAIM_COLUMNS
                .get(col)
                .is_some_and(|c| INT_COLUMNS.contains(c));
            let mut levels = Vec::with_capacity(rows.len());
            if is_int {
                let mut values = Vec::new();
                for row in &rows {
                    match row.get(col) {
                        Some(Value::Integer(i)) => {
                            values.push(*i);
                            levels.push(1);
                        }
                        _ => levels.push(0),
                    }
                }
                column
                    .typed::<Int64Type>()
                    .write_batch(&values, Some(&levels), None)
                    .map_err(e)?;
            } else {
                let mut values = Vec::new();
                for row in &rows {
                    match row.get(col) {
                        Some(Value::Text(s)) => {
                            values.push(ByteArray::from(s.as_str()));
                            levels.push(1);
                        }
                        Some(Value::Integer(i)) => {
                            values.push(ByteArray::from(i.to_string().as_str()));
                            levels.push(1);
                        }
                        _ => levels.push(0),
                    }
                }
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&values, Some(&levels), None)
                    .map_err(e)?;
            }
            column.close().map_err(e)?;
            col += 1;
        }
        group.close().map_err(e)?;
        Ok(())
    }
}

/// The message type: one optional column per [`CLAIM_COLUMNS`] entry.
fn schema(name: &str) -> Result<Type> {
    let mut fields = Vec::with_capacity(CLAIM_COLUMNS.len());
    for &c in CLAIM_COLUMNS {
        let field = if INT_COLUMNS.contains(&c) {
            Type::primitive_type_builder(c, PhysicalType::INT64)
                .with_repetition(Repetition::OPTIONAL)
                .build()
        } else {
            Type::primitive_type_builder(c, PhysicalType::BYTE_ARRAY)
                .with_repetition(Repetition::OPTIONAL)
                .with_logical_type(Some(LogicalType::String))
                .build()
        };
        fields.push(Arc::new(field.map_err(|e| err(name, e))?));
    }
    Type::group_type_builder("civtrace_claim")
        .with_fields(fields)
        .build()
        .map_err(|e| err(name, e))
}

/// A Parquet failure as a store error naming the output.
fn err(name: &str, e: parquet::errors::ParquetError) -> Error {
    Error::new(ErrorKind::Store, name, format!("Parquet: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    fn row(i: i64, metric: &str, value: Option<i64>) -> Vec<Value> {
        CLAIM_COLUMNS
            .iter()
            .map(|&c| match c {
                "ord" => Value::Integer(i),
                "value" => value.map_or(Value::Null, Value::Integer),
                "metric" => Value::Text(metric.into()),
                "claim_id" => Value::Text(format!("id{i}")),
                _ => Value::Null,
            })
            .collect()
    }

    #[test]
    fn rows_read_back_with_nulls_and_types() {
        let file = tempfile::tempfile().unwrap();
        let mut w = ParquetWriter::new(file.try_clone().unwrap(), "t.parquet").unwrap();
        w.push(row(0, "killed", Some(1139))).unwrap();
        w.push(row(1, "strikes", None)).unwrap();
        assert_eq!(w.finish().unwrap(), 2);
        let reader = SerializedFileReader::new(file).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        let rows: Vec<_> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let get = |r: &parquet::record::Row, name: &str| -> Field {
            r.get_column_iter()
                .find(|(n, _)| n.as_str() == name)
                .map(|(_, f)| f.clone())
                .unwrap()
        };
        assert_eq!(get(&rows[0], "value"), Field::Long(1139));
        assert_eq!(get(&rows[1], "value"), Field::Null);
        assert_eq!(get(&rows[1], "metric"), Field::Str("strikes".into()));
        assert_eq!(get(&rows[0], "claim_id"), Field::Str("id0".into()));
    }

    #[test]
    fn a_short_row_is_refused() {
        let mut buf = Vec::new();
        let mut w = ParquetWriter::new(&mut buf, "t.parquet").unwrap();
        let e = w.push(vec![Value::Null]).unwrap_err();
        assert!(e.to_string().contains("t.parquet"), "{e}");
    }
}
