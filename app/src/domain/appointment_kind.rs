//! What an appointment is for.

use super::ParseError;
use serde::{Deserialize, Serialize};

/// Stored as its key (`biometrics`, `interview`, `oath`, `other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(value_type = "String", from_str = "AppointmentKind::from_key", to_str = "AppointmentKind::stored")
)]
pub enum AppointmentKind {
    /// Fingerprints, photo and signature at an Application Support Center.
    Biometrics,
    Interview,
    /// The naturalization oath ceremony.
    Oath,
    Other,
}

impl AppointmentKind {
    pub const ALL: [AppointmentKind; 4] =
        [AppointmentKind::Biometrics, AppointmentKind::Interview, AppointmentKind::Oath, AppointmentKind::Other];

    pub fn key(self) -> &'static str {
        match self {
            AppointmentKind::Biometrics => "biometrics",
            AppointmentKind::Interview => "interview",
            AppointmentKind::Oath => "oath",
            AppointmentKind::Other => "other",
        }
    }

    #[cfg(feature = "ssr")]
    fn stored(&self) -> &'static str {
        self.key()
    }

    pub fn from_key(key: &str) -> Result<Self, ParseError> {
        AppointmentKind::ALL.into_iter().find(|kind| kind.key() == key).ok_or(ParseError::UnknownStoredValue)
    }

    /// The catalogue key of the kind's name.
    pub fn label_key(self) -> crate::i18n::Key {
        match self {
            AppointmentKind::Biometrics => key!("appointment.biometrics"),
            AppointmentKind::Interview => key!("appointment.interview"),
            AppointmentKind::Oath => key!("appointment.oath"),
            AppointmentKind::Other => key!("appointment.other"),
        }
    }
}
