//! Someone who lost their authenticator app and backup codes can recover the account by email, but
//! only after a 24-hour wait that any signed-in session of the account can cancel: a stolen
//! password plus a stolen mailbox must not be enough to take the account at once. One row per
//! recovery; `ready_notified_at` keeps the "you can now set up a new factor" mail to one.

use crate::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FactorRecoveries {
    Table,
    Id,
    AccountId,
    StartedAt,
    CancelledAt,
    ReadyNotifiedAt,
    CompletedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FactorRecoveries::Table)
                    .if_not_exists()
                    .col(pk_auto(FactorRecoveries::Id))
                    .col(integer(FactorRecoveries::AccountId))
                    .col(timestamp_with_time_zone(FactorRecoveries::StartedAt))
                    .col(timestamp_with_time_zone_null(FactorRecoveries::CancelledAt))
                    .col(timestamp_with_time_zone_null(FactorRecoveries::ReadyNotifiedAt))
                    .col(timestamp_with_time_zone_null(FactorRecoveries::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_factor_recoveries_account")
                            .from(FactorRecoveries::Table, FactorRecoveries::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_factor_recoveries_account")
                    .table(FactorRecoveries::Table)
                    .col(FactorRecoveries::AccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FactorRecoveries::Table).to_owned()).await
    }
}
