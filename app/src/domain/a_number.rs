//! The Alien Registration Number (A-Number): `A` and eight or nine digits.

use super::{compact_identifier, ParseError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An Alien Registration Number: "A" and 7 to 9 digits, always kept as 9 digits
/// (`A12345678` becomes `A012345678`). The leading "A" may be left out when typed.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ANumber(String);

impl ANumber {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let compact = compact_identifier(raw);
        let digits = compact.strip_prefix('A').unwrap_or(&compact);
        if digits.is_empty() {
            return Err(ParseError::ANumberMissing);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) || !(7..=9).contains(&digits.len()) {
            return Err(ParseError::ANumberShape);
        }
        if digits.chars().all(|c| c == '0') {
            return Err(ParseError::ANumberAllZeros);
        }
        Ok(Self(format!("A{digits:0>9}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last three digits, the only part shown on screens that do not need the whole number.
    pub fn masked(&self) -> String {
        format!("A-•••-•••-{}", &self.0[7..])
    }
}

/// A-Numbers are personal data: debug output shows only the masked form.
impl fmt::Debug for ANumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ANumber({})", self.masked())
    }
}

impl fmt::Display for ANumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ANumber {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ANumber> for String {
    fn from(value: ANumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pads_to_nine_digits() {
        assert_eq!(ANumber::parse("A12345678").unwrap().as_str(), "A012345678");
        assert_eq!(ANumber::parse("a-1234567").unwrap().as_str(), "A001234567");
        assert_eq!(ANumber::parse("123 456 789").unwrap().as_str(), "A123456789");
    }

    #[test]
    fn rejects_bad_lengths_letters_and_zeros() {
        assert!(ANumber::parse("A123456").is_err());
        assert!(ANumber::parse("A1234567890").is_err());
        assert!(ANumber::parse("A12B45678").is_err());
        assert_eq!(ANumber::parse("A000000000").unwrap_err().to_string(), "An A-Number cannot be all zeros.");
        assert_eq!(ANumber::parse("").unwrap_err().to_string(), "Enter your A-Number.");
    }

    #[test]
    fn debug_never_prints_the_whole_number() {
        let printed = format!("{:?}", ANumber::parse("A123456789").unwrap());
        assert!(!printed.contains("123456"), "{printed}");
        assert!(printed.ends_with("789)"));
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(digits in "[0-9]{7,9}") {
            prop_assume!(digits.chars().any(|c| c != '0'));
            let once = ANumber::parse(&format!("A{digits}")).unwrap();
            let twice = ANumber::parse(once.as_str()).unwrap();
            prop_assert_eq!(once.as_str().len(), 10);
            prop_assert_eq!(once, twice);
        }

        #[test]
        fn never_panics(raw in ".{0,16}") {
            let _ = ANumber::parse(&raw);
        }
    }
}
