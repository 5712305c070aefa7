//! The account's security log: recorded here, shown to the owner on the security events page.

use crate::api::identity::security_events::SecurityEventView;
use crate::domain::AccountId;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::server::entities::security_event;
use crate::server::identity::sessions::{ActiveSession, ClientInfo};
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
}

/// Every kind with the key it is stored under; the owner reads `event.<key>` from `app/locales/`.
const KINDS: [(SecurityEventKind, &str); 27] = [
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
];

impl SecurityEventKind {
    fn entry(self) -> &'static (SecurityEventKind, &'static str) {
        KINDS.iter().find(|(kind, _)| *kind == self).expect("every kind is in KINDS")
    }

    pub fn key(self) -> &'static str {
        self.entry().1
    }

    /// What the owner reads, in their language.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::T(lang).lookup(&format!("event.{}", self.key()))
    }

    fn from_key(key: &str) -> Option<Self> {
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

/// The newest events of the signed-in account, newest first.
pub async fn for_account(state: &AppState, session: &ActiveSession) -> Result<Vec<SecurityEventView>, AppError> {
    let rows = security_event::Entity::find()
        .filter(security_event::Column::AccountId.eq(session.account_id))
        .order_by_desc(security_event::Column::At)
        .order_by_desc(security_event::Column::Id)
        .limit(100)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| SecurityEventView {
            what: SecurityEventKind::from_key(&row.kind)
                .map_or(crate::i18n::T(session.lang).get("event.other"), |kind| kind.label(session.lang))
                .to_owned(),
            when: session.lang.format_datetime(row.at),
            ip_address: row.ip_address.unwrap_or_else(|| T(session.lang).get("device.unknown").to_owned()),
            browser: describe_browser(session.lang, row.user_agent.as_deref()),
        })
        .collect())
}

/// A short, recognisable name for a User-Agent string ("Firefox on Linux").
/// "Firefox on Linux" / "Firefox en Linux", from a User-Agent (or its absence).
pub fn describe_browser(lang: Lang, user_agent: Option<&str>) -> String {
    let t = T(lang);
    let user_agent = user_agent.unwrap_or_default();
    let browser = if user_agent.contains("Edg/") {
        "Edge"
    } else if user_agent.contains("Firefox/") {
        "Firefox"
    } else if user_agent.contains("Chrome/") || user_agent.contains("Chromium/") {
        "Chrome"
    } else if user_agent.contains("Safari/") {
        "Safari"
    } else {
        t.get("device.unknown_browser")
    };
    let system = if user_agent.contains("Android") {
        "Android"
    } else if user_agent.contains("iPhone") || user_agent.contains("iPad") {
        "iOS"
    } else if user_agent.contains("Windows") {
        "Windows"
    } else if user_agent.contains("Mac OS X") {
        "macOS"
    } else if user_agent.contains("Linux") {
        "Linux"
    } else {
        t.get("device.unknown_system")
    };
    t.fmt("device.browser_on_system", &[("browser", browser), ("system", system)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_common_browsers() {
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0";
        let en = Lang::En;
        assert_eq!(describe_browser(en, Some(edge)), "Edge on Windows");
        assert_eq!(
            describe_browser(en, Some("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")),
            "Firefox on Linux"
        );
        assert_eq!(describe_browser(en, Some("curl/8.0")), "Unknown browser on an unknown system");
        assert_eq!(describe_browser(Lang::Es, Some(edge)), "Edge en Windows");
        assert_eq!(describe_browser(Lang::Es, None), "Navegador desconocido en un sistema desconocido");
        for (kind, _) in KINDS {
            assert_eq!(SecurityEventKind::from_key(kind.key()), Some(kind));
        }
    }

    #[test]
    fn every_kind_reads_in_each_language() {
        for (kind, _) in KINDS {
            for lang in crate::i18n::Lang::ALL {
                assert!(!kind.label(lang).is_empty(), "{kind:?} has no label in {lang:?}");
            }
        }
        assert_ne!(
            SecurityEventKind::SignedIn.label(crate::i18n::Lang::Es),
            SecurityEventKind::SignedIn.label(crate::i18n::Lang::En)
        );
    }
}
