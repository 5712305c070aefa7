//! Who a signed-in person is to Portico. Applicants create their own accounts; the staff roles are
//! given from the command line (`portico staff add`). Accredited representatives come later and
//! join this enum; every rule about what a role may do lives in `server::web::authorization`.

use super::ParseError;
use serde::{Deserialize, Serialize};

/// Stored as its key (`applicant`, `officer`, `contact_center`, `administrator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
#[cfg_attr(feature = "ssr", sea_orm(value_type = "String", from_str = "Role::from_key", to_str = "Role::stored"))]
pub enum Role {
    Applicant,
    /// Works cases: changes their status, asks for evidence, schedules, decides.
    Officer,
    /// Answers applicants on the phone: verifies callers, unlocks, settles disputed records.
    ContactCenter,
    /// Manages staff accounts and reads the audit log.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Applicant, Role::Officer, Role::ContactCenter, Role::Administrator];
    pub const STAFF: [Role; 3] = [Role::Officer, Role::ContactCenter, Role::Administrator];

    pub fn key(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Officer => "officer",
            Role::ContactCenter => "contact_center",
            Role::Administrator => "administrator",
        }
    }

    #[cfg(feature = "ssr")]
    fn stored(&self) -> &'static str {
        self.key()
    }

    pub fn from_key(key: &str) -> Result<Self, ParseError> {
        Role::ALL.into_iter().find(|role| role.key() == key).ok_or(ParseError::UnknownStoredValue)
    }

    pub fn is_staff(self) -> bool {
        self != Role::Applicant
    }

    /// The role's name on staff pages (the console is in English).
    pub fn title(self) -> &'static str {
        match self {
            Role::Applicant => "Applicant",
            Role::Officer => "Officer",
            Role::ContactCenter => "Contact-center agent",
            Role::Administrator => "Administrator",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_only_applicants_are_not_staff() {
        for role in Role::ALL {
            assert_eq!(Role::from_key(role.key()), Ok(role));
            assert_eq!(role.is_staff(), Role::STAFF.contains(&role));
        }
        assert!(Role::from_key("root").is_err());
    }
}
