//! The `civtrace/claim@1` record: one number, asserted by one claimant, in one
//! document, about one subject, with the provenance that leads back to the
//! exact sentence, page, capture and extractor rule it came from.
//!
//! Field names are a contract read by other tools; add fields, never rename.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The schema tag written into every record.
pub const SCHEMA: &str = "civtrace/claim@1";

/// One normalised claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Always [`SCHEMA`]; lets a reader reject records of another version.
    pub schema: String,
    /// Stable id from the document's sha256, the span and the metric: the upsert key.
    pub claim_id: String,
    /// What is counted.
    pub metric: Metric,
    /// Who or what the count is about (null for strikes and reports).
    pub subject: Option<Subject>,
    /// Free-text target effect ("oil stills") for `destroyed`/`damaged`/`struck`.
    pub object: Option<String>,
    /// The number with its qualifier and bounds.
    pub estimate: Estimate,
    /// Whether the number covers one incident, a period, or everything to date.
    pub scope: Scope,
    /// When: the period the number covers, or null when nothing dates it.
    pub period: Option<Period>,
    /// Where: places named for the number, finest first.
    pub places: Vec<Place>,
    /// Who asserts the number.
    pub claimant: Claimant,
    /// Who caused the harm, where the text says so ("Coalition").
    pub attributed_to: Option<String>,
    /// For subset claims ("including 1,211 children"), the claim they are part of.
    #[serde(default)]
    pub parent_claim_id: Option<String>,
    /// The sentence the number came from, with its surroundings.
    pub quote: Quote,
    /// Where exactly the number came from.
    pub provenance: Provenance,
}

/// What a number counts. The vocabulary is documented in the README.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Air or artillery strikes.
    Strikes,
    /// Engagements (a strike may comprise several).
    Engagements,
    /// Targets struck ("engaged 3 tactical units"); `object` names them.
    Struck,
    /// People killed.
    Killed,
    /// People injured.
    Injured,
    /// Killed or injured, unspecified.
    Casualties,
    /// People missing.
    Missing,
    /// People displaced.
    Displaced,
    /// People arrested or detained.
    Arrested,
    /// Civilian-casualty reports received.
    ReportsReceived,
    /// Reports assessed (completed).
    ReportsAssessed,
    /// Reports assessed credible.
    ReportsCredible,
    /// Reports assessed non-credible.
    ReportsNonCredible,
    /// Reports found to duplicate others.
    ReportsDuplicate,
    /// Reports still open or yet to be assessed.
    ReportsPending,
    /// Reports, status unspecified.
    Reports,
    /// Incidents (events) counted.
    Incidents,
    /// Massacres (SNHR: five or more killed in one incident).
    Massacres,
    /// Target effects: destroyed; `object` names what.
    Destroyed,
    /// Target effects: damaged; `object` names what.
    Damaged,
}

/// Who or what a casualty count is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// Civilians in general.
    Civilians,
    /// Children.
    Children,
    /// Women.
    Women,
    /// Fighters, militants, enemy combatants.
    Combatants,
    /// Partner-force or own personnel (not civilians).
    Personnel,
    /// Medical workers (SNHR category; civilians).
    MedicalWorkers,
    /// Media workers (SNHR category; civilians).
    MediaWorkers,
    /// People who died in detention (torture deaths).
    Detainees,
    /// People, status not stated.
    Unknown,
}

/// A number as stated, with bounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// The single stated number; null for a range or a vague count.
    pub value: Option<u64>,
    /// The lowest value consistent with the text.
    pub low: Option<u64>,
    /// The highest value consistent with the text.
    pub high: Option<u64>,
    /// How the number is qualified.
    pub qualifier: Qualifier,
    /// The number with its qualifier, as written ("at least 1,139").
    pub as_written: String,
    /// For vague counts, the normalisation rule applied ("dozens → low 24").
    #[serde(default)]
    pub normalisation: Option<String>,
}

/// How a number is qualified in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Stated plainly.
    Exact,
    /// "at least", "no fewer than", "a minimum of".
    AtLeast,
    /// "more than", "over", "in excess of".
    MoreThan,
    /// "up to", "as many as", "at most".
    AtMost,
    /// "fewer than", "less than", "under".
    FewerThan,
    /// "about", "around", "approximately", "nearly", "almost".
    Approximately,
    /// "7,316 to 11,637", "between … and …", "5–7".
    Range,
    /// "dozens", "hundreds", "several": see `Estimate::normalisation`.
    Vague,
}

/// What span of events a number covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// One incident or one day's strikes near one place.
    Incident,
    /// A total for a stated period (a day, a week, a month).
    PeriodTotal,
    /// A running total to date ("since the start of the operation").
    Cumulative,
}

/// The period a number covers: earliest and latest possible dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day (ISO date).
    pub start: String,
    /// Last day (ISO date), inclusive.
    pub end: String,
    /// How precisely the text dates it.
    pub precision: DatePrecision,
    /// How the date was obtained.
    pub basis: DateBasis,
    /// The words that dated it, if any.
    pub as_written: Option<String>,
}

/// How precisely a period is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// A single day.
    Day,
    /// A week or a span of a few days.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// An arbitrary span between two dates.
    Range,
}

/// Where a period came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// Stated in absolute terms ("May 2017").
    Explicit,
    /// Resolved against the publication date ("Sunday", "last month").
    Relative,
    /// Nothing in the text: the publication date stands in.
    Publication,
}

/// A place a number is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The spelling in the text ("near Dayr az Zawr").
    pub as_written: String,
    /// The canonical name from the gazetteer.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// First-level administrative division (governorate).
    pub admin1: Option<String>,
    /// Latitude (WGS84).
    pub lat: Option<f64>,
    /// Longitude (WGS84).
    pub lon: Option<f64>,
    /// GeoNames id, where the gazetteer has one.
    pub geonames_id: Option<u64>,
    /// How fine the place is.
    pub precision: PlacePrecision,
    /// Set when the text contradicts the gazetteer (a town placed in the wrong country).
    #[serde(default)]
    pub flag: Option<String>,
}

/// How fine a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlacePrecision {
    /// A town, village or city.
    Locality,
    /// A district.
    Admin2,
    /// A governorate or province.
    Admin1,
    /// A country.
    Country,
    /// Several countries ("Iraq and Syria").
    Region,
}

/// Who asserts a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claimant {
    /// Canonical organisation name (aliases resolved).
    pub name: String,
    /// What kind of organisation it is.
    pub kind: ClaimantKind,
}

/// What kind of body a claimant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimantKind {
    /// Armed forces and their task forces.
    Military,
    /// Monitoring groups and NGOs.
    Ngo,
    /// News media.
    Media,
    /// Governments and intergovernmental bodies.
    Government,
    /// Anyone else.
    Other,
}

/// The sentence a number came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The sentence, exactly as in the block text.
    pub exact: String,
    /// Up to 64 characters before the sentence.
    pub prefix: String,
    /// Up to 64 characters after the sentence.
    pub suffix: String,
}

/// Where a claim came from, down to the characters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// sha256 of the document bytes (hex).
    pub doc_sha256: String,
    /// The URL the document was fetched from (or its path for local files).
    pub url: String,
    /// Publication date (ISO date), when known.
    pub published_at: Option<String>,
    /// When the capture was made (RFC 3339), when known.
    pub retrieved_at: Option<String>,
    /// Media type of the document.
    pub media_type: String,
    /// 1-based page number, for PDFs.
    pub page: Option<u32>,
    /// Locator of the block: a CSS path for HTML, `page/block` for PDFs.
    pub locator: String,
    /// Start of the number, in characters (Unicode scalar values) of the block text.
    pub char_start: usize,
    /// End (exclusive) of the number, in characters of the block text.
    pub char_end: usize,
    /// The WARC file holding the capture, if it came from one.
    pub warc_file: Option<String>,
    /// The WARC-Record-ID of the response record, if any.
    pub warc_record_id: Option<String>,
    /// The extractor and rule that produced the claim.
    pub extractor: ExtractorInfo,
}

/// The extractor that produced a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtractorInfo {
    /// Always "civtrace".
    pub name: String,
    /// The crate version, so re-parses can be compared across versions.
    pub version: String,
    /// The rule that fired, e.g. `count.at_least+metric.killed`.
    pub rule: String,
}

impl ExtractorInfo {
    /// This build's extractor with `rule`.
    pub fn current(rule: impl Into<String>) -> ExtractorInfo {
        ExtractorInfo {
            name: "civtrace".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            rule: rule.into(),
        }
    }
}

/// The stable id of a claim: the first 16 bytes (hex) of
/// sha256(doc_sha256 | locator | char_start | char_end | metric | subject).
///
/// It is independent of run time and machine, so re-running upserts.
pub fn claim_id(
    doc_sha256: &str,
    locator: &str,
    char_start: usize,
    char_end: usize,
    metric: Metric,
    subject: Option<Subject>,
) -> String {
    let mut h = Sha256::new();
    let metric = serde_json::to_string(&metric).unwrap_or_default();
    let subject = serde_json::to_string(&subject).unwrap_or_default();
    h.update(format!(
        "{doc_sha256}|{locator}|{char_start}|{char_end}|{metric}|{subject}"
    ));
    hex::encode(&h.finalize()[..16])
}

/// The JSON Schema of [`Claim`], generated from these types.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Claim)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_id_is_stable_and_depends_on_span_and_metric() {
        let a = claim_id(
            "ab",
            "body>p",
            3,
            8,
            Metric::Killed,
            Some(Subject::Civilians),
        );
        assert_eq!(
            a,
            claim_id(
                "ab",
                "body>p",
                3,
                8,
                Metric::Killed,
                Some(Subject::Civilians)
            )
        );
        assert_eq!(a.len(), 32);
        assert_ne!(
            a,
            claim_id(
                "ab",
                "body>p",
                3,
                9,
                Metric::Killed,
                Some(Subject::Civilians)
            )
        );
        assert_ne!(
            a,
            claim_id(
                "ab",
                "body>p",
                3,
                8,
                Metric::Injured,
                Some(Subject::Civilians)
            )
        );
    }

    #[test]
    fn schema_names_the_contract_fields() {
        let s = json_schema().to_string();
        for f in [
            "claim_id",
            "estimate",
            "qualifier",
            "provenance",
            "warc_record_id",
            "char_start",
        ] {
            assert!(s.contains(f), "schema lacks {f}");
        }
    }
}
