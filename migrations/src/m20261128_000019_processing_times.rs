//! Processing-time estimates: a histogram of how long decided cases took, per form and office —
//! one row per number of days from filing to decision, with how many cases took that long. A
//! decision adds one to its row in the same transaction, so an estimate reads a few hundred rows
//! for its form and office however many millions of cases there are (see
//! `server::cases::estimates`). Cases decided before this table existed are counted once by
//! `estimates::rebuild`, which start-up runs while the table is empty.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProcessingTimes {
    Table,
    Id,
    FormType,
    Office,
    Days,
    Decided,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProcessingTimes::Table)
                    .if_not_exists()
                    .col(pk_auto(ProcessingTimes::Id))
                    .col(string(ProcessingTimes::FormType))
                    .col(string(ProcessingTimes::Office))
                    .col(integer(ProcessingTimes::Days))
                    .col(big_integer(ProcessingTimes::Decided))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_processing_times_form_office_days")
                    .table(ProcessingTimes::Table)
                    .col(ProcessingTimes::FormType)
                    .col(ProcessingTimes::Office)
                    .col(ProcessingTimes::Days)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ProcessingTimes::Table).to_owned()).await
    }
}
