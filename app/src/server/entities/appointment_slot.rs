//! Table `appointment_slots`: an open time at a place for one kind of appointment, with seats.

use crate::domain::AppointmentKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointment_slots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `domain::office::PLACES`; the slot's time shows on that place's clocks.
    pub place_code: String,
    pub kind: AppointmentKind,
    pub starts_at: DateTimeUtc,
    pub capacity: i32,
    /// Seats taken; only ever changed by a conditional update (see `server::cases::rescheduling`).
    pub booked: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
