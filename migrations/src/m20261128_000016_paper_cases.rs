//! Cases filed on paper. A paper filing does not show on the record's online account by itself:
//! its owner adds it by the receipt number on the paper receipt notice (and the online access
//! code on the case's Account Access Notice, or the date of birth on the record), so a case
//! someone filed for a person — a relative's petition, a form an attorney filed — reaches their
//! account only when they ask for it. Cases filed online are shown as before.
//!
//! `case_access_codes` keeps the codes printed on those notices, like `record_access_codes` for
//! records: only a keyed hash, single use, 90 days.

use crate::Cases;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PaperColumns {
    FiledOnPaper,
    AddedOnlineAt,
}

#[derive(DeriveIden)]
enum CaseAccessCodes {
    Table,
    Id,
    CaseId,
    CodeHash,
    IssuedAt,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Cases::Table)
                    .add_column(boolean(PaperColumns::FiledOnPaper).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Cases::Table)
                    .add_column(timestamp_with_time_zone_null(PaperColumns::AddedOnlineAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseAccessCodes::Table)
                    .if_not_exists()
                    .col(pk_auto(CaseAccessCodes::Id))
                    .col(integer(CaseAccessCodes::CaseId))
                    .col(string_len_uniq(CaseAccessCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone(CaseAccessCodes::IssuedAt))
                    .col(timestamp_with_time_zone_null(CaseAccessCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_access_codes_case")
                            .from(CaseAccessCodes::Table, CaseAccessCodes::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_case_access_codes_case")
                    .table(CaseAccessCodes::Table)
                    .col(CaseAccessCodes::CaseId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CaseAccessCodes::Table).to_owned()).await?;
        manager
            .alter_table(Table::alter().table(Cases::Table).drop_column(PaperColumns::AddedOnlineAt).to_owned())
            .await?;
        manager.alter_table(Table::alter().table(Cases::Table).drop_column(PaperColumns::FiledOnPaper).to_owned()).await
    }
}
