//! Everything that only runs on the server: configuration, entities and the services of each
//! context (`identity`, `cases`), the request plumbing (`web`) and what leaves the building
//! (`notify`). Never compiled into the WASM bundle.

pub mod cases;
pub mod client;
pub mod clock;
pub mod config;
pub mod database_health;
pub mod entities;
pub mod files;
pub mod housekeeping;
pub mod identity;
pub mod key_rotation;
pub mod limits;
pub mod metrics;
pub mod notify;
pub mod secrets;
pub mod seed;
pub mod staff;
pub mod state;
pub mod web;

pub use state::{AppState, FromMemory};

use crate::error::AppError;

/// Logs an internal failure with a short reference and returns the error the user sees, which
/// carries only that reference.
pub fn internal_error(context: &str, error: impl std::fmt::Display) -> AppError {
    use rand::Rng;
    // Within a request its id (also on every log line of the request); elsewhere a new one.
    let reference = web::request_id::current().unwrap_or_else(|| format!("{:08x}", rand::thread_rng().gen::<u32>()));
    tracing::error!(%reference, context, %error, "internal error");
    AppError::Internal { reference }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        if database_unreachable(&error) {
            tracing::warn!(%error, "database unreachable");
            return AppError::Unavailable;
        }
        internal_error("database", error)
    }
}

/// Opens a transaction that writes: every transaction of Portico's is one. On SQLite it takes the
/// write lock at once (`BEGIN IMMEDIATE`), waiting out another writer with the busy timeout. A
/// deferred transaction (SQLite's default) reads first and asks for the lock at its first write;
/// if another connection writes meanwhile, SQLite answers "database is locked" at once, busy
/// timeout or not (waiting could deadlock, and the snapshot read is stale) — the soak found that as
/// 500s on uploads at 50 people. PostgreSQL ignores the mode. Use this, never `begin()` (clippy's
/// `disallowed-methods` in clippy.toml says so).
pub async fn begin_write(db: &sea_orm::DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Whether a database error says the database could not be reached — stopped, restarting, the
/// network to it cut, or no connection free within the pool's wait — rather than that a statement
/// failed. Those are answered 503 with `Retry-After` (nothing was changed, trying again will
/// work), not 500.
pub fn database_unreachable(error: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    let runtime = match error {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(runtime) | DbErr::Exec(runtime) | DbErr::Query(runtime) => runtime,
        _ => return false,
    };
    let RuntimeErr::SqlxError(error) = runtime else { return false };
    match error.as_ref() {
        Sqlx::Io(_) | Sqlx::Tls(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed => true,
        // PostgreSQL's connection exceptions (class 08), and "terminating connection due to
        // administrator command", crash shutdown, "the database system is starting up" (57P0x).
        Sqlx::Database(error) => error
            .code()
            .is_some_and(|code| code.starts_with("08") || matches!(code.as_ref(), "57P01" | "57P02" | "57P03")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{sqlx, ConnAcquireErr, DbErr, RuntimeErr};
    use std::sync::Arc;

    fn query_failed(error: sqlx::Error) -> DbErr {
        DbErr::Query(RuntimeErr::SqlxError(Arc::new(error)))
    }

    #[test]
    fn an_unreachable_database_is_unavailable_and_a_failed_statement_internal() {
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        for unreachable in [
            DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
            DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
            query_failed(sqlx::Error::Io(refused)),
            query_failed(sqlx::Error::PoolTimedOut),
        ] {
            assert!(database_unreachable(&unreachable), "{unreachable}");
            assert_eq!(AppError::from(unreachable), AppError::Unavailable);
        }
        for failed in [
            query_failed(sqlx::Error::RowNotFound),
            query_failed(sqlx::Error::Protocol("bad".into())),
            DbErr::Custom("a bug".into()),
            DbErr::RecordNotFound("x".into()),
        ] {
            assert!(!database_unreachable(&failed), "{failed}");
            assert!(matches!(AppError::from(failed), AppError::Internal { .. }));
        }
    }
}
