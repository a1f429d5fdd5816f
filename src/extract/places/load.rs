//! Loading the bundled gazetteer table (`data/gazetteer.tsv`) and generating
//! the spelling variants every Arabic place name has in English text.

use crate::claim::PlacePrecision;

/// One gazetteer row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// Canonical name.
    pub(crate) name: String,
    /// Country, admin1, district or locality.
    pub(crate) precision: PlacePrecision,
    /// ISO alpha-2 code; None for a region spanning both countries.
    pub(crate) country: Option<String>,
    /// Canonical governorate.
    pub(crate) admin1: Option<String>,
    /// Latitude, where known.
    pub(crate) lat: Option<f64>,
    /// Longitude, where known.
    pub(crate) lon: Option<f64>,
    /// GeoNames id, only where known with confidence.
    pub(crate) geonames_id: Option<u64>,
    /// Spellings (as listed, before generation), the canonical name first.
    pub(crate) spellings: Vec<String>,
    /// Spellings that need a locative cue (see the table's header).
    pub(crate) guarded: Vec<String>,
}

fn opt(field: &str) -> Option<&str> {
    let f = field.trim();
    (!f.is_empty() && f != "-").then_some(f)
}

fn precision(kind: &str) -> Option<PlacePrecision> {
    Some(match kind {
        "country" => PlacePrecision::Country,
        "region" => PlacePrecision::Region,
        "admin1" => PlacePrecision::Admin1,
        "admin2" => PlacePrecision::Admin2,
        "locality" => PlacePrecision::Locality,
        _ => return None,
    })
}

/// Parses one table line; None for comments, blanks and malformed rows.
pub(crate) fn parse_line(line: &str) -> Option<Entry> {
    if line.trim().is_empty() || line.starts_with('#') {
        return None;
    }
    let f: Vec<&str> = line.split('\t').collect();
    let [name, kind, country, admin1, lat, lon, gid, guarded, rest @ ..] = f.as_slice() else {
        return None;
    };
    let name = opt(name)?.to_string();
    let mut spellings = vec![name.clone()];
    for v in rest.first().map_or("", |v| *v).split('|') {
        if let Some(v) = opt(v) {
            if !spellings.iter().any(|s| s == v) {
                spellings.push(v.to_string());
            }
        }
    }
    let guarded = match guarded.trim() {
        "1" => spellings.clone(),
        "0" | "" | "-" => Vec::new(),
        list => list.split('|').map(|s| s.trim().to_string()).collect(),
    };
    Some(Entry {
        name,
        precision: precision(kind.trim())?,
        country: opt(country).map(str::to_string),
        admin1: opt(admin1).map(str::to_string),
        lat: opt(lat).and_then(|v| v.parse().ok()),
        lon: opt(lon).and_then(|v| v.parse().ok()),
        geonames_id: opt(gid).and_then(|v| v.parse().ok()),
        spellings,
        guarded,
    })
}

const ARTICLES: [&str; 8] = ["Al", "Ar", "As", "Ash", "At", "Ad", "An", "Az"];

/// Lower-case particles inside names ("Dayr az Zawr", "Jisr al Shughur").
const PARTICLES: [&str; 10] = ["al", "el", "az", "ez", "ash", "as", "an", "ad", "ar", "at"];

/// The spellings a listed spelling stands for: "Al Qaim" also as "Al-Qaim",
/// "al-Qaim" and "al Qaim"; "Deir ez-Zor" also as "Deir ez Zor"; "Mar'a" also
/// with a typographic apostrophe.
pub(crate) fn variants(spelling: &str) -> Vec<String> {
    let mut out = vec![spelling.to_string()];
    for art in ARTICLES {
        for sep in [" ", "-"] {
            if let Some(rest) = spelling.strip_prefix(&format!("{art}{sep}")) {
                let lower = art.to_ascii_lowercase();
                for (a, s) in [
                    (art, " "),
                    (art, "-"),
                    (lower.as_str(), "-"),
                    (lower.as_str(), " "),
                ] {
                    out.push(format!("{a}{s}{rest}"));
                }
            }
        }
    }
    // "Dayr az Zawr" is also written "Dayr Az Zawr": particles inside a name capitalised.
    let capitalised: Vec<String> = out
        .iter()
        .map(|v| {
            let mut c = v.clone();
            for p in PARTICLES {
                let up = format!("{}{}", p[..1].to_ascii_uppercase(), &p[1..]);
                for sep in [" ", "-"] {
                    c = c.replace(&format!(" {p}{sep}"), &format!(" {up}{sep}"));
                    c = c.replace(&format!("-{p}{sep}"), &format!("-{up}{sep}"));
                }
            }
            c
        })
        .collect();
    out.extend(capitalised);
    let mut more = Vec::new();
    for v in &out {
        if v.contains('-') {
            more.push(v.replace('-', " "));
        }
        if v.contains('\'') {
            more.push(v.replace('\'', "\u{2019}"));
        }
    }
    out.extend(more);
    let mut seen = std::collections::HashSet::new();
    out.retain(|v| seen.insert(v.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_row_with_guarded_spellings() {
        let e = parse_line("Hit\tlocality\tIQ\tAnbar\t33.64\t42.83\t-\t1\tHeet");
        let e = e.unwrap_or_else(|| unreachable!("row parses"));
        assert_eq!(e.name, "Hit");
        assert_eq!(e.country.as_deref(), Some("IQ"));
        assert_eq!(e.lat, Some(33.64));
        assert_eq!(e.geonames_id, None);
        assert_eq!(e.spellings, vec!["Hit", "Heet"]);
        assert_eq!(e.guarded, vec!["Hit", "Heet"]);
        assert_eq!(parse_line("# comment"), None);
        assert_eq!(parse_line("too\tfew"), None);
    }

    #[test]
    fn generates_article_hyphen_and_apostrophe_variants() {
        assert_eq!(
            variants("Al Qaim"),
            vec!["Al Qaim", "Al-Qaim", "al-Qaim", "al Qaim"]
        );
        assert_eq!(
            variants("Deir ez-Zor"),
            vec!["Deir ez-Zor", "Deir Ez-Zor", "Deir ez Zor", "Deir Ez Zor"]
        );
        assert!(variants("Dayr az Zawr").contains(&"Dayr Az Zawr".to_string()));
        assert_eq!(variants("Mar'a"), vec!["Mar'a", "Mar\u{2019}a"]);
    }
}
