//! Fuzzes the WARC reader and the record → document step (HTTP parsing,
//! de-chunking, Content-Encoding): any bytes must give records or one `Err`,
//! never a panic, a hang or unbounded memory.
#![no_main]

use civtrace::archive::warc::{record_to_document, WarcReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reader = WarcReader::new(data, "fuzz.warc").with_max_record_bytes(1 << 20);
    for record in reader.take(10_000) {
        match record {
            Ok(r) => {
                let _ = record_to_document(&r, "fuzz.warc", "fuzz.warc");
            }
            Err(_) => break,
        }
    }
});
