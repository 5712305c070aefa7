//! Indexes for the reads that grow with accounts and cases, found by the query-plan test
//! (`server/tests/integration/query_plans.rs`), which fails on a full read of a large table:
//!
//! - the dashboard's unread answers look up an account's inquiries (`inquiries.account_id`);
//! - a search by status lists that status's cases, most recently changed first
//!   (`cases (status, status_updated_at, id)`);
//! - the officer's case page lists the case's evidence files (`evidence_files.case_id`);
//! - a search by name finds records by the words of their name. "Somewhere in the name"
//!   (`name_key LIKE '%word%'`) can only be answered by reading every record, so each record's
//!   name words are kept in `record_name_words`, and a query word matches the words it begins
//!   (a range on the primary key). The words are compared byte by byte (`COLLATE "C"` on
//!   PostgreSQL; SQLite's default), so the range is the same on both databases whatever the
//!   cluster's collation. Filled here from the stored name keys; kept by whoever writes a key.

use crate::{Cases, ImmigrationRecords};
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Inquiries {
    Table,
    AccountId,
}

#[derive(DeriveIden)]
enum EvidenceFiles {
    Table,
    CaseId,
}

#[derive(DeriveIden)]
enum RecordNameWords {
    Table,
    Word,
    RecordId,
}

/// Rows written per statement while filling the words.
const BATCH: usize = 500;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiries_account")
                    .table(Inquiries::Table)
                    .col(Inquiries::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_cases_status_updated")
                    .table(Cases::Table)
                    .col(Cases::Status)
                    .col(Cases::StatusUpdatedAt)
                    .col(Cases::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_evidence_files_case")
                    .table(EvidenceFiles::Table)
                    .col(EvidenceFiles::CaseId)
                    .to_owned(),
            )
            .await?;

        let postgres = manager.get_database_backend() == DbBackend::Postgres;
        let mut word = string(RecordNameWords::Word);
        if postgres {
            word.extra("COLLATE \"C\"");
        }
        manager
            .create_table(
                Table::create()
                    .table(RecordNameWords::Table)
                    .if_not_exists()
                    .col(word)
                    .col(integer(RecordNameWords::RecordId))
                    .primary_key(Index::create().col(RecordNameWords::Word).col(RecordNameWords::RecordId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_record_name_words_record")
                            .from(RecordNameWords::Table, RecordNameWords::RecordId)
                            .to(ImmigrationRecords::Table, ImmigrationRecords::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_record_name_words_record")
                    .table(RecordNameWords::Table)
                    .col(RecordNameWords::RecordId)
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let select = Query::select()
            .columns([ImmigrationRecords::Id, ImmigrationRecords::NameKey])
            .from(ImmigrationRecords::Table)
            .to_owned();
        let mut rows: Vec<(i32, String)> = Vec::new();
        for row in db.query_all(&select).await? {
            let id: i32 = row.try_get("", "id")?;
            let key: String = row.try_get("", "name_key")?;
            // A copy of `domain::key_words` as it stood: a migration does not change with the app.
            let mut words: Vec<&str> = key.split_whitespace().collect();
            words.sort_unstable();
            words.dedup();
            rows.extend(words.into_iter().map(|w| (id, w.to_owned())));
        }
        for batch in rows.chunks(BATCH) {
            let mut insert = Query::insert();
            insert.into_table(RecordNameWords::Table).columns([RecordNameWords::Word, RecordNameWords::RecordId]);
            for (id, word) in batch {
                insert.values_panic([word.clone().into(), (*id).into()]);
            }
            let (sql, values) = match backend {
                DbBackend::Postgres => insert.build(PostgresQueryBuilder),
                _ => insert.build(SqliteQueryBuilder),
            };
            db.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RecordNameWords::Table).to_owned()).await?;
        for (name, table) in [
            ("idx_evidence_files_case", EvidenceFiles::Table.into_iden()),
            ("idx_cases_status_updated", Cases::Table.into_iden()),
            ("idx_inquiries_account", Inquiries::Table.into_iden()),
        ] {
            manager.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        Ok(())
    }
}
