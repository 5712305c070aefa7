//! A case is one filing, known by its receipt number (unique, the id people quote on the phone).
//! `status` is the current status key, denormalised from the newest event so the dashboard reads
//! one row per case; `case_events` is the append-only history behind it, indexed by case and time
//! because the case page reads it in order.

use crate::{Cases, ImmigrationRecords};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    Id,
    CaseId,
    Status,
    OccurredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Cases::Table)
                    .if_not_exists()
                    .col(pk_auto(Cases::Id))
                    .col(string(Cases::ReceiptNumber).unique_key())
                    .col(integer(Cases::RecordId))
                    .col(string(Cases::FormType))
                    .col(string(Cases::Status))
                    .col(date(Cases::FiledOn))
                    .col(timestamp_with_time_zone(Cases::StatusUpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cases_record")
                            .from(Cases::Table, Cases::RecordId)
                            .to(ImmigrationRecords::Table, ImmigrationRecords::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // The dashboard lists one person's cases, newest activity first.
        manager
            .create_index(
                Index::create()
                    .name("idx_cases_record_updated")
                    .table(Cases::Table)
                    .col(Cases::RecordId)
                    .col(Cases::StatusUpdatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseEvents::Table)
                    .if_not_exists()
                    .col(pk_auto(CaseEvents::Id))
                    .col(integer(CaseEvents::CaseId))
                    .col(string(CaseEvents::Status))
                    .col(timestamp_with_time_zone(CaseEvents::OccurredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_events_case")
                            .from(CaseEvents::Table, CaseEvents::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_events_case_time")
                    .table(CaseEvents::Table)
                    .col(CaseEvents::CaseId)
                    .col(CaseEvents::OccurredAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CaseEvents::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Cases::Table).to_owned()).await
    }
}
