//! Responses to a Request for Evidence: the files an applicant uploads (`evidence_files`, each
//! kept in the file store under `object_key`, with its cleaned name, its type as decided by its
//! bytes, size and SHA-256) and the response that submits them (`evidence_responses`, one per
//! request notice — a unique index, so a second submission fails even when two race — with the
//! name typed as signature).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EvidenceFiles {
    Table,
    Id,
    CaseId,
    NoticeId,
    AccountId,
    ObjectKey,
    FileName,
    Kind,
    Size,
    Sha256,
    UploadedAt,
    ResponseId,
}

#[derive(DeriveIden)]
enum EvidenceResponses {
    Table,
    Id,
    CaseId,
    NoticeId,
    AccountId,
    SignedName,
    SubmittedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EvidenceResponses::Table)
                    .if_not_exists()
                    .col(pk_auto(EvidenceResponses::Id))
                    .col(integer(EvidenceResponses::CaseId))
                    .col(integer(EvidenceResponses::NoticeId))
                    .col(integer(EvidenceResponses::AccountId))
                    .col(string(EvidenceResponses::SignedName))
                    .col(timestamp_with_time_zone(EvidenceResponses::SubmittedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_evidence_responses_notice")
                    .table(EvidenceResponses::Table)
                    .col(EvidenceResponses::NoticeId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvidenceFiles::Table)
                    .if_not_exists()
                    .col(pk_auto(EvidenceFiles::Id))
                    .col(integer(EvidenceFiles::CaseId))
                    .col(integer(EvidenceFiles::NoticeId))
                    .col(integer(EvidenceFiles::AccountId))
                    .col(string_len_uniq(EvidenceFiles::ObjectKey, 200))
                    .col(string(EvidenceFiles::FileName))
                    .col(string_len(EvidenceFiles::Kind, 10))
                    .col(big_integer(EvidenceFiles::Size))
                    .col(string_len(EvidenceFiles::Sha256, 64))
                    .col(timestamp_with_time_zone(EvidenceFiles::UploadedAt))
                    .col(integer_null(EvidenceFiles::ResponseId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_evidence_files_notice")
                    .table(EvidenceFiles::Table)
                    .col(EvidenceFiles::NoticeId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(EvidenceFiles::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(EvidenceResponses::Table).to_owned()).await
    }
}
