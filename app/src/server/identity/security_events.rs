//! The account's security log: recorded here, shown to the owner on the security events page.

use crate::domain::AccountId;
use crate::error::AppError;
use crate::server::client::ClientInfo;
use crate::server::entities::security_event;
use crate::server::identity::sessions::ActiveSession;
use crate::server::AppState;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// What happened. The key is stored; the label is what the owner reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityEventKind {
    AccountCreated,
    SignedIn,
    SignInFailed,
    SignInPaused,
    SignedOut,
    RecordLinked,
    SecondFactorFailed,
    AuthenticatorAdded,
    AuthenticatorCodeReused,
    BackupCodesCreated,
    BackupCodeUsed,
    PasswordResetRequested,
    PasswordChanged,
    SessionEndedRemotely,
    RecoveryRequested,
    RecoveryStarted,
    RecoveryCancelled,
    RecoveryCompleted,
    PhoneAdded,
    PhoneRemoved,
    EmailChangeRequested,
    EmailChanged,
    LanguageChanged,
    RecordLinkFailed,
    RecordLinkPending,
    RecordDisputed,
    PasswordAcceptedSecondStepUnfinished,
    /// Contact-center actions (the agent's name is kept with the event).
    StaffLiftedPause,
    StaffStartedFactorReset,
    StaffResentConfirmation,
    /// A fresh confirmation link, mailed when the owner signed in before confirming.
    ConfirmationResent,
    RecordUnlinkedByStaff,
    DisputeSettled,
    /// The owner reported a new mailing or physical address (AR-11).
    AddressChanged,
}

/// Every kind with the key it is stored under; the owner reads `event.<key>` from `app/locales/`.
const KINDS: [(SecurityEventKind, &str); 34] = [
    (SecurityEventKind::AccountCreated, "account_created"),
    (SecurityEventKind::SignedIn, "signed_in"),
    (SecurityEventKind::SignInFailed, "sign_in_failed"),
    (SecurityEventKind::SignInPaused, "sign_in_paused"),
    (SecurityEventKind::SignedOut, "signed_out"),
    (SecurityEventKind::RecordLinked, "record_linked"),
    (SecurityEventKind::SecondFactorFailed, "second_factor_failed"),
    (SecurityEventKind::AuthenticatorAdded, "authenticator_added"),
    (SecurityEventKind::AuthenticatorCodeReused, "authenticator_code_reused"),
    (SecurityEventKind::BackupCodesCreated, "backup_codes_created"),
    (SecurityEventKind::BackupCodeUsed, "backup_code_used"),
    (SecurityEventKind::PasswordResetRequested, "password_reset_requested"),
    (SecurityEventKind::PasswordChanged, "password_changed"),
    (SecurityEventKind::SessionEndedRemotely, "session_ended_remotely"),
    (SecurityEventKind::RecoveryRequested, "recovery_requested"),
    (SecurityEventKind::RecoveryStarted, "recovery_started"),
    (SecurityEventKind::RecoveryCancelled, "recovery_cancelled"),
    (SecurityEventKind::RecoveryCompleted, "recovery_completed"),
    (SecurityEventKind::PhoneAdded, "phone_added"),
    (SecurityEventKind::PhoneRemoved, "phone_removed"),
    (SecurityEventKind::EmailChangeRequested, "email_change_requested"),
    (SecurityEventKind::EmailChanged, "email_changed"),
    (SecurityEventKind::LanguageChanged, "language_changed"),
    (SecurityEventKind::RecordLinkFailed, "record_link_failed"),
    (SecurityEventKind::RecordLinkPending, "record_link_pending"),
    (SecurityEventKind::RecordDisputed, "record_disputed"),
    (SecurityEventKind::PasswordAcceptedSecondStepUnfinished, "password_accepted_unfinished"),
    (SecurityEventKind::StaffLiftedPause, "staff_lifted_pause"),
    (SecurityEventKind::StaffStartedFactorReset, "staff_started_factor_reset"),
    (SecurityEventKind::StaffResentConfirmation, "staff_resent_confirmation"),
    (SecurityEventKind::ConfirmationResent, "confirmation_resent"),
    (SecurityEventKind::RecordUnlinkedByStaff, "record_unlinked_by_staff"),
    (SecurityEventKind::DisputeSettled, "dispute_settled"),
    (SecurityEventKind::AddressChanged, "address_changed"),
];

impl SecurityEventKind {
    fn entry(self) -> &'static (SecurityEventKind, &'static str) {
        KINDS.iter().find(|(kind, _)| *kind == self).expect("every kind is in KINDS")
    }

    pub fn key(self) -> &'static str {
        self.entry().1
    }

    /// Every kind there is.
    pub fn all() -> impl Iterator<Item = SecurityEventKind> {
        KINDS.iter().map(|(kind, _)| *kind)
    }

    pub fn from_key(key: &str) -> Option<Self> {
        KINDS.iter().find(|(_, k)| *k == key).map(|(kind, _)| *kind)
    }
}

/// Records an event. A failure to record is logged, never shown: it must not undo the action.
pub async fn record(state: &AppState, account_id: AccountId, kind: SecurityEventKind, client: &ClientInfo) {
    let inserted = security_event::ActiveModel {
        account_id: Set(account_id),
        kind: Set(kind.key().to_owned()),
        at: Set(state.now()),
        ip_address: Set(client.ip.clone()),
        user_agent: Set(client.user_agent.clone()),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    if let Err(error) = inserted {
        tracing::error!(%error, kind = kind.key(), "could not record a security event");
    }
}

/// Records an event a staff member caused, with their name (shown to the owner).
pub async fn record_by_staff(state: &AppState, account_id: AccountId, kind: SecurityEventKind, staff_name: &str) {
    let inserted = security_event::ActiveModel {
        account_id: Set(account_id),
        kind: Set(kind.key().to_owned()),
        at: Set(state.now()),
        ip_address: Set(None),
        user_agent: Set(None),
        staff_name: Set(Some(staff_name.to_owned())),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    if let Err(error) = inserted {
        tracing::error!(%error, kind = kind.key(), "could not record a security event");
    }
}

/// One event of the account's log. `kind` is `None` for a key this version does not know (an
/// event written by a newer one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityEventRead {
    pub kind: Option<SecurityEventKind>,
    pub at: chrono::DateTime<chrono::Utc>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    /// The staff member who caused it, if one did.
    pub staff_name: Option<String>,
}

/// The newest events of the signed-in account, newest first.
pub async fn for_account(state: &AppState, session: &ActiveSession) -> Result<Vec<SecurityEventRead>, AppError> {
    let rows = security_event::Entity::find()
        .filter(security_event::Column::AccountId.eq(session.account_id))
        .order_by_desc(security_event::Column::At)
        .order_by_desc(security_event::Column::Id)
        .limit(100)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| SecurityEventRead {
            kind: SecurityEventKind::from_key(&row.kind),
            at: row.at,
            ip_address: row.ip_address,
            user_agent: row.user_agent,
            staff_name: row.staff_name,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_key() {
        for kind in SecurityEventKind::all() {
            assert_eq!(SecurityEventKind::from_key(kind.key()), Some(kind));
        }
        assert_eq!(SecurityEventKind::from_key("no_such_event"), None);
    }
}
