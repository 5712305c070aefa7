//! The languages Portico speaks. An account keeps its choice (`accounts.language`); a visitor gets
//! their choice (a cookie), else the first supported language of their browser's
//! `Accept-Language`, else English.
//!
//! The words of the interface live in `app/locales/<tag>.txt`, one `key = text` per line, compiled
//! into both halves. Pages ask [`use_t`] for the page's language and look words up by key; a test
//! fails when a key is in one catalogue and not the other, or used in the code and in neither.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language Portico speaks; stored as its tag (`en`, `es`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
#[cfg_attr(feature = "ssr", sea_orm(value_type = "String", from_str = "Lang::from_stored", to_str = "Lang::stored"))]
pub enum Lang {
    #[default]
    En,
    Es,
}

/// Words kept in English and, where translated, Spanish (a notice's title and body): stored
/// data rather than catalogue text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub en: String,
    pub es: Option<String>,
}

impl Localized {
    /// The words in `lang`, or the English ones where there is no translation.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.es) {
            (Lang::Es, Some(es)) => es,
            _ => &self.en,
        }
    }
}

/// A stored language tag Portico does not speak.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language tag {0:?}")]
pub struct UnknownLanguage(pub String);

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    #[cfg(feature = "ssr")]
    fn stored(&self) -> &'static str {
        self.tag()
    }

    #[cfg(feature = "ssr")]
    fn from_stored(tag: &str) -> Result<Lang, UnknownLanguage> {
        Lang::from_tag(tag).ok_or_else(|| UnknownLanguage(tag.to_owned()))
    }

    /// The BCP 47 tag, as stored and as used in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's own name, for a language chooser.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// How a moment reads in this language: "November 26, 2026 at 15:00 UTC" /
    /// "26 de noviembre de 2026, 15:00 UTC".
    pub fn format_datetime(self, at: chrono::DateTime<chrono::Utc>) -> String {
        use chrono::{Datelike, Timelike};
        let month = self.month_name(at.month());
        match self {
            Lang::En => format!("{month} {}, {} at {:02}:{:02} UTC", at.day(), at.year(), at.hour(), at.minute()),
            Lang::Es => format!("{} de {month} de {}, {:02}:{:02} UTC", at.day(), at.year(), at.hour(), at.minute()),
        }
    }

    /// A time of day as each language writes it: "8:00 AM" / "8:00 a. m." (the RAE's and the
    /// U.S. Spanish-language press's form, with the spaces: no-break, so it never splits).
    pub fn format_clock(self, hour: u32, minute: u32) -> String {
        let (h12, pm) = match hour {
            0 => (12, false),
            1..=11 => (hour, false),
            12 => (12, true),
            _ => (hour - 12, true),
        };
        match (self, pm) {
            (Lang::En, false) => format!("{h12}:{minute:02} AM"),
            (Lang::En, true) => format!("{h12}:{minute:02} PM"),
            (Lang::Es, false) => format!("{h12}:{minute:02}\u{a0}a.\u{a0}m."),
            (Lang::Es, true) => format!("{h12}:{minute:02}\u{a0}p.\u{a0}m."),
        }
    }

    /// "November 26, 2026" / "26 de noviembre de 2026".
    pub fn format_date(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = self.month_name(date.month());
        match self {
            Lang::En => format!("{month} {}, {}", date.day(), date.year()),
            Lang::Es => format!("{} de {month} de {}", date.day(), date.year()),
        }
    }

    fn month_name(self, month: u32) -> &'static str {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const ES: [&str; 12] = [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ];
        let index = (month.clamp(1, 12) - 1) as usize;
        match self {
            Lang::En => EN[index],
            Lang::Es => ES[index],
        }
    }

    /// `en`, `es`, `es-MX`, `EN-us` …; anything else is not a language Portico speaks.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The supported language the browser prefers most (`q` weights honoured), or English.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, usize, Lang)> = None;
        for (position, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else { continue };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
                .unwrap_or(1.0);
            if weight <= 0.0 {
                continue;
            }
            // Higher weight wins; on equal weight the one listed first.
            let better = match best {
                None => true,
                Some((w, p, _)) => weight > w || (weight == w && position < p),
            };
            if better {
                best = Some((weight, position, lang));
            }
        }
        best.map(|(_, _, lang)| lang).unwrap_or_default()
    }
}

const EN_CATALOGUE: &str = include_str!("../locales/en.txt");
const ES_CATALOGUE: &str = include_str!("../locales/es.txt");

/// `key = text` lines; blank lines and `#` comments are skipped. `\n` in a text is a line break.
fn parse_catalogue(source: &'static str) -> HashMap<&'static str, &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = ").map(|(k, v)| (k.trim(), v.trim())))
        .collect()
}

fn catalogue(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static EN: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    static ES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| parse_catalogue(EN_CATALOGUE)),
        Lang::Es => ES.get_or_init(|| parse_catalogue(ES_CATALOGUE)),
    }
}

include!(concat!(env!("OUT_DIR"), "/catalogue_keys.rs"));

// After the catalogue's `key!` macro, which it uses.
impl Lang {
    /// A moment as the clock on the wall of a place shows it (`time_zone` is the place's IANA
    /// zone): "December 6, 2026 at 8:00 AM PST" / "6 de diciembre de 2026, 8:00 a. m. PST". An
    /// unknown zone falls back to UTC, labelled as such.
    #[cfg(feature = "ssr")]
    pub fn format_place_time(self, at: chrono::DateTime<chrono::Utc>, time_zone: &str) -> String {
        use chrono::Timelike;
        let (date, clock, zone) = match time_zone.parse::<chrono_tz::Tz>() {
            Ok(tz) => {
                let local = at.with_timezone(&tz);
                (local.date_naive(), self.format_clock(local.hour(), local.minute()), local.format("%Z").to_string())
            }
            Err(_) => (at.date_naive(), self.format_clock(at.hour(), at.minute()), "UTC".to_owned()),
        };
        let time = format!("{clock} {zone}");
        T(self).fmt(key!("case.date_at_time"), &[("date", &self.format_date(date)), ("time", &time)])
    }
}

/// A key of the catalogue. Made by `key!`, which only accepts keys the catalogue has, so a page
/// cannot ask for words that do not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(pub &'static str);

/// The words of one language. `Copy`, so views can move it into closures freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct T(pub Lang);

impl T {
    pub fn lang(self) -> Lang {
        self.0
    }

    /// The text of `key` (checked to exist when the crate compiled).
    pub fn get(self, key: Key) -> &'static str {
        catalogue(self.0).get(key.0).copied().unwrap_or(key.0)
    }

    /// Like [`T::get`] for keys made at run time from a closed set (`error.<code>`,
    /// `parse.<reason>`, `event.<kind>`); tests walk each set to keep it complete.
    pub fn lookup(self, key: &str) -> &'static str {
        catalogue(self.0).get(key).copied().unwrap_or("")
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fmt(self, key: Key, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }
}

/// `template` with each `{name}` replaced by its value: [`T::fmt`]'s rule, for the browser's
/// islands too, which get their words (not the catalogue) from the server.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The language of the page being rendered (provided by `App`).
pub fn use_t() -> T {
    T(leptos::prelude::use_context::<Lang>().unwrap_or_default())
}

/// The page's language in the browser: `<html lang>`, which the server wrote from the request —
/// so both halves render the same words (see `crate::page_lang`).
#[cfg(not(feature = "ssr"))]
pub fn document_lang() -> Lang {
    leptos::prelude::document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_exactly_the_same_keys() {
        let en = catalogue(Lang::En);
        let es = catalogue(Lang::Es);
        let missing_in_es: Vec<_> = en.keys().filter(|k| !es.contains_key(*k)).collect();
        let missing_in_en: Vec<_> = es.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing_in_es.is_empty(), "missing in es.txt: {missing_in_es:?}");
        assert!(missing_in_en.is_empty(), "missing in en.txt: {missing_in_en:?}");
        for (key, text) in es {
            assert!(!text.is_empty(), "empty text for {key}");
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let names = |text: &str| {
            let mut found: Vec<String> =
                text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(n, _)| n.to_owned())).collect();
            found.sort();
            found
        };
        for (key, en) in catalogue(Lang::En) {
            assert_eq!(names(en), names(catalogue(Lang::Es)[key]), "placeholders of {key}");
        }
    }

    /// Every key the source names is in the catalogues: `key!("…")` (which the compiler already
    /// holds to `en.txt`; this also checks `es.txt`) and literal run-time `lookup("…")` keys.
    #[test]
    fn every_key_used_in_the_code_exists() {
        fn visit(dir: &std::path::Path, keys: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    visit(&path, keys);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    for marker in ["key!(\"", ".lookup(\""] {
                        for rest in source.split(marker).skip(1) {
                            if let Some((key, _)) = rest.split_once('"') {
                                if key.contains('.') && !key.contains(' ') {
                                    keys.push((key.to_owned(), path.display().to_string()));
                                }
                            }
                        }
                    }
                }
            }
        }
        let mut keys = Vec::new();
        visit(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut keys);
        assert!(keys.len() > 50, "the scan finds the keys ({} found)", keys.len());
        for (key, file) in keys {
            for lang in Lang::ALL {
                assert!(catalogue(lang).contains_key(key.as_str()), "{key} (used in {file}) is missing for {lang:?}");
            }
        }
    }

    #[test]
    fn tags_round_trip_and_regions_are_ignored() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        use chrono::TimeZone;
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 26, 15, 4, 0).unwrap();
        assert_eq!(Lang::En.format_datetime(at), "November 26, 2026 at 15:04 UTC");
        assert_eq!(Lang::Es.format_datetime(at), "26 de noviembre de 2026, 15:04 UTC");
        assert_eq!(Lang::Es.format_date(at.date_naive()), "26 de noviembre de 2026");
    }

    #[test]
    fn accept_language_picks_the_preferred_supported_language() {
        assert_eq!(Lang::from_accept_language("es-MX,es;q=0.9,en;q=0.8"), Lang::Es);
        assert_eq!(Lang::from_accept_language("fr-FR,fr;q=0.9,es;q=0.5,en;q=0.4"), Lang::Es);
        assert_eq!(Lang::from_accept_language("en;q=0.3,es;q=0.7"), Lang::Es);
        assert_eq!(Lang::from_accept_language("es;q=0,en"), Lang::En);
        assert_eq!(Lang::from_accept_language("de"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
    }
}
