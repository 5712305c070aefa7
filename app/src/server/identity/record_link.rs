//! Linking an account to the immigration record of the person who owns it — the one door to a
//! person's cases, so it is guarded like sign-in.
//!
//! - **Two proofs.** The A-Number (or USCIS number), name, country and date of birth are printed on
//!   the person's own documents, so matching them alone proves little. The second proof is the
//!   *online access code* from an Account Access Notice mailed on paper to the record's address
//!   (like USCIS's): details plus a valid code link at once; details alone leave the account
//!   *pending* — it sees nothing of the record — and a new notice is mailed, whose code finishes
//!   the link.
//! - **Bounded guessing.** Every attempt is counted before it is evaluated (`limits`), per account,
//!   per client address and per record across all accounts; a record whose details were guessed
//!   wrong five times in a day is frozen for linking by details (its owner still gets in with the
//!   mailed code, or through the contact center). An unknown number freezes the same way, so the
//!   freeze says nothing about whether a record exists. Each failure is a security event.
//! - **Disputes.** Someone whose details match a record that another account holds can report it;
//!   the report reaches the contact center (`record_disputes`, `portico disputes`).

use crate::domain::RecordId;
use crate::error::{AppError, FormError};
use crate::server::client::ClientInfo;
use crate::server::entities::{account, immigration_record, record_access_code, record_dispute};
use crate::server::identity::accounts::{is_unique_violation, signed_in_owner, IdentityClaim, RecordIdentifier};
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::ActiveSession;
use crate::server::limits::{self, Limit};
use crate::server::notify::messages::identity::Mail;
use crate::server::{notify::paper_mail, AppState};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// An access code works once, for 90 days from the notice (USCIS's figure).
pub const ACCESS_CODE_LIFETIME: Duration = Duration::days(90);
/// The longest account of what happened a dispute keeps.
pub const DISPUTE_DETAILS_MAX: usize = 2000;
const CODE_PURPOSE: &str = "record_access_code";
/// Letters and digits that are hard to mistake for one another (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Where an attempt to link left the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOutcome {
    Linked,
    /// Details matched; the account waits for the access code mailed to the record's address.
    AwaitingAccessCode,
}

/// `XXXX-XXXX-XXXX`: 12 characters from a 31-letter alphabet, about 59 bits.
pub fn new_access_code() -> String {
    let mut rng = rand::rngs::OsRng;
    let chars: String = (0..12).map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char).collect();
    format!("{}-{}-{}", &chars[..4], &chars[4..8], &chars[8..])
}

/// Codes as typed: case, spaces and dashes do not matter.
pub fn normalise_access_code(typed: &str) -> String {
    typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

fn code_hash(state: &AppState, record_id: RecordId, typed: &str) -> String {
    state.config.secret_key.lookup_hash(CODE_PURPOSE, record_id, &normalise_access_code(typed))
}

/// The hashes `typed` may be stored under (codes mailed before a key rotation match too).
fn code_hashes(state: &AppState, record_id: RecordId, typed: &str) -> Vec<String> {
    state.config.secret_key.lookup_hashes(CODE_PURPOSE, record_id, &normalise_access_code(typed))
}

/// Stores `code` as a live access code of `record_id` (issued now). Used by the notice below and
/// by the demo seed, which prints its codes.
pub async fn store_access_code(state: &AppState, record_id: RecordId, code: &str) -> Result<(), AppError> {
    let hash = code_hash(state, record_id, code);
    let exists = record_access_code::Entity::find()
        .filter(record_access_code::Column::CodeHash.eq(hash.as_str()))
        .one(&state.db)
        .await?
        .is_some();
    if !exists {
        record_access_code::ActiveModel {
            record_id: Set(record_id),
            code_hash: Set(hash),
            issued_at: Set(state.now()),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&state.db)
        .await?;
    }
    Ok(())
}

/// Mails (on paper) a new Account Access Notice to the record's address — at most one a week per
/// record, however many accounts ask. Returns whether one was sent now.
async fn mail_access_notice(state: &AppState, record: &immigration_record::Model) -> Result<bool, AppError> {
    if limits::reserve(state, &[(Limit::AccessNoticesPerRecord, &record.id.to_string())]).await?.is_err() {
        return Ok(false);
    }
    let code = new_access_code();
    store_access_code(state, record.id, &code).await?;
    paper_mail::send_access_notice(state, record, &code, state.now() + ACCESS_CODE_LIFETIME).await?;
    Ok(true)
}

/// Whether `typed` is a live access code of `record_id`, without using it up.
async fn access_code_is_live(state: &AppState, record_id: RecordId, typed: Option<&str>) -> Result<bool, AppError> {
    let Some(typed) = typed else { return Ok(false) };
    Ok(record_access_code::Entity::find()
        .filter(record_access_code::Column::RecordId.eq(record_id))
        .filter(record_access_code::Column::CodeHash.is_in(code_hashes(state, record_id, typed)))
        .filter(record_access_code::Column::UsedAt.is_null())
        .filter(record_access_code::Column::IssuedAt.gt(state.now() - ACCESS_CODE_LIFETIME))
        .one(&state.db)
        .await?
        .is_some())
}

/// Uses up `typed` if it is a live access code of `record_id` (a conditional update, so two
/// racing uses cannot both win).
async fn use_access_code(state: &AppState, record_id: RecordId, typed: &str) -> Result<bool, AppError> {
    let now = state.now();
    let used = record_access_code::Entity::update_many()
        .col_expr(record_access_code::Column::UsedAt, Expr::value(now))
        .filter(record_access_code::Column::RecordId.eq(record_id))
        .filter(record_access_code::Column::CodeHash.is_in(code_hashes(state, record_id, typed)))
        .filter(record_access_code::Column::UsedAt.is_null())
        .filter(record_access_code::Column::IssuedAt.gt(now - ACCESS_CODE_LIFETIME))
        .exec(&state.db)
        .await?;
    Ok(used.rows_affected == 1)
}

/// Counts an attempt before it is evaluated; refused attempts are not evaluated at all.
async fn reserve_attempt(
    state: &AppState,
    session: &ActiveSession,
    client: &ClientInfo,
    record_key: Option<&str>,
) -> Result<limits::Reservation, AppError> {
    let account_key = session.account_id.to_string();
    let client_key = limits::client_key(client);
    let mut counted = vec![
        (Limit::LinkFailuresPerAccount, account_key.as_str()),
        (Limit::LinkFailuresPerClient, client_key.as_str()),
    ];
    if let Some(record_key) = record_key {
        counted.push((Limit::LinkFailuresPerRecord, record_key));
    }
    match limits::reserve(state, &counted).await? {
        Ok(reservation) => Ok(reservation),
        Err(refused) => {
            tracing::warn!(account_id = %session.account_id, limit = ?refused.limit, "record link attempts paused");
            Err(FormError::LinkAttemptsPaused.into())
        }
    }
}

async fn failed(state: &AppState, session: &ActiveSession, client: &ClientInfo, error: FormError) -> AppError {
    security_events::record(state, session.account_id, SecurityEventKind::RecordLinkFailed, client).await;
    error.into()
}

/// Links the signed-in account to the record the claim describes — at once with a valid access
/// code, else pending until the code mailed to the record's address is entered.
pub async fn link(
    state: &AppState,
    session: &ActiveSession,
    claim: &IdentityClaim,
    access_code: Option<&str>,
    client: &ClientInfo,
) -> Result<LinkOutcome, AppError> {
    if session.record_id.is_some() {
        return Err(FormError::AccountAlreadyLinked.into());
    }
    let (by_identifier, identifier) = match &claim.identifier {
        RecordIdentifier::ANumber(n) => (immigration_record::Column::ANumber.eq(n.as_str()), n.as_str().to_owned()),
        RecordIdentifier::UscisNumber(n) => {
            (immigration_record::Column::UscisNumber.eq(n.as_str()), n.as_str().to_owned())
        }
    };
    let named = immigration_record::Entity::find().filter(by_identifier).one(&state.db).await?;
    // A record's attempts count under the record whichever of its numbers is typed; an unknown
    // number's under the number, so both freeze alike.
    let record_key = match &named {
        Some(record) => format!("record:{}", record.id),
        None => format!("number:{identifier}"),
    };
    let access_code = access_code.map(str::trim).filter(|c| !c.is_empty());
    // With a code, the freeze of a record's details does not apply: the code is the proof the
    // freeze waits for, and at 59 bits it cannot be guessed within the per-account and per-client
    // limits that still apply.
    let reservation =
        reserve_attempt(state, session, client, access_code.is_none().then_some(record_key.as_str())).await?;
    let matched = named.filter(|r| {
        r.name_key == claim.full_name.match_key()
            && r.date_of_birth == claim.date_of_birth
            && r.country_key == claim.country_of_birth.match_key()
    });
    let Some(record) = matched else {
        return Err(failed(state, session, client, FormError::RecordNotMatched).await);
    };
    let held = account::Entity::find().filter(account::Column::RecordId.eq(record.id)).one(&state.db).await?.is_some();
    if held {
        // With a code (which skipped the record's freeze), only a live code earns the "already
        // linked" answer: otherwise a made-up code would confirm a held record's details, guess
        // after guess, across accounts.
        if access_code.is_some() && !access_code_is_live(state, record.id, access_code).await? {
            return Err(failed(state, session, client, FormError::RecordNotMatched).await);
        }
        limits::release(state, reservation).await?;
        let mut contesting: account::ActiveModel = signed_in_owner(state, session).await?.into();
        contesting.contested_record_id = Set(Some(record.id));
        contesting.update(&state.db).await?;
        return Err(FormError::RecordAlreadyLinked.into());
    }
    match access_code {
        Some(code) => {
            if !use_access_code(state, record.id, code).await? {
                // Not told apart from wrong details: a wrong code must not confirm the details.
                return Err(failed(state, session, client, FormError::RecordNotMatched).await);
            }
            limits::release(state, reservation).await?;
            finish_link(state, session, &record, client).await?;
            Ok(LinkOutcome::Linked)
        }
        None => {
            limits::release(state, reservation).await?;
            let mut pending: account::ActiveModel = signed_in_owner(state, session).await?.into();
            pending.pending_record_id = Set(Some(record.id));
            pending.pending_record_at = Set(Some(state.now()));
            pending.update(&state.db).await?;
            mail_access_notice(state, &record).await?;
            security_events::record(state, session.account_id, SecurityEventKind::RecordLinkPending, client).await;
            Ok(LinkOutcome::AwaitingAccessCode)
        }
    }
}

/// Finishes a pending link with the access code from the mailed notice.
pub async fn enter_access_code(
    state: &AppState,
    session: &ActiveSession,
    code: &str,
    client: &ClientInfo,
) -> Result<(), AppError> {
    if session.record_id.is_some() {
        return Err(FormError::AccountAlreadyLinked.into());
    }
    let owner = signed_in_owner(state, session).await?;
    let Some(record_id) = owner.pending_record_id else { return Err(FormError::NoLinkPending.into()) };
    let reservation = reserve_attempt(state, session, client, None).await?;
    if normalise_access_code(code).is_empty() || !use_access_code(state, record_id, code).await? {
        return Err(failed(state, session, client, FormError::AccessCodeInvalid).await);
    }
    limits::release(state, reservation).await?;
    let record = immigration_record::Entity::find_by_id(record_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    finish_link(state, session, &record, client).await
}

async fn finish_link(
    state: &AppState,
    session: &ActiveSession,
    record: &immigration_record::Model,
    client: &ClientInfo,
) -> Result<(), AppError> {
    let owner = signed_in_owner(state, session).await?;
    let (email, lang) = (owner.email.clone(), owner.lang());
    let mut linking: account::ActiveModel = owner.into();
    linking.record_id = Set(Some(record.id));
    linking.record_linked_at = Set(Some(state.now()));
    linking.pending_record_id = Set(None);
    linking.pending_record_at = Set(None);
    match linking.update(&state.db).await {
        Ok(_) => {}
        // Another account finished first (a unique index decides, so both cannot win).
        Err(error) if is_unique_violation(&error) => return Err(FormError::RecordAlreadyLinked.into()),
        Err(error) => return Err(error.into()),
    }
    tracing::info!(account_id = %session.account_id, "account linked to an immigration record");
    security_events::record(state, session.account_id, SecurityEventKind::RecordLinked, client).await;
    state.mailer.notify(&email, lang, Mail::RecordLinked { full_name: record.full_name.clone() }).await;
    Ok(())
}

/// What the link page shows about the account's link in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProgress {
    /// Waiting for the access code since then.
    pub awaiting_code_since: Option<DateTime<Utc>>,
    /// The account's details matched a record another account holds: a dispute can be filed.
    pub can_dispute: bool,
}

pub async fn progress(state: &AppState, session: &ActiveSession) -> Result<LinkProgress, AppError> {
    let owner = signed_in_owner(state, session).await?;
    Ok(LinkProgress {
        awaiting_code_since: owner.pending_record_id.and(owner.pending_record_at),
        can_dispute: owner.contested_record_id.is_some(),
    })
}

/// Reports that the record whose details this account gave is linked to someone else. Reaches
/// the contact center's queue; the person is answered by the contact center.
pub async fn dispute(
    state: &AppState,
    session: &ActiveSession,
    details: &str,
    client: &ClientInfo,
) -> Result<(), AppError> {
    let owner = signed_in_owner(state, session).await?;
    let Some(record_id) = owner.contested_record_id else { return Err(FormError::NoLinkPending.into()) };
    let details = details.trim();
    if details.chars().count() < 10 || details.chars().count() > DISPUTE_DETAILS_MAX {
        return Err(FormError::DisputeDetailsInvalid.into());
    }
    let already_open = record_dispute::Entity::find()
        .filter(record_dispute::Column::AccountId.eq(owner.id))
        .filter(record_dispute::Column::RecordId.eq(record_id))
        .filter(record_dispute::Column::ResolvedAt.is_null())
        .one(&state.db)
        .await?;
    // One open report per account and record: submitting again changes nothing and mails nothing.
    if already_open.is_some() {
        return Ok(());
    }
    record_dispute::ActiveModel {
        account_id: Set(owner.id),
        record_id: Set(record_id),
        details: Set(details.to_owned()),
        created_at: Set(state.now()),
        resolved_at: Set(None),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    tracing::warn!(account_id = %owner.id, record_id = %record_id, "record dispute filed for the contact center");
    security_events::record(state, owner.id, SecurityEventKind::RecordDisputed, client).await;
    state.mailer.notify_owner(&owner, Mail::DisputeReceived).await;
    Ok(())
}

/// Open disputes, oldest first, for the contact center (`portico disputes`).
pub async fn open_disputes(state: &AppState) -> Result<Vec<record_dispute::Model>, AppError> {
    use sea_orm::QueryOrder;
    Ok(record_dispute::Entity::find()
        .filter(record_dispute::Column::ResolvedAt.is_null())
        .order_by_asc(record_dispute::Column::CreatedAt)
        .all(&state.db)
        .await?)
}

/// Brings the stored match keys (`name_key`, `country_key`) of the records up to the current
/// `fold_for_matching` after it changed (it learned Vietnamese and other Latin diacritics). Only
/// records whose keys still hold a letter outside ASCII can differ, so only those are read.
/// Returns how many were changed; run at start-up after the migrations.
pub async fn refresh_match_keys(db: &impl sea_orm::ConnectionTrait) -> Result<u64, sea_orm::DbErr> {
    use crate::domain::{CountryName, PersonName};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ActiveModelTrait, DbBackend, Set};
    let beyond_ascii = |column: &str| match db.get_database_backend() {
        DbBackend::Postgres => Expr::cust(format!("{column} ~ '[^ -~]'")),
        _ => Expr::cust(format!("{column} GLOB '*[^ -~]*'")),
    };
    let stale = immigration_record::Entity::find()
        .filter(sea_orm::Condition::any().add(beyond_ascii("name_key")).add(beyond_ascii("country_key")))
        .all(db)
        .await?;
    let mut changed = 0;
    for record in stale {
        let name_key = PersonName::parse(&record.full_name).map(|n| n.match_key()).unwrap_or(record.name_key.clone());
        let country_key =
            CountryName::parse(&record.country_of_birth).map(|c| c.match_key()).unwrap_or(record.country_key.clone());
        if name_key != record.name_key || country_key != record.country_key {
            let id = record.id;
            let mut row: immigration_record::ActiveModel = record.into();
            row.name_key = Set(name_key.clone());
            row.country_key = Set(country_key);
            row.update(db).await?;
            crate::server::cases::search::index_names(db, &[(id, &name_key)]).await?;
            changed += 1;
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_codes_are_grouped_unambiguous_and_forgiving_to_type() {
        let code = new_access_code();
        assert_eq!(code.len(), 14);
        assert!(code.chars().filter(|c| *c != '-').all(|c| CODE_ALPHABET.contains(&(c as u8))));
        assert_eq!(normalise_access_code(&code.to_lowercase().replace('-', " ")), code.replace('-', ""));
        assert_ne!(new_access_code(), new_access_code());
    }
}
