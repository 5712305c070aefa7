//! Receipt numbers: three letters for the office (EAC, IOE …) and ten digits.

use super::{compact_identifier, ParseError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The service centers and offices whose three-letter codes begin a USCIS receipt number.
const SERVICE_CENTER_PREFIXES: [&str; 8] = ["EAC", "WAC", "LIN", "SRC", "MSC", "NBC", "IOE", "YSC"];

/// A USCIS receipt number: a service-center prefix and 10 digits, stored without separators
/// (`eac-22-123-45678` becomes `EAC2212345678`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReceiptNumber(String);

impl ReceiptNumber {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let compact = compact_identifier(raw);
        if compact.is_empty() {
            return Err(ParseError::ReceiptNumberMissing);
        }
        if compact.len() != 13 || !compact.is_char_boundary(3) {
            return Err(ParseError::ReceiptNumberShape);
        }
        let (prefix, digits) = compact.split_at(3);
        if !digits.chars().all(|c| c.is_ascii_digit()) || !prefix.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(ParseError::ReceiptNumberShape);
        }
        if !SERVICE_CENTER_PREFIXES.contains(&prefix) {
            return Err(ParseError::ReceiptNumberOffice);
        }
        Ok(Self(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn service_center(&self) -> &str {
        &self.0[..3]
    }
}

impl fmt::Display for ReceiptNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ReceiptNumber {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ReceiptNumber> for String {
    fn from(value: ReceiptNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalises_case_dashes_and_spaces() {
        assert_eq!(ReceiptNumber::parse("eac-22-123-45678").unwrap().as_str(), "EAC2212345678");
        assert_eq!(ReceiptNumber::parse(" IOE 0912345678 ").unwrap().as_str(), "IOE0912345678");
    }

    #[test]
    fn rejects_unknown_prefix_with_a_readable_reason() {
        let err = ReceiptNumber::parse("ABC2212345678").unwrap_err();
        assert_eq!(err, ParseError::ReceiptNumberOffice, "{err}");
    }

    #[test]
    fn rejects_wrong_length_and_letters_in_digits() {
        assert!(ReceiptNumber::parse("EAC221234567").is_err());
        assert!(ReceiptNumber::parse("EAC22123456789").is_err());
        assert!(ReceiptNumber::parse("EAC22123X5678").is_err());
        assert_eq!(ReceiptNumber::parse("  ").unwrap_err().to_string(), "Enter a receipt number.");
        assert!(ReceiptNumber::parse("ÉAC2212345678").is_err());
    }

    proptest! {
        #[test]
        fn every_valid_number_round_trips(prefix in prop::sample::select(SERVICE_CENTER_PREFIXES.to_vec()),
                                          digits in "[0-9]{10}") {
            let canonical = format!("{prefix}{digits}");
            let messy = format!("{}-{} {}", prefix.to_lowercase(), &digits[..2], &digits[2..]);
            let parsed = ReceiptNumber::parse(&messy).unwrap();
            prop_assert_eq!(parsed.as_str(), canonical.as_str());
            let json = serde_json_like(&ReceiptNumber::parse(&canonical).unwrap());
            prop_assert_eq!(json, canonical);
        }

        #[test]
        fn never_panics_and_only_accepts_canonical_shape(raw in ".{0,20}") {
            if let Ok(n) = ReceiptNumber::parse(&raw) {
                prop_assert_eq!(n.as_str().len(), 13);
                prop_assert!(SERVICE_CENTER_PREFIXES.contains(&n.service_center()));
            }
        }
    }

    fn serde_json_like(n: &ReceiptNumber) -> String {
        String::from(n.clone())
    }
}
