//! Every way a Portico request can fail (`AppError`) and why a form was refused (`FormError`):
//! shared by services, server functions and pages, so none of them depends on another for it.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Every way a Portico request can fail, as the person asking sees it. Each variant names the HTTP
/// status it answers with; internal details never cross this boundary (they are logged on the
/// server with the reference shown to the user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 401 — the request needs a signed-in session and has none (or it expired).
    #[error("Sign in to continue.")]
    SignInRequired,
    /// 404 — the thing does not exist *or belongs to someone else*; the two are never told apart.
    #[error("We could not find that page or case.")]
    NotFound,
    /// 422 — a form was refused; the form page shows the message beside the field.
    #[error("{}", .0.message())]
    Form(FormError),
    /// 429 — this client made too many failed attempts; `Retry-After` says when to come back.
    #[error("Too many attempts from your network. Try again in {} minutes.", .retry_after_seconds.div_ceil(60))]
    TooManyRequests { retry_after_seconds: u64 },
    /// 503 — too many sign-ins are being checked at once; the client may retry shortly.
    #[error("Portico is very busy right now. Please try again in a minute.")]
    Busy,
    /// 500 — something failed on our side; `reference` finds the log entry.
    #[error("Something went wrong on our side. If it keeps happening, quote reference {reference}.")]
    Internal { reference: String },
    /// The request never reached Portico's code (network down, bad encoding).
    #[error("The request could not be completed. Check your connection and try again.")]
    Transport(String),
}

impl AppError {
    /// What the reader sees, in the page's language (the `Display` text is the English one).
    pub fn message_in(&self, t: crate::i18n::T) -> String {
        match self {
            AppError::SignInRequired => t.get("app_error.sign_in_required").to_owned(),
            AppError::NotFound => t.get("app_error.not_found").to_owned(),
            AppError::Form(form) => t.lookup(&format!("error.{}", form.code())).to_owned(),
            AppError::TooManyRequests { retry_after_seconds } => {
                t.fmt("app_error.too_many_requests", &[("minutes", &retry_after_seconds.div_ceil(60).to_string())])
            }
            AppError::Busy => t.get("app_error.busy").to_owned(),
            AppError::Internal { reference } => t.fmt("app_error.internal", &[("reference", reference)]),
            AppError::Transport(_) => t.get("app_error.transport").to_owned(),
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            AppError::SignInRequired => 401,
            AppError::NotFound => 404,
            AppError::Form(_) => 422,
            AppError::TooManyRequests { .. } => 429,
            AppError::Busy => 503,
            AppError::Internal { .. } | AppError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl From<FormError> for AppError {
    fn from(value: FormError) -> Self {
        AppError::Form(value)
    }
}

/// Why a form was refused. A form that fails is sent back to its page with `?error=<code>`, so the
/// same message shows with and without JavaScript; codes (not free text) keep the URL from being
/// used to put arbitrary words on a government-looking page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormError {
    EmailInvalid,
    PasswordTooShort,
    PasswordTooLong,
    EmailNotConfirmed,
    ConfirmationLinkInvalid,
    InvalidCredentials,
    SignInPaused,
    IdentifierInvalid,
    NameInvalid,
    DateOfBirthInvalid,
    CountryInvalid,
    RecordNotMatched,
    RecordAlreadyLinked,
    AccountAlreadyLinked,
    CodeInvalid,
    SetupNotStarted,
    TooManyCodesSent,
    SignInExpired,
    ReauthRequired,
    PasswordTooCommon,
    PasswordTooWeak,
    ResetLinkInvalid,
    EmailCodeUnavailable,
    RecoveryLinkInvalid,
    RecoveryNotReady,
    PhoneInvalid,
    TextCodeUnavailable,
    EmailChangeLinkInvalid,
    EmailUnchanged,
    LinkAttemptsPaused,
    AccessCodeInvalid,
    NoLinkPending,
    DisputeDetailsInvalid,
    PhoneCountryNotAllowed,
}

impl FormError {
    pub const ALL: [FormError; 34] = [
        FormError::EmailInvalid,
        FormError::PasswordTooShort,
        FormError::PasswordTooLong,
        FormError::EmailNotConfirmed,
        FormError::ConfirmationLinkInvalid,
        FormError::InvalidCredentials,
        FormError::SignInPaused,
        FormError::IdentifierInvalid,
        FormError::NameInvalid,
        FormError::DateOfBirthInvalid,
        FormError::CountryInvalid,
        FormError::RecordNotMatched,
        FormError::RecordAlreadyLinked,
        FormError::AccountAlreadyLinked,
        FormError::CodeInvalid,
        FormError::SetupNotStarted,
        FormError::TooManyCodesSent,
        FormError::SignInExpired,
        FormError::ReauthRequired,
        FormError::PasswordTooCommon,
        FormError::PasswordTooWeak,
        FormError::ResetLinkInvalid,
        FormError::EmailCodeUnavailable,
        FormError::RecoveryLinkInvalid,
        FormError::RecoveryNotReady,
        FormError::PhoneInvalid,
        FormError::TextCodeUnavailable,
        FormError::EmailChangeLinkInvalid,
        FormError::EmailUnchanged,
        FormError::LinkAttemptsPaused,
        FormError::AccessCodeInvalid,
        FormError::NoLinkPending,
        FormError::DisputeDetailsInvalid,
        FormError::PhoneCountryNotAllowed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FormError::EmailInvalid => "email_invalid",
            FormError::PasswordTooShort => "password_too_short",
            FormError::PasswordTooLong => "password_too_long",
            FormError::EmailNotConfirmed => "email_not_confirmed",
            FormError::ConfirmationLinkInvalid => "confirmation_link_invalid",
            FormError::InvalidCredentials => "invalid_credentials",
            FormError::SignInPaused => "sign_in_paused",
            FormError::IdentifierInvalid => "identifier_invalid",
            FormError::NameInvalid => "name_invalid",
            FormError::DateOfBirthInvalid => "date_of_birth_invalid",
            FormError::CountryInvalid => "country_invalid",
            FormError::RecordNotMatched => "record_not_matched",
            FormError::RecordAlreadyLinked => "record_already_linked",
            FormError::AccountAlreadyLinked => "account_already_linked",
            FormError::CodeInvalid => "code_invalid",
            FormError::SetupNotStarted => "setup_not_started",
            FormError::TooManyCodesSent => "too_many_codes_sent",
            FormError::SignInExpired => "sign_in_expired",
            FormError::ReauthRequired => "reauth_required",
            FormError::PasswordTooCommon => "password_too_common",
            FormError::PasswordTooWeak => "password_too_weak",
            FormError::ResetLinkInvalid => "reset_link_invalid",
            FormError::EmailCodeUnavailable => "email_code_unavailable",
            FormError::RecoveryLinkInvalid => "recovery_link_invalid",
            FormError::RecoveryNotReady => "recovery_not_ready",
            FormError::PhoneInvalid => "phone_invalid",
            FormError::TextCodeUnavailable => "text_code_unavailable",
            FormError::EmailChangeLinkInvalid => "email_change_link_invalid",
            FormError::EmailUnchanged => "email_unchanged",
            FormError::LinkAttemptsPaused => "link_attempts_paused",
            FormError::AccessCodeInvalid => "access_code_invalid",
            FormError::NoLinkPending => "no_link_pending",
            FormError::DisputeDetailsInvalid => "dispute_details_invalid",
            FormError::PhoneCountryNotAllowed => "phone_country_not_allowed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        FormError::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The form field the message belongs to (its `name`), or `None` for a message about the
    /// whole form.
    pub fn field(self) -> Option<&'static str> {
        match self {
            FormError::EmailInvalid | FormError::EmailUnchanged => Some("email"),
            FormError::PhoneInvalid | FormError::PhoneCountryNotAllowed => Some("phone"),
            FormError::AccessCodeInvalid => Some("access_code"),
            FormError::DisputeDetailsInvalid => Some("details"),
            FormError::PasswordTooShort | FormError::PasswordTooLong => Some("password"),
            FormError::IdentifierInvalid => Some("id_number"),
            FormError::NameInvalid => Some("full_name"),
            FormError::DateOfBirthInvalid => Some("date_of_birth"),
            FormError::CountryInvalid => Some("country_of_birth"),
            FormError::CodeInvalid => Some("code"),
            FormError::PasswordTooCommon | FormError::PasswordTooWeak => Some("password"),
            FormError::InvalidCredentials
            | FormError::EmailNotConfirmed
            | FormError::ConfirmationLinkInvalid
            | FormError::SignInPaused
            | FormError::RecordNotMatched
            | FormError::RecordAlreadyLinked
            | FormError::AccountAlreadyLinked
            | FormError::SetupNotStarted
            | FormError::TooManyCodesSent
            | FormError::SignInExpired
            | FormError::ReauthRequired
            | FormError::ResetLinkInvalid
            | FormError::EmailCodeUnavailable
            | FormError::RecoveryLinkInvalid
            | FormError::RecoveryNotReady
            | FormError::TextCodeUnavailable
            | FormError::EmailChangeLinkInvalid
            | FormError::LinkAttemptsPaused
            | FormError::NoLinkPending => None,
        }
    }

    /// The English message (the words live in `app/locales/`; pages use the reader's language).
    pub fn message(self) -> &'static str {
        crate::i18n::T(crate::i18n::Lang::En).lookup(&format!("error.{}", self.code()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_error_round_trips_through_its_code() {
        for error in FormError::ALL {
            assert_eq!(FormError::from_code(error.code()), Some(error));
            assert!(!error.message().is_empty());
        }
        assert_eq!(FormError::from_code("<script>"), None);
    }

    #[test]
    fn every_form_error_has_a_message_in_each_language() {
        use crate::i18n::{Lang, T};
        for error in FormError::ALL {
            for lang in Lang::ALL {
                assert!(!T(lang).lookup(&format!("error.{}", error.code())).is_empty(), "{error:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn status_codes_follow_the_documented_mapping() {
        assert_eq!(AppError::NotFound.status_code(), 404);
        assert_eq!(AppError::SignInRequired.status_code(), 401);
        assert_eq!(AppError::Form(FormError::EmailInvalid).status_code(), 422);
        assert_eq!(AppError::Busy.status_code(), 503);
        assert_eq!(AppError::TooManyRequests { retry_after_seconds: 61 }.status_code(), 429);
        assert!(AppError::TooManyRequests { retry_after_seconds: 61 }.to_string().contains("2 minutes"));
        let es = crate::i18n::T(crate::i18n::Lang::Es);
        assert!(AppError::TooManyRequests { retry_after_seconds: 61 }.message_in(es).contains("2 minutos"));
        assert_eq!(
            AppError::NotFound.message_in(crate::i18n::T(crate::i18n::Lang::En)),
            AppError::NotFound.to_string(),
            "the English catalogue and Display agree"
        );
    }
}
