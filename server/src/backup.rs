//! `portico backup FILE`: a consistent copy of a running SQLite deployment, taken online.
//!
//! SQLite's `VACUUM INTO` writes a fresh, compacted database file from one read transaction, so
//! the copy is consistent while the server keeps serving (WAL mode lets the writes go on). The copy
//! is then opened and checked before the command says it is done. PostgreSQL deployments back up
//! with `pg_dump` (README, "Backups"): the database server already does this well, and a dump
//! taken through the portal would be a worse `pg_dump`.

use crate::StartError;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use std::path::Path;

/// What a finished backup holds, printed for the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub bytes: u64,
    pub accounts: i64,
    pub cases: i64,
}

/// Copies the SQLite database behind `db` into `file`, which must not exist yet, and checks the
/// copy (SQLite's `integrity_check`, and that it opens with the same accounts and cases).
pub async fn backup_sqlite(db: &DatabaseConnection, file: &Path) -> Result<BackupReport, StartError> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(StartError::Refused(
            "portico backup copies SQLite databases; back up PostgreSQL with pg_dump \
             (pg_dump --format=custom --file=portico.dump \"$DATABASE_URL\"; README, \"Backups\")"
                .to_owned(),
        ));
    }
    if file.exists() {
        return Err(StartError::Refused(format!("{} already exists; choose a new file name", file.display())));
    }
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|error| StartError::Refused(format!("cannot create {}: {error}", parent.display())))?;
    }
    let target = file.to_str().ok_or_else(|| StartError::Refused("the backup path must be valid UTF-8".to_owned()))?;
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [target.into()]))
        .await
        .map_err(|error| StartError::Refused(format!("the backup failed: {error}")))?;
    let copied = Database::connect(format!("sqlite://{target}?mode=ro"))
        .await
        .map_err(|error| StartError::Refused(format!("the backup was written but does not open: {error}")))?;
    let checked = check(&copied).await;
    copied.close().await.ok();
    let (integrity, accounts, cases) =
        checked.map_err(|error| StartError::Refused(format!("the backup was written but cannot be read: {error}")))?;
    if integrity != "ok" {
        return Err(StartError::Refused(format!("the backup failed SQLite's integrity check: {integrity}")));
    }
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or_default();
    Ok(BackupReport { bytes, accounts, cases })
}

async fn check(db: &DatabaseConnection) -> Result<(String, i64, i64), sea_orm::DbErr> {
    let one = |sql: &str| Statement::from_string(DbBackend::Sqlite, sql.to_owned());
    let integrity = db
        .query_one_raw(one("PRAGMA integrity_check"))
        .await?
        .map(|row| row.try_get_by_index::<String>(0))
        .transpose()?
        .unwrap_or_default();
    let count = |table: &'static str| async move {
        let row = db.query_one_raw(one(&format!("SELECT COUNT(*) FROM {table}"))).await?;
        row.map(|r| r.try_get_by_index::<i64>(0)).transpose().map(Option::unwrap_or_default)
    };
    Ok((integrity, count("accounts").await?, count("cases").await?))
}
