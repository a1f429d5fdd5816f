//! Numbers in text: digits (`1,139`, `1 139`, `2.5 million`), words (`twelve`,
//! `one hundred and five`, `a thousand`), qualifiers (`at least`, `nearly`),
//! ranges (`7,316 to 11,637`, `between 2,232 and 2,961`, `2–6`, `five or six`)
//! and vague counts (`dozens`), with the numbers that are *not* counts masked:
//! years, dates, times, ordinals, list numbering, report and incident ids,
//! coordinates, percentages, phone numbers, money, page and resolution numbers,
//! ages, aircraft designations and URLs.
//!
//! Offsets are bytes into the text; the assembler converts them to chars.
//!
//! # Vague counts
//! A vague count gets qualifier `vague`, no `value`, and bounds from this table
//! (recorded in `Estimate::normalisation`):
//!
//! | words | qualifier | low |
//! | --- | --- | --- |
//! | a few | vague | 2 |
//! | several | vague | 3 |
//! | a dozen | approximately | value 12 |
//! | dozens | vague | 24 |
//! | scores (of) | vague | 40 |
//! | hundreds | vague | 200 |
//! | thousands | vague | 2,000 |
//! | tens of thousands | vague | 20,000 |
//! | hundreds of thousands | vague | 200,000 |
//! | several dozen / hundred / thousand | vague | 3 × unit |
//!
//! `high` stays null: "hundreds" may well mean 1,200.

pub(crate) mod lex;
mod words;

use crate::claim::Qualifier;
use lex::{lex, Kind, Token};
use words::{COUNT_NOUNS, ID_PREFIXES, MONTHS, OVER_VERBS, PREFIXES, TENS, UNITS, YEAR_PREFIXES};

/// One count found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Byte offset of the number as written (the first number of a range).
    pub start: usize,
    /// Byte offset just past the number (the last number of a range).
    pub end: usize,
    /// Byte offset where the phrase starts, qualifier included ("at least 1,139").
    pub phrase_start: usize,
    /// Byte offset where the phrase ends (a trailing "or more" included).
    pub phrase_end: usize,
    /// The single stated number; None for ranges and vague counts.
    pub value: Option<u64>,
    /// Lowest value consistent with the text.
    pub low: Option<u64>,
    /// Highest value consistent with the text.
    pub high: Option<u64>,
    /// How the text qualifies the number.
    pub qualifier: Qualifier,
    /// The qualifier words as written, lower-cased ("nearly", "close to"), so
    /// consumers can tell "about" from "nearly" inside `approximately`.
    pub qualifier_text: Option<String>,
    /// For vague counts, the normalisation rule applied.
    pub normalisation: Option<&'static str>,
}

impl NumberMention {
    /// The rule name of the number part, e.g. `count.at_least`.
    pub fn rule(&self) -> &'static str {
        match self.qualifier {
            Qualifier::Exact => "count.exact",
            Qualifier::AtLeast => "count.at_least",
            Qualifier::MoreThan => "count.more_than",
            Qualifier::AtMost => "count.at_most",
            Qualifier::FewerThan => "count.fewer_than",
            Qualifier::Approximately => "count.approximately",
            Qualifier::Range => "count.range",
            Qualifier::Vague => "count.vague",
        }
    }
}

/// Options for [`find_numbers_with`].
#[derive(Debug, Clone, Copy, Default)]
pub struct NumberOptions {
    /// Keep four-digit numbers that look like years (a table cell under a
    /// count header is a count even when it reads `2015`).
    pub keep_years: bool,
}

/// Finds every count in `text` (years, dates, ids … masked).
pub fn find_numbers(text: &str) -> Vec<NumberMention> {
    find_numbers_with(text, NumberOptions::default())
}

/// Finds every count in `text` with `opts`.
pub fn find_numbers_with(text: &str, opts: NumberOptions) -> Vec<NumberMention> {
    let toks = lex(text);
    let urls = url_spans(text);
    let mut out = Vec::new();
    let mut i = 0;
    let mut chain_mask = false;
    while i < toks.len() {
        let Some(core) = core_number(text, &toks, i, opts) else {
            // a word other than "and" breaks a chain of masked list items
            if toks[i].kind == Kind::Word && lower(text, &toks[i]) != "and" {
                chain_mask = false;
            }
            i += 1;
            continue;
        };
        let next = core.next;
        let in_url = urls
            .iter()
            .any(|&(a, b)| toks[i].start >= a && toks[i].start < b);
        let masked = match core.mask {
            Mask::None => chain_mask && chained_from_prev(text, &toks, i),
            Mask::Chain => {
                chain_mask = true;
                true
            }
            Mask::Plain => true,
        };
        if masked || in_url {
            // a masked date or id takes its range tail with it ("Nov. 18-24")
            let between = prev_word(text, &toks, i).as_deref() == Some("between");
            i = match range_tail(text, &toks, next, opts, between) {
                Some((_, after)) => after,
                None => next.max(i + 1),
            };
            continue;
        }
        chain_mask = false;
        let mut m = core.mention;
        let mut j = next;
        // Ranges: "5-7", "5 to 7", "between 5 and 7", "five or six".
        if m.qualifier != Qualifier::Vague {
            let between = prev_word(text, &toks, i).as_deref() == Some("between");
            if let Some((hi, after)) = range_tail(text, &toks, j, opts, between) {
                if let (Some(lo), Some(h)) = (m.value, hi.value) {
                    if h > lo {
                        m.value = None;
                        m.low = Some(lo);
                        m.high = Some(h);
                        m.qualifier = Qualifier::Range;
                        m.end = hi.end;
                        m.phrase_end = hi.end;
                        j = after;
                    }
                }
            }
        }
        apply_prefix(text, &mut m);
        apply_postfix(text, &toks, j, &mut m, &mut j);
        bound_by_qualifier(&mut m);
        out.push(m);
        i = j.max(i + 1);
    }
    out
}

/// Sets `low`/`high` from the qualifier, as the claim contract defines them:
/// "at least 1,139" → low 1139, high open; "up to 12" → high 12, low open;
/// "about 300" → neither bound is known; a plain number bounds itself.
fn bound_by_qualifier(m: &mut NumberMention) {
    match m.qualifier {
        Qualifier::Exact => {
            m.low = m.value;
            m.high = m.value;
        }
        Qualifier::AtLeast | Qualifier::MoreThan => {
            m.low = m.value;
            m.high = None;
        }
        Qualifier::AtMost | Qualifier::FewerThan => {
            m.low = None;
            m.high = m.value;
        }
        Qualifier::Approximately => {
            m.low = None;
            m.high = None;
        }
        Qualifier::Range | Qualifier::Vague => {}
    }
}

/// What to do with a number found at a token.
enum Mask {
    /// A count.
    None,
    /// Not a count.
    Plain,
    /// Not a count, and neither are numbers listed after it ("resolutions 2139, 2254 and 2401").
    Chain,
}

/// A number starting at a token, before ranges and qualifiers are applied.
struct Core {
    /// The number itself.
    mention: NumberMention,
    /// Index of the first token after it.
    next: usize,
    /// Whether it is masked as a non-count.
    mask: Mask,
}

fn lower(text: &str, t: &Token) -> String {
    text.get(t.start..t.end).unwrap_or("").to_lowercase()
}

fn tok_str<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

fn is_list_sep(text: &str, t: &Token) -> bool {
    matches!(tok_str(text, t), "," | "&")
}

/// True when the tokens between the previous number and token `i` are only
/// list separators, so a mask can carry over.
fn chained_from_prev(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(p) = i.checked_sub(1).and_then(|k| toks.get(k)) else {
        return false;
    };
    is_list_sep(text, p) || lower(text, p) == "and"
}

/// Whether a lower-case word is a count on its own ("seven", "twenty-five",
/// "hundred", "dozens", "several"): what a noun phrase it opens counts.
pub fn is_count_word(w: &str) -> bool {
    word_value(w).is_some()
        || scale_value(w).is_some()
        || matches!(
            w,
            "dozen" | "dozens" | "scores" | "hundreds" | "thousands" | "several" | "few" | "many"
        )
}

/// Value of a single number word ("seven", "forty", "twenty-five").
fn word_value(w: &str) -> Option<u64> {
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u64);
    }
    if let Some(i) = TENS.iter().position(|u| *u == w) {
        return Some(20 + 10 * i as u64);
    }
    let (a, b) = w.split_once('-')?;
    let t = TENS.iter().position(|u| *u == a)?;
    let u = UNITS
        .iter()
        .position(|u| *u == b)
        .filter(|&u| (1..10).contains(&u))?;
    Some(20 + 10 * t as u64 + u as u64)
}

fn scale_value(w: &str) -> Option<u64> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        "billion" => Some(1_000_000_000),
        _ => None,
    }
}

fn is_month(w: &str) -> bool {
    MONTHS.contains(&w)
}

fn word_at(text: &str, toks: &[Token], i: usize) -> Option<String> {
    toks.get(i)
        .filter(|t| t.kind == Kind::Word)
        .map(|t| tok_str(text, t).to_lowercase())
}

fn punct_at<'a>(text: &'a str, toks: &[Token], i: usize) -> Option<&'a str> {
    toks.get(i)
        .filter(|t| t.kind == Kind::Punct)
        .map(|t| tok_str(text, t))
}

/// Parses digits as written: `1139`, `1,139`, `2.5` (decimal only with a scale).
fn digits_value(s: &str) -> Option<(u64, bool)> {
    if s.contains('.') {
        let (a, b) = s.split_once('.')?;
        if a.is_empty() || b.is_empty() || b.contains(['.', ',']) || a.contains(',') {
            return None;
        }
        return Some((0, true));
    }
    if s.contains(',') {
        let mut parts = s.split(',');
        let first = parts.next()?;
        if first.is_empty() || first.len() > 3 || (first.starts_with('0')) {
            return None;
        }
        let mut v: u64 = first.parse().ok()?;
        for p in parts {
            if p.len() != 3 {
                return None;
            }
            v = v.checked_mul(1000)?.checked_add(p.parse().ok()?)?;
        }
        return Some((v, false));
    }
    if s.len() > 1 && s.starts_with('0') {
        return None;
    }
    if s.len() > 12 {
        return None;
    }
    Some((s.parse().ok()?, false))
}

fn decimal_times(s: &str, scale: u64) -> Option<u64> {
    let (a, b) = s.split_once('.')?;
    let ia: u64 = a.parse().ok()?;
    let frac: f64 = format!("0.{b}").parse().ok()?;
    Some(ia.checked_mul(scale)? + (frac * scale as f64).round() as u64)
}

fn blank(m_start: usize, m_end: usize) -> NumberMention {
    NumberMention {
        start: m_start,
        end: m_end,
        phrase_start: m_start,
        phrase_end: m_end,
        value: None,
        low: None,
        high: None,
        qualifier: Qualifier::Exact,
        qualifier_text: None,
        normalisation: None,
    }
}

/// Parses the number starting at token `i`, if any, with its mask.
fn core_number(text: &str, toks: &[Token], i: usize, opts: NumberOptions) -> Option<Core> {
    let t = toks.get(i)?;
    match t.kind {
        Kind::Digits => digits_core(text, toks, i, opts),
        Kind::Word => word_core(text, toks, i),
        _ => None,
    }
}

fn digits_core(text: &str, toks: &[Token], i: usize, opts: NumberOptions) -> Option<Core> {
    let t = &toks[i];
    let raw = tok_str(text, t);
    let mut end = t.end;
    let mut next = i + 1;
    let mut mask = Mask::None;
    let parsed = digits_value(raw);
    let mut value = parsed.map(|p| p.0);
    let is_decimal = parsed.is_some_and(|p| p.1);
    // "1 139": thousands separated by a single space.
    if !is_decimal && raw.len() <= 3 && !raw.contains(',') {
        let mut k = i + 1;
        let mut v = value.unwrap_or(0);
        while let Some(n) = toks.get(k) {
            let gap = text.get(end..n.start).unwrap_or("");
            let s = tok_str(text, n);
            if n.kind == Kind::Digits
                && matches!(gap, " " | "\u{a0}" | "\u{202f}")
                && s.len() == 3
                && s.bytes().all(|b| b.is_ascii_digit())
                && !toks
                    .get(k + 1)
                    .is_some_and(|x| x.start == n.end && tok_str(text, x) == "-")
            {
                v = v * 1000 + s.parse::<u64>().unwrap_or(0);
                end = n.end;
                k += 1;
            } else {
                break;
            }
        }
        if k > i + 1 {
            value = Some(v);
            next = k;
        }
    }
    // Scale words: "2.5 million", "3 thousand".
    if let Some(sc) = word_at(text, toks, next).and_then(|w| scale_value(&w)) {
        if sc >= 1000 {
            value = if is_decimal {
                decimal_times(raw, sc)
            } else {
                value.and_then(|v| v.checked_mul(sc))
            };
            end = toks[next].end;
            next += 1;
        }
    } else if is_decimal {
        value = None;
    }
    let mut m = blank(t.start, end);
    m.value = value;
    m.low = value;
    m.high = value;
    if value.is_none() {
        mask = Mask::Plain;
    }
    let prev = i.checked_sub(1).and_then(|k| toks.get(k));
    let glued_prev = prev.is_some_and(|p| p.end == t.start);
    let prev_s = prev.map(|p| tok_str(text, p)).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    let next_tok = toks.get(next);
    let glued_next = next_tok.is_some_and(|n| n.start == end);
    let next_s = next_tok.map(|n| tok_str(text, n)).unwrap_or("");
    // Aircraft and codes: "MQ-9", "F/A-18", "COVID-19"; phone "+44"; money; "#3".
    if glued_prev {
        if let Some(p2) = i.checked_sub(2).and_then(|k| toks.get(k)) {
            if matches!(prev_s, "-" | "/" | "." | ":" | "_")
                && p2.end == prev.map_or(0, |p| p.start)
                && matches!(p2.kind, Kind::Word | Kind::Alnum)
            {
                mask = Mask::Plain;
            }
        }
        if matches!(
            prev_s,
            "+" | "$" | "€" | "£" | "#" | "№" | "/" | ":" | "." | "_" | "@"
        ) {
            mask = Mask::Plain;
        }
        if prev_s == "+" {
            // international phone number: swallow its digit groups
            while let Some(n) = toks.get(next) {
                let gap = text.get(toks[next - 1].end..n.start).unwrap_or("x");
                if n.kind == Kind::Digits && gap.chars().all(|c| c == ' ' || c == '-') {
                    next += 1;
                } else {
                    break;
                }
            }
        }
    }
    if matches!(prev_s, "$" | "€" | "£") {
        mask = Mask::Plain;
    }
    // Grid references: "38SMB 12345 67890".
    if prev.is_some_and(|p| p.kind == Kind::Alnum) && raw.len() >= 4 && !raw.contains(',') {
        mask = Mask::Plain;
        while toks
            .get(next)
            .is_some_and(|n| n.kind == Kind::Digits && n.end - n.start == raw.len())
        {
            next += 1;
        }
    }
    // Glued continuations: ids "20180404-02", times "10:30", "36°", "12%".
    if glued_next {
        match next_s {
            "%" | "°" | "′" | "'" | "/" | "_" | "@" => mask = Mask::Plain,
            ":" | "." | "-" | "–" => {
                if let Some(n2) = toks.get(next + 1) {
                    if n2.start == next_tok.map_or(0, |n| n.end)
                        && matches!(n2.kind, Kind::Digits | Kind::Alnum)
                    {
                        let s2 = tok_str(text, n2);
                        let is_range = matches!(next_s, "-" | "–")
                            && n2.kind == Kind::Digits
                            && !s2.starts_with('0')
                            // "477–1,782": separators mark counts; long bare runs are ids
                            && (raw.len() < 5 || raw.contains(','))
                            && (s2.len() < 5 || s2.contains(','))
                            && !(raw.len() == 4 && s2.len() <= 2 && looks_year(raw))
                            && !toks
                                .get(next + 2)
                                .is_some_and(|n3| n3.start == n2.end && tok_str(text, n3) == "-");
                        if !is_range {
                            mask = Mask::Plain;
                            // swallow the whole id
                            let mut k = next + 1;
                            while let Some(x) = toks.get(k) {
                                if x.start != toks[k - 1].end {
                                    break;
                                }
                                k += 1;
                            }
                            next = k;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let low_after = after.trim_start().to_lowercase();
    if low_after.starts_with("percent")
        || low_after.starts_with("per cent")
        || low_after.starts_with("a.m")
        || low_after.starts_with("p.m")
        || starts_word(&low_after, "am")
        || starts_word(&low_after, "pm")
        || starts_word(&low_after, "hrs")
        || starts_word(&low_after, "gmt")
        || starts_word(&low_after, "utc")
        || low_after.starts_with("dollars")
        || low_after.starts_with("usd")
        || low_after.starts_with("euros")
        || low_after.starts_with("-year-old")
        || low_after.starts_with("year-old")
        || low_after.starts_with("years old")
        || low_after.starts_with("-years-old")
    {
        mask = Mask::Plain;
    }
    // Dates: "Aug. 4", "4 August", "Nov. 18-24".
    let prev_word = prev_word(text, toks, i);
    if prev_word.as_deref().is_some_and(is_month)
        || word_at(text, toks, next).as_deref().is_some_and(is_month)
    {
        mask = Mask::Plain;
    }
    // Ordinal-ish: "the 3rd" lexes as Alnum, never here.
    // Identifiers: "Resolution 2401", "Release No. 20180404-02", "aged 12", "page 3".
    if let Some(w) = prev_word.as_deref() {
        if ID_PREFIXES.contains(&w) {
            mask = Mask::Chain;
        }
        if matches!(w, "grid" | "mgrs" | "coordinates") {
            mask = Mask::Plain;
        }
    }
    // "(12)" after a name: an age; "(202) 555" a phone code.
    if prev_s == "(" && next_s == ")" && glued_prev && glued_next {
        mask = Mask::Plain;
    }
    // List numbering: "1." or "1)" opening the block or a line.
    if (i == 0 || text.get(..t.start).is_some_and(|b| b.ends_with('\n')))
        && matches!(next_s, "." | ")")
        && glued_next
    {
        mask = Mask::Plain;
    }
    // Years: "in 2017", "2014–2018" (unless followed by a count noun: "2015 civilians").
    if !opts.keep_years && looks_year(raw) && end == t.end {
        let noun = word_at(text, toks, next);
        let counts = noun.as_deref().is_some_and(|n| COUNT_NOUNS.contains(&n))
            && !prev_word
                .as_deref()
                .is_some_and(|p| YEAR_PREFIXES.contains(&p));
        if !counts {
            mask = Mask::Plain;
        }
    }
    if raw.len() > 9 && !raw.contains(',') {
        mask = Mask::Plain;
    }
    Some(Core {
        mention: m,
        next,
        mask,
    })
}

fn starts_word(s: &str, w: &str) -> bool {
    s.strip_prefix(w)
        .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

fn looks_year(raw: &str) -> bool {
    raw.len() == 4 && raw.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// The word before token `i`, skipping one "." ("No. 5", "Aug. 4").
fn prev_word(text: &str, toks: &[Token], i: usize) -> Option<String> {
    let mut k = i.checked_sub(1)?;
    if punct_at(text, toks, k) == Some(".") {
        k = k.checked_sub(1)?;
    }
    word_at(text, toks, k)
}

/// Words that never count alone when they start a number phrase ("one of them").
fn word_core(text: &str, toks: &[Token], i: usize) -> Option<Core> {
    let w0 = word_at(text, toks, i)?;
    if let Some(c) = vague_core(text, toks, i, &w0) {
        return Some(c);
    }
    let mut k = i;
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut any = false;
    let mut end = toks[i].start;
    let mut last_end = end;
    // "a hundred", "a thousand", "a dozen"
    if w0 == "a" {
        match word_at(text, toks, i + 1).as_deref() {
            Some(s) if scale_value(s).is_some() => {
                current = 1;
                k = i + 1;
            }
            Some("dozen") => {
                let mut m = blank(toks[i].start, toks[i + 1].end);
                m.value = Some(12);
                m.low = Some(12);
                m.high = Some(12);
                m.qualifier = Qualifier::Approximately;
                m.qualifier_text = Some("a dozen".into());
                return Some(Core {
                    mention: m,
                    next: i + 2,
                    mask: Mask::None,
                });
            }
            _ => return None,
        }
    }
    let mut expect_and = false;
    while let Some(w) = word_at(text, toks, k) {
        if let Some(v) = word_value(&w) {
            if current % 100 != 0 && current % 100 >= 20 && v < 10 && v > 0 {
                current += v; // "twenty five"
            } else if current % 100 != 0 && !expect_and {
                break;
            } else {
                current += v;
            }
            any = true;
            expect_and = false;
            last_end = toks[k].end;
            k += 1;
        } else if let Some(sc) = scale_value(&w) {
            if current == 0 && !any && w0 != "a" {
                break;
            }
            if sc == 100 {
                current *= 100;
            } else {
                total += current * sc;
                current = 0;
            }
            any = true;
            expect_and = true;
            last_end = toks[k].end;
            k += 1;
        } else if w == "and"
            && expect_and
            && word_at(text, toks, k + 1)
                .and_then(|x| word_value(&x))
                .is_some()
        {
            k += 1;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    end = end.max(last_end);
    let v = total + current;
    let mut m = blank(toks[i].start, end);
    m.value = Some(v);
    m.low = Some(v);
    m.high = Some(v);
    let mut mask = Mask::None;
    // "one or more", "no one", "one another": not counts.
    if w0 == "one" && k == i + 1 {
        let nw = word_at(text, toks, k);
        let pw = prev_word(text, toks, i);
        if matches!(
            nw.as_deref(),
            Some("or" | "another" | "of" | "day" | "side" | "way")
        ) || matches!(pw.as_deref(), Some("no" | "any" | "each" | "every"))
        {
            mask = Mask::Plain;
        }
    }
    if word_at(text, toks, k).as_deref().is_some_and(is_month)
        || prev_word(text, toks, i)
            .as_deref()
            .is_some_and(|p| ID_PREFIXES.contains(&p))
    {
        mask = Mask::Plain;
    }
    if text.get(end..).is_some_and(|a| {
        a.to_lowercase().starts_with("-year-old") || a.to_lowercase().starts_with(" years old")
    }) {
        mask = Mask::Plain;
    }
    Some(Core {
        mention: m,
        next: k,
        mask,
    })
}

/// The vague-count table (see the module docs).
fn vague_core(text: &str, toks: &[Token], i: usize, w0: &str) -> Option<Core> {
    let w1 = word_at(text, toks, i + 1);
    let w2 = word_at(text, toks, i + 2);
    let (n, low, rule): (usize, u64, &'static str) = match (w0, w1.as_deref(), w2.as_deref()) {
        ("tens", Some("of"), Some("thousands")) => (3, 20_000, "tens of thousands → low 20000"),
        ("hundreds", Some("of"), Some("thousands")) => {
            (3, 200_000, "hundreds of thousands → low 200000")
        }
        ("several", Some("dozen"), _) => (2, 36, "several dozen → low 36"),
        ("several", Some("hundred"), _) => (2, 300, "several hundred → low 300"),
        ("several", Some("thousand"), _) => (2, 3_000, "several thousand → low 3000"),
        ("several", _, _) => (1, 3, "several → low 3"),
        ("a", Some("few"), _) => (2, 2, "a few → low 2"),
        ("dozens", _, _) => (1, 24, "dozens → low 24"),
        ("scores", Some("of"), _) => (1, 40, "scores → low 40"),
        ("hundreds", _, _) => (1, 200, "hundreds → low 200"),
        ("thousands", _, _) => (1, 2_000, "thousands → low 2000"),
        _ => return None,
    };
    let last = toks.get(i + n - 1)?;
    let mut m = blank(toks[i].start, last.end);
    m.low = Some(low);
    m.qualifier = Qualifier::Vague;
    m.normalisation = Some(rule);
    Some(Core {
        mention: m,
        next: i + n,
        mask: Mask::None,
    })
}

/// A second number closing a range at token `j` ("-7", " to 7", " and 7", " or 7").
fn range_tail(
    text: &str,
    toks: &[Token],
    j: usize,
    opts: NumberOptions,
    between: bool,
) -> Option<(NumberMention, usize)> {
    let sep = toks.get(j)?;
    let s = tok_str(text, sep).to_lowercase();
    if !matches!(s.as_str(), "-" | "–" | "—" | "to" | "and" | "or") {
        return None;
    }
    let core = core_number(text, toks, j + 1, opts)?;
    if !matches!(core.mask, Mask::None) || core.mention.qualifier == Qualifier::Vague {
        return None;
    }
    if (s == "and") != between {
        // "and" closes only "between A and B"; "between" needs "and"
        return None;
    }
    Some((core.mention, core.next))
}

fn apply_prefix(text: &str, m: &mut NumberMention) {
    let before = text.get(..m.start).unwrap_or("");
    let lb = before.to_lowercase();
    let trimmed = lb.trim_end();
    let mut start_cut = m.start;
    // "between A and B", "from A to B"
    if m.qualifier == Qualifier::Range {
        for w in ["between", "from"] {
            if ends_with_word(trimmed, w) {
                m.qualifier_text = Some(w.to_string());
                m.phrase_start = trimmed.len() - w.len();
                return;
            }
        }
        return;
    }
    if m.qualifier == Qualifier::Vague {
        return;
    }
    for (p, q) in PREFIXES {
        if ends_with_word(trimmed, p) {
            let qs = trimmed.len() - p.len();
            if p == "over" || p == "under" {
                let pre = trimmed[..qs].trim_end();
                let pw = pre
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if OVER_VERBS.contains(&pw) {
                    return;
                }
            }
            start_cut = qs;
            m.qualifier = q;
            m.qualifier_text = Some(p.to_string());
            break;
        }
    }
    // `trimmed` is the lower-cased copy; lower-casing ASCII keeps byte offsets,
    // but non-ASCII may not: only accept when lengths agree.
    if lb.len() == before.len() && before.is_char_boundary(start_cut) {
        m.phrase_start = start_cut.min(m.start);
    } else {
        m.qualifier = Qualifier::Exact;
        m.qualifier_text = None;
    }
}

fn apply_postfix(text: &str, toks: &[Token], j: usize, m: &mut NumberMention, next: &mut usize) {
    let a = word_at(text, toks, j);
    let b = word_at(text, toks, j + 1);
    // "a dozen or so": already approximate; the phrase takes the tail
    if m.qualifier == Qualifier::Approximately
        && m.qualifier_text.as_deref() == Some("a dozen")
        && (a.as_deref(), b.as_deref()) == (Some("or"), Some("so"))
    {
        if let Some(t) = toks.get(j + 1) {
            m.phrase_end = t.end;
        }
        *next = j + 2;
        return;
    }
    if m.qualifier != Qualifier::Exact {
        return;
    }
    let q = match (a.as_deref(), b.as_deref()) {
        (Some("or"), Some("more")) => Qualifier::AtLeast,
        (Some("or"), Some("so")) => Qualifier::Approximately,
        _ => return,
    };
    m.qualifier = q;
    m.qualifier_text = Some(format!("or {}", b.unwrap_or_default()));
    if let Some(t) = toks.get(j + 1) {
        m.phrase_end = t.end;
    }
    *next = j + 2;
}

fn ends_with_word(hay: &str, w: &str) -> bool {
    hay.ends_with(w)
        && hay[..hay.len() - w.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Byte spans of URLs and e-mail addresses (their digits are never counts).
fn url_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("http").chain(text.match_indices("www.")) {
        let end = text[i..]
            .find(char::is_whitespace)
            .map_or(text.len(), |e| i + e);
        out.push((i, end));
    }
    for (i, _) in text.match_indices('@') {
        let s = text[..i].rfind(char::is_whitespace).map_or(0, |s| s + 1);
        let e = text[i..]
            .find(char::is_whitespace)
            .map_or(text.len(), |e| i + e);
        out.push((s, e));
    }
    out
}

#[cfg(test)]
mod tests;
