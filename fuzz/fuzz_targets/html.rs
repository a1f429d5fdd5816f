//! Fuzz target: `parse_html` on arbitrary bytes must return `Ok` or a named
//! error, never panic, and keep its block invariants.
//!
//! Run with `cargo +nightly fuzz run html` from the repository root.

#![no_main]

use civtrace::parse::html::parse_html;
use civtrace::parse::BlockKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = parse_html(data, "fuzz.html") else {
        return;
    };
    for block in &doc.blocks {
        assert!(!block.text.is_empty(), "empty block at {}", block.locator);
        assert!(!block.locator.is_empty());
        if let BlockKind::TableRow { cells } = &block.kind {
            let n = block.text.chars().count();
            for c in cells {
                assert!(c.start <= c.end && c.end <= n, "cell span outside row text");
            }
        }
        if let BlockKind::KeyValue { key_chars } = block.kind {
            let rest: String = block.text.chars().skip(key_chars).take(2).collect();
            assert_eq!(rest, ": ", "key_chars does not point at the separator");
        }
    }
});
