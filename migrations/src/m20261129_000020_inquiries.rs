//! Inquiries: secure messages about one case between its applicant and USCIS staff. An inquiry
//! has a type (`domain::InquiryKind`) and a thread of plain-text messages; `awaiting_staff` says
//! whose turn it is (the staff queue lists the ones awaiting an answer, oldest first), a message
//! is unread for the other side until `read_at`.

use crate::Cases;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Inquiries {
    Table,
    Id,
    CaseId,
    AccountId,
    Kind,
    OpenedAt,
    LastMessageAt,
    AwaitingStaff,
    ClosedAt,
}

#[derive(DeriveIden)]
enum InquiryMessages {
    Table,
    Id,
    InquiryId,
    StaffId,
    Body,
    SentAt,
    ReadAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Inquiries::Table)
                    .if_not_exists()
                    .col(pk_auto(Inquiries::Id))
                    .col(integer(Inquiries::CaseId))
                    .col(integer(Inquiries::AccountId))
                    .col(string(Inquiries::Kind))
                    .col(timestamp_with_time_zone(Inquiries::OpenedAt))
                    .col(timestamp_with_time_zone(Inquiries::LastMessageAt))
                    .col(boolean(Inquiries::AwaitingStaff))
                    .col(timestamp_with_time_zone_null(Inquiries::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_inquiries_case")
                            .from(Inquiries::Table, Inquiries::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The staff queue: awaiting an answer, the longest waiting first.
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiries_awaiting")
                    .table(Inquiries::Table)
                    .col(Inquiries::AwaitingStaff)
                    .col(Inquiries::LastMessageAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_inquiries_case").table(Inquiries::Table).col(Inquiries::CaseId).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InquiryMessages::Table)
                    .if_not_exists()
                    .col(pk_auto(InquiryMessages::Id))
                    .col(integer(InquiryMessages::InquiryId))
                    .col(integer_null(InquiryMessages::StaffId))
                    .col(text(InquiryMessages::Body))
                    .col(timestamp_with_time_zone(InquiryMessages::SentAt))
                    .col(timestamp_with_time_zone_null(InquiryMessages::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_inquiry_messages_inquiry")
                            .from(InquiryMessages::Table, InquiryMessages::InquiryId)
                            .to(Inquiries::Table, Inquiries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiry_messages_inquiry")
                    .table(InquiryMessages::Table)
                    .col(InquiryMessages::InquiryId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(InquiryMessages::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Inquiries::Table).to_owned()).await
    }
}
