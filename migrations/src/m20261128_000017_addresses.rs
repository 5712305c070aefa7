//! A record's mailing and physical addresses (AR-11): each a JSON object of the checked fields
//! (`domain::PostalAddress`), with when the person last reported a change. Kept on the record, as
//! the agency keeps one address per person for all their cases.

use crate::ImmigrationRecords;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AddressColumns {
    MailingAddress,
    PhysicalAddress,
    AddressChangedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [text_null(AddressColumns::MailingAddress), text_null(AddressColumns::PhysicalAddress)] {
            manager.alter_table(Table::alter().table(ImmigrationRecords::Table).add_column(column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ImmigrationRecords::Table)
                    .add_column(timestamp_with_time_zone_null(AddressColumns::AddressChangedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in
            [AddressColumns::MailingAddress, AddressColumns::PhysicalAddress, AddressColumns::AddressChangedAt]
        {
            manager.alter_table(Table::alter().table(ImmigrationRecords::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
