//! Reading order: a recursive XY-cut over boxes (chunks, and tables as
//! atoms). Vertical gutters are cut first (two-column pages are read column
//! by column); otherwise the region is cut at its widest horizontal gap.
//! Neighbouring leaves with no column structure are merged again, so a
//! column of paragraphs comes back as one region for paragraph grouping.

/// A box to order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct BoxItem {
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
    /// Font size (for relative thresholds).
    pub size: f32,
}

/// Recursion limit; deeper regions are returned as they are.
const MAX_DEPTH: usize = 400;

/// One ordered region: indices of boxes, and whether it came out of a column split.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Region {
    /// Indices into the input boxes, top to bottom.
    pub items: Vec<usize>,
    /// Which column (vertical-cut branch) the region belongs to; 0 = none.
    /// Neighbouring leaves of the same column are merged again.
    pub column: u32,
}

/// Orders `boxes` into regions in reading order.
pub(super) fn order(boxes: &[BoxItem]) -> Vec<Region> {
    let all: Vec<usize> = (0..boxes.len()).collect();
    let mut out = Vec::new();
    let mut next_column = 0;
    cut(boxes, all, 0, 0, &mut next_column, &mut out);
    // Merge adjacent plain regions.
    let mut merged: Vec<Region> = Vec::new();
    for r in out {
        if let Some(last) = merged.last_mut() {
            if last.column == r.column {
                last.items.extend(r.items);
                continue;
            }
        }
        merged.push(r);
    }
    for r in &mut merged {
        r.items.sort_by(|&a, &b| {
            let (a, b) = (&boxes[a], &boxes[b]);
            a.y1.total_cmp(&b.y1).then(a.x0.total_cmp(&b.x0))
        });
    }
    merged
}

fn median_size(boxes: &[BoxItem], items: &[usize]) -> f32 {
    let mut s: Vec<f32> = items.iter().map(|&i| boxes[i].size).collect();
    s.sort_by(f32::total_cmp);
    s.get(s.len() / 2).copied().unwrap_or(10.0).max(1.0)
}

/// Gaps in the projection of intervals: (gap start, gap end).
fn gaps(mut iv: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    iv.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut end = f32::MIN;
    for (a, b) in iv {
        if end > f32::MIN && a > end {
            out.push((end, a));
        }
        end = end.max(b);
    }
    out
}

fn cut(
    boxes: &[BoxItem],
    items: Vec<usize>,
    depth: usize,
    column: u32,
    next_column: &mut u32,
    out: &mut Vec<Region>,
) {
    if items.len() <= 1 || depth > MAX_DEPTH {
        out.push(Region { items, column });
        return;
    }
    let size = median_size(boxes, &items);
    let x0 = items.iter().map(|&i| boxes[i].x0).fold(f32::MAX, f32::min);
    let x1 = items.iter().map(|&i| boxes[i].x1).fold(f32::MIN, f32::max);
    let width = (x1 - x0).max(1.0);

    // A vertical gutter: the widest x-gap that leaves real columns on both sides.
    let vgaps = gaps(items.iter().map(|&i| (boxes[i].x0, boxes[i].x1)).collect());
    let mut best_v: Option<(f32, f32)> = None;
    for (a, b) in vgaps {
        if b - a < (0.9 * size).max(6.0) {
            continue;
        }
        let mid = (a + b) / 2.0;
        let left = items.iter().filter(|&&i| boxes[i].x1 <= mid).count();
        let right = items.len() - left;
        if left < 2 || right < 2 || a - x0 < 0.15 * width || x1 - b < 0.15 * width {
            continue;
        }
        if best_v.is_none_or(|(ba, bb)| b - a > bb - ba) {
            best_v = Some((a, b));
        }
    }
    if let Some((a, b)) = best_v {
        let mid = (a + b) / 2.0;
        let (left, right): (Vec<usize>, Vec<usize>) =
            items.iter().partition(|&&i| boxes[i].x1 <= mid);
        for side in [left, right] {
            *next_column += 1;
            let id = *next_column;
            cut(boxes, side, depth + 1, id, next_column, out);
        }
        return;
    }

    // Otherwise the widest horizontal gap.
    let hgaps = gaps(items.iter().map(|&i| (boxes[i].y0, boxes[i].y1)).collect());
    let Some(&(a, b)) = hgaps
        .iter()
        .max_by(|p, q| (p.1 - p.0).total_cmp(&(q.1 - q.0)))
    else {
        out.push(Region { items, column });
        return;
    };
    let mid = (a + b) / 2.0;
    let (top, bottom): (Vec<usize>, Vec<usize>) = items.iter().partition(|&&i| boxes[i].y1 <= mid);
    cut(boxes, top, depth + 1, column, next_column, out);
    cut(boxes, bottom, depth + 1, column, next_column, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(x0: f32, y0: f32, x1: f32) -> BoxItem {
        BoxItem {
            x0,
            y0,
            x1,
            y1: y0 + 10.0,
            size: 10.0,
        }
    }

    #[test]
    fn two_columns_under_a_title_are_read_column_by_column() {
        let boxes = vec![
            b(50.0, 50.0, 550.0),   // 0 title
            b(50.0, 80.0, 280.0),   // 1 left line 1
            b(320.0, 80.0, 550.0),  // 2 right line 1
            b(50.0, 92.0, 280.0),   // 3 left line 2
            b(320.0, 92.0, 550.0),  // 4 right line 2
            b(50.0, 104.0, 280.0),  // 5 left line 3
            b(320.0, 104.0, 550.0), // 6 right line 3
        ];
        let order: Vec<usize> = order(&boxes).into_iter().flat_map(|r| r.items).collect();
        assert_eq!(order, vec![0, 1, 3, 5, 2, 4, 6]);
    }

    #[test]
    fn single_column_stays_one_region() {
        let boxes = vec![
            b(50.0, 50.0, 550.0),
            b(50.0, 62.0, 300.0),
            b(50.0, 90.0, 540.0),
        ];
        let regions = order(&boxes);
        assert_eq!(regions.len(), 1);
        assert_eq!(regions[0].items, vec![0, 1, 2]);
    }
}
