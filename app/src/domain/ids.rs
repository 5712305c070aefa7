//! Typed ids: an account's id cannot be passed where a record's or a case's is expected. Each is
//! stored as the same integer column as before (a sea-orm value type on the server).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! ids {
    ($( $(#[$doc:meta])* $name:ident; )+) => { $(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        #[serde(transparent)]
        pub struct $name(pub i32);

        impl From<$name> for i32 {
            fn from(id: $name) -> i32 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+ };
}

ids! {
    /// A Portico account (an applicant's today; staff accounts join with the case workflow).
    AccountId;
    /// A sign-in session.
    SessionId;
    /// An immigration record: the agency's file on one person, which accounts link to.
    RecordId;
    /// One case (one filed form) of a record.
    CaseId;
    /// One notice of a case.
    NoticeId;
    /// One appointment of a case.
    AppointmentId;
    /// One inquiry (a thread of secure messages) about a case.
    InquiryId;
}
