//! Where the map writes each label. A label goes inside its bar when it fits there, and
//! otherwise on a label row under the lane's bars, as near its bar as the labels already placed
//! allow. Only a label wider than the whole map is shortened, and then only in its name (see
//! [`shortened`]): its addresses are always shown whole.

use std::borrow::Cow;

/// Width of one character of the map's labels, in user units: the page draws them in a
/// monospace face at 10 px, whose characters are 0.6 em wide; the rest is margin.
pub const CHAR_WIDTH: f64 = 6.3;
/// Room kept between a label inside a bar and the bar's edges.
const INSIDE_PADDING: f64 = 4.0;
/// Room kept between two labels on one row.
const SPACING: f64 = 8.0;

/// How wide `text` is drawn.
pub fn text_width(text: &str) -> f64 {
    // Nearly every name and block is ASCII, one column a byte: a large plan's map measures
    // tens of thousands of labels on every edit.
    let columns = if text.is_ascii() { text.len() } else { text.chars().map(|c| columns(c) as usize).sum() };
    #[expect(clippy::cast_precision_loss, reason = "a label is far shorter than 2^52 columns")]
    let columns = columns as f64;
    columns * CHAR_WIDTH
}

/// How many of the face's character widths `c` takes. The monospace face has no Chinese,
/// Japanese or Korean letters and no emoji, so the browser borrows them from a face that draws
/// them about one em wide: counting two keeps such a name inside the map. The wide ranges are
/// those of Unicode's East Asian Width property (W and F); joiners, variation selectors and
/// combining marks draw on the letter before them.
fn columns(c: char) -> u32 {
    match u32::from(c) {
        ..0x0300 => 1,
        0x0300..=0x036F | 0x200B..=0x200F | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF => 0,
        0x1100..=0x115F
        | 0x231A..=0x231B
        | 0x23E9..=0x23EC
        | 0x23F0
        | 0x23F3
        | 0x25FD..=0x25FE
        | 0x2614..=0x2615
        | 0x2648..=0x2653
        | 0x267F
        | 0x2693
        | 0x26A1
        | 0x26AA..=0x26AB
        | 0x26BD..=0x26BE
        | 0x26C4..=0x26C5
        | 0x26CE
        | 0x26D4
        | 0x26EA
        | 0x26F2..=0x26F3
        | 0x26F5
        | 0x26FA
        | 0x26FD
        | 0x2705
        | 0x270A..=0x270B
        | 0x2728
        | 0x274C
        | 0x274E
        | 0x2753..=0x2755
        | 0x2757
        | 0x2795..=0x2797
        | 0x27B0
        | 0x27BF
        | 0x2B1B..=0x2B1C
        | 0x2B50
        | 0x2B55
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97C
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6B
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x16FE0..=0x18D08
        | 0x1AFF0..=0x1B2FB
        | 0x1F004
        | 0x1F0CF
        | 0x1F18E
        | 0x1F191..=0x1F19A
        | 0x1F200..=0x1F265
        | 0x1F300..=0x1F64F
        | 0x1F680..=0x1F6FC
        | 0x1F7E0..=0x1F7EB
        | 0x1F900..=0x1F9FF
        | 0x1FA70..=0x1FAFF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// `text` cut to at most `room` wide, its end replaced by an ellipsis; whole when it fits. At
/// least one character is kept, so that a name is never reduced to the ellipsis alone. The cut
/// falls between letters, never before a mark that belongs to the letter or after a joiner.
pub(super) fn shortened(text: &str, room: f64) -> Cow<'_, str> {
    if text_width(text) <= room {
        return Cow::Borrowed(text);
    }
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a few hundred at most")]
    let room_in_letters = (room / CHAR_WIDTH).floor().max(0.0) as u32;
    let fits = room_in_letters.saturating_sub(columns('…'));
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let width = columns(c);
        if width > 0 && used + width > fits && !cut.is_empty() && !cut.ends_with('\u{200D}') {
            break;
        }
        used += width;
        cut.push(c);
    }
    cut.push('…');
    Cow::Owned(cut)
}

/// The width a bar needs to hold `text` inside it.
pub(super) fn inside_width(text: &str) -> f64 {
    text_width(text) + 2.0 * INSIDE_PADDING
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Spot {
    /// Inside the bar, starting at `x`.
    Inside { x: f64 },
    /// On label row `row` under the bars, starting at `x`.
    Row { row: usize, x: f64 },
}

/// A label to place: its bar's extent and its text's width.
#[derive(Debug, Clone, Copy)]
pub(super) struct Request {
    pub bar_x: f64,
    pub bar_width: f64,
    pub text_width: f64,
}

/// Places every request between `left` and `right`; returns the spots, in the order of the
/// requests, and how many label rows they take.
pub(super) fn place(requests: &[Request], (left, right): (f64, f64)) -> (Vec<Spot>, usize) {
    let mut spots: Vec<Spot> =
        requests.iter().map(|request| Spot::Inside { x: request.bar_x + INSIDE_PADDING }).collect();
    let mut outside: Vec<(usize, Request)> = requests
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, request)| request.text_width + 2.0 * INSIDE_PADDING > request.bar_width)
        .collect();
    crate::sorting::sort_by(&mut outside, |(_, a), (_, b)| centre(a).total_cmp(&centre(b)));
    // The rightmost end of each row: labels come in the order of their bars, so a label fits a
    // row when it starts after that end.
    let mut rows: Vec<f64> = Vec::new();
    for (index, request) in outside {
        let x = (centre(&request) - request.text_width / 2.0).min(right - request.text_width).max(left);
        let row = match rows.iter().position(|end| end + SPACING <= x) {
            Some(row) => row,
            None => {
                rows.push(f64::NEG_INFINITY);
                rows.len() - 1
            }
        };
        if let Some(end) = rows.get_mut(row) {
            *end = x + request.text_width;
        }
        if let Some(spot) = spots.get_mut(index) {
            *spot = Spot::Row { row, x };
        }
    }
    (spots, rows.len())
}

fn centre(request: &Request) -> f64 {
    request.bar_x + request.bar_width / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(bar_x: f64, bar_width: f64, text: &str) -> Request {
        Request { bar_x, bar_width, text_width: text_width(text) }
    }

    #[test]
    fn a_label_that_fits_goes_inside_its_bar() {
        let (spots, rows) = place(&[request(10.0, 200.0, "aks 10.1.0.0/22")], (0.0, 400.0));
        assert_eq!(spots, [Spot::Inside { x: 14.0 }]);
        assert_eq!(rows, 0);
    }

    #[test]
    fn only_text_wider_than_its_room_is_shortened_and_keeps_a_character() {
        assert_eq!(shortened("aks-subnet", text_width("aks-subnet")), "aks-subnet");
        let cut = shortened("aks-subnet", text_width("aks-s"));
        assert_eq!(cut, "aks-…");
        assert!(text_width(&cut) <= text_width("aks-s"));
        assert_eq!(shortened("aks-subnet", 0.0), "a…");
    }

    #[test]
    fn chinese_japanese_and_korean_letters_count_twice_and_are_cut_by_width() {
        assert_eq!(text_width("推理子网"), text_width("12345678"));
        assert_eq!(text_width("サブネット-a"), text_width("123456789012"));
        let cut = shortened("推理子网-东部", text_width("推理子"));
        assert_eq!(cut, "推理…");
        assert!(text_width(&cut) <= text_width("推理子"));
        assert_eq!(shortened("推理子网", 0.0), "推…");
        assert_eq!(text_width("추론"), text_width("1234"));
        assert_eq!(text_width("🚀🟢"), text_width("1234"));
    }

    #[test]
    fn a_cut_keeps_marks_and_joined_emoji_with_their_letter() {
        // "é" written as e and a combining accent, and a family emoji joined by zero-width joiners.
        assert_eq!(text_width("e\u{301}"), text_width("e"));
        assert_eq!(shortened("cafe\u{301}-westeurope", text_width("cafe-")), "cafe\u{301}…");
        let family = "👩\u{200D}👧";
        assert_eq!(shortened(&format!("{family}-team"), text_width("123")), format!("{family}…"));
    }

    #[test]
    fn labels_too_long_for_their_bars_go_below_without_overlapping() {
        let requests = [request(100.0, 24.0, "default 10.1.4.0/24"), request(126.0, 24.0, "db 10.1.5.0/24")];
        let (spots, rows) = place(&requests, (0.0, 400.0));
        assert_eq!(rows, 2, "the second label would overlap the first on one row");
        let Spot::Row { row: first_row, x: first_x } = spots[0] else { panic!("below") };
        let Spot::Row { row: second_row, .. } = spots[1] else { panic!("below") };
        assert_ne!(first_row, second_row);
        assert!(first_x + requests[0].text_width / 2.0 - 112.0 < 1e-9, "centred under its bar");
    }

    #[test]
    fn labels_below_stay_inside_the_lane() {
        let requests = [request(370.0, 24.0, "default 10.1.4.0/24"), request(0.0, 4.0, "dns 10.2.0.10")];
        let (spots, _) = place(&requests, (0.0, 400.0));
        for (spot, request) in spots.iter().zip(&requests) {
            let Spot::Row { x, .. } = *spot else { panic!("below") };
            assert!(x >= 0.0 && x + request.text_width <= 400.0 + 1e-9);
        }
    }

    #[test]
    fn labels_far_apart_share_a_row() {
        let requests = [request(0.0, 24.0, "a 10.0.0.0/24"), request(300.0, 24.0, "b 10.0.1.0/24")];
        assert_eq!(place(&requests, (0.0, 400.0)).1, 1);
    }
}
