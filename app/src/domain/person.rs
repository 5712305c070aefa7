//! A person's name and country of birth as typed, and the keys they are compared by.

use super::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A person's full name as it appears on their immigration record. Spaces are collapsed; matching
/// against a record compares [`PersonName::match_key`], which ignores case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(ParseError::NameMissing);
        }
        if name.chars().count() > 120 {
            return Err(ParseError::NameTooLong);
        }
        if name.chars().any(|c| c.is_control() || c.is_ascii_digit() || matches!(c, '<' | '>' | '@' | '"')) {
            return Err(ParseError::NameCharacters);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Lower-cased with accents folded: "María García" matches "maria garcia", because many
    /// keyboards and many forms never had the accents in the first place.
    pub fn match_key(&self) -> String {
        fold_for_matching(&self.0)
    }
}

/// The words of a name key ([`PersonName::match_key`]), each once, in byte order: a search by
/// name matches each word typed against the beginnings of these (the `record_name_words` index).
/// `portico generate` splits its keys the same way in SQL, and migration 23 kept its own copy (a
/// migration must not change when this does).
pub fn key_words(key: &str) -> Vec<&str> {
    let mut words: Vec<&str> = key.split_whitespace().collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Lower-cases and removes the diacritics of Latin, Greek and Cyrillic letters (the combining
/// marks U+0300–U+036F once the letters are decomposed, so "Nguyễn Văn Đức" matches "nguyen van
/// duc" as "María" matches "maria"), and the few letters that carry their stroke inside (đ, ø, ł).
/// Other scripts' marks — Devanagari vowel signs, Arabic vowels — are letters there and stay.
/// Spaces are collapsed again afterwards: a mark typed alone after a space leaves nothing behind
/// (found by the `names` fuzz target: "* \u{362}" keyed as "* ", not "*").
pub(crate) fn fold_for_matching(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text
        .to_lowercase()
        .nfd()
        .filter(|c| !matches!(c, '\u{0300}'..='\u{036F}'))
        .map(|c| match c {
            'đ' => 'd',
            'ø' => 'o',
            'ł' => 'l',
            'ı' => 'i',
            other => other,
        })
        .nfc()
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PersonName {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> Self {
        value.0
    }
}

/// A country of birth as typed; compared without regard to case or extra spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryName(String);

impl CountryName {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(ParseError::CountryMissing);
        }
        if name.chars().count() > 80 || name.chars().any(|c| c.is_control() || c.is_ascii_digit()) {
            return Err(ParseError::CountryShape);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn match_key(&self) -> String {
        fold_for_matching(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_match_without_their_diacritics_in_latin_scripts_only() {
        let key = |name: &str| PersonName::parse(name).unwrap().match_key();
        assert_eq!(key("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(key("Nguyễn Văn Đức"), key("NGUYEN VAN DUC"));
        assert_eq!(key("Søren Łukasz"), "soren lukasz");
        assert_eq!(key("José Núñez"), "jose nunez");
        assert_eq!(key("Иван Петрович"), "иван петрович");
        assert_eq!(key("राहुल शर्मा"), "राहुल शर्मा", "Devanagari vowel signs are letters");
        assert_eq!(key("محمد"), "محمد");
        // A mark typed alone after a space (found by fuzzing) leaves no space behind in the key.
        assert_eq!(key("\n*\n\u{362}"), "*");
        assert_eq!(key("María \u{301}"), key("maria"));
    }

    #[test]
    fn collapses_spaces_and_matches_without_case() {
        let a = PersonName::parse("  María   GARCÍA López ").unwrap();
        assert_eq!(a.as_str(), "María GARCÍA López");
        assert_eq!(a.match_key(), PersonName::parse("maría garcía lópez").unwrap().match_key());
        assert_eq!(a.match_key(), PersonName::parse("Maria Garcia Lopez").unwrap().match_key());
        assert_eq!(CountryName::parse(" el  salvador").unwrap().match_key(), "el salvador");
    }

    #[test]
    fn rejects_empty_digits_and_markup() {
        assert!(PersonName::parse("   ").is_err());
        assert!(PersonName::parse("Maria 2").is_err());
        assert!(PersonName::parse("<script>").is_err());
        assert!(CountryName::parse("").is_err());
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(raw in "[A-Za-zÀ-ÿ' -]{1,60}") {
            if let Ok(name) = PersonName::parse(&raw) {
                prop_assert_eq!(PersonName::parse(name.as_str()).unwrap(), name);
            }
        }
    }
}
