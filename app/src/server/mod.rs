//! Everything that only runs on the server: configuration, entities and the services of each
//! context (`identity`, `cases`), the request plumbing (`web`) and what leaves the building
//! (`notify`). Never compiled into the WASM bundle.

pub mod cases;
pub mod client;
pub mod clock;
pub mod config;
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

pub use state::AppState;

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
        internal_error("database", error)
    }
}
