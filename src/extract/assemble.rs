//! Claims from blocks: numbers + what they count + when, where and who,
//! with context carried across blocks.
//!
//! For each number the assembler takes, in order of preference:
//! - the **date** nearest the number in its sentence, else the last date of an
//!   earlier sentence in the block, else the running context (the latest date
//!   stated by a heading, a key/value row or an earlier paragraph — so the
//!   "Near X" paragraphs under "On Oct. 11, … in Syria" inherit Oct. 11), else
//!   the publication date (basis `publication`; none for cumulative figures);
//! - the **place** in its sentence (the finest, then the nearest), else the
//!   running place (a heading like "Strikes in Syria" or a "Location" row);
//! - the **claimant** speaking in its sentence ("according to X", "X said"),
//!   else the document's own voice (`meta.claimant`, else its site).
//!
//! The dateline ("SOUTHWEST ASIA, Oct. 13, 2018 —") sets the reference date
//! for relative expressions and is never a claim's date. Table rows take their
//! date and place from their own cells, and their metric from the column header.

mod build;
mod context;
mod table;

use super::claimants::{find_perpetrators, find_speakers};
use super::dates::{find_dates, DateMention};
use super::metric::{classify, classify_label, Counted, Inherit};
use super::numbers::{find_numbers, NumberMention};
use super::places::{Gazetteer, PlaceMention};
use super::sentence::split_sentences;
use crate::claim::{Claim, DateBasis, DatePrecision, Metric, Period, Place, PlacePrecision, Scope};
use crate::document::DocumentMeta;
use crate::parse::{BlockKind, ParsedDocument, TextBlock};
use build::Builder;
use context::{default_claimant, Running};

/// Extracts every claim from a parsed document (see the module docs).
pub fn assemble(parsed: &ParsedDocument, meta: &DocumentMeta) -> Vec<Claim> {
    let mut reference = meta.published_at.or(parsed.published);
    let dateline = context::find_dateline(parsed, reference);
    if reference.is_none() {
        reference = dateline
            .as_ref()
            .and_then(|d| d.date)
            .or_else(|| context::opening_date(parsed));
    }
    let claimant = default_claimant(meta, parsed);
    let b = Builder::new(meta, reference, claimant);
    let mut run = Running::default();
    let mut out: Vec<Claim> = Vec::new();
    for (bi, block) in parsed.blocks.iter().enumerate() {
        let skip = dateline
            .as_ref()
            .filter(|d| d.block == bi)
            .map(|d| (d.start, d.end));
        match &block.kind {
            BlockKind::Heading { .. } | BlockKind::Title => {
                // counts in a headline are claims; then the heading sets the context
                prose(
                    &b,
                    block,
                    0,
                    block.text.len(),
                    &mut run,
                    &mut out,
                    skip,
                    None,
                );
                let (dates, places) = mentions(&block.text, reference, skip);
                if is_release_heading(&block.text) && !matches!(block.kind, BlockKind::Title) {
                    // a reproduced release: its date is a publication date, not the strikes'
                    run.release = release_date(&dates);
                    run.period = None;
                } else if let Some(p) = dates.last() {
                    run.period = Some(p.period.clone());
                }
                context::carry(&block.text, &places).apply(&mut run.place);
                if !matches!(block.kind, BlockKind::Title) {
                    context::section_country(&places, &mut run.section_country);
                }
            }
            BlockKind::KeyValue { .. } => {
                table::key_value(&b, parsed, bi, &mut run, &mut out);
            }
            BlockKind::TableRow { .. } => {
                table::table_row(&b, parsed, bi, &mut run, &mut out);
            }
            BlockKind::Paragraph | BlockKind::ListItem if is_release_heading(&block.text) => {
                let (dates, _) = mentions(&block.text, reference, skip);
                run.release = release_date(&dates);
                run.period = None;
            }
            BlockKind::Paragraph | BlockKind::ListItem => {
                prose(
                    &b,
                    block,
                    0,
                    block.text.len(),
                    &mut run,
                    &mut out,
                    skip,
                    None,
                );
            }
        }
    }
    out
}

/// The day a reproduced release is dated (its heading's last one-day date):
/// undated counts beneath it are dated from it as from a publication date.
fn release_date(dates: &[DateMention]) -> Option<jiff::civil::Date> {
    dates
        .last()
        .filter(|d| d.period.start == d.period.end)
        .and_then(|d| d.period.start.parse().ok())
}

/// "Release 20151230-01 — December 30, 2015": the heading of a release
/// reproduced in a compilation (its date is when it was issued).
fn is_release_heading(text: &str) -> bool {
    let l = text.trim_start().to_lowercase();
    text.chars().count() < 100 && (l.starts_with("release ") || l.starts_with("news release "))
}

/// Dates and places of `text`, the dateline span excluded.
fn mentions(
    text: &str,
    reference: Option<jiff::civil::Date>,
    skip: Option<(usize, usize)>,
) -> (Vec<DateMention>, Vec<PlaceMention>) {
    mentions_hinted(text, reference, skip, None)
}

/// [`mentions`], preferring places in `country` ("IQ"/"SY") where a spelling
/// names places in both (the country of the section the text is in).
fn mentions_hinted(
    text: &str,
    reference: Option<jiff::civil::Date>,
    skip: Option<(usize, usize)>,
    country: Option<&str>,
) -> (Vec<DateMention>, Vec<PlaceMention>) {
    let mut dates = find_dates(text, reference);
    if let Some((s, e)) = skip {
        dates.retain(|d| d.end <= s || d.start >= e);
    }
    // "Eastern Ghouta, where the alliance launched its offensive on February 18":
    // the date of what happened there before, not of the count
    dates.retain(|d| !context::in_where_clause(text, d.start));
    // "the highest monthly total since October 2017": a comparison, not a period
    dates.retain(|d| !context::comparison_since(text, d));
    // "in its report of 3 June 2018", "released on Thursday": dates of documents, not events
    dates.retain(|d| {
        let before = text.get(..d.start).unwrap_or("").to_lowercase();
        let before = before.trim_end();
        ![
            "report of",
            "released on",
            "published on",
            // "an investigation published in May 2017", "its report released today"
            "released",
            "published",
            "issued",
            "released in",
            "published in",
            "issued in",
            // "strikes … that closed within the last 24 hours": when they were logged
            "closed within",
            "closed in",
            "that closed",
            "report dated",
            "dated",
            "updated",
            // "officials reported today": the day of the telling
            "reported",
            "said",
            "announced",
            "stated",
        ]
        .iter()
        .any(|k| before.ends_with(k))
    });
    let places = Gazetteer::bundled().find_with_country(text, country);
    (dates, context::drop_partial_places(text, places))
}

/// The finest place, nearest to `near` (a byte offset) among equals.
fn finest(places: &[PlaceMention], near: Option<usize>) -> Option<&PlaceMention> {
    let rank = |p: &Place| match p.precision {
        PlacePrecision::Locality => 0,
        PlacePrecision::Admin2 => 1,
        PlacePrecision::Admin1 => 2,
        PlacePrecision::Country => 3,
        PlacePrecision::Region => 4,
    };
    places.iter().min_by_key(|p| {
        let d = near.map_or(0, |n| p.start.abs_diff(n));
        (rank(&p.place), d)
    })
}

/// The date mention nearest to byte `at`.
fn nearest_date(dates: &[DateMention], at: usize) -> Option<&DateMention> {
    dates.iter().min_by_key(|d| {
        if d.end <= at {
            (at - d.end) * 2
        } else if d.start >= at {
            (d.start - at) * 2 + 1
        } else {
            0
        }
    })
}

/// Per-row context given to [`prose`] for table cells.
#[derive(Clone, Default)]
struct RowContext {
    period: Option<Period>,
    place: Option<Place>,
    attributed_to: Option<String>,
}

/// Claims from running text `block.text[from..to]`, sentence by sentence.
#[allow(clippy::too_many_arguments)]
fn prose(
    b: &Builder,
    block: &TextBlock,
    from: usize,
    to: usize,
    run: &mut Running,
    out: &mut Vec<Claim>,
    skip: Option<(usize, usize)>,
    row: Option<&RowContext>,
) {
    let text = block.text.as_str();
    let section = run.section_country.clone();
    let (dates, places) = mentions_hinted(text, b.reference, skip, section.as_deref());
    let claimants = find_speakers(text);
    let perps = find_perpetrators(text);
    let numbers: Vec<NumberMention> = find_numbers(text)
        .into_iter()
        .filter(|n| n.start >= from && n.end <= to)
        .filter(|n| !dates.iter().any(|d| d.start < n.end && n.start < d.end))
        .filter(|n| skip.is_none_or(|(s, e)| n.end <= s || n.start >= e))
        .collect();
    let seg = text.get(from..to).unwrap_or("");
    let mut block_period: Option<Period> = None;
    let mut block_span: Option<Period> = None;
    // the place carried from earlier blocks, updated sentence by sentence
    let mut block_place: Option<Place> = run.place.clone();
    let first_claim = out.len();
    for (ss, se) in split_sentences(seg) {
        let (ss, se) = (ss + from, se + from);
        let sentence = text.get(ss..se).unwrap_or("");
        let mut s_dates: Vec<DateMention> = dates
            .iter()
            .filter(|d| d.start >= ss && d.end <= se)
            .cloned()
            .collect();
        let mut s_places: Vec<PlaceMention> = places
            .iter()
            .filter(|p| p.start >= ss && p.end <= se)
            .cloned()
            .collect();
        if let Some(c) = &section {
            context::flag_against_section(&mut s_places, c);
        }
        // places and dates of a clause about a part of the victims ("…, most
        // of them in Idlib after September 19") are not the sentence's
        let (whole_dates, whole_places) = (s_dates.clone(), s_places.clone());
        s_dates.retain(|d| !context::in_subset_clause(text, d.start));
        s_places.retain(|p| !context::in_subset_clause(text, p.start));
        let sentence_first = out.len();
        for n in numbers.iter().filter(|n| n.start >= ss && n.end <= se) {
            // a count inside such a clause keeps them
            let (s_dates, s_places) = if context::in_subset_clause(text, n.start) {
                (&whole_dates, &whole_places)
            } else {
                (&s_dates, &s_places)
            };
            // a number right after "Label:" counts what the label says
            let counted = label_before(sentence, n.phrase_start - ss)
                .or_else(|| classify(sentence, n.start - ss, n.phrase_end - ss));
            let Some(mut counted) = counted else { continue };
            let (earlier, block_claims) = out.split_at(first_claim);
            let parent = resolve_inherit(
                &mut counted,
                block_claims,
                sentence_first - first_claim,
                sentence,
                earlier,
            );
            if counted.metric == Metric::Strikes && is_definition(sentence) {
                continue;
            }
            let date = nearest_date(context::event_dates(text, &s_dates), n.start);
            let (period, from_text) = match (date, row.and_then(|r| r.period.clone())) {
                (Some(d), _) => (Some(d.period.clone()), true),
                (None, Some(p)) => (Some(p), true),
                // "… conceded 874 deaths to date": the running total's span stated before
                (None, None) if context::running_total(sentence) => (
                    block_span
                        .clone()
                        .or_else(|| run.span.clone())
                        .or_else(|| block_period.clone())
                        .or_else(|| run.period.clone()),
                    false,
                ),
                (None, None) => (block_period.clone().or_else(|| run.period.clone()), false),
            };
            let period = period.map(|p| context::refine_period(sentence, p, b.reference));
            let scope = scope_of(sentence, period.as_ref(), None, row.is_some());
            let period = period.or_else(|| {
                run.release
                    .and_then(|r| b.default_period(counted.metric, scope, Some(r)))
            });
            let place = context::place_of(text, &s_places, n.start)
                .map(|p| p.place.clone())
                .or_else(|| row.and_then(|r| r.place.clone()))
                .or_else(|| block_place.clone());
            let claimant = claimants
                .iter()
                .filter(|c| c.speaks && c.start >= ss && c.end <= se)
                .min_by_key(|c| super::claimants::speaker_distance(text, c, n.start))
                .filter(|c| !c.own_voice)
                .map(|c| c.claimant.clone());
            let strike_effect = matches!(
                counted.metric,
                Metric::Strikes
                    | Metric::Engagements
                    | Metric::Struck
                    | Metric::Destroyed
                    | Metric::Damaged
            );
            let attributed = perps
                .iter()
                .filter(|p| p.start >= ss && p.end <= se && !p.is_object(text))
                .min_by_key(|p| p.start.abs_diff(n.start))
                .map(|p| p.name.clone())
                .or_else(|| row.and_then(|r| r.attributed_to.clone()));
            // strike effects without a party of their own are the last striker's
            let attributed = match (attributed, strike_effect) {
                (Some(a), true) => {
                    run.striker = Some(a.clone());
                    Some(a)
                }
                // a coalition's own release reports its own strikes
                (None, true) => run
                    .striker
                    .clone()
                    .or_else(|| (b.claimant.name == "CJTF-OIR").then(|| "Coalition".to_string())),
                (a, false) => a,
            };
            let scope = scope_of(sentence, period.as_ref(), place.as_ref(), row.is_some());
            let parent_id = parent.or_else(|| {
                counted
                    .subset
                    .then(|| {
                        out[sentence_first..]
                            .iter()
                            .rev()
                            .find(|c| c.parent_claim_id.is_none())
                    })
                    .flatten()
                    .map(|c| c.claim_id.clone())
            });
            let _ = from_text;
            let claim = b.claim(
                block,
                n,
                &counted,
                (ss, se),
                period,
                place,
                claimant,
                attributed,
                scope,
                parent_id,
            );
            out.push(claim);
        }
        if let Some(d) = s_dates.iter().rev().find(|d| context::carries_period(d)) {
            block_period = Some(d.period.clone());
        }
        if let Some(d) = s_dates.iter().rev().find(|d| !context::carries_period(d)) {
            block_span = Some(d.period.clone());
        }
        context::carry(text, &s_places).apply(&mut block_place);
    }
    if row.is_none() {
        context::leave_section(&places, &mut run.section_country);
        if let Some(p) = block_period {
            run.period = Some(p);
        }
        if let Some(p) = block_span {
            run.span = Some(p);
        }
        run.place = block_place;
    }
}

/// "Civilians reported killed: 3–7" flattened into a paragraph: the label before the colon.
fn label_before(sentence: &str, phrase_start: usize) -> Option<Counted> {
    let before = sentence.get(..phrase_start)?.trim_end();
    let label = before.strip_suffix(':')?;
    let label = label
        .rsplit(|c: char| matches!(c, '|' | '.' | ';' | ':') || c.is_ascii_digit())
        .next()
        .unwrap_or(label);
    // key/value rows flattened into one paragraph ("… US-led Coalition
    // Civilians reported killed: 3–7"): the label is the last few words
    let words: Vec<&str> = label.split_whitespace().collect();
    let label = words[words.len().saturating_sub(4)..].join(" ");
    classify_label(&label)
}

/// The CJTF-OIR definition of a strike is boilerplate, not a count.
fn is_definition(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    l.contains("define a strike")
        || l.contains("is one strike")
        || l.contains("definition of a strike")
}

/// Fills what a claim takes from the claim before it; returns the parent id for subsets.
fn resolve_inherit(
    c: &mut Counted,
    block_claims: &[Claim],
    sentence_first: usize,
    sentence: &str,
    earlier: &[Claim],
) -> Option<String> {
    let prev_people = block_claims
        .iter()
        .rev()
        .find(|p| p.subject.is_some() && p.parent_claim_id.is_none());
    let in_sentence = block_claims.get(sentence_first..).unwrap_or(&[]);
    let parent = in_sentence
        .iter()
        .rev()
        .find(|p| p.parent_claim_id.is_none());
    match c.inherit {
        Inherit::Nothing => {}
        Inherit::Subject => {
            // "Of the victims, 1,011 were killed": whose, the block says, else
            // the classifier's fallback ("the toll" is the civilian toll), else
            // the sentence, else the paragraphs before (unless another voice
            // reports the number: "Halab Today TV reported seven dead")
            let low = sentence.to_lowercase();
            let reported = [" reported ", " said ", " says ", " told "]
                .iter()
                .any(|k| low.contains(k));
            let s = prev_people
                .and_then(|p| p.subject)
                .or(c.fallback_subject)
                .unwrap_or(if low.contains("civilian") {
                    crate::claim::Subject::Civilians
                } else {
                    earlier
                        .iter()
                        .rev()
                        .filter(|_| !reported)
                        .find(|p| p.subject.is_some() && p.parent_claim_id.is_none())
                        .and_then(|p| p.subject)
                        .unwrap_or(crate::claim::Subject::Unknown)
                });
            c.subject = Some(s);
            c.rule = format!("{}.{}", c.rule, super::metric::subject_name(s));
        }
        Inherit::All => {
            let src = if c.subset {
                parent
            } else {
                in_sentence.last().or(block_claims.last())
            };
            let src = src?;
            c.metric = src.metric;
            if c.subject.is_none() {
                c.subject = src.subject;
            }
            c.object = src.object.clone();
            c.rule = "metric.inherited".into();
        }
        Inherit::Metric => {
            if let Some(p) = parent {
                if matches!(
                    p.metric,
                    Metric::Killed | Metric::Injured | Metric::Casualties | Metric::Missing
                ) {
                    c.metric = p.metric;
                }
            }
        }
    }
    if c.subset {
        parent.map(|p| p.claim_id.clone())
    } else {
        None
    }
}

/// Incident, period total or cumulative.
fn scope_of(sentence: &str, period: Option<&Period>, place: Option<&Place>, in_row: bool) -> Scope {
    let l = sentence.to_lowercase();
    let cumulative = [
        "since ",
        "to date",
        "so far",
        "in total",
        "overall",
        "cumulative",
        "a total of",
        "from august 2014",
        "between august 2014",
    ]
    .iter()
    .any(|k| l.contains(k))
        || period.is_some_and(|p| {
            p.start.as_str() <= "2014-08-08" && p.precision == DatePrecision::Range
        });
    if cumulative {
        return Scope::Cumulative;
    }
    let day = period
        .is_some_and(|p| p.precision == DatePrecision::Day && p.basis != DateBasis::Publication);
    let local = place.is_some_and(|p| {
        matches!(
            p.precision,
            PlacePrecision::Locality | PlacePrecision::Admin2
        )
    });
    if day && (local || in_row) {
        Scope::Incident
    } else {
        Scope::PeriodTotal
    }
}

/// Byte offset of char `c` in `text` (clamped to the end).
pub(crate) fn char_to_byte(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

/// Char offset of byte `b` in `text`.
pub(crate) fn byte_to_char(text: &str, b: usize) -> usize {
    text.get(..b)
        .map_or_else(|| text.chars().count(), |s| s.chars().count())
}

#[cfg(test)]
mod tests;
