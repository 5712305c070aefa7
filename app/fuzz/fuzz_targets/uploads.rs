//! Uploaded files: never a panic whatever the bytes, the kind is the one the bytes' signature
//! says, and any name, however hostile, is cleaned into a short, plain file name with that kind's
//! extension.
#![no_main]

use app::inbound::files::{clean_name, sniff, FileKind, NAME_MAX};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(kind) = sniff(data) {
        let signature: &[u8] = match kind {
            FileKind::Pdf => b"%PDF-",
            FileKind::Jpeg => &[0xFF, 0xD8, 0xFF],
            FileKind::Png => &[0x89, b'P', b'N', b'G'],
            FileKind::Tiff => &data[..4],
        };
        assert!(data.starts_with(signature));
        assert_eq!(FileKind::from_key(kind.key()), Some(kind));
    }
    let name = String::from_utf8_lossy(data);
    for kind in FileKind::ALL {
        let cleaned = clean_name(&name, kind);
        assert!(cleaned.chars().count() <= NAME_MAX, "{cleaned:?}");
        assert!(cleaned.ends_with(&format!(".{}", kind.extension())), "{cleaned:?}");
        assert!(!cleaned.starts_with('.') && !cleaned.contains(['/', '\\']), "{cleaned:?}");
        assert!(!cleaned.chars().any(char::is_control), "{cleaned:?}");
        // Cleaning is done once: a cleaned name stays as it is.
        assert_eq!(clean_name(&cleaned, kind), cleaned);
    }
});
