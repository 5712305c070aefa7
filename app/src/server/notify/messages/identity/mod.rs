//! The identity context's mail and texts, in English and Spanish. Each mail is a variant; `render`
//! matches every variant and each variant's words match every language, so a mail missing in
//! one language does not compile. Security notices all end the same way: what happened, and what
//! to do if it was not you.

mod account;
mod contact_center;
mod sign_in;

use super::{signed, Rendered};
use crate::i18n::Lang;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mail {
    Confirmation {
        link: String,
    },
    /// Sent instead of a confirmation when the address already has an account.
    AlreadyRegistered {
        sign_in_url: String,
    },
    RecordLinked {
        full_name: String,
    },
    DisputeReceived,
    PasswordMayBeKnown {
        reset_url: String,
    },
    SignInCode {
        code: String,
    },
    BackupCodeUsed {
        left: u64,
    },
    AuthenticatorAdded {
        replacing: bool,
    },
    AuthenticatorCodeReused,
    ResetPassword {
        link: String,
    },
    PasswordChanged,
    SignInPaused {
        reset_url: String,
        until: DateTime<Utc>,
    },
    RecoveryLink {
        link: String,
    },
    RecoveryStarted {
        ready_at: DateTime<Utc>,
    },
    RecoveryCancelled,
    RecoveryReady {
        sign_in_url: String,
    },
    RecoveryCompleted,
    PhoneAdded {
        hint: String,
    },
    PhoneRemoved,
    /// To the new address: the link that makes it the sign-in address.
    ConfirmNewEmail {
        link: String,
    },
    /// To the old address, when a change is asked for and when it is done.
    EmailChangeRequested {
        new_hint: String,
    },
    EmailChanged {
        new_hint: String,
    },
    /// The contact center lifted a sign-in pause at the owner's request.
    PauseLiftedByStaff,
    /// The contact center sent a link that starts a second-factor reset (`waived`: the agent
    /// checked the caller's identity, so there is no 24-hour wait).
    FactorResetByStaff {
        link: String,
        waived: bool,
    },
    /// To the account that held a record: the contact center unlinked it.
    RecordUnlinkedByStaff,
    /// To the person who reported their record linked by someone else: what came of it.
    DisputeSettled {
        unlinked: bool,
    },
    /// The owner reported a new address (AR-11): `which` is mailing, physical or both.
    AddressChanged {
        which: &'static str,
        address: Vec<String>,
        cases: usize,
    },
    /// The owner moved an appointment (`at` on the clocks of `time_zone`, the new place's).
    AppointmentRescheduled {
        receipt: String,
        kind: crate::domain::AppointmentKind,
        at: DateTime<Utc>,
        time_zone: String,
        place: String,
    },
    /// Staff answered an inquiry about case `receipt`; `link` opens the thread.
    InquiryAnswered {
        receipt: String,
        link: String,
    },
}

impl Mail {
    /// Every kind of mail, with sample values, for tests that check each renders in each language.
    pub fn samples() -> Vec<Mail> {
        let link = "https://portico.example/x?token=abc".to_owned();
        vec![
            Mail::Confirmation { link: link.clone() },
            Mail::AlreadyRegistered { sign_in_url: link.clone() },
            Mail::RecordLinked { full_name: "Maria Lopez".into() },
            Mail::DisputeReceived,
            Mail::PasswordMayBeKnown { reset_url: link.clone() },
            Mail::SignInCode { code: "123456".into() },
            Mail::BackupCodeUsed { left: 9 },
            Mail::AuthenticatorAdded { replacing: false },
            Mail::AuthenticatorAdded { replacing: true },
            Mail::AuthenticatorCodeReused,
            Mail::ResetPassword { link: link.clone() },
            Mail::PasswordChanged,
            Mail::SignInPaused { reset_url: link.clone(), until: DateTime::<Utc>::UNIX_EPOCH },
            Mail::RecoveryLink { link: link.clone() },
            Mail::RecoveryStarted { ready_at: DateTime::<Utc>::UNIX_EPOCH },
            Mail::RecoveryCancelled,
            Mail::RecoveryReady { sign_in_url: link.clone() },
            Mail::RecoveryCompleted,
            Mail::PhoneAdded { hint: "•••-•••-0143".into() },
            Mail::PhoneRemoved,
            Mail::ConfirmNewEmail { link },
            Mail::EmailChangeRequested { new_hint: "m•••@example.com".into() },
            Mail::EmailChanged { new_hint: "m•••@example.com".into() },
            Mail::PauseLiftedByStaff,
            Mail::FactorResetByStaff {
                link: "https://portico.example/recover-sign-in?token=abc".into(),
                waived: false,
            },
            Mail::FactorResetByStaff { link: "https://portico.example/recover-sign-in?token=abc".into(), waived: true },
            Mail::RecordUnlinkedByStaff,
            Mail::DisputeSettled { unlinked: true },
            Mail::DisputeSettled { unlinked: false },
            Mail::AddressChanged {
                which: "both",
                address: vec!["12 Elm St".into(), "Houston TX 77002".into()],
                cases: 2,
            },
            Mail::AppointmentRescheduled {
                receipt: "IOE0912345678".into(),
                kind: crate::domain::AppointmentKind::Biometrics,
                at: DateTime::<Utc>::UNIX_EPOCH,
                time_zone: "America/Los_Angeles".into(),
                place: "Santa Ana Application Support Center".into(),
            },
            Mail::InquiryAnswered {
                receipt: "IOE0912345678".into(),
                link: "https://portico.example/x?token=abc".into(),
            },
        ]
    }

    pub fn render(&self, lang: Lang) -> Rendered {
        let (subject, body) = match self {
            Mail::Confirmation { link } => account::confirmation(link, lang),
            Mail::AlreadyRegistered { sign_in_url } => account::already_registered(sign_in_url, lang),
            Mail::DisputeReceived => account::dispute_received(lang),
            Mail::PasswordMayBeKnown { reset_url } => sign_in::password_may_be_known(reset_url, lang),
            Mail::RecordLinked { full_name } => account::record_linked(full_name, lang),
            Mail::SignInCode { code } => sign_in::sign_in_code(code, lang),
            Mail::BackupCodeUsed { left } => sign_in::backup_code_used(left, lang),
            Mail::AuthenticatorAdded { replacing } => sign_in::authenticator_added(replacing, lang),
            Mail::AuthenticatorCodeReused => sign_in::authenticator_code_reused(lang),
            Mail::ResetPassword { link } => account::reset_password(link, lang),
            Mail::PasswordChanged => account::password_changed(lang),
            Mail::SignInPaused { reset_url, until } => sign_in::sign_in_paused(reset_url, until, lang),
            Mail::RecoveryLink { link } => sign_in::recovery_link(link, lang),
            Mail::RecoveryStarted { ready_at } => sign_in::recovery_started(ready_at, lang),
            Mail::RecoveryCancelled => sign_in::recovery_cancelled(lang),
            Mail::RecoveryReady { sign_in_url } => sign_in::recovery_ready(sign_in_url, lang),
            Mail::RecoveryCompleted => sign_in::recovery_completed(lang),
            Mail::PhoneAdded { hint } => account::phone_added(hint, lang),
            Mail::PhoneRemoved => account::phone_removed(lang),
            Mail::ConfirmNewEmail { link } => account::confirm_new_email(link, lang),
            Mail::EmailChangeRequested { new_hint } => account::email_change_requested(new_hint, lang),
            Mail::EmailChanged { new_hint } => account::email_changed(new_hint, lang),
            Mail::PauseLiftedByStaff => contact_center::pause_lifted(lang),
            Mail::FactorResetByStaff { link, waived } => contact_center::factor_reset(link, *waived, lang),
            Mail::RecordUnlinkedByStaff => contact_center::record_unlinked(lang),
            Mail::DisputeSettled { unlinked } => contact_center::dispute_settled(*unlinked, lang),
            Mail::AddressChanged { which, address, cases } => account::address_changed(which, address, *cases, lang),
            Mail::AppointmentRescheduled { receipt, kind, at, time_zone, place } => {
                let when = lang.format_place_time(*at, time_zone);
                account::appointment_rescheduled(receipt, *kind, &when, place, lang)
            }
            Mail::InquiryAnswered { receipt, link } => account::inquiry_answered(receipt, link, lang),
        };
        Rendered { subject: subject.to_owned(), body: signed(lang, body) }
    }
}

/// Text messages: short, with the code first so phones can offer to fill it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    SignInCode { code: String },
    VerifyPhone { code: String },
}

impl Text {
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Text::SignInCode { code }, Lang::En) => {
                format!("{code} is your Portico sign-in code. It works once for 10 minutes. Never share it.")
            }
            (Text::SignInCode { code }, Lang::Es) => {
                format!(
                    "{code} es su código para iniciar sesión en Portico. Vale una vez por 10 minutos. No lo comparta."
                )
            }
            (Text::VerifyPhone { code }, Lang::En) => {
                format!("{code} is your Portico code to confirm this phone. It works once for 10 minutes.")
            }
            (Text::VerifyPhone { code }, Lang::Es) => {
                format!("{code} es su código de Portico para confirmar este teléfono. Vale una vez por 10 minutos.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mail_reads_differently_in_each_language_and_keeps_its_details() {
        for mail in Mail::samples() {
            let en = mail.render(Lang::En);
            let es = mail.render(Lang::Es);
            assert_ne!(en.subject, es.subject, "{mail:?}");
            assert_ne!(en.body, es.body, "{mail:?}");
            for detail in ["https://portico.example/x?token=abc", "123456", "Maria Lopez", "0143", "m•••@example.com"]
            {
                assert_eq!(en.body.contains(detail), es.body.contains(detail), "{mail:?} {detail}");
            }
            assert!(en.body.ends_with("— Portico\n") && es.body.ends_with("— Portico\n"));
        }
    }

    #[test]
    fn texts_carry_the_code_first_in_both_languages() {
        for text in [Text::SignInCode { code: "123456".into() }, Text::VerifyPhone { code: "123456".into() }] {
            for lang in Lang::ALL {
                let rendered = text.render(lang);
                assert!(rendered.starts_with("123456 "));
                assert!(rendered.chars().count() <= 160, "a text stays short: {rendered}");
            }
        }
    }
}
