//! Staff, and cases that move.
//!
//! - `accounts.role`: applicants and staff sign in the same way (password, then a second factor;
//!   the same sessions, pauses and timeouts), so staff are accounts with a role rather than a
//!   second table that would repeat every sign-in rule. `display_name` is the name the audit log
//!   and applicants see, `office` the officer's queue, `disabled_at` an administrator's switch
//!   that ends every session of the account.
//! - `cases.version`: bumped by every change, so two officers changing the same case at once
//!   cannot both succeed (the second is told the case changed under them). `cases.office`: whose
//!   queue the case is in.
//! - `audit_log`: append-only; every staff read of a record or case and every staff write.
//! - `outbox`: notifications written in the same transaction as the change they announce and
//!   delivered afterwards by a worker (retries with backoff, once per idempotency key).
//! - `notifications`: the applicant's in-app list (unread until opened).
//! - `caller_verifications`: a contact-center agent checked a caller against a record; the agent
//!   may act on that record's accounts for a short while (see `staff/contact_center.rs`).
//! - `security_events.staff_name`: who on the staff acted, for events staff caused (the applicant
//!   sees the name on their security events page). `factor_recoveries.wait_waived_at`: an agent
//!   who checked the caller's identity let their recovery skip the 24-hour wait.

use crate::{Accounts, Cases};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StaffColumns {
    Role,
    DisplayName,
    Office,
    DisabledAt,
}

#[derive(DeriveIden)]
enum CaseColumns {
    Version,
    Office,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorRole,
    Action,
    AccountId,
    RecordId,
    CaseId,
    Reason,
    Detail,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    IdempotencyKey,
    Kind,
    AccountId,
    CaseId,
    Payload,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    DeliveredAt,
    LastError,
}

#[derive(DeriveIden)]
enum CallerVerifications {
    Table,
    Id,
    AgentId,
    RecordId,
    VerifiedAt,
}

#[derive(DeriveIden)]
enum SecurityEvents {
    Table,
    StaffName,
}

#[derive(DeriveIden)]
enum FactorRecoveries {
    Table,
    WaitWaivedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    AccountId,
    CaseId,
    Status,
    NoticeId,
    CreatedAt,
    ReadAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [
            string_len(StaffColumns::Role, 20).default("applicant").to_owned(),
            string_len_null(StaffColumns::DisplayName, 200),
            string_len_null(StaffColumns::Office, 10),
            timestamp_with_time_zone_null(StaffColumns::DisabledAt),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Accounts::Table).add_column(&mut column).to_owned()).await?;
        }
        for column in [
            integer(CaseColumns::Version).default(0).to_owned(),
            string_len(CaseColumns::Office, 10).default("NBC").to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Cases::Table).add_column(&mut column).to_owned()).await?;
        }
        // The queue: one office's cases, oldest change first.
        manager
            .create_index(
                Index::create()
                    .name("idx_cases_office_updated")
                    .table(Cases::Table)
                    .col(CaseColumns::Office)
                    .col(Cases::StatusUpdatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer(AuditLog::ActorId))
                    .col(string_len(AuditLog::ActorRole, 20))
                    .col(string_len(AuditLog::Action, 40))
                    .col(integer_null(AuditLog::AccountId))
                    .col(integer_null(AuditLog::RecordId))
                    .col(integer_null(AuditLog::CaseId))
                    .col(text_null(AuditLog::Reason))
                    .col(text_null(AuditLog::Detail))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_audit_log_at").table(AuditLog::Table).col(AuditLog::At).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .if_not_exists()
                    .col(pk_auto(Outbox::Id))
                    .col(string_len_uniq(Outbox::IdempotencyKey, 100))
                    .col(string_len(Outbox::Kind, 40))
                    .col(integer(Outbox::AccountId))
                    .col(integer_null(Outbox::CaseId))
                    .col(text(Outbox::Payload))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(Outbox::DeliveredAt))
                    .col(text_null(Outbox::LastError))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_outbox_account")
                            .from(Outbox::Table, Outbox::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::DeliveredAt)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .if_not_exists()
                    .col(pk_auto(Notifications::Id))
                    .col(integer(Notifications::AccountId))
                    .col(integer(Notifications::CaseId))
                    .col(string(Notifications::Status))
                    .col(integer_null(Notifications::NoticeId))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_account")
                            .from(Notifications::Table, Notifications::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_case")
                            .from(Notifications::Table, Notifications::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_account")
                    .table(Notifications::Table)
                    .col(Notifications::AccountId)
                    .col(Notifications::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CallerVerifications::Table)
                    .if_not_exists()
                    .col(pk_auto(CallerVerifications::Id))
                    .col(integer(CallerVerifications::AgentId))
                    .col(integer(CallerVerifications::RecordId))
                    .col(timestamp_with_time_zone(CallerVerifications::VerifiedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_caller_verifications_agent")
                            .from(CallerVerifications::Table, CallerVerifications::AgentId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SecurityEvents::Table)
                    .add_column(string_len_null(SecurityEvents::StaffName, 200))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(FactorRecoveries::Table)
                    .add_column(timestamp_with_time_zone_null(FactorRecoveries::WaitWaivedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(FactorRecoveries::Table).drop_column(FactorRecoveries::WaitWaivedAt).to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(SecurityEvents::Table).drop_column(SecurityEvents::StaffName).to_owned())
            .await?;
        for table in [
            CallerVerifications::Table.into_iden(),
            Notifications::Table.into_iden(),
            Outbox::Table.into_iden(),
            AuditLog::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.drop_index(Index::drop().name("idx_cases_office_updated").table(Cases::Table).to_owned()).await?;
        for column in [CaseColumns::Version, CaseColumns::Office] {
            manager.alter_table(Table::alter().table(Cases::Table).drop_column(column).to_owned()).await?;
        }
        for column in [StaffColumns::Role, StaffColumns::DisplayName, StaffColumns::Office, StaffColumns::DisabledAt] {
            manager.alter_table(Table::alter().table(Accounts::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
