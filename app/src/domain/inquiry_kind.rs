//! What an inquiry (a secure message about a case) is about.

use super::ParseError;
use serde::{Deserialize, Serialize};

/// Stored as its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(value_type = "String", from_str = "InquiryKind::from_key", to_str = "InquiryKind::stored")
)]
pub enum InquiryKind {
    /// The case has taken longer than normal: only once it is past its inquiry date (the 93rd
    /// percentile of its form at its office, `server::cases::estimates`).
    OutsideProcessingTime,
    /// A notice was issued but never arrived by post.
    NoticeNotReceived,
    /// A notice or card has a typing mistake (a name, a date).
    TypographicalError,
    /// A disability accommodation for an appointment.
    AccommodationRequest,
    Other,
}

impl InquiryKind {
    pub const ALL: [InquiryKind; 5] = [
        InquiryKind::OutsideProcessingTime,
        InquiryKind::NoticeNotReceived,
        InquiryKind::TypographicalError,
        InquiryKind::AccommodationRequest,
        InquiryKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            InquiryKind::OutsideProcessingTime => "outside_processing_time",
            InquiryKind::NoticeNotReceived => "notice_not_received",
            InquiryKind::TypographicalError => "typographical_error",
            InquiryKind::AccommodationRequest => "accommodation_request",
            InquiryKind::Other => "other",
        }
    }

    #[cfg(feature = "ssr")]
    fn stored(&self) -> &'static str {
        self.key()
    }

    pub fn from_key(key: &str) -> Result<Self, ParseError> {
        InquiryKind::ALL.into_iter().find(|kind| kind.key() == key).ok_or(ParseError::UnknownStoredValue)
    }

    /// The catalogue key of the kind's name.
    pub fn label_key(self) -> crate::i18n::Key {
        match self {
            InquiryKind::OutsideProcessingTime => key!("inquiry.kind.outside_processing_time"),
            InquiryKind::NoticeNotReceived => key!("inquiry.kind.notice_not_received"),
            InquiryKind::TypographicalError => key!("inquiry.kind.typographical_error"),
            InquiryKind::AccommodationRequest => key!("inquiry.kind.accommodation_request"),
            InquiryKind::Other => key!("inquiry.kind.other"),
        }
    }
}
