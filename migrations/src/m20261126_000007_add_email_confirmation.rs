//! An account cannot be used until its owner follows a link mailed to the address (so nobody can
//! hold an account on someone else's email). `email_tokens` keeps single-use, expiring tokens for
//! that and for later emailed links (password reset); like sessions, only their hash is stored, and
//! `used_at` makes a second use fail.

use crate::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    Id,
    AccountId,
    Purpose,
    TokenHash,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum AccountsEmailConfirmedAt {
    EmailConfirmedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(timestamp_with_time_zone_null(AccountsEmailConfirmedAt::EmailConfirmedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailTokens::Table)
                    .if_not_exists()
                    .col(pk_auto(EmailTokens::Id))
                    .col(integer(EmailTokens::AccountId))
                    .col(string(EmailTokens::Purpose))
                    .col(string(EmailTokens::TokenHash).unique_key())
                    .col(timestamp_with_time_zone(EmailTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(EmailTokens::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_email_tokens_account")
                            .from(EmailTokens::Table, EmailTokens::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(EmailTokens::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .drop_column(AccountsEmailConfirmedAt::EmailConfirmedAt)
                    .to_owned(),
            )
            .await
    }
}
