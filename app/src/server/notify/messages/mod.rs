//! Every email and text message Portico sends, by context (`identity`, `cases`), in English and Spanish. Each context's messages match every language, so a
//! message missing in one does not compile.

pub mod cases;
pub mod identity;

use crate::i18n::Lang;

/// A subject and a plain-text body.
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

pub(crate) fn signed(lang: Lang, text: String) -> String {
    match lang {
        Lang::En => format!("{text}\n\n— Portico\n"),
        Lang::Es => format!("{text}\n\n— Portico\n"),
    }
}
