//! The frame of a table: what the blocks around it (caption, heading,
//! introducing paragraph, section heading, title, the document's opening)
//! say about all of its rows.

use super::super::{finest, mentions, Builder};
use crate::claim::{Claim, Metric, Period, Place, PlacePrecision, Subject};
use crate::extract::metric::{classify_label, metric_name, subject_name, Counted};
use crate::parse::{BlockKind, ParsedDocument, TextBlock};

/// What the blocks around a table say about all of its rows.
#[derive(Debug, Default)]
pub(super) struct Frame {
    /// Texts that frame the table: caption or heading right above it, an
    /// introducing paragraph, the heading of its section.
    pub texts: Vec<String>,
    /// The caption, heading or introducing paragraph right above the rows.
    pub near: Option<String>,
    /// The title (or first heading) of the document.
    pub title: Option<String>,
    /// The one country the document's opening names.
    pub country: Option<Place>,
    /// The document's headline victims: its last top-level death count with a known subject.
    pub victims: Option<Subject>,
}

/// A paragraph that introduces the table below it.
pub(super) fn introduces_table(text: &str) -> bool {
    let l = text.to_lowercase();
    l.trim_end().ends_with(':')
        || ["table", "below", "following", "chart"]
            .iter()
            .any(|k| l.split(|c: char| !c.is_alphanumeric()).any(|w| w == *k))
}

/// The frame of the table whose row is block `bi`.
pub(super) fn frame(parsed: &ParsedDocument, bi: usize, out: &[Claim]) -> Frame {
    let blocks = parsed.blocks.get(..bi).unwrap_or(&[]);
    let row_kind = |b: &TextBlock| std::mem::discriminant(&b.kind);
    let kind = parsed.blocks.get(bi).map(row_kind);
    let mut i = blocks.len();
    // back over the rows of the same table (or key/value list)
    while i > 0 && blocks.get(i - 1).map(row_kind) == kind {
        i -= 1;
    }
    let mut texts = Vec::new();
    let mut near = None;
    let mut j = i;
    // the block right above the rows: a caption/heading or an introducing paragraph
    if let Some(b) = j.checked_sub(1).and_then(|k| blocks.get(k)) {
        let heading = matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Title);
        if heading || introduces_table(&b.text) {
            texts.push(b.text.clone());
            near = Some(b.text.clone());
            j -= 1;
        }
    }
    // the heading of the section the table sits in
    if let Some(h) = blocks[..j]
        .iter()
        .rev()
        .find(|b| matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Title))
    {
        if !texts.contains(&h.text) {
            texts.push(h.text.clone());
        }
    }
    let title = parsed.title.clone().or_else(|| {
        parsed
            .blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Title))
            .map(|b| b.text.clone())
    });
    let opening: Vec<&str> = title
        .iter()
        .map(String::as_str)
        .chain(
            parsed
                .blocks
                .iter()
                .filter(|b| !matches!(b.kind, BlockKind::TableRow { .. }))
                .take(3)
                .map(|b| b.text.as_str()),
        )
        .collect();
    let victims = out
        .iter()
        .rev()
        .filter(|c| c.metric == Metric::Killed && c.parent_claim_id.is_none())
        .find_map(|c| c.subject.filter(|s| *s != Subject::Unknown));
    let country = one_country(&opening);
    Frame {
        texts,
        near,
        title,
        country,
        victims,
    }
}

/// The one country the texts name (a region or two countries: none).
pub(super) fn one_country(texts: &[&str]) -> Option<Place> {
    let mut found: Option<Place> = None;
    for t in texts {
        let (_, places) = mentions(t, None, None);
        for p in places {
            match p.place.precision {
                PlacePrecision::Country => match &found {
                    Some(f) if f.name != p.place.name => return None,
                    Some(_) => {}
                    None => found = Some(p.place),
                },
                PlacePrecision::Region => return None,
                _ => {}
            }
        }
    }
    found
}

impl Frame {
    /// The people the frame names ("Civilian death toll by governorate").
    pub(super) fn subject(&self) -> Option<Subject> {
        self.texts
            .iter()
            .filter_map(|t| classify_label(t).and_then(|c| c.subject))
            .find(|s| *s != Subject::Unknown)
    }

    /// The frame's period: the last date of its nearest text that has one.
    pub(super) fn period(&self, b: &Builder) -> Option<Period> {
        self.texts.iter().find_map(|t| {
            mentions(t, b.reference, None)
                .0
                .last()
                .map(|d| d.period.clone())
        })
    }

    /// The frame's place: the finest the block right above the rows names
    /// (a section heading further up may be a headline about one town).
    pub(super) fn place(&self) -> Option<Place> {
        let t = self.near.as_deref()?;
        let (_, places) = mentions(t, None, None);
        finest(&places, None).map(|p| p.place.clone())
    }
}

/// Gives a count of harm whose header named no one ("Victims", "Injured")
/// the frame's people, else the document's headline victims.
pub(super) fn fill_subject(counted: &mut Counted, frame: &Frame) {
    let harm = matches!(
        counted.metric,
        Metric::Killed | Metric::Injured | Metric::Casualties
    );
    if counted.subject != Some(Subject::Unknown) || !harm {
        return;
    }
    if let Some(s) = frame.subject().or(frame.victims) {
        counted.subject = Some(s);
        counted.rule = format!(
            "label.{}.{}.table",
            metric_name(counted.metric),
            subject_name(s)
        );
    }
}
