//! The PDF standard font Helvetica as the notice writer needs it: its two weights, WinAnsi
//! encoding, and the advance widths from Adobe's published AFM files, so lines can be fitted
//! without embedding a font.

use pdf_writer::Name;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Font {
    Regular,
    Bold,
}

impl Font {
    pub(super) fn resource(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
        }
    }
}

/// Text as WinAnsiEncoding bytes (the standard fonts' encoding): Latin-1 letters as they are, the
/// typographic dashes, quotes and bullet at their code points, anything else as "?".
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' | '\u{a0}'..='\u{ff}' => c as u8,
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        })
        .collect()
}

/// Whether every letter of `text` has its own WinAnsi code (nothing would become "?").
pub fn encodable(text: &str) -> bool {
    text.chars().zip(win_ansi(text)).all(|(c, byte)| byte != b'?' || c == '?')
}

/// Width in points of `text` set in `font` at `size`.
pub(super) fn text_width(font: Font, text: &str, size: f32) -> f32 {
    win_ansi(text).iter().map(|&byte| glyph_width(font, byte) as f32).sum::<f32>() * size / 1000.0
}

/// Helvetica and Helvetica-Bold advance widths (per 1000 em) from Adobe's AFM files, for printable
/// ASCII; accented Latin-1 letters take their base letter's width (as they do in those files).
fn glyph_width(font: Font, byte: u8) -> u16 {
    #[rustfmt::skip]
    const REGULAR: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];
    #[rustfmt::skip]
    const BOLD: [u16; 95] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ];
    let table = if font == Font::Bold { &BOLD } else { &REGULAR };
    let ascii = |c: u8| table[(c - b' ') as usize];
    match byte {
        b' '..=b'~' => ascii(byte),
        0x85 | 0x97 => 1000,
        0x91 | 0x92 => ascii(b','),
        0x93 | 0x94 => ascii(b'"'),
        0x95 => 350,
        0x96 => 556,
        0xa1 => ascii(b'!'),
        0xbf => ascii(b'?'),
        0xc0..=0xc5 => ascii(b'A'),
        0xc7 => ascii(b'C'),
        0xc8..=0xcb => ascii(b'E'),
        0xcc..=0xcf => ascii(b'I'),
        0xd1 => ascii(b'N'),
        0xd2..=0xd6 | 0xd8 => ascii(b'O'),
        0xd9..=0xdc => ascii(b'U'),
        0xdd => ascii(b'Y'),
        0xe0..=0xe5 => ascii(b'a'),
        0xe7 => ascii(b'c'),
        0xe8..=0xeb => ascii(b'e'),
        0xec..=0xef => ascii(b'i'),
        0xf1 => ascii(b'n'),
        0xf2..=0xf6 | 0xf8 => ascii(b'o'),
        0xf9..=0xfc => ascii(b'u'),
        0xfd | 0xff => ascii(b'y'),
        _ => 556,
    }
}
