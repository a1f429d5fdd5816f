//! Claimants (who asserts a number) and perpetrators (who caused the harm).

use crate::claim::Claimant;

/// An organisation named in text.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimantMention {
    /// Byte offset of the name.
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// The organisation, aliases resolved.
    pub claimant: Claimant,
    /// True when the text makes it the speaker ("X said", "according to X").
    pub speaks: bool,
}

/// Finds organisations named in `text`.
pub fn find_claimants(text: &str) -> Vec<ClaimantMention> {
    let _ = text;
    Vec::new()
}

/// Resolves an alias ("CJTF-OIR", "SNHR", "the Coalition") to its canonical claimant.
pub fn resolve_alias(name: &str) -> Option<Claimant> {
    let _ = name;
    None
}

/// A party the text holds responsible for harm ("Coalition airstrikes", "Russian forces").
#[derive(Debug, Clone, PartialEq)]
pub struct PerpetratorMention {
    /// Byte offset of the name.
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// Canonical party name ("Coalition", "Russian forces", "Syrian regime forces", "ISIS").
    pub name: String,
}

/// Finds parties held responsible for harm in `text`.
pub fn find_perpetrators(text: &str) -> Vec<PerpetratorMention> {
    let _ = text;
    Vec::new()
}
