//! Notices are the I-797 family of letters attached to a case; `response_due_on` is set on the ones
//! that ask for something by a date (a Request for Evidence), which is what "needs attention" reads.
//! Appointments (biometrics, interview, oath) are separate rows because they move: a reschedule
//! updates the time without rewriting the notice that announced it. Times are stored in UTC with
//! the place's IANA zone, so they show as the clock on the wall there shows them, summer or winter.

use crate::Cases;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notices {
    Table,
    Id,
    CaseId,
    NoticeType,
    NoticeDate,
    Title,
    Body,
    ResponseDueOn,
}

#[derive(DeriveIden)]
enum Appointments {
    Table,
    Id,
    CaseId,
    Kind,
    ScheduledAt,
    TimeZone,
    PlaceName,
    PlaceAddress,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notices::Table)
                    .if_not_exists()
                    .col(pk_auto(Notices::Id))
                    .col(integer(Notices::CaseId))
                    .col(string(Notices::NoticeType))
                    .col(date(Notices::NoticeDate))
                    .col(string(Notices::Title))
                    .col(text(Notices::Body))
                    .col(date_null(Notices::ResponseDueOn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notices_case")
                            .from(Notices::Table, Notices::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notices_case_date")
                    .table(Notices::Table)
                    .col(Notices::CaseId)
                    .col(Notices::NoticeDate)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Appointments::Table)
                    .if_not_exists()
                    .col(pk_auto(Appointments::Id))
                    .col(integer(Appointments::CaseId))
                    .col(string(Appointments::Kind))
                    .col(timestamp_with_time_zone(Appointments::ScheduledAt))
                    .col(string(Appointments::TimeZone))
                    .col(string(Appointments::PlaceName))
                    .col(string(Appointments::PlaceAddress))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_appointments_case")
                            .from(Appointments::Table, Appointments::CaseId)
                            .to(Cases::Table, Cases::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_appointments_case_time")
                    .table(Appointments::Table)
                    .col(Appointments::CaseId)
                    .col(Appointments::ScheduledAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Appointments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Notices::Table).to_owned()).await
    }
}
