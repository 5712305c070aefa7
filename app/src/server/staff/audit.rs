//! The audit log: every staff read of a record or case and every staff write, appended and never
//! changed (who, in which role, did what, to which account, record or case, when, and why where a
//! reason is asked). Writes that change a case record their entry in the same transaction as the
//! change, so there is never a change without its entry. Administrators search it at `/staff/audit`.

use crate::domain::{AccountId, CaseId, RecordId, Role};
use crate::error::{AppError, FormError};
use crate::server::entities::audit_entry;
use crate::server::identity::sessions::ActiveSession;
use crate::server::AppState;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// What a staff member did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    SearchCases,
    ReadCase,
    ChangeStatus,
    RequestEvidence,
    ScheduleAppointment,
    DecideCase,
    DisableStaff,
    EnableStaff,
    VerifyCaller,
    VerifyCallerFailed,
    ReadRecord,
    LiftPause,
    ResetSecondFactor,
    ResendConfirmation,
    SettleDispute,
    MoveAppointment,
    CancelAppointment,
    ReadInquiry,
    AnswerInquiry,
    ReadEvidence,
}

impl AuditAction {
    pub const ALL: [AuditAction; 20] = [
        AuditAction::SearchCases,
        AuditAction::ReadCase,
        AuditAction::ChangeStatus,
        AuditAction::RequestEvidence,
        AuditAction::ScheduleAppointment,
        AuditAction::DecideCase,
        AuditAction::DisableStaff,
        AuditAction::EnableStaff,
        AuditAction::VerifyCaller,
        AuditAction::VerifyCallerFailed,
        AuditAction::ReadRecord,
        AuditAction::LiftPause,
        AuditAction::ResetSecondFactor,
        AuditAction::ResendConfirmation,
        AuditAction::SettleDispute,
        AuditAction::MoveAppointment,
        AuditAction::CancelAppointment,
        AuditAction::ReadInquiry,
        AuditAction::AnswerInquiry,
        AuditAction::ReadEvidence,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AuditAction::SearchCases => "search_cases",
            AuditAction::ReadCase => "read_case",
            AuditAction::ChangeStatus => "change_status",
            AuditAction::RequestEvidence => "request_evidence",
            AuditAction::ScheduleAppointment => "schedule_appointment",
            AuditAction::DecideCase => "decide_case",
            AuditAction::DisableStaff => "disable_staff",
            AuditAction::EnableStaff => "enable_staff",
            AuditAction::VerifyCaller => "verify_caller",
            AuditAction::VerifyCallerFailed => "verify_caller_failed",
            AuditAction::ReadRecord => "read_record",
            AuditAction::LiftPause => "lift_pause",
            AuditAction::ResetSecondFactor => "reset_second_factor",
            AuditAction::ResendConfirmation => "resend_confirmation",
            AuditAction::SettleDispute => "settle_dispute",
            AuditAction::MoveAppointment => "move_appointment",
            AuditAction::CancelAppointment => "cancel_appointment",
            AuditAction::ReadInquiry => "read_inquiry",
            AuditAction::AnswerInquiry => "answer_inquiry",
            AuditAction::ReadEvidence => "read_evidence",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        AuditAction::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// One entry to append (the actor and time are added by `record`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub action: AuditAction,
    pub account_id: Option<AccountId>,
    pub record_id: Option<RecordId>,
    pub case_id: Option<CaseId>,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

impl AuditEntry {
    pub fn new(action: AuditAction) -> Self {
        AuditEntry { action, account_id: None, record_id: None, case_id: None, reason: None, detail: None }
    }
}

/// The longest reason kept.
pub const REASON_MAX: usize = 2000;

/// A reason as staff must give one: 5 to 2,000 characters once trimmed.
pub fn reason(typed: &str) -> Result<String, AppError> {
    let trimmed = typed.trim();
    if (5..=REASON_MAX).contains(&trimmed.chars().count()) {
        Ok(trimmed.to_owned())
    } else {
        Err(FormError::ReasonRequired.into())
    }
}

/// Appends an entry for `actor`, on `db` (a transaction, when the entry belongs to a change).
pub async fn record(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &ActiveSession,
    entry: AuditEntry,
) -> Result<(), AppError> {
    audit_entry::ActiveModel {
        at: Set(now),
        actor_id: Set(actor.account_id),
        actor_role: Set(actor.role),
        action: Set(entry.action.key().to_owned()),
        account_id: Set(entry.account_id),
        record_id: Set(entry.record_id),
        case_id: Set(entry.case_id),
        reason: Set(entry.reason),
        detail: Set(entry.detail),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// An entry as the administrators' search shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRead {
    pub at: DateTime<Utc>,
    pub actor_id: AccountId,
    pub actor_name: String,
    pub actor_role: Role,
    pub action: Option<AuditAction>,
    pub account_id: Option<AccountId>,
    pub record_id: Option<RecordId>,
    pub case_id: Option<CaseId>,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

/// What to look for in the log; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub actor_email: Option<String>,
    pub action: Option<AuditAction>,
    pub case_id: Option<CaseId>,
}

/// The newest entries matching `query` (at most 200).
pub async fn search(state: &AppState, query: &AuditQuery) -> Result<Vec<AuditRead>, AppError> {
    use crate::server::entities::account;
    let mut find = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id).limit(200);
    if let Some(email) = query.actor_email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        let actor = account::Entity::find()
            .filter(account::Column::Email.eq(email.to_lowercase()))
            .one(&state.db)
            .await?
            .map_or(AccountId(0), |a| a.id);
        find = find.filter(audit_entry::Column::ActorId.eq(actor));
    }
    if let Some(action) = query.action {
        find = find.filter(audit_entry::Column::Action.eq(action.key()));
    }
    if let Some(case_id) = query.case_id {
        find = find.filter(audit_entry::Column::CaseId.eq(case_id));
    }
    let rows = find.all(&state.db).await?;
    let actor_ids: Vec<AccountId> = rows.iter().map(|r| r.actor_id).collect();
    let names: std::collections::HashMap<AccountId, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(actor_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.display_name.unwrap_or(a.email)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| AuditRead {
            at: r.at,
            actor_name: names.get(&r.actor_id).cloned().unwrap_or_default(),
            actor_id: r.actor_id,
            actor_role: r.actor_role,
            action: AuditAction::from_key(&r.action),
            account_id: r.account_id,
            record_id: r.record_id,
            case_id: r.case_id,
            reason: r.reason,
            detail: r.detail,
        })
        .collect())
}
