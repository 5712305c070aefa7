//! Types both sides share. Each is parsed once, at the edge, by a constructor that rejects bad input
//! with a sentence a person understands; every value of the type is therefore valid. They compile
//! into the WASM bundle too, so the browser shows the same message the server would.

mod a_number;
mod address;
mod appointment_kind;
mod case_status;
pub mod case_workflow;
mod email;
mod form_type;
pub mod ids;
mod inquiry_kind;
mod notice_type;
mod notification_choice;
pub mod office;
mod parse_error;
mod password;
pub mod password_strength;
mod person;
mod phone;
mod receipt_number;
mod role;
mod uscis_number;

pub use a_number::ANumber;
pub use address::{AddressForm, AddressKind, PostalAddress};
pub use appointment_kind::AppointmentKind;
pub use case_status::{CaseStage, CaseStatus};
pub use email::{email_hint, EmailAddress};
pub use form_type::FormType;
pub use ids::{AccountId, AppointmentId, CaseId, InquiryId, NoticeId, RecordId, SessionId};
pub use inquiry_kind::InquiryKind;
pub use notice_type::NoticeType;
pub use notification_choice::{Channel, NotificationKind};
pub use parse_error::ParseError;
pub use password::Password;
pub use person::{key_words, CountryName, PersonName};
pub use phone::PhoneNumber;
pub use receipt_number::ReceiptNumber;
pub use role::Role;
pub use uscis_number::UscisNumber;

/// Removes the separators people type inside identifiers (spaces, dashes, dots) and upper-cases.
pub(crate) fn compact_identifier(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '#')).flat_map(char::to_uppercase).collect()
}
