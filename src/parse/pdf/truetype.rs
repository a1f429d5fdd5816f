//! The cheap fallback for composite fonts without `/ToUnicode`: read the
//! embedded TrueType program's `cmap` (formats 4 and 12, Unicode subtables)
//! and invert it to glyph id → character. Every read is bounds-checked.

use std::collections::HashMap;

/// Most glyph entries collected (a 16-bit glyph id space).
const MAX_GLYPHS: usize = 65_536;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

/// Glyph id → Unicode from the font's `cmap` table; empty if unreadable.
pub(super) fn gid_to_unicode(font: &[u8]) -> HashMap<u16, char> {
    let mut out = HashMap::new();
    let Some(cmap) = find_table(font, b"cmap") else {
        return out;
    };
    let Some(n) = u16_at(cmap, 2) else {
        return out;
    };
    // Prefer a Unicode subtable: (3,10), (0,*), (3,1).
    let mut best: Option<(u8, usize)> = None;
    for i in 0..usize::from(n) {
        let rec = 4 + i * 8;
        let (Some(pid), Some(eid), Some(off)) = (
            u16_at(cmap, rec),
            u16_at(cmap, rec + 2),
            u32_at(cmap, rec + 4),
        ) else {
            break;
        };
        let rank = match (pid, eid) {
            (3, 10) => 3,
            (0, _) => 2,
            (3, 1) => 1,
            _ => 0,
        };
        if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, off as usize));
        }
    }
    let Some((_, off)) = best else { return out };
    let Some(sub) = cmap.get(off..) else {
        return out;
    };
    match u16_at(sub, 0) {
        Some(4) => format4(sub, &mut out),
        Some(12) => format12(sub, &mut out),
        _ => {}
    }
    out
}

fn find_table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = usize::from(u16_at(font, 4)?);
    for i in 0..n.min(64) {
        let rec = 12 + i * 16;
        if font.get(rec..rec + 4)? == tag {
            let off = u32_at(font, rec + 8)? as usize;
            let len = u32_at(font, rec + 12)? as usize;
            return font.get(off..off.checked_add(len)?.min(font.len()));
        }
    }
    None
}

fn format4(sub: &[u8], out: &mut HashMap<u16, char>) {
    let Some(segx2) = u16_at(sub, 6).map(usize::from) else {
        return;
    };
    let ends = 14;
    let starts = ends + segx2 + 2;
    let deltas = starts + segx2;
    let offsets = deltas + segx2;
    for s in 0..segx2 / 2 {
        let (Some(end), Some(start), Some(delta), Some(ro)) = (
            u16_at(sub, ends + 2 * s),
            u16_at(sub, starts + 2 * s),
            u16_at(sub, deltas + 2 * s),
            u16_at(sub, offsets + 2 * s),
        ) else {
            return;
        };
        if start > end || start == 0xFFFF {
            continue;
        }
        for c in start..=end {
            if out.len() >= MAX_GLYPHS {
                return;
            }
            let gid = if ro == 0 {
                c.wrapping_add(delta)
            } else {
                let at = offsets + 2 * s + usize::from(ro) + 2 * usize::from(c - start);
                match u16_at(sub, at) {
                    Some(0) | None => continue,
                    Some(g) => g.wrapping_add(delta),
                }
            };
            if gid != 0 {
                if let Some(ch) = char::from_u32(u32::from(c)) {
                    out.entry(gid).or_insert(ch);
                }
            }
        }
    }
}

fn format12(sub: &[u8], out: &mut HashMap<u16, char>) {
    let Some(n) = u32_at(sub, 12) else { return };
    for i in 0..n as usize {
        let g = 16 + i * 12;
        let (Some(start), Some(end), Some(gid0)) =
            (u32_at(sub, g), u32_at(sub, g + 4), u32_at(sub, g + 8))
        else {
            return;
        };
        if end < start || end - start > MAX_GLYPHS as u32 {
            continue;
        }
        for c in start..=end {
            if out.len() >= MAX_GLYPHS {
                return;
            }
            let gid = gid0.saturating_add(c - start);
            if let (Ok(gid), Some(ch)) = (u16::try_from(gid), char::from_u32(c)) {
                out.entry(gid).or_insert(ch);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_fonts_give_empty_maps() {
        assert!(gid_to_unicode(b"").is_empty());
        assert!(gid_to_unicode(&[0, 1, 0, 0, 0, 200, 0, 0, 0, 0, 0, 0]).is_empty());
    }

    #[test]
    fn format4_segment_with_delta() {
        // One table directory entry pointing at a cmap with a (3,1) format-4 subtable
        // mapping 'A'..'C' to glyphs 1..3 (delta = 1 - 65).
        let mut sub = vec![0, 4, 0, 32, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0];
        sub.extend([0, 0x43, 0xFF, 0xFF]); // ends
        sub.extend([0, 0]); // reserved
        sub.extend([0, 0x41, 0xFF, 0xFF]); // starts
        let delta = 1u16.wrapping_sub(65);
        sub.extend(delta.to_be_bytes());
        sub.extend([0, 1]); // deltas
        sub.extend([0, 0, 0, 0]); // range offsets
        let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
        cmap.extend(&sub);
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        font.extend(b"cmap");
        font.extend([0, 0, 0, 0, 0, 0, 0, 28]);
        font.extend((cmap.len() as u32).to_be_bytes());
        font.extend(&cmap);
        let m = gid_to_unicode(&font);
        assert_eq!(m.get(&1), Some(&'A'));
        assert_eq!(m.get(&3), Some(&'C'));
    }
}
