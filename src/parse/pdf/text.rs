//! Plain-text rendering of laid-out pages for `civtrace pdftext`: reading
//! order (default) or positional layout (`--layout`, like `pdftotext -layout`).
//! Each page ends with a form feed.

use super::page::{Item, PageLayout};

/// Renders all pages.
pub(super) fn render(pages: &[PageLayout], layout: bool) -> String {
    let mut out = String::new();
    for page in pages {
        if layout {
            render_layout(page, &mut out);
        } else {
            render_flow(page, &mut out);
        }
        out.push('\x0c');
    }
    out
}

fn render_flow(page: &PageLayout, out: &mut String) {
    let mut first = true;
    for item in &page.items {
        if !first {
            out.push('\n');
        }
        first = false;
        match item {
            Item::Para(p) => {
                for l in &p.lines {
                    out.push_str(l);
                    out.push('\n');
                }
            }
            Item::Table(t) => {
                for row in t.header.iter().chain(t.rows.iter()) {
                    let cells: Vec<&str> = row
                        .iter()
                        .map(String::as_str)
                        .filter(|c| !c.is_empty())
                        .collect();
                    out.push_str(&cells.join("  "));
                    out.push('\n');
                }
            }
        }
    }
}

fn render_layout(page: &PageLayout, out: &mut String) {
    // One text column per average character width.
    let (mut w, mut n) = (0.0f32, 0usize);
    for c in page.lines.iter().flatten() {
        w += c.x1 - c.x0;
        n += c.text().chars().count();
    }
    let cw = if n > 0 && w > 0.0 {
        (w / n as f32).max(1.0)
    } else {
        6.0
    };
    let left = page
        .lines
        .iter()
        .flatten()
        .map(|c| c.x0)
        .fold(f32::MAX, f32::min)
        .min(page.width);
    let mut prev_y: Option<(f32, f32)> = None;
    for line in &page.lines {
        let Some(first) = line.first() else { continue };
        if let Some((py, ps)) = prev_y {
            if first.y - py > 2.2 * ps.max(first.size) {
                out.push('\n');
            }
        }
        prev_y = Some((first.y, first.size));
        let mut s = String::new();
        let mut len = 0usize;
        for c in line {
            let col = ((c.x0 - left).max(0.0) / cw).round() as usize;
            let col = col.min(2000);
            if len > 0 && col <= len {
                s.push(' ');
                len += 1;
            }
            while len < col {
                s.push(' ');
                len += 1;
            }
            let t = c.text();
            len += t.chars().count();
            s.push_str(&t);
        }
        out.push_str(&s);
        out.push('\n');
    }
}
