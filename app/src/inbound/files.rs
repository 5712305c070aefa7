//! Files as they arrive: what a file is, decided by its bytes ([`sniff`]) and never by its name or
//! the type a browser claims, and the name it is kept under ([`clean_name`]). Used by the
//! evidence upload (`server::cases::evidence`, which holds the rules around them) and fuzzed
//! (`app/fuzz`), so they build without the server half.

use crate::error::FormError;

/// The longest cleaned file name, in characters.
pub const NAME_MAX: usize = 100;

/// The kinds of file accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    Tiff,
}

impl FileKind {
    pub const ALL: [FileKind; 4] = [FileKind::Pdf, FileKind::Jpeg, FileKind::Png, FileKind::Tiff];

    pub fn key(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
            FileKind::Tiff => "tiff",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        FileKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Tiff => "image/tiff",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Tiff => "tif",
        }
    }
}

/// What a file is, by its bytes: the format's signature, then enough of its structure to know it
/// is whole. Written by hand: the four checks are a few lines each, where a general-purpose
/// decoder (`image`, a full PDF parser for every format) would decode whole images to say the
/// same. PDFs are opened with `lopdf`, which the tests use to read notices back.
pub fn sniff(bytes: &[u8]) -> Result<FileKind, FormError> {
    if bytes.is_empty() {
        return Err(FormError::FileEmpty);
    }
    let kind = if bytes.starts_with(b"%PDF-") {
        FileKind::Pdf
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        FileKind::Jpeg
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        FileKind::Png
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        FileKind::Tiff
    } else {
        return Err(FormError::FileTypeRefused);
    };
    let whole = match kind {
        FileKind::Pdf => lopdf::Document::load_mem(bytes).is_ok_and(|doc| !doc.get_pages().is_empty()),
        // Ends with the end-of-image marker (some writers pad with zeros after it).
        FileKind::Jpeg => {
            let end = bytes.iter().rposition(|b| *b != 0).unwrap_or(0);
            end >= 3 && bytes[end - 1] == 0xFF && bytes[end] == 0xD9
        }
        // The header chunk comes first and the end chunk last.
        FileKind::Png => {
            bytes.len() >= 45 && &bytes[12..16] == b"IHDR" && &bytes[bytes.len() - 8..bytes.len() - 4] == b"IEND"
        }
        // The first directory lies inside the file and holds at least one entry.
        FileKind::Tiff => {
            let read_u32 = |b: &[u8]| match bytes[0] {
                b'I' => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                _ => u32::from_be_bytes([b[0], b[1], b[2], b[3]]),
            };
            let read_u16 = |b: &[u8]| match bytes[0] {
                b'I' => u16::from_le_bytes([b[0], b[1]]),
                _ => u16::from_be_bytes([b[0], b[1]]),
            };
            bytes.len() >= 8 && {
                let offset = read_u32(&bytes[4..8]) as usize;
                offset >= 8 && offset + 2 <= bytes.len() && {
                    let entries = read_u16(&bytes[offset..offset + 2]) as usize;
                    entries > 0 && offset + 2 + entries * 12 + 4 <= bytes.len()
                }
            }
        }
    };
    if whole {
        Ok(kind)
    } else {
        Err(FormError::FileCorrupt)
    }
}

/// A file's name as kept and shown: its last path part only, without control or direction
/// characters, letters, digits and `-_.() ` kept (any script's letters), the rest `_`, at most
/// [`NAME_MAX`] characters, ending in the extension its bytes say.
pub fn clean_name(raw: &str, kind: FileKind) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = match last.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => last,
    };
    let cleaned: String = stem
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '(' | ')' | ' ' | '.') { c } else { '_' })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned.trim_matches(|c| c == '.' || c == ' ');
    let extension = kind.extension();
    let room = NAME_MAX - extension.len() - 1;
    // Cut to length, then trimmed again: a cut can end on a dot or a space (found by the
    // `uploads` fuzz target: "…_..pdf").
    let stem: String = cleaned.chars().take(room).collect();
    let stem = stem.trim_end_matches(['.', ' ']);
    let stem = if stem.is_empty() { "evidence" } else { stem };
    format!("{stem}.{extension}")
}
