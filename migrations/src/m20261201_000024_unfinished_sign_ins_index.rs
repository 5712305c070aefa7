//! An index for the once-a-minute look for sign-ins whose second step was never finished
//! (`sign_in::report_unfinished_sign_ins`): without it every instance read the whole `sessions`
//! table each minute. Partial — only sessions still waiting for their second factor and not
//! ended are in it — so it stays small however many sessions there are, and a finished sign-in
//! leaves it. Found by the query-plan test, whose recording caught the sweep running beside the
//! officer's queue.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    CreatedAt,
    SecondFactorAt,
    EndedAt,
}

const NAME: &str = "idx_sessions_unfinished";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Sessions::Table)
                    .col(Sessions::CreatedAt)
                    .and_where(Expr::col(Sessions::SecondFactorAt).is_null())
                    .and_where(Expr::col(Sessions::EndedAt).is_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(NAME).table(Sessions::Table).to_owned()).await
    }
}
