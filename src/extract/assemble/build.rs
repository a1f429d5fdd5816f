//! Turning a located number and what it counts into a `civtrace/claim@1` record.

use super::byte_to_char;
use crate::claim::{
    claim_id, Claim, Claimant, DateBasis, DatePrecision, Estimate, ExtractorInfo, Metric, Period,
    Place, Provenance, Quote, Scope, SCHEMA,
};
use crate::document::DocumentMeta;
use crate::extract::metric::Counted;
use crate::extract::numbers::NumberMention;
use crate::parse::TextBlock;
use jiff::civil::Date;

/// Characters of context kept on each side of a quoted sentence.
const QUOTE_CONTEXT: usize = 64;

/// Document-level facts every claim of a document shares.
pub struct Builder<'a> {
    /// The document's metadata (provenance).
    pub meta: &'a DocumentMeta,
    /// The reference (publication) date.
    pub reference: Option<Date>,
    /// The document's own voice.
    pub claimant: Claimant,
}

impl<'a> Builder<'a> {
    /// A builder for one document.
    pub fn new(meta: &'a DocumentMeta, reference: Option<Date>, claimant: Claimant) -> Builder<'a> {
        Builder {
            meta,
            reference,
            claimant,
        }
    }

    /// The publication date as a period (basis `publication`).
    pub fn publication_period(&self) -> Option<Period> {
        let d = self.reference?.to_string();
        Some(Period {
            start: d.clone(),
            end: d,
            precision: DatePrecision::Day,
            basis: DateBasis::Publication,
            as_written: None,
        })
    }

    /// The period of a count nothing in the text dates: the publication date,
    /// except that strike counts (strikes, engagements, targets hit) take the
    /// day before it — releases report the previous day's strikes — and a
    /// running total gets none, since the text gives no start.
    ///
    /// `release` stands in for the publication date inside a compilation of releases.
    pub fn default_period(
        &self,
        metric: Metric,
        scope: Scope,
        release: Option<Date>,
    ) -> Option<Period> {
        if scope == Scope::Cumulative {
            return None;
        }
        let reference = release.or(self.reference);
        let mut p = self.publication_period()?;
        if let Some(r) = release {
            p.start = r.to_string();
            p.end = r.to_string();
        }
        let strike = matches!(
            metric,
            Metric::Strikes
                | Metric::Engagements
                | Metric::Struck
                | Metric::Destroyed
                | Metric::Damaged
        );
        if strike {
            if let Some(d) = reference.and_then(|r| r.yesterday().ok()) {
                p.start = d.to_string();
                p.end = d.to_string();
            }
        }
        Some(p)
    }

    /// One claim. `sentence` is the byte range of its sentence in the block.
    #[allow(clippy::too_many_arguments)]
    pub fn claim(
        &self,
        block: &TextBlock,
        n: &NumberMention,
        counted: &Counted,
        sentence: (usize, usize),
        period: Option<Period>,
        place: Option<Place>,
        claimant: Option<Claimant>,
        attributed_to: Option<String>,
        scope: Scope,
        parent_claim_id: Option<String>,
    ) -> Claim {
        let text = block.text.as_str();
        let char_start = byte_to_char(text, n.start);
        let char_end = byte_to_char(text, n.end);
        let period = period.or_else(|| self.default_period(counted.metric, scope, None));
        let (ss, se) = sentence;
        let exact = text.get(ss..se).unwrap_or("").to_string();
        let prefix = tail_chars(text.get(..ss).unwrap_or(""), QUOTE_CONTEXT);
        let suffix = head_chars(text.get(se..).unwrap_or(""), QUOTE_CONTEXT);
        let as_written = text
            .get(n.phrase_start..n.phrase_end)
            .unwrap_or("")
            .to_string();
        let rule = format!("{}+{}", n.rule(), counted.rule);
        Claim {
            schema: SCHEMA.to_string(),
            claim_id: claim_id(
                &self.meta.sha256,
                &block.locator,
                char_start,
                char_end,
                counted.metric,
                counted.subject,
            ),
            metric: counted.metric,
            subject: counted.subject,
            object: counted.object.clone(),
            estimate: Estimate {
                value: n.value,
                low: n.low,
                high: n.high,
                qualifier: n.qualifier,
                as_written,
                normalisation: n.normalisation.map(str::to_string),
            },
            scope,
            period,
            places: place.into_iter().collect(),
            claimant: claimant.unwrap_or_else(|| self.claimant.clone()),
            attributed_to,
            parent_claim_id,
            quote: Quote {
                exact,
                prefix,
                suffix,
            },
            provenance: Provenance {
                doc_sha256: self.meta.sha256.clone(),
                url: self.meta.url.clone(),
                published_at: self.reference.map(|d| d.to_string()),
                retrieved_at: self.meta.retrieved_at.clone(),
                media_type: self
                    .meta
                    .media_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".into()),
                page: block.page,
                locator: block.locator.clone(),
                char_start,
                char_end,
                warc_file: self.meta.warc_file.clone(),
                warc_record_id: self.meta.warc_record_id.clone(),
                extractor: ExtractorInfo::current(rule),
            },
        }
    }
}

fn tail_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

fn head_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
