//! A pipeline's `[content]` selectors, compiled once per run: where a site
//! keeps its article body and which boxes inside it are chrome. They take
//! precedence over the generic container heuristics of `content.rs`, which
//! stay the fallback when no selector matches (a redesigned page).

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{Html, Selector};

use super::content::Scan;
use crate::error::{Error, ErrorKind, Result};

/// Compiled content selectors of one pipeline.
#[derive(Debug, Clone, Default)]
pub struct ContentHints {
    /// Selectors of the main content, tried in order: the first that matches
    /// an element with text picks the container.
    selectors: Vec<Selector>,
    /// Selectors of chrome inside the content, dropped with their subtrees.
    exclude: Vec<Selector>,
}

impl ContentHints {
    /// Compiles the selectors; `pipeline` names the pipeline in errors.
    ///
    /// # Errors
    /// [`ErrorKind::Config`] naming the pipeline and the selector that does not parse.
    pub fn new(pipeline: &str, selectors: &[String], exclude: &[String]) -> Result<ContentHints> {
        let compile = |list: &[String]| -> Result<Vec<Selector>> {
            list.iter()
                .map(|s| {
                    Selector::parse(s).map_err(|e| {
                        Error::new(
                            ErrorKind::Config,
                            pipeline,
                            format!("[content]: CSS selector {s:?} is invalid: {e}"),
                        )
                    })
                })
                .collect()
        };
        Ok(ContentHints {
            selectors: compile(selectors)?,
            exclude: compile(exclude)?,
        })
    }

    /// Whether there is nothing to apply (the generic parse is used as is).
    pub fn is_empty(&self) -> bool {
        self.selectors.is_empty() && self.exclude.is_empty()
    }

    /// The content element: of the first selector with a match holding text,
    /// the match with the most text (ties to the earliest).
    pub(super) fn container(&self, html: &Html, scan: &Scan<'_>) -> Option<NodeId> {
        for sel in &self.selectors {
            let best = html
                .select(sel)
                .map(|el| {
                    let node = *el;
                    (scan.stats_of(node).text, std::cmp::Reverse(node.id()))
                })
                .filter(|(text, _)| *text > 0)
                .max();
            if let Some((_, std::cmp::Reverse(id))) = best {
                return Some(id);
            }
        }
        None
    }

    /// Every element an exclude selector matches.
    pub(super) fn excluded(&self, html: &Html) -> HashSet<NodeId> {
        self.exclude
            .iter()
            .flat_map(|sel| html.select(sel).map(|el| el.id()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_selector_names_the_pipeline() {
        let e = ContentHints::new("snhr", &["div[".into()], &[]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().contains("snhr"), "{e}");
        assert!(e.to_string().contains("div["), "{e}");
    }

    #[test]
    fn empty_hints_are_empty() {
        assert!(ContentHints::default().is_empty());
        assert!(!ContentHints::new("p", &[], &[".share".into()])
            .unwrap()
            .is_empty());
    }
}
