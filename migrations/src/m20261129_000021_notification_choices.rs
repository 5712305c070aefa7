//! Notification choices: per account and kind of news (status change, notice, appointment,
//! reminder) the channel chosen — email, text, both or in Portico only. No row means email. The
//! single "text me about case changes" switch (`accounts.case_texts`) becomes the status-change
//! choice "both" for the accounts that had it on, and goes.
//!
//! Reminders are found by their date: indexes on a notice's due date and an appointment's time let
//! the minute-by-minute sweep read only what falls in the coming week.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum NotificationChoices {
    Table,
    Id,
    AccountId,
    Kind,
    Channel,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    CaseTexts,
}

#[derive(DeriveIden)]
enum Notices {
    Table,
    ResponseDueOn,
}

#[derive(DeriveIden)]
enum Appointments {
    Table,
    ScheduledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NotificationChoices::Table)
                    .if_not_exists()
                    .col(pk_auto(NotificationChoices::Id))
                    .col(integer(NotificationChoices::AccountId))
                    .col(string_len(NotificationChoices::Kind, 20))
                    .col(string_len(NotificationChoices::Channel, 10))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notification_choices_account")
                            .from(NotificationChoices::Table, NotificationChoices::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notification_choices_account_kind")
                    .table(NotificationChoices::Table)
                    .col(NotificationChoices::AccountId)
                    .col(NotificationChoices::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(NotificationChoices::Table)
                    .columns([NotificationChoices::AccountId, NotificationChoices::Kind, NotificationChoices::Channel])
                    .select_from(
                        Query::select()
                            .column(Accounts::Id)
                            .expr(Expr::val("status_change"))
                            .expr(Expr::val("both"))
                            .from(Accounts::Table)
                            .and_where(Expr::col(Accounts::CaseTexts).eq(true))
                            .to_owned(),
                    )
                    .map_err(|e| DbErr::Migration(e.to_string()))?
                    .to_owned(),
            )
            .await?;
        manager.alter_table(Table::alter().table(Accounts::Table).drop_column(Accounts::CaseTexts).to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notices_response_due_on")
                    .table(Notices::Table)
                    .col(Notices::ResponseDueOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_appointments_scheduled_at")
                    .table(Appointments::Table)
                    .col(Appointments::ScheduledAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_appointments_scheduled_at").table(Appointments::Table).to_owned())
            .await?;
        manager.drop_index(Index::drop().name("idx_notices_response_due_on").table(Notices::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(boolean(Accounts::CaseTexts).default(false))
                    .to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table(NotificationChoices::Table).to_owned()).await
    }
}
