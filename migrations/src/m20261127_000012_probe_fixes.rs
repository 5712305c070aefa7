//! What two outside probes showed the schema lacked.
//!
//! - `limit_events`: one row per counted action (a failed record link, a sign-up mail, a text sent)
//!   under a named limit and a hash of what it is counted against (account, client, record, phone).
//!   A row is written *before* the action is evaluated, inside the same transaction that counts, so
//!   racing requests cannot all pass a limit that none of them has yet been counted against.
//! - `record_access_codes`: the online access codes mailed on paper to a record's address (like
//!   USCIS's Account Access Notice), kept as keyed hashes; a code works once, for 90 days.
//! - `record_disputes`: "this record was linked by someone else" reports, for the contact center.
//! - `accounts.pending_record_*`: an account whose details matched a record but that has not yet
//!   given its access code; it sees nothing of the record. `contested_record_id`: the record an
//!   account's details matched although another account holds it (what a dispute is about).
//!   `totp_pending_at`: when an authenticator set-up began, so its unconfirmed secret expires.
//! - `email_tokens.sent_to` / `new_email`: the address a link was mailed to (refused once the
//!   account's address differs) and, for an email change, the exact address that link confirms.
//! - `one_time_codes.failed_attempts`: wrong tries of one code; after five it is void.
//!   `sealed_code`: the code sealed with the server key, so a sign-in started again re-sends the
//!   code still valid instead of spending the hourly budget on a new one.

use crate::{Accounts, ImmigrationRecords};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LimitEvents {
    Table,
    Id,
    Name,
    KeyHash,
    At,
}

#[derive(DeriveIden)]
enum RecordAccessCodes {
    Table,
    Id,
    RecordId,
    CodeHash,
    IssuedAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum RecordDisputes {
    Table,
    Id,
    AccountId,
    RecordId,
    Details,
    CreatedAt,
    ResolvedAt,
}

#[derive(DeriveIden)]
enum NewAccountColumns {
    PendingRecordId,
    PendingRecordAt,
    ContestedRecordId,
    TotpPendingAt,
}

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    SentTo,
    NewEmail,
}

#[derive(DeriveIden)]
enum OneTimeCodes {
    Table,
    FailedAttempts,
    SealedCode,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LimitEvents::Table)
                    .if_not_exists()
                    .col(pk_auto(LimitEvents::Id))
                    .col(string_len(LimitEvents::Name, 40))
                    .col(string_len(LimitEvents::KeyHash, 64))
                    .col(timestamp_with_time_zone(LimitEvents::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_limit_events_name_key_at")
                    .table(LimitEvents::Table)
                    .col(LimitEvents::Name)
                    .col(LimitEvents::KeyHash)
                    .col(LimitEvents::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecordAccessCodes::Table)
                    .if_not_exists()
                    .col(pk_auto(RecordAccessCodes::Id))
                    .col(integer(RecordAccessCodes::RecordId))
                    .col(string_len_uniq(RecordAccessCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone(RecordAccessCodes::IssuedAt))
                    .col(timestamp_with_time_zone_null(RecordAccessCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_record_access_codes_record")
                            .from(RecordAccessCodes::Table, RecordAccessCodes::RecordId)
                            .to(ImmigrationRecords::Table, ImmigrationRecords::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecordDisputes::Table)
                    .if_not_exists()
                    .col(pk_auto(RecordDisputes::Id))
                    .col(integer(RecordDisputes::AccountId))
                    .col(integer(RecordDisputes::RecordId))
                    .col(text(RecordDisputes::Details))
                    .col(timestamp_with_time_zone(RecordDisputes::CreatedAt))
                    .col(timestamp_with_time_zone_null(RecordDisputes::ResolvedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_record_disputes_account")
                            .from(RecordDisputes::Table, RecordDisputes::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // SQLite alters one column per statement.
        for column in [
            integer_null(NewAccountColumns::PendingRecordId),
            timestamp_with_time_zone_null(NewAccountColumns::PendingRecordAt),
            integer_null(NewAccountColumns::ContestedRecordId),
            timestamp_with_time_zone_null(NewAccountColumns::TotpPendingAt),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Accounts::Table).add_column(&mut column).to_owned()).await?;
        }
        for column in [string_len_null(EmailTokens::SentTo, 254), string_len_null(EmailTokens::NewEmail, 254)] {
            let mut column = column;
            manager.alter_table(Table::alter().table(EmailTokens::Table).add_column(&mut column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(OneTimeCodes::Table)
                    .add_column(integer(OneTimeCodes::FailedAttempts).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(OneTimeCodes::Table).add_column(text_null(OneTimeCodes::SealedCode)).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(OneTimeCodes::Table).drop_column(OneTimeCodes::FailedAttempts).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(OneTimeCodes::Table).drop_column(OneTimeCodes::SealedCode).to_owned())
            .await?;
        for column in [EmailTokens::SentTo, EmailTokens::NewEmail] {
            manager.alter_table(Table::alter().table(EmailTokens::Table).drop_column(column).to_owned()).await?;
        }
        for column in [
            NewAccountColumns::PendingRecordId,
            NewAccountColumns::PendingRecordAt,
            NewAccountColumns::ContestedRecordId,
            NewAccountColumns::TotpPendingAt,
        ] {
            manager.alter_table(Table::alter().table(Accounts::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(RecordDisputes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RecordAccessCodes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(LimitEvents::Table).to_owned()).await
    }
}
