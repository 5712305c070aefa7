//! The USCIS Online Account Number: nine (or twelve) digits.

use super::{compact_identifier, ParseError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The 9-digit USCIS number printed on green cards and work permits of people who have no A-Number.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UscisNumber(String);

impl UscisNumber {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let compact = compact_identifier(raw);
        if compact.is_empty() {
            return Err(ParseError::UscisNumberMissing);
        }
        if compact.len() != 9 || !compact.chars().all(|c| c.is_ascii_digit()) {
            return Err(ParseError::UscisNumberShape);
        }
        if compact.chars().all(|c| c == '0') {
            return Err(ParseError::UscisNumberAllZeros);
        }
        Ok(Self(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UscisNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UscisNumber(•••-•••-{})", &self.0[6..])
    }
}

impl fmt::Display for UscisNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for UscisNumber {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<UscisNumber> for String {
    fn from(value: UscisNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_separators_and_rejects_wrong_shapes() {
        assert_eq!(UscisNumber::parse("123-456-789").unwrap().as_str(), "123456789");
        assert!(UscisNumber::parse("12345678").is_err());
        assert!(UscisNumber::parse("A12345678").is_err());
        assert!(UscisNumber::parse("000000000").is_err());
    }

    proptest! {
        #[test]
        fn any_nine_digits_that_are_not_all_zero_parse(digits in "[0-9]{9}") {
            prop_assume!(digits != "000000000");
            let parsed = UscisNumber::parse(&digits).unwrap();
            prop_assert_eq!(parsed.as_str(), digits.as_str());
        }

        #[test]
        fn never_panics(raw in ".{0,16}") {
            let _ = UscisNumber::parse(&raw);
        }
    }
}
