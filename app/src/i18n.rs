//! The languages Portico speaks. An account keeps its choice (`accounts.language`); a visitor gets
//! the first supported language of their browser's `Accept-Language`, and English otherwise.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

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
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ];
        const ES: [&str; 12] = [
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
            "noviembre", "diciembre",
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

#[cfg(test)]
mod tests {
    use super::*;

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
