//! Limits on every action that sends mail or texts, or probes who someone is — in one place, next
//! to their figures. (Wrong passwords and codes have their own growing pauses in
//! `sign_in_throttle`, which uses the same reservation below.)
//!
//! **Reserve, then act.** A request is counted *before* the work it limits is evaluated: a row is
//! written and the rows under the same key are counted in one transaction, serialized per key (a
//! PostgreSQL advisory lock, held across every instance; on SQLite the first write already takes
//! the database's one write lock). So N simultaneous requests can never all pass a limit that none
//! of them has been counted against yet. Work that turns out not to count (a record link that
//! succeeds) gives its reservation back with [`release`].
//!
//! Keys are stored only as keyed hashes: the table says how often, never who or which number.

use crate::error::AppError;
use crate::server::config::Config;
use crate::server::entities::limit_event;
use crate::server::AppState;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, Set, Statement,
};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Failed caller checks by one contact-center agent: 10 an hour (an agent guessing a date of
    /// birth is as much a threat as an applicant doing it).
    CallerCheckFailuresPerAgent,
    /// Failed caller checks naming one identifier, across every agent: 5 a day.
    CallerCheckFailuresPerRecord,
    /// Failed record links by one account: 5 a day.
    LinkFailuresPerAccount,
    /// Failed record links from one client address: 20 a day.
    LinkFailuresPerClient,
    /// Failed record links naming one record (or one unknown A-Number / USCIS number), counted
    /// across every account: 5 a day, after which the record is frozen for linking by its details
    /// (its owner still gets in with the access code from the mailed notice, or through the
    /// contact center).
    LinkFailuresPerRecord,
    /// Account access notices (paper mail with a new access code) sent to one record's address:
    /// one a week.
    AccessNoticesPerRecord,
    /// "You already have an account" mails to one address from the sign-up form: 3 an hour, like
    /// password reset links.
    SignUpMailsPerAddress,
    /// Sign-ups from one client address: 30 an hour (a clinic or consulate helping many applicants
    /// shares one address; a flood of mail to other people's addresses is what this stops).
    SignUpsPerClient,
    /// Texts to one destination number, whatever the account: `PORTICO_TEXTS_PER_NUMBER_PER_HOUR`.
    TextsPerNumber,
    /// Texts sent by this deployment in all: `PORTICO_TEXTS_PER_HOUR`.
    TextsOverall,
    /// The emailed sign-in code still valid, sent again when sign-in is started again: 5 an hour
    /// per account (someone who knows the password must not flood the owner's inbox either).
    SignInCodeResends,
    /// Password reset requests naming one address: 3 an hour (counted whether or not the address
    /// has an account, so the count tells nothing).
    PasswordResetsPerAddress,
    /// Password reset requests from one client address: 30 an hour.
    PasswordResetsPerClient,
    /// Fresh confirmation links mailed to an account whose owner signs in before confirming: 3 an hour.
    ConfirmationResendsPerAccount,
    /// Email changes one account starts: 5 a day (each mails an address nobody has proven yet).
    EmailChangesPerAccount,
    /// Email changes started from one client address: 20 a day.
    EmailChangesPerClient,
    /// Phones one account adds (each texts a new number a code): 5 a day — an account cycling
    /// through numbers is how SMS pumping works.
    PhonesAddedPerAccount,
    /// Phones added from one client address: 20 a day.
    PhonesAddedPerClient,
    /// Tries at adding a paper-filed case by its receipt number, by one account: 10 a day.
    PaperCaseAttemptsPerAccount,
    /// Address changes by one account (each mails the owner and writes to every pending case): 5 a day.
    AddressChangesPerAccount,
    /// Inquiry messages (new inquiries and replies) by one account: 20 a day — each lands in a
    /// person's queue.
    InquiryMessagesPerAccount,
}

impl Limit {
    pub const ALL: [Limit; 21] = [
        Limit::CallerCheckFailuresPerAgent,
        Limit::CallerCheckFailuresPerRecord,
        Limit::LinkFailuresPerAccount,
        Limit::LinkFailuresPerClient,
        Limit::LinkFailuresPerRecord,
        Limit::AccessNoticesPerRecord,
        Limit::SignUpMailsPerAddress,
        Limit::SignUpsPerClient,
        Limit::TextsPerNumber,
        Limit::TextsOverall,
        Limit::SignInCodeResends,
        Limit::PasswordResetsPerAddress,
        Limit::PasswordResetsPerClient,
        Limit::ConfirmationResendsPerAccount,
        Limit::EmailChangesPerAccount,
        Limit::EmailChangesPerClient,
        Limit::PhonesAddedPerAccount,
        Limit::PhonesAddedPerClient,
        Limit::PaperCaseAttemptsPerAccount,
        Limit::AddressChangesPerAccount,
        Limit::InquiryMessagesPerAccount,
    ];

    fn name(self) -> &'static str {
        match self {
            Limit::LinkFailuresPerAccount => "link_fail_account",
            Limit::LinkFailuresPerClient => "link_fail_client",
            Limit::LinkFailuresPerRecord => "link_fail_record",
            Limit::AccessNoticesPerRecord => "access_notice_record",
            Limit::SignUpMailsPerAddress => "sign_up_mail_address",
            Limit::SignUpsPerClient => "sign_up_client",
            Limit::TextsPerNumber => "text_number",
            Limit::TextsOverall => "text_overall",
            Limit::SignInCodeResends => "sign_in_code_resend",
            Limit::CallerCheckFailuresPerAgent => "caller_check_agent",
            Limit::CallerCheckFailuresPerRecord => "caller_check_record",
            Limit::PasswordResetsPerAddress => "password_reset_address",
            Limit::PasswordResetsPerClient => "password_reset_client",
            Limit::ConfirmationResendsPerAccount => "confirmation_resend_account",
            Limit::EmailChangesPerAccount => "email_change_account",
            Limit::EmailChangesPerClient => "email_change_client",
            Limit::PhonesAddedPerAccount => "phone_added_account",
            Limit::PhonesAddedPerClient => "phone_added_client",
            Limit::PaperCaseAttemptsPerAccount => "paper_case_account",
            Limit::AddressChangesPerAccount => "address_change_account",
            Limit::InquiryMessagesPerAccount => "inquiry_message_account",
        }
    }

    /// How many are allowed within [`Limit::window`].
    pub fn allowed(self, config: &Config) -> u64 {
        match self {
            Limit::LinkFailuresPerAccount => 5,
            Limit::LinkFailuresPerClient => 20,
            Limit::LinkFailuresPerRecord => 5,
            Limit::AccessNoticesPerRecord => 1,
            Limit::SignUpMailsPerAddress => 3,
            Limit::SignUpsPerClient => 30,
            Limit::TextsPerNumber => config.texts_per_number_per_hour,
            Limit::TextsOverall => config.texts_per_hour,
            Limit::SignInCodeResends => 5,
            Limit::CallerCheckFailuresPerAgent => 10,
            Limit::CallerCheckFailuresPerRecord => 5,
            Limit::PasswordResetsPerAddress => 3,
            Limit::PasswordResetsPerClient => 30,
            Limit::ConfirmationResendsPerAccount => 3,
            Limit::EmailChangesPerAccount => 5,
            Limit::EmailChangesPerClient => 20,
            Limit::PhonesAddedPerAccount => 5,
            Limit::PhonesAddedPerClient => 20,
            Limit::PaperCaseAttemptsPerAccount => 10,
            Limit::AddressChangesPerAccount => 5,
            Limit::InquiryMessagesPerAccount => 20,
        }
    }

    pub fn window(self) -> Duration {
        match self {
            Limit::LinkFailuresPerAccount
            | Limit::LinkFailuresPerClient
            | Limit::LinkFailuresPerRecord
            | Limit::CallerCheckFailuresPerRecord
            | Limit::EmailChangesPerAccount
            | Limit::EmailChangesPerClient
            | Limit::PhonesAddedPerAccount
            | Limit::PhonesAddedPerClient
            | Limit::PaperCaseAttemptsPerAccount
            | Limit::AddressChangesPerAccount
            | Limit::InquiryMessagesPerAccount => Duration::hours(24),
            Limit::AccessNoticesPerRecord => Duration::days(7),
            Limit::SignUpMailsPerAddress
            | Limit::SignUpsPerClient
            | Limit::TextsPerNumber
            | Limit::TextsOverall
            | Limit::SignInCodeResends
            | Limit::CallerCheckFailuresPerAgent
            | Limit::PasswordResetsPerAddress
            | Limit::PasswordResetsPerClient
            | Limit::ConfirmationResendsPerAccount => Duration::hours(1),
        }
    }
}

/// The longest window of any limit: older counts are never read again (housekeeping deletes them).
pub const LONGEST_WINDOW: Duration = Duration::days(7);

/// Which limit refused, and when a new try may pass it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub limit: Limit,
    pub until: DateTime<Utc>,
}

/// Rows counted by [`reserve`]; give them back with [`release`] when the action turned out not to count.
#[derive(Debug, Default)]
#[must_use = "a reservation is either kept (drop it) or given back with `release`"]
pub struct Reservation {
    ids: Vec<i32>,
}

/// The key a client is counted under: its address (`"unknown"` when there is none).
pub fn client_key(client: &crate::server::client::ClientInfo) -> String {
    client.ip.clone().unwrap_or_else(|| "unknown".to_owned())
}

fn key_hash(state: &AppState, limit: Limit, key: &str) -> String {
    state.config.secret_key.lookup_hash("limit", 0, &format!("{}:{key}", limit.name()))
}

/// Serializes the transaction with every other one that names any of `keys`, across instances:
/// PostgreSQL advisory locks held until the transaction ends, taken in one order so two
/// transactions cannot wait on each other. SQLite needs nothing here: a transaction's first write
/// takes its single write lock until commit, and every caller writes before it counts.
pub(crate) async fn serialize_on(txn: &DatabaseTransaction, keys: &[String]) -> Result<(), sea_orm::DbErr> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let mut ids: Vec<i64> = keys
        .iter()
        .map(|k| i64::from_be_bytes(Sha256::digest(k.as_bytes())[..8].try_into().expect("8 bytes")))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [id.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Counts one action under each `(limit, key)`; refuses — counting nothing — if any of them is
/// already used up.
pub async fn reserve(state: &AppState, counted: &[(Limit, &str)]) -> Result<Result<Reservation, Refused>, AppError> {
    let now = state.now();
    let hashed: Vec<(Limit, String)> = counted.iter().map(|(l, k)| (*l, key_hash(state, *l, k))).collect();
    let txn = crate::server::begin_write(&state.db).await?;
    serialize_on(&txn, &hashed.iter().map(|(_, h)| h.clone()).collect::<Vec<_>>()).await?;
    let mut ids = Vec::with_capacity(hashed.len());
    for (limit, hash) in &hashed {
        let row = limit_event::ActiveModel {
            name: Set(limit.name().to_owned()),
            key_hash: Set(hash.clone()),
            at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        ids.push(row.id);
    }
    for (limit, hash) in &hashed {
        let within = limit_event::Entity::find()
            .filter(limit_event::Column::Name.eq(limit.name()))
            .filter(limit_event::Column::KeyHash.eq(hash.as_str()))
            .filter(limit_event::Column::At.gt(now - limit.window()))
            .order_by_asc(limit_event::Column::At)
            .order_by_asc(limit_event::Column::Id)
            .all(&txn)
            .await?;
        let allowed = limit.allowed(&state.config) as usize;
        if within.len() > allowed {
            txn.rollback().await?;
            crate::server::metrics::limit_refused(limit.name());
            // Ours is the newest; the try passes once enough of the oldest have left the window.
            let must_expire = within.len() - allowed;
            let until = within[must_expire - 1].at + limit.window();
            return Ok(Err(Refused { limit: *limit, until }));
        }
    }
    txn.commit().await?;
    Ok(Ok(Reservation { ids }))
}

/// Counts one action under each `(limit, key)` for good, or answers 429 with when to try again.
pub async fn count_or_refuse(state: &AppState, counted: &[(Limit, &str)]) -> Result<(), AppError> {
    match reserve(state, counted).await? {
        Ok(_kept) => Ok(()),
        Err(refused) => Err(AppError::TooManyRequests {
            retry_after_seconds: (refused.until - state.now()).num_seconds().max(1) as u64,
        }),
    }
}

/// Gives a reservation back: the action it counted does not count after all.
pub async fn release(state: &AppState, reservation: Reservation) -> Result<(), AppError> {
    if !reservation.ids.is_empty() {
        limit_event::Entity::delete_many()
            .filter(limit_event::Column::Id.is_in(reservation.ids))
            .exec(&state.db)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_window_is_longer_than_the_one_housekeeping_keeps_and_names_are_distinct() {
        for limit in Limit::ALL {
            assert!(limit.window() <= LONGEST_WINDOW, "{limit:?}");
        }
        let mut names: Vec<&str> = Limit::ALL.iter().map(|l| l.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Limit::ALL.len());
    }
}
