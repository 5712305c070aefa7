//! An applicant may choose to be texted, as well as mailed, when one of their cases changes
//! (to their confirmed phone). Off unless they choose it: texts cost the agency and reach a phone
//! that others may see.

use crate::Accounts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseTexts {
    CaseTexts,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(boolean(CaseTexts::CaseTexts).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Accounts::Table).drop_column(CaseTexts::CaseTexts).to_owned()).await
    }
}
