//! What happened to an account's security, for its owner to read ("was that me?") and for audit:
//! sign-ins, failures, pauses, sign-outs, record links. Append-only; the IP and browser are kept
//! because they are what lets a person recognise a sign-in that was not theirs.

use crate::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SecurityEvents {
    Table,
    Id,
    AccountId,
    Kind,
    At,
    IpAddress,
    UserAgent,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SecurityEvents::Table)
                    .if_not_exists()
                    .col(pk_auto(SecurityEvents::Id))
                    .col(integer(SecurityEvents::AccountId))
                    .col(string(SecurityEvents::Kind))
                    .col(timestamp_with_time_zone(SecurityEvents::At))
                    .col(string_null(SecurityEvents::IpAddress))
                    .col(string_null(SecurityEvents::UserAgent))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_security_events_account")
                            .from(SecurityEvents::Table, SecurityEvents::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_security_events_account_time")
                    .table(SecurityEvents::Table)
                    .col(SecurityEvents::AccountId)
                    .col(SecurityEvents::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SecurityEvents::Table).to_owned()).await
    }
}
