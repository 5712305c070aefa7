//! `portico rotate-key`: after `PORTICO_SECRET_KEY` is replaced (the old key moved to
//! `PORTICO_PREVIOUS_SECRET_KEYS`), every sealed value — authenticator secrets and those being set
//! up, one-time codes waiting to be checked, the sessions' one-shot messages — is opened with
//! whichever key sealed it and sealed again with the new one. Safe while instances serve: each
//! value is replaced only if it is still the one read (a conditional update), so a value changed
//! meanwhile is left for the next run; running it again finds nothing to do.
//!
//! What cannot be re-sealed: the keyed hashes of backup codes, emailed codes and mailed access
//! codes (the codes themselves are not stored). They keep matching while the old key is listed
//! among the previous keys; see the README, "Deploying".

use crate::error::AppError;
use crate::server::AppState;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;

/// Every column holding sealed values: (table, column).
pub const SEALED_COLUMNS: [(&str, &str); 4] = [
    ("accounts", "totp_secret"),
    ("accounts", "totp_pending_secret"),
    ("one_time_codes", "sealed_code"),
    ("sessions", "flash"),
];

/// What a rotation did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    /// Opened with an older key (or the unversioned format) and sealed with the current one.
    pub resealed: usize,
    /// Already sealed with the current key.
    pub current: usize,
    /// Opened by none of the configured keys: left as they are (their key is not configured).
    pub unopenable: usize,
    /// Changed by someone else between reading and re-sealing: left for the next run.
    pub changed_meanwhile: usize,
}

/// Re-seals every sealed value with the current key.
pub async fn reseal_all(state: &AppState) -> Result<Rotation, AppError> {
    let key = &state.config.secret_key;
    let backend = state.db.get_database_backend();
    let mut rotation = Rotation::default();
    for (table, column) in SEALED_COLUMNS {
        let select = Query::select()
            .columns([Alias::new("id"), Alias::new(column)])
            .from(Alias::new(table))
            .and_where(Expr::col(Alias::new(column)).is_not_null())
            .to_owned();
        for row in state.db.query_all_raw(backend.build(&select)).await? {
            let id: i32 = row.try_get("", "id")?;
            let sealed: String = row.try_get("", column)?;
            if key.sealed_with_current(&sealed) {
                rotation.current += 1;
                continue;
            }
            let Ok(plain) = key.open(&sealed) else {
                tracing::warn!(table, column, id, "a sealed value no configured key opens; left as it is");
                rotation.unopenable += 1;
                continue;
            };
            let update = Query::update()
                .table(Alias::new(table))
                .value(Alias::new(column), key.seal(&plain))
                .and_where(Expr::col(Alias::new("id")).eq(id))
                .and_where(Expr::col(Alias::new(column)).eq(sealed.as_str()))
                .to_owned();
            if state.db.execute_raw(backend.build(&update)).await?.rows_affected() == 1 {
                rotation.resealed += 1;
            } else {
                rotation.changed_meanwhile += 1;
            }
        }
    }
    Ok(rotation)
}
