//! The kinds of notice a case can carry: the I-797 family of "Notice of Action" forms, and the
//! I-292 notice of a deferred-action decision.

use super::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which form a notice is; stored as its form number (`I-797C`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(value_type = "String", from_str = "NoticeType::parse", to_str = "NoticeType::stored")
)]
pub enum NoticeType {
    /// Approval notice.
    I797,
    /// Approval with a replacement I-94.
    I797A,
    /// Approval of a petition for a nonimmigrant worker.
    I797B,
    /// Receipt, transfer, appointment, rejection and other general notices.
    I797C,
    /// Accompanies a benefit card.
    I797D,
    /// Request for Evidence.
    I797E,
    /// Transportation letter.
    I797F,
    /// Notice of a decision on deferred action (DACA).
    I292,
}

impl NoticeType {
    pub const ALL: [NoticeType; 8] = [
        NoticeType::I797,
        NoticeType::I797A,
        NoticeType::I797B,
        NoticeType::I797C,
        NoticeType::I797D,
        NoticeType::I797E,
        NoticeType::I797F,
        NoticeType::I292,
    ];

    /// The form number as printed on the notice.
    pub fn code(self) -> &'static str {
        match self {
            NoticeType::I797 => "I-797",
            NoticeType::I797A => "I-797A",
            NoticeType::I797B => "I-797B",
            NoticeType::I797C => "I-797C",
            NoticeType::I797D => "I-797D",
            NoticeType::I797E => "I-797E",
            NoticeType::I797F => "I-797F",
            NoticeType::I292 => "I-292",
        }
    }

    #[cfg(feature = "ssr")]
    fn stored(&self) -> &'static str {
        self.code()
    }

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let compact = super::compact_identifier(raw);
        NoticeType::ALL.into_iter().find(|t| t.code().replace('-', "") == compact).ok_or(ParseError::UnknownStoredValue)
    }
}

impl fmt::Display for NoticeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_type_round_trips_through_its_code() {
        for kind in NoticeType::ALL {
            assert_eq!(NoticeType::parse(kind.code()), Ok(kind));
        }
        assert_eq!(NoticeType::parse("i797e"), Ok(NoticeType::I797E));
        assert!(NoticeType::parse("I-130").is_err());
    }
}
