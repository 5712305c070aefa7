//! The contact center: an agent checks a caller against the immigration record their account is
//! linked to (A-Number or receipt number, name and date of birth — failed checks limited per agent
//! and per record, in `limits.rs`), and for the next 30 minutes may act on the accounts of that
//! record: lift a sign-in pause, send a second-factor reset link (the owner confirms it from their
//! mail; the 24-hour wait stays unless the agent records that they checked the caller's identity),
//! resend a confirmation mail, and settle a report that the record is linked to the wrong account
//! (unlinking it, both people mailed). Every action needs a reason, is audited with the agent's
//! name, mailed to the owner and shown on their security events page.

use crate::domain::{ANumber, AccountId, PersonName, ReceiptNumber, RecordId};
use crate::error::{AppError, FormError};
use crate::server::entities::{account, caller_verification, case, immigration_record, record_dispute};
use crate::server::identity::email_tokens::{self, TokenPurpose};
use crate::server::identity::second_factors::recovery;
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::ActiveSession;
use crate::server::identity::sign_in_throttle;
use crate::server::limits::{self, Limit};
use crate::server::notify::messages::identity::Mail;
use crate::server::staff::audit::{self, AuditAction, AuditEntry};
use crate::server::AppState;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set};

/// How long an agent may act for a caller they checked.
pub const VERIFICATION_LIFETIME: Duration = Duration::minutes(30);

/// What the agent typed to check a caller.
#[derive(Debug, Clone)]
pub struct CallerClaim {
    pub identifier: String,
    pub full_name: String,
    pub date_of_birth: Option<NaiveDate>,
}

/// Checks a caller. `Ok(id)`: the verification to act under. A mismatch and an unknown
/// identifier read the same; each failure counts against the agent's and the record's limits.
pub async fn verify_caller(state: &AppState, agent: &ActiveSession, claim: &CallerClaim) -> Result<i32, AppError> {
    let identifier = claim.identifier.trim().to_uppercase().replace([' ', '-'], "");
    let agent_key = agent.account_id.to_string();
    let reservation = match limits::reserve(
        state,
        &[(Limit::CallerCheckFailuresPerAgent, &agent_key), (Limit::CallerCheckFailuresPerRecord, &identifier)],
    )
    .await?
    {
        Ok(reservation) => reservation,
        Err(refused) => {
            let retry_after_seconds = (refused.until - state.now()).num_seconds().max(1) as u64;
            return Err(AppError::TooManyRequests { retry_after_seconds });
        }
    };
    let record = matching_record(state, &identifier, claim).await?;
    let Some(record) = record else {
        audit::record(
            &state.db,
            state.now(),
            agent,
            AuditEntry {
                detail: Some(format!("identifier {identifier} did not match")),
                ..AuditEntry::new(AuditAction::VerifyCallerFailed)
            },
        )
        .await?;
        return Err(FormError::CallerNotVerified.into());
    };
    // A check that matched does not count against the limits.
    limits::release(state, reservation).await?;
    let verification = caller_verification::ActiveModel {
        agent_id: Set(agent.account_id),
        record_id: Set(record),
        verified_at: Set(state.now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    audit::record(
        &state.db,
        state.now(),
        agent,
        AuditEntry { record_id: Some(record), ..AuditEntry::new(AuditAction::VerifyCaller) },
    )
    .await?;
    Ok(verification.id)
}

async fn matching_record(
    state: &AppState,
    identifier: &str,
    claim: &CallerClaim,
) -> Result<Option<RecordId>, AppError> {
    let record_id = if let Ok(a_number) = ANumber::parse(identifier) {
        immigration_record::Entity::find()
            .filter(immigration_record::Column::ANumber.eq(a_number.as_str()))
            .one(&state.db)
            .await?
            .map(|r| r.id)
    } else if let Ok(receipt) = ReceiptNumber::parse(identifier) {
        case::Entity::find()
            .filter(case::Column::ReceiptNumber.eq(receipt.as_str()))
            .one(&state.db)
            .await?
            .map(|c| c.record_id)
    } else {
        None
    };
    let Some(record_id) = record_id else { return Ok(None) };
    let Some(record) = immigration_record::Entity::find_by_id(record_id).one(&state.db).await? else { return Ok(None) };
    let name_matches = PersonName::parse(&claim.full_name).is_ok_and(|n| n.match_key() == record.name_key);
    let born_matches = claim.date_of_birth == Some(record.date_of_birth);
    Ok((name_matches && born_matches).then_some(record.id))
}

/// The agent's live verification `id`: the record it is for. Anything else (another agent's, an
/// expired one) is "not found".
async fn verified_record(state: &AppState, agent: &ActiveSession, id: i32) -> Result<RecordId, AppError> {
    let found = caller_verification::Entity::find_by_id(id)
        .filter(caller_verification::Column::AgentId.eq(agent.account_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if state.now() - found.verified_at >= VERIFICATION_LIFETIME {
        return Err(AppError::NotFound);
    }
    Ok(found.record_id)
}

/// An account of the caller's record, as the agent sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerAccountRead {
    pub id: AccountId,
    pub email: String,
    /// How the account relates to the record.
    pub relation: AccountRelation,
    pub confirmed: bool,
    pub has_authenticator: bool,
    pub paused_until: Option<DateTime<Utc>>,
    pub recovery_open: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRelation {
    /// Linked to the record.
    Linked,
    /// Gave the record's details, waiting for its access code.
    Pending,
    /// Reported that another account holds the record.
    Disputing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeRead {
    pub id: i32,
    pub by: AccountId,
    pub details: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerRead {
    pub verification_id: i32,
    pub full_name: String,
    pub identifier: String,
    pub verified_at: DateTime<Utc>,
    pub cases: Vec<(String, crate::domain::CaseStatus)>,
    pub accounts: Vec<CallerAccountRead>,
    pub disputes: Vec<DisputeRead>,
}

/// What the agent sees of a checked caller's record and its accounts. Audited.
pub async fn caller(state: &AppState, agent: &ActiveSession, id: i32) -> Result<CallerRead, AppError> {
    let record_id = verified_record(state, agent, id).await?;
    let record = immigration_record::Entity::find_by_id(record_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let verification = caller_verification::Entity::find_by_id(id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let cases = case::Entity::find()
        .filter(case::Column::RecordId.eq(record_id))
        .order_by_asc(case::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.receipt_number, c.status))
        .collect();
    let related = account::Entity::find()
        .filter(
            Condition::any()
                .add(account::Column::RecordId.eq(record_id))
                .add(account::Column::PendingRecordId.eq(record_id))
                .add(account::Column::ContestedRecordId.eq(record_id)),
        )
        .order_by_asc(account::Column::Id)
        .all(&state.db)
        .await?;
    let mut accounts = Vec::new();
    for a in related {
        let relation = if a.record_id == Some(record_id) {
            AccountRelation::Linked
        } else if a.pending_record_id == Some(record_id) {
            AccountRelation::Pending
        } else {
            AccountRelation::Disputing
        };
        accounts.push(CallerAccountRead {
            paused_until: sign_in_throttle::paused_until_now(state, &sign_in_throttle::email_key(&a.email)).await?,
            recovery_open: recovery::open(state, a.id).await?.is_some(),
            id: a.id,
            relation,
            confirmed: a.email_confirmed_at.is_some(),
            has_authenticator: a.totp_secret.is_some(),
            email: a.email,
        });
    }
    let disputes = record_dispute::Entity::find()
        .filter(record_dispute::Column::RecordId.eq(record_id))
        .filter(record_dispute::Column::ResolvedAt.is_null())
        .order_by_asc(record_dispute::Column::CreatedAt)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|d| DisputeRead { id: d.id, by: d.account_id, details: d.details, created_at: d.created_at })
        .collect();
    audit::record(
        &state.db,
        state.now(),
        agent,
        AuditEntry { record_id: Some(record_id), ..AuditEntry::new(AuditAction::ReadRecord) },
    )
    .await?;
    Ok(CallerRead {
        verification_id: id,
        full_name: record.full_name,
        identifier: record.a_number.or(record.uscis_number).unwrap_or_default(),
        verified_at: verification.verified_at,
        cases,
        accounts,
        disputes,
    })
}

/// What an agent does for a checked caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Help {
    LiftPause {
        account: AccountId,
    },
    ResetSecondFactor {
        account: AccountId,
        identity_checked: bool,
    },
    ResendConfirmation {
        account: AccountId,
    },
    /// Settles a report: `unlink` takes the record from the account holding it.
    SettleDispute {
        dispute: i32,
        unlink: bool,
    },
}

impl Help {
    fn audit_action(&self) -> AuditAction {
        match self {
            Help::LiftPause { .. } => AuditAction::LiftPause,
            Help::ResetSecondFactor { .. } => AuditAction::ResetSecondFactor,
            Help::ResendConfirmation { .. } => AuditAction::ResendConfirmation,
            Help::SettleDispute { .. } => AuditAction::SettleDispute,
        }
    }
}

/// One of the record's accounts (linked, pending or disputing); any other is "not found".
async fn record_account(state: &AppState, record_id: RecordId, id: AccountId) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|a| {
            a.record_id == Some(record_id)
                || a.pending_record_id == Some(record_id)
                || a.contested_record_id == Some(record_id)
        })
        .filter(|a| !a.role.is_staff())
        .ok_or(AppError::NotFound)
}

/// Does `help` for the caller checked under verification `id`, with `reason`.
pub async fn help(state: &AppState, agent: &ActiveSession, id: i32, help: Help, reason: &str) -> Result<(), AppError> {
    let reason = audit::reason(reason)?;
    let record_id = verified_record(state, agent, id).await?;
    let agent_name = agent.display_name.clone().unwrap_or_else(|| agent.email.clone());
    let now = state.now();
    let mut entry =
        AuditEntry { record_id: Some(record_id), reason: Some(reason), ..AuditEntry::new(help.audit_action()) };
    match &help {
        Help::LiftPause { account } => {
            let owner = record_account(state, record_id, *account).await?;
            // A success after the failures ends the streak, and with it the pause.
            sign_in_throttle::record_success(state, &sign_in_throttle::email_key(&owner.email), None).await?;
            security_events::record_by_staff(state, owner.id, SecurityEventKind::StaffLiftedPause, &agent_name).await;
            state.mailer.notify_owner(&owner, Mail::PauseLiftedByStaff).await;
            entry.account_id = Some(owner.id);
        }
        Help::ResetSecondFactor { account, identity_checked } => {
            let owner = record_account(state, record_id, *account).await?;
            if owner.totp_secret.is_none() {
                return Err(FormError::NothingToReset.into());
            }
            let purpose =
                if *identity_checked { TokenPurpose::StartCheckedRecovery } else { TokenPurpose::StartRecovery };
            let token = email_tokens::issue(&state.db, now, owner.id, purpose, &owner.email).await?;
            let link = format!("{}{}?token={token}", state.config.public_url, crate::routes::RECOVER_SIGN_IN);
            security_events::record_by_staff(state, owner.id, SecurityEventKind::StaffStartedFactorReset, &agent_name)
                .await;
            state.mailer.notify_owner(&owner, Mail::FactorResetByStaff { link, waived: *identity_checked }).await;
            entry.account_id = Some(owner.id);
            entry.detail = Some(format!("identity checked: {identity_checked}"));
        }
        Help::ResendConfirmation { account } => {
            let owner = record_account(state, record_id, *account).await?;
            if owner.email_confirmed_at.is_some() {
                return Err(FormError::AlreadyConfirmed.into());
            }
            let token = email_tokens::issue(&state.db, now, owner.id, TokenPurpose::ConfirmEmail, &owner.email).await?;
            let link = format!("{}{}?token={token}", state.config.public_url, crate::routes::CONFIRM_EMAIL);
            security_events::record_by_staff(state, owner.id, SecurityEventKind::StaffResentConfirmation, &agent_name)
                .await;
            state.mailer.notify_owner(&owner, Mail::Confirmation { link }).await;
            entry.account_id = Some(owner.id);
        }
        Help::SettleDispute { dispute, unlink } => {
            let found = record_dispute::Entity::find_by_id(*dispute)
                .filter(record_dispute::Column::RecordId.eq(record_id))
                .filter(record_dispute::Column::ResolvedAt.is_null())
                .one(&state.db)
                .await?
                .ok_or(AppError::NotFound)?;
            let settled = record_dispute::Entity::update_many()
                .col_expr(record_dispute::Column::ResolvedAt, Expr::value(now))
                .filter(record_dispute::Column::Id.eq(found.id))
                .filter(record_dispute::Column::ResolvedAt.is_null())
                .exec(&state.db)
                .await?;
            if settled.rows_affected != 1 {
                return Err(AppError::NotFound);
            }
            if *unlink {
                let holder =
                    account::Entity::find().filter(account::Column::RecordId.eq(record_id)).one(&state.db).await?;
                if let Some(holder) = holder {
                    let mut unlinked: account::ActiveModel = holder.clone().into();
                    unlinked.record_id = Set(None);
                    unlinked.record_linked_at = Set(None);
                    unlinked.update(&state.db).await?;
                    security_events::record_by_staff(
                        state,
                        holder.id,
                        SecurityEventKind::RecordUnlinkedByStaff,
                        &agent_name,
                    )
                    .await;
                    state.mailer.notify_owner(&holder, Mail::RecordUnlinkedByStaff).await;
                    let news = crate::server::notify::live::News::SessionsChanged(holder.id);
                    state.live.publish(&state.db, news).await;
                    entry.detail = Some(format!("unlinked from account #{}", holder.id));
                }
            }
            if let Some(disputer) = account::Entity::find_by_id(found.account_id).one(&state.db).await? {
                security_events::record_by_staff(state, disputer.id, SecurityEventKind::DisputeSettled, &agent_name)
                    .await;
                state.mailer.notify_owner(&disputer, Mail::DisputeSettled { unlinked: *unlink }).await;
                entry.account_id = Some(disputer.id);
            }
        }
    }
    audit::record(&state.db, now, agent, entry).await
}
