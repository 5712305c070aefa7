//! Portico's schema, one migration per change. Each file opens with why its tables look the way
//! they do; migrations are append-only once released.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_records_and_accounts;
mod m20261126_000002_create_cases_and_events;
mod m20261126_000003_create_notices_and_appointments;
mod m20261126_000004_create_sessions;
mod m20261126_000005_create_sign_in_attempts;
mod m20261126_000006_create_security_events;
mod m20261126_000007_add_email_confirmation;
mod m20261126_000008_add_second_factors;
mod m20261126_000009_create_factor_recoveries;
mod m20261126_000010_add_language_phone_email_change;
mod m20261126_000011_add_spanish_notice_text;
mod m20261127_000012_probe_fixes;
mod m20261128_000013_staff_and_case_changes;
mod m20261128_000014_appointment_cancellation;
mod m20261128_000015_case_texts;
mod m20261128_000016_paper_cases;
mod m20261128_000017_addresses;
mod m20261128_000018_appointment_slots;
mod m20261128_000019_processing_times;
mod m20261129_000020_inquiries;
mod m20261129_000021_notification_choices;
mod m20261129_000022_evidence;
mod m20261130_000023_read_indexes;
mod m20261201_000024_unfinished_sign_ins_index;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_records_and_accounts::Migration),
            Box::new(m20261126_000002_create_cases_and_events::Migration),
            Box::new(m20261126_000003_create_notices_and_appointments::Migration),
            Box::new(m20261126_000004_create_sessions::Migration),
            Box::new(m20261126_000005_create_sign_in_attempts::Migration),
            Box::new(m20261126_000006_create_security_events::Migration),
            Box::new(m20261126_000007_add_email_confirmation::Migration),
            Box::new(m20261126_000008_add_second_factors::Migration),
            Box::new(m20261126_000009_create_factor_recoveries::Migration),
            Box::new(m20261126_000010_add_language_phone_email_change::Migration),
            Box::new(m20261126_000011_add_spanish_notice_text::Migration),
            Box::new(m20261127_000012_probe_fixes::Migration),
            Box::new(m20261128_000013_staff_and_case_changes::Migration),
            Box::new(m20261128_000014_appointment_cancellation::Migration),
            Box::new(m20261128_000015_case_texts::Migration),
            Box::new(m20261128_000016_paper_cases::Migration),
            Box::new(m20261128_000017_addresses::Migration),
            Box::new(m20261128_000018_appointment_slots::Migration),
            Box::new(m20261128_000019_processing_times::Migration),
            Box::new(m20261129_000020_inquiries::Migration),
            Box::new(m20261129_000021_notification_choices::Migration),
            Box::new(m20261129_000022_evidence::Migration),
            Box::new(m20261130_000023_read_indexes::Migration),
            Box::new(m20261201_000024_unfinished_sign_ins_index::Migration),
        ]
    }
}

/// Table and column names shared by several migrations.
#[derive(DeriveIden)]
pub(crate) enum ImmigrationRecords {
    Table,
    Id,
    ANumber,
    UscisNumber,
    FullName,
    NameKey,
    DateOfBirth,
    CountryOfBirth,
    CountryKey,
    CreatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum Accounts {
    Table,
    Id,
    Email,
    PasswordHash,
    RecordId,
    RecordLinkedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum Cases {
    Table,
    Id,
    ReceiptNumber,
    RecordId,
    FormType,
    Status,
    FiledOn,
    StatusUpdatedAt,
}
