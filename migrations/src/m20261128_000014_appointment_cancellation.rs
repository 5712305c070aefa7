//! An officer can cancel an appointment: the row stays (its notice and the audit log refer to
//! it), marked with when it was cancelled, and no longer shows as coming.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Appointments {
    Table,
    CancelledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Appointments::Table)
                    .add_column(timestamp_with_time_zone_null(Appointments::CancelledAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Appointments::Table).drop_column(Appointments::CancelledAt).to_owned())
            .await
    }
}
