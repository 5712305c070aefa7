//! Every checked password leaves a row here, so the sign-in throttle can count failures per email
//! and per IP across several app instances (a counter in memory would be per instance). The email
//! is stored only as a hash: the table must not become a list of who tried to sign in. Rows older
//! than a day carry no weight and may be deleted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SignInAttempts {
    Table,
    Id,
    EmailKey,
    IpAddress,
    Succeeded,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInAttempts::Table)
                    .if_not_exists()
                    .col(pk_auto(SignInAttempts::Id))
                    .col(string(SignInAttempts::EmailKey))
                    .col(string_null(SignInAttempts::IpAddress))
                    .col(boolean(SignInAttempts::Succeeded))
                    .col(timestamp_with_time_zone(SignInAttempts::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_attempts_email_time")
                    .table(SignInAttempts::Table)
                    .col(SignInAttempts::EmailKey)
                    .col(SignInAttempts::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_attempts_ip_time")
                    .table(SignInAttempts::Table)
                    .col(SignInAttempts::IpAddress)
                    .col(SignInAttempts::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SignInAttempts::Table).to_owned()).await
    }
}
