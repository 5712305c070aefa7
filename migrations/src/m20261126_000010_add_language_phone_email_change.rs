//! Three things an account keeps about its owner's reach: the language Portico writes to them in
//! (`language`, a BCP 47 tag, English for existing accounts), a phone for text-message codes
//! (`phone_number` in E.164; `phone_verified_at` empty until a texted code confirms it, and only
//! a verified phone is ever sent a sign-in code), and a new email address waiting for its
//! confirmation link (`pending_email`; the sign-in address changes only once that link is used).

use crate::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReachColumns {
    Language,
    PhoneNumber,
    PhoneVerifiedAt,
    PendingEmail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [
            string_len(ReachColumns::Language, 8).default("en").to_owned(),
            string_len_null(ReachColumns::PhoneNumber, 16),
            timestamp_with_time_zone_null(ReachColumns::PhoneVerifiedAt),
            string_len_null(ReachColumns::PendingEmail, 254),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Accounts::Table).add_column(&mut column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ReachColumns::Language,
            ReachColumns::PhoneNumber,
            ReachColumns::PhoneVerifiedAt,
            ReachColumns::PendingEmail,
        ] {
            manager.alter_table(Table::alter().table(Accounts::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
