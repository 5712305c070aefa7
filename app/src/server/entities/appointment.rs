//! Table `appointments`: biometrics, interviews and oath ceremonies of a case.

use crate::domain::{AppointmentId, AppointmentKind, CaseId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: AppointmentId,
    pub case_id: CaseId,
    pub kind: AppointmentKind,
    pub scheduled_at: DateTimeUtc,
    /// IANA zone of the place, e.g. America/New_York: times are shown as its clocks show them.
    pub time_zone: String,
    pub place_name: String,
    pub place_address: String,
    /// Set when an officer cancelled it; a cancelled appointment no longer shows as coming.
    pub cancelled_at: Option<DateTimeUtc>,
    /// The place's code (`domain::office::PLACES`); `None` for a place not in that list.
    pub place_code: Option<String>,
    /// The slot whose seat it holds, when it was booked from one; freed when it moves.
    pub slot_id: Option<i32>,
    /// How many times its applicant moved it (`server::cases::rescheduling::MAX_RESCHEDULES`).
    pub times_rescheduled: i32,
    /// The applicant's reason for the latest move, for the officer.
    pub reschedule_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
