//! Every way a Portico request can fail (`AppError`) and why a form was refused (`FormError`):
//! shared by services, server functions and pages, so none of them depends on another for it.

use crate::domain::ParseError;
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
    /// 403 — the request came from another website (a forged form post) and was refused.
    #[error("This request came from another website and was refused.")]
    CrossSite,
    /// 403 — signed in, but this role may not do that (`server::web::authorization`).
    #[error("You do not have access to that.")]
    Forbidden,
    /// 404 — the thing does not exist *or belongs to someone else*; the two are never told apart.
    #[error("We could not find that page or case.")]
    NotFound,
    /// 422 — a form was refused; the form page shows the message beside the field.
    #[error("{}", .0.message())]
    Form(FormError),
    /// 422 — a form was refused for a rule of what was typed (`reason`); the page shows the rule.
    #[error("{reason}")]
    Refused { error: FormError, reason: ParseError },
    /// 429 — this client made too many failed attempts; `Retry-After` says when to come back.
    #[error("Too many attempts from your network. Try again in {} minutes.", .retry_after_seconds.div_ceil(60))]
    TooManyRequests { retry_after_seconds: u64 },
    /// 503 — too many sign-ins are being checked at once; the client may retry shortly.
    #[error("Portico is very busy right now. Please try again in a minute.")]
    Busy,
    /// 503 — the database cannot be reached (restarting, or the network to it is down); nothing
    /// was changed, and the client may retry shortly.
    #[error("Portico cannot reach its records right now. Nothing was changed; please try again in a minute.")]
    Unavailable,
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
            AppError::SignInRequired => t.get(key!("app_error.sign_in_required")).to_owned(),
            AppError::NotFound => t.get(key!("app_error.not_found")).to_owned(),
            AppError::CrossSite => t.get(key!("app_error.cross_site")).to_owned(),
            AppError::Forbidden => t.get(key!("app_error.forbidden")).to_owned(),
            AppError::Form(form) => t.lookup(&format!("error.{}", form.code())).to_owned(),
            AppError::Refused { reason, .. } => reason.message(t.0).to_owned(),
            AppError::TooManyRequests { retry_after_seconds } => t.fmt(
                key!("app_error.too_many_requests"),
                &[("minutes", &retry_after_seconds.div_ceil(60).to_string())],
            ),
            AppError::Busy => t.get(key!("app_error.busy")).to_owned(),
            AppError::Unavailable => t.get(key!("app_error.unavailable")).to_owned(),
            AppError::Internal { reference } => t.fmt(key!("app_error.internal"), &[("reference", reference)]),
            AppError::Transport(_) => t.get(key!("app_error.transport")).to_owned(),
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            AppError::SignInRequired => 401,
            AppError::CrossSite | AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Form(_) | AppError::Refused { .. } => 422,
            AppError::TooManyRequests { .. } => 429,
            AppError::Busy | AppError::Unavailable => 503,
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
    StaffSignInFailed,
    StaffSetupLinkInvalid,
    CaseChanged,
    StatusNotAllowed,
    ReasonRequired,
    EvidenceRequestInvalid,
    DueDateInvalid,
    AppointmentInvalid,
    DecisionInvalid,
    SearchInvalid,
    CallerNotVerified,
    NothingToReset,
    AlreadyConfirmed,
    NoPhoneForTexts,
    ReceiptInvalid,
    CaseNotAdded,
    CaseAlreadyAdded,
    AddressInvalid,
    RecordNotLinkedYet,
    RescheduleNotOffered,
    RescheduleTooLate,
    RescheduleLimitReached,
    SlotInvalid,
    SlotTaken,
    MessageInvalid,
    InquiryKindInvalid,
    InquiryTooEarly,
    InquiryLimitReached,
    InquiryClosed,
    FileMissing,
    FileTypeRefused,
    FileEmpty,
    FileCorrupt,
    FileTooLarge,
    TooManyFiles,
    SignatureMismatch,
    EvidenceLate,
    EvidenceAlreadySubmitted,
}

impl FormError {
    pub const ALL: [FormError; 72] = [
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
        FormError::StaffSignInFailed,
        FormError::StaffSetupLinkInvalid,
        FormError::CaseChanged,
        FormError::StatusNotAllowed,
        FormError::ReasonRequired,
        FormError::EvidenceRequestInvalid,
        FormError::DueDateInvalid,
        FormError::AppointmentInvalid,
        FormError::DecisionInvalid,
        FormError::SearchInvalid,
        FormError::CallerNotVerified,
        FormError::NothingToReset,
        FormError::AlreadyConfirmed,
        FormError::NoPhoneForTexts,
        FormError::ReceiptInvalid,
        FormError::CaseNotAdded,
        FormError::CaseAlreadyAdded,
        FormError::AddressInvalid,
        FormError::RecordNotLinkedYet,
        FormError::RescheduleNotOffered,
        FormError::RescheduleTooLate,
        FormError::RescheduleLimitReached,
        FormError::SlotInvalid,
        FormError::SlotTaken,
        FormError::MessageInvalid,
        FormError::InquiryKindInvalid,
        FormError::InquiryTooEarly,
        FormError::InquiryLimitReached,
        FormError::InquiryClosed,
        FormError::FileMissing,
        FormError::FileTypeRefused,
        FormError::FileEmpty,
        FormError::FileCorrupt,
        FormError::FileTooLarge,
        FormError::TooManyFiles,
        FormError::SignatureMismatch,
        FormError::EvidenceLate,
        FormError::EvidenceAlreadySubmitted,
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
            FormError::StaffSignInFailed => "staff_sign_in_failed",
            FormError::StaffSetupLinkInvalid => "staff_setup_link_invalid",
            FormError::CaseChanged => "case_changed",
            FormError::StatusNotAllowed => "status_not_allowed",
            FormError::ReasonRequired => "reason_required",
            FormError::EvidenceRequestInvalid => "evidence_request_invalid",
            FormError::DueDateInvalid => "due_date_invalid",
            FormError::AppointmentInvalid => "appointment_invalid",
            FormError::DecisionInvalid => "decision_invalid",
            FormError::SearchInvalid => "search_invalid",
            FormError::CallerNotVerified => "caller_not_verified",
            FormError::NothingToReset => "nothing_to_reset",
            FormError::AlreadyConfirmed => "already_confirmed",
            FormError::NoPhoneForTexts => "no_phone_for_texts",
            FormError::ReceiptInvalid => "receipt_invalid",
            FormError::CaseNotAdded => "case_not_added",
            FormError::CaseAlreadyAdded => "case_already_added",
            FormError::AddressInvalid => "address_invalid",
            FormError::RecordNotLinkedYet => "record_not_linked_yet",
            FormError::RescheduleNotOffered => "reschedule_not_offered",
            FormError::RescheduleTooLate => "reschedule_too_late",
            FormError::RescheduleLimitReached => "reschedule_limit_reached",
            FormError::SlotInvalid => "slot_invalid",
            FormError::SlotTaken => "slot_taken",
            FormError::MessageInvalid => "message_invalid",
            FormError::InquiryKindInvalid => "inquiry_kind_invalid",
            FormError::InquiryTooEarly => "inquiry_too_early",
            FormError::InquiryLimitReached => "inquiry_limit_reached",
            FormError::InquiryClosed => "inquiry_closed",
            FormError::FileMissing => "file_missing",
            FormError::FileTypeRefused => "file_type_refused",
            FormError::FileEmpty => "file_empty",
            FormError::FileCorrupt => "file_corrupt",
            FormError::FileTooLarge => "file_too_large",
            FormError::TooManyFiles => "too_many_files",
            FormError::SignatureMismatch => "signature_mismatch",
            FormError::EvidenceLate => "evidence_late",
            FormError::EvidenceAlreadySubmitted => "evidence_already_submitted",
        }
    }

    /// This error, for the rule of what was typed that `reason` names.
    pub fn because(self, reason: ParseError) -> AppError {
        AppError::Refused { error: self, reason }
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
            FormError::StatusNotAllowed => Some("status"),
            FormError::ReasonRequired => Some("reason"),
            FormError::EvidenceRequestInvalid => Some("requested"),
            FormError::DueDateInvalid => Some("due_on"),
            FormError::AppointmentInvalid => Some("scheduled_at"),
            FormError::DecisionInvalid => Some("decision"),
            FormError::SearchInvalid => Some("q"),
            FormError::ReceiptInvalid => Some("receipt_number"),
            FormError::SlotInvalid | FormError::SlotTaken => Some("slot"),
            FormError::MessageInvalid => Some("message"),
            FormError::InquiryKindInvalid | FormError::InquiryTooEarly => Some("kind"),
            FormError::FileMissing
            | FormError::FileTypeRefused
            | FormError::FileEmpty
            | FormError::FileCorrupt
            | FormError::FileTooLarge
            | FormError::TooManyFiles => Some("files"),
            FormError::SignatureMismatch => Some("signature"),
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
            | FormError::StaffSignInFailed
            | FormError::StaffSetupLinkInvalid
            | FormError::CaseChanged
            | FormError::CallerNotVerified
            | FormError::NothingToReset
            | FormError::AlreadyConfirmed
            | FormError::NoPhoneForTexts
            | FormError::CaseNotAdded
            | FormError::CaseAlreadyAdded
            | FormError::RecordNotLinkedYet
            | FormError::RescheduleNotOffered
            | FormError::RescheduleTooLate
            | FormError::RescheduleLimitReached
            | FormError::InquiryLimitReached
            | FormError::InquiryClosed
            | FormError::EvidenceLate
            | FormError::EvidenceAlreadySubmitted
            | FormError::NoLinkPending => None,
            // Which field is wrong is the reason's (`ParseError::field`): street, city, state, ZIP.
            FormError::AddressInvalid => None,
        }
    }

    /// The English message (the words live in `app/locales/`; pages use the reader's language).
    pub fn message(self) -> &'static str {
        crate::i18n::T(crate::i18n::Lang::En).lookup(&format!("error.{}", self.code()))
    }
}

/// A refused form as its page reads it back from the address (`?error=<code>&reason=<key>`):
/// the form's error and, when what was typed broke a rule, that rule. Both are closed sets, so an
/// address can never put words of its own on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub error: FormError,
    pub reason: Option<ParseError>,
}

impl Refusal {
    /// From the address's `error` and `reason` values; a reason about another field than the
    /// error's is ignored.
    pub fn from_query(error: Option<&str>, reason: Option<&str>) -> Option<Self> {
        let error = FormError::from_code(error?)?;
        let reason = reason.and_then(ParseError::from_key).filter(|r| {
            r.field() == error.field() || (error == FormError::AddressInvalid && r.key().starts_with("address_"))
        });
        Some(Refusal { error, reason })
    }

    /// The query that carries it: `error=<code>`, and `&reason=<key>` when there is one.
    pub fn query(self) -> String {
        match self.reason {
            Some(reason) => format!("error={}&reason={}", self.error.code(), reason.key()),
            None => format!("error={}", self.error.code()),
        }
    }

    pub fn field(self) -> Option<&'static str> {
        self.error.field().or_else(|| self.reason.and_then(ParseError::field))
    }

    /// What the person reads: the rule they broke when there is one, else the form's error.
    pub fn message(self, t: crate::i18n::T) -> &'static str {
        match self.reason {
            Some(reason) => reason.message(t.0),
            None => t.lookup(&format!("error.{}", self.error.code())),
        }
    }
}

impl From<FormError> for Refusal {
    fn from(error: FormError) -> Self {
        Refusal { error, reason: None }
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
    fn a_refusal_carries_its_reason_through_the_address_and_nothing_else() {
        let refusal = Refusal { error: FormError::IdentifierInvalid, reason: Some(ParseError::ANumberAllZeros) };
        assert_eq!(refusal.query(), "error=identifier_invalid&reason=a_number_all_zeros");
        assert_eq!(Refusal::from_query(Some("identifier_invalid"), Some("a_number_all_zeros")), Some(refusal));
        let es = crate::i18n::T(crate::i18n::Lang::Es);
        assert_eq!(refusal.message(es), "Un Número A no puede ser solo ceros.");
        // A reason about another field, or an unknown one, leaves the form's own message.
        let plain = Refusal::from_query(Some("identifier_invalid"), Some("email_shape")).unwrap();
        assert_eq!(plain.reason, None);
        assert_eq!(plain.message(es), es.lookup("error.identifier_invalid"));
        assert_eq!(Refusal::from_query(Some("identifier_invalid"), Some("<b>")).unwrap().reason, None);
        assert_eq!(Refusal::from_query(Some("nope"), Some("a_number_all_zeros")), None);
        assert_eq!(FormError::EmailInvalid.because(ParseError::EmailShape).status_code(), 422);
    }

    #[test]
    fn status_codes_follow_the_documented_mapping() {
        assert_eq!(AppError::NotFound.status_code(), 404);
        assert_eq!(AppError::SignInRequired.status_code(), 401);
        assert_eq!(AppError::Form(FormError::EmailInvalid).status_code(), 422);
        assert_eq!(AppError::Busy.status_code(), 503);
        assert_eq!(AppError::Unavailable.status_code(), 503);
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
