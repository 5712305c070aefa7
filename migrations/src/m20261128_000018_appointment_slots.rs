//! Rescheduling: the open times of each place that holds appointments (`appointment_slots`, each
//! with a capacity and how many are booked), and on each appointment its place's code, the slot it
//! holds (if it was booked from one), how many times its applicant moved it and why, last.
//!
//! A seat is taken by one conditional update (`booked = booked + 1 WHERE booked < capacity`), so
//! two applicants racing for the last seat cannot both get it, on SQLite or PostgreSQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppointmentSlots {
    Table,
    Id,
    PlaceCode,
    Kind,
    StartsAt,
    Capacity,
    Booked,
}

#[derive(DeriveIden)]
enum Appointments {
    Table,
    PlaceCode,
    PlaceName,
    SlotId,
    TimesRescheduled,
    RescheduleReason,
}

/// The places known when this migration was written (`domain::office::PLACES`), to give the
/// appointments made before it their place's code. A snapshot: later places need no backfill.
const PLACES_THEN: [(&str, &str); 10] = [
    ("NBC", "National Benefits Center"),
    ("NYC", "New York City Field Office"),
    ("LOS", "Los Angeles Field Office"),
    ("MIA", "Miami Field Office"),
    ("NWK", "Newark Field Office"),
    ("LAA", "Los Angeles Application Support Center"),
    ("SAA", "Santa Ana Application Support Center"),
    ("HIA", "Hialeah Application Support Center"),
    ("CHI", "Chicago Field Office"),
    ("MKE", "Milwaukee Field Office"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppointmentSlots::Table)
                    .if_not_exists()
                    .col(pk_auto(AppointmentSlots::Id))
                    .col(string(AppointmentSlots::PlaceCode))
                    .col(string(AppointmentSlots::Kind))
                    .col(timestamp_with_time_zone(AppointmentSlots::StartsAt))
                    .col(integer(AppointmentSlots::Capacity))
                    .col(integer(AppointmentSlots::Booked).default(0))
                    .to_owned(),
            )
            .await?;
        // The reschedule page asks for one kind's open slots at a few places over the coming weeks.
        manager
            .create_index(
                Index::create()
                    .name("idx_appointment_slots_kind_place_time")
                    .table(AppointmentSlots::Table)
                    .col(AppointmentSlots::Kind)
                    .col(AppointmentSlots::PlaceCode)
                    .col(AppointmentSlots::StartsAt)
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER TABLE.
        for column in [
            string_null(Appointments::PlaceCode),
            integer_null(Appointments::SlotId),
            integer(Appointments::TimesRescheduled).default(0).to_owned(),
            text_null(Appointments::RescheduleReason),
        ] {
            manager.alter_table(Table::alter().table(Appointments::Table).add_column(column).to_owned()).await?;
        }
        for (code, name) in PLACES_THEN {
            manager
                .exec_stmt(
                    Query::update()
                        .table(Appointments::Table)
                        .value(Appointments::PlaceCode, code)
                        .and_where(Expr::col(Appointments::PlaceName).eq(name))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Appointments::PlaceCode,
            Appointments::SlotId,
            Appointments::TimesRescheduled,
            Appointments::RescheduleReason,
        ] {
            manager.alter_table(Table::alter().table(Appointments::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(AppointmentSlots::Table).to_owned()).await
    }
}
