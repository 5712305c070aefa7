//! Phone numbers for texted codes, in E.164, with the countries and area codes texts may go to.

use super::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A phone number that can receive text messages, kept in E.164 ("+12025550143"). Ten digits
/// are read as a U.S. number (+1); numbers elsewhere are typed with their country code after a
/// plus. Whether the number really reaches the person is only known once a texted code comes back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ParseError::PhoneShape);
        }
        let international = trimmed.starts_with('+') || trimmed.starts_with("00");
        if trimmed.chars().any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+'))) {
            return Err(ParseError::PhoneShape);
        }
        let mut digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        if trimmed.starts_with("00") {
            digits.drain(..2);
        }
        let e164 = if international {
            // E.164: a country code (not starting with 0) and at most 15 digits in all.
            if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
                return Err(ParseError::PhoneShape);
            }
            format!("+{digits}")
        } else {
            let national = match digits.len() {
                10 => digits.as_str(),
                11 if digits.starts_with('1') => &digits[1..],
                _ => return Err(ParseError::PhoneShape),
            };
            // North American numbers: neither the area code nor the exchange starts with 0 or 1.
            let (area, exchange) = (national.as_bytes()[0], national.as_bytes()[3]);
            if matches!(area, b'0' | b'1') || matches!(exchange, b'0' | b'1') {
                return Err(ParseError::PhoneShape);
            }
            format!("+1{national}")
        };
        Ok(Self(e164))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "•••-•••-0143": the last four digits, for telling the owner which phone a code went to.
    pub fn hint(e164: &str) -> String {
        let digits: Vec<char> = e164.chars().filter(char::is_ascii_digit).collect();
        let last: String = digits[digits.len().saturating_sub(4)..].iter().collect();
        format!("•••-•••-{last}")
    }
}

/// Area codes that share +1 with the United States but belong to other countries in the Caribbean
/// and the Atlantic. Texts to them are billed internationally, and ranges there are the classic
/// target of SMS pumping; `+1` in the allowed list therefore means the U.S., its territories
/// (Puerto Rico, the U.S. Virgin Islands, Guam, the Northern Mariana Islands, American Samoa) and
/// Canada — not these.
pub const NON_US_CARIBBEAN_AREA_CODES: [&str; 21] = [
    "242", "246", "264", "268", "284", "345", "441", "473", "649", "658", "664", "721", "758", "767", "784", "809",
    "829", "849", "868", "869", "876",
];

impl PhoneNumber {
    /// Whether texts may be sent to `e164`, given the allowed country calling codes (digits, no
    /// plus). Calling codes are prefix-free (ITU-T E.164), so a prefix match is exact.
    pub fn may_receive_texts(e164: &str, allowed_country_codes: &[String]) -> bool {
        let Some(digits) = e164.strip_prefix('+') else { return false };
        allowed_country_codes.iter().any(|code| match code.as_str() {
            "1" => digits.starts_with('1') && !NON_US_CARIBBEAN_AREA_CODES.contains(&digits.get(1..4).unwrap_or("")),
            other => digits.starts_with(other),
        })
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_numbers_are_read_in_the_ways_people_type_them() {
        for typed in
            ["(202) 555-0143", "202-555-0143", "202.555.0143", "1 202 555 0143", "+1 202 555 0143", "2025550143"]
        {
            assert_eq!(PhoneNumber::parse(typed).unwrap().as_str(), "+12025550143", "{typed}");
        }
    }

    #[test]
    fn international_numbers_need_their_country_code() {
        assert_eq!(PhoneNumber::parse("+52 55 1234 5678").unwrap().as_str(), "+525512345678");
        assert_eq!(PhoneNumber::parse("0052 55 1234 5678").unwrap().as_str(), "+525512345678");
        assert!(PhoneNumber::parse("+0 55 1234 5678").is_err());
        assert!(PhoneNumber::parse("+1234567890123456").is_err());
    }

    #[test]
    fn impossible_numbers_are_refused() {
        for typed in ["", "555-0143", "(102) 555-0143", "(202) 055-0143", "202555014x", "2025550143; DROP"] {
            assert!(PhoneNumber::parse(typed).is_err(), "{typed}");
        }
    }

    #[test]
    fn texts_go_only_to_the_allowed_countries_and_never_to_caribbean_ranges_of_plus_one() {
        let allowed = ["1".to_owned(), "52".to_owned()];
        for ok in ["+12025550143", "+17875550143", "+16715550143", "+14165550143", "+525512345678"] {
            assert!(PhoneNumber::may_receive_texts(ok, &allowed), "{ok}");
        }
        // Jamaica, the Dominican Republic, the British Virgin Islands; the U.K.; Somalia.
        for refused in ["+18765550143", "+18095550143", "+12845550143", "+447700900123", "+252612345678"] {
            assert!(!PhoneNumber::may_receive_texts(refused, &allowed), "{refused}");
        }
        assert!(PhoneNumber::may_receive_texts("+447700900123", &["44".to_owned()]));
    }

    #[test]
    fn hints_show_only_the_last_four_digits() {
        assert_eq!(PhoneNumber::hint("+12025550143"), "•••-•••-0143");
    }
}
