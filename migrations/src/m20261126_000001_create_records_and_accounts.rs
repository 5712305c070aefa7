//! Immigration records are what USCIS already knows about a person; accounts are how a person signs
//! in. They are separate tables because a record exists before (and without) an account, and an
//! account exists before it is linked. `accounts.record_id` is unique: a record links to one
//! account only. Match keys (lower-cased name and country) are stored beside the display values so
//! identity checks are exact comparisons on indexed columns, never fuzzy scans.

use crate::{Accounts, ImmigrationRecords};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ImmigrationRecords::Table)
                    .if_not_exists()
                    .col(pk_auto(ImmigrationRecords::Id))
                    .col(string_null(ImmigrationRecords::ANumber).unique_key())
                    .col(string_null(ImmigrationRecords::UscisNumber).unique_key())
                    .col(string(ImmigrationRecords::FullName))
                    .col(string(ImmigrationRecords::NameKey))
                    .col(date(ImmigrationRecords::DateOfBirth))
                    .col(string(ImmigrationRecords::CountryOfBirth))
                    .col(string(ImmigrationRecords::CountryKey))
                    .col(timestamp_with_time_zone(ImmigrationRecords::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .if_not_exists()
                    .col(pk_auto(Accounts::Id))
                    .col(string(Accounts::Email).unique_key())
                    .col(string(Accounts::PasswordHash))
                    .col(integer_null(Accounts::RecordId).unique_key())
                    .col(timestamp_with_time_zone_null(Accounts::RecordLinkedAt))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_accounts_record")
                            .from(Accounts::Table, Accounts::RecordId)
                            .to(ImmigrationRecords::Table, ImmigrationRecords::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Accounts::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ImmigrationRecords::Table).to_owned()).await
    }
}
