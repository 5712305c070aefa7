//! Everything that only runs on the server: configuration, entities, repositories and services,
//! sessions and the request helpers server functions use. Never compiled into the WASM bundle.

pub mod access;
pub mod account_settings;
pub mod accounts;
pub mod assets;
pub mod cases;
pub mod clock;
pub mod config;
pub mod csp;
pub mod csrf;
pub mod email_tokens;
pub mod entities;
pub mod factor_recovery;
pub mod factor_settings;
pub mod limits;
pub mod mail;
pub mod messages;
pub mod notice_pdf;
pub mod paper_mail;
pub mod password;
pub mod password_reset;
pub mod phone;
pub mod record_link;
pub mod request;
pub mod second_factor;
pub mod secrets;
pub mod security_events;
pub mod seed;
pub mod session_policy;
pub mod sessions;
pub mod sign_in;
pub mod sign_in_throttle;
pub mod sms;
pub mod state;
pub mod totp;

pub use state::AppState;

use crate::api::AppError;

/// Logs an internal failure with a short reference and returns the error the user sees, which
/// carries only that reference.
pub fn internal_error(context: &str, error: impl std::fmt::Display) -> AppError {
    use rand::Rng;
    let reference = format!("{:08x}", rand::thread_rng().gen::<u32>());
    tracing::error!(%reference, context, %error, "internal error");
    AppError::Internal { reference }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        internal_error("database", error)
    }
}
