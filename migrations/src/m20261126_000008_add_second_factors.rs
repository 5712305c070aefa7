//! Every sign-in needs a second factor. An authenticator app's secret is kept only encrypted
//! (`totp_secret`, sealed with the server key) with the last step used, so a code is never accepted
//! twice; a secret being set up waits in `totp_pending_secret` until the first code confirms it.
//! Backup codes and emailed codes are kept as keyed hashes. A session is first only
//! "password accepted" (`second_factor_at` empty) and becomes a signed-in one under a new id once
//! the second factor is given; `flash` holds sealed text a page shows once (new backup codes).

use crate::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// New columns of `accounts` (named for the column names they produce).
#[derive(DeriveIden)]
#[allow(clippy::enum_variant_names)]
enum SecondFactorColumns {
    TotpSecret,
    TotpPendingSecret,
    TotpEnrolledAt,
    TotpLastStep,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    CreatedAt,
    SecondFactorAt,
    Flash,
}

#[derive(DeriveIden)]
enum BackupCodes {
    Table,
    Id,
    AccountId,
    CodeHash,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum OneTimeCodes {
    Table,
    Id,
    AccountId,
    Purpose,
    CodeHash,
    CreatedAt,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [
            text_null(SecondFactorColumns::TotpSecret),
            text_null(SecondFactorColumns::TotpPendingSecret),
            timestamp_with_time_zone_null(SecondFactorColumns::TotpEnrolledAt),
            big_integer_null(SecondFactorColumns::TotpLastStep),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Accounts::Table).add_column(&mut column).to_owned()).await?;
        }
        for column in [timestamp_with_time_zone_null(Sessions::SecondFactorAt), text_null(Sessions::Flash)] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Sessions::Table).add_column(&mut column).to_owned()).await?;
        }
        // Sessions started before second factors existed were full sign-ins.
        manager
            .exec_stmt(
                Query::update()
                    .table(Sessions::Table)
                    .value(Sessions::SecondFactorAt, Expr::col(Sessions::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BackupCodes::Table)
                    .if_not_exists()
                    .col(pk_auto(BackupCodes::Id))
                    .col(integer(BackupCodes::AccountId))
                    .col(string(BackupCodes::CodeHash))
                    .col(timestamp_with_time_zone(BackupCodes::CreatedAt))
                    .col(timestamp_with_time_zone_null(BackupCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_backup_codes_account")
                            .from(BackupCodes::Table, BackupCodes::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_backup_codes_account")
                    .table(BackupCodes::Table)
                    .col(BackupCodes::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OneTimeCodes::Table)
                    .if_not_exists()
                    .col(pk_auto(OneTimeCodes::Id))
                    .col(integer(OneTimeCodes::AccountId))
                    .col(string(OneTimeCodes::Purpose))
                    .col(string(OneTimeCodes::CodeHash))
                    .col(timestamp_with_time_zone(OneTimeCodes::CreatedAt))
                    .col(timestamp_with_time_zone_null(OneTimeCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_one_time_codes_account")
                            .from(OneTimeCodes::Table, OneTimeCodes::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_one_time_codes_account")
                    .table(OneTimeCodes::Table)
                    .col(OneTimeCodes::AccountId)
                    .col(OneTimeCodes::Purpose)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OneTimeCodes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(BackupCodes::Table).to_owned()).await?;
        for column in [Sessions::SecondFactorAt, Sessions::Flash] {
            manager.alter_table(Table::alter().table(Sessions::Table).drop_column(column).to_owned()).await?;
        }
        for column in [
            SecondFactorColumns::TotpSecret,
            SecondFactorColumns::TotpPendingSecret,
            SecondFactorColumns::TotpEnrolledAt,
            SecondFactorColumns::TotpLastStep,
        ] {
            manager.alter_table(Table::alter().table(Accounts::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
