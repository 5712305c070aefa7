//! Why a piece of input was refused: one reason per rule a domain type checks, each worded in
//! every language (`parse.<key>` in `app/locales/`). Domain types return these; forms carry them
//! back to the page (`?reason=<key>`), so the person reads the exact rule in their language.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
pub enum ParseError {
    EmailMissing,
    EmailShape,
    PasswordTooShort,
    PasswordTooLong,
    ANumberMissing,
    ANumberShape,
    ANumberAllZeros,
    UscisNumberMissing,
    UscisNumberShape,
    UscisNumberAllZeros,
    ReceiptNumberMissing,
    ReceiptNumberShape,
    ReceiptNumberOffice,
    FormNumberMissing,
    FormNumberUnknown,
    PhoneShape,
    NameMissing,
    NameTooLong,
    NameCharacters,
    CountryMissing,
    CountryShape,
    UnknownStoredValue,
    AddressStreetMissing,
    AddressLineShape,
    AddressCityMissing,
    AddressStateUnknown,
    AddressMilitaryState,
    AddressZipShape,
    AddressPostalCodeShape,
}

impl ParseError {
    pub const ALL: [ParseError; 29] = [
        ParseError::EmailMissing,
        ParseError::EmailShape,
        ParseError::PasswordTooShort,
        ParseError::PasswordTooLong,
        ParseError::ANumberMissing,
        ParseError::ANumberShape,
        ParseError::ANumberAllZeros,
        ParseError::UscisNumberMissing,
        ParseError::UscisNumberShape,
        ParseError::UscisNumberAllZeros,
        ParseError::ReceiptNumberMissing,
        ParseError::ReceiptNumberShape,
        ParseError::ReceiptNumberOffice,
        ParseError::FormNumberMissing,
        ParseError::FormNumberUnknown,
        ParseError::PhoneShape,
        ParseError::NameMissing,
        ParseError::NameTooLong,
        ParseError::NameCharacters,
        ParseError::CountryMissing,
        ParseError::CountryShape,
        ParseError::UnknownStoredValue,
        ParseError::AddressStreetMissing,
        ParseError::AddressLineShape,
        ParseError::AddressCityMissing,
        ParseError::AddressStateUnknown,
        ParseError::AddressMilitaryState,
        ParseError::AddressZipShape,
        ParseError::AddressPostalCodeShape,
    ];

    /// The reason's key: in the catalogues (`parse.<key>`) and in a refused form's address.
    pub fn key(self) -> &'static str {
        match self {
            ParseError::EmailMissing => "email_missing",
            ParseError::EmailShape => "email_shape",
            ParseError::PasswordTooShort => "password_too_short",
            ParseError::PasswordTooLong => "password_too_long",
            ParseError::ANumberMissing => "a_number_missing",
            ParseError::ANumberShape => "a_number_shape",
            ParseError::ANumberAllZeros => "a_number_all_zeros",
            ParseError::UscisNumberMissing => "uscis_number_missing",
            ParseError::UscisNumberShape => "uscis_number_shape",
            ParseError::UscisNumberAllZeros => "uscis_number_all_zeros",
            ParseError::ReceiptNumberMissing => "receipt_number_missing",
            ParseError::ReceiptNumberShape => "receipt_number_shape",
            ParseError::ReceiptNumberOffice => "receipt_number_office",
            ParseError::FormNumberMissing => "form_number_missing",
            ParseError::FormNumberUnknown => "form_number_unknown",
            ParseError::PhoneShape => "phone_shape",
            ParseError::NameMissing => "name_missing",
            ParseError::NameTooLong => "name_too_long",
            ParseError::NameCharacters => "name_characters",
            ParseError::CountryMissing => "country_missing",
            ParseError::CountryShape => "country_shape",
            ParseError::UnknownStoredValue => "unknown_stored_value",
            ParseError::AddressStreetMissing => "address_street_missing",
            ParseError::AddressLineShape => "address_line_shape",
            ParseError::AddressCityMissing => "address_city_missing",
            ParseError::AddressStateUnknown => "address_state_unknown",
            ParseError::AddressMilitaryState => "address_military_state",
            ParseError::AddressZipShape => "address_zip_shape",
            ParseError::AddressPostalCodeShape => "address_postal_code_shape",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        ParseError::ALL.into_iter().find(|reason| reason.key() == key)
    }

    /// The form field (its `name`) the reason is about, if it is about one.
    pub fn field(self) -> Option<&'static str> {
        match self {
            ParseError::EmailMissing => Some("email"),
            ParseError::EmailShape => Some("email"),
            ParseError::PasswordTooShort => Some("password"),
            ParseError::PasswordTooLong => Some("password"),
            ParseError::ANumberMissing => Some("id_number"),
            ParseError::ANumberShape => Some("id_number"),
            ParseError::ANumberAllZeros => Some("id_number"),
            ParseError::UscisNumberMissing => Some("id_number"),
            ParseError::UscisNumberShape => Some("id_number"),
            ParseError::UscisNumberAllZeros => Some("id_number"),
            ParseError::ReceiptNumberMissing => Some("receipt_number"),
            ParseError::ReceiptNumberShape => Some("receipt_number"),
            ParseError::ReceiptNumberOffice => Some("receipt_number"),
            ParseError::FormNumberMissing => Some("form"),
            ParseError::FormNumberUnknown => Some("form"),
            ParseError::PhoneShape => Some("phone"),
            ParseError::NameMissing => Some("full_name"),
            ParseError::NameTooLong => Some("full_name"),
            ParseError::NameCharacters => Some("full_name"),
            ParseError::CountryMissing => Some("country_of_birth"),
            ParseError::CountryShape => Some("country_of_birth"),
            ParseError::UnknownStoredValue => None,
            ParseError::AddressStreetMissing => Some("line1"),
            ParseError::AddressLineShape => Some("line1"),
            ParseError::AddressCityMissing => Some("city"),
            ParseError::AddressStateUnknown => Some("region"),
            ParseError::AddressMilitaryState => Some("region"),
            ParseError::AddressZipShape => Some("postal_code"),
            ParseError::AddressPostalCodeShape => Some("postal_code"),
        }
    }

    /// The reason in `lang`.
    pub fn message(self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::T(lang).lookup(&format!("parse.{}", self.key()))
    }
}

/// The English words, for logs and tests; people read [`ParseError::message`] in their language.
impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(crate::i18n::Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_reason_round_trips_and_reads_in_each_language() {
        for reason in ParseError::ALL {
            assert_eq!(ParseError::from_key(reason.key()), Some(reason));
            assert!(!reason.message(Lang::En).is_empty() && !reason.message(Lang::Es).is_empty(), "{reason:?}");
            assert_ne!(reason.message(Lang::En), reason.message(Lang::Es), "{reason:?} is translated");
        }
        assert_eq!(ParseError::from_key("<script>"), None);
    }
}
