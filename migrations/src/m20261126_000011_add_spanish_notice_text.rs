//! A notice's title and words in Spanish, beside the English ones (`title`, `body`), so the case
//! page and the PDF of a notice read in the applicant's language. Empty where a notice was only
//! written in English; Portico then shows the English.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notices {
    Table,
    TitleEs,
    BodyEs,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [string_len_null(Notices::TitleEs, 200), text_null(Notices::BodyEs)] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Notices::Table).add_column(&mut column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Notices::TitleEs, Notices::BodyEs] {
            manager.alter_table(Table::alter().table(Notices::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
