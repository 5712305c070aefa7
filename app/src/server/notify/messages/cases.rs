//! Mail about an applicant's cases, in English and Spanish. It names the case and its new status
//! and sends the reader to Portico for the rest: a notice's details stay behind the sign-in.

use super::{signed, Rendered};
use crate::domain::CaseStatus;
use crate::i18n::{Lang, T};
use crate::server::cases::reminders::{Ahead, Reminded};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseMail {
    /// A case's status changed (and a notice was issued with it).
    Updated { receipt: String, status: CaseStatus, case_url: String },
    /// A response is due or an appointment comes in a week or a day.
    Reminder { receipt: String, ahead: Ahead, reminded: Reminded, case_url: String },
}

/// "in 7 days" / "tomorrow", in `lang`.
fn ahead_words(ahead: Ahead, lang: Lang) -> &'static str {
    match (ahead, lang) {
        (Ahead::Week, Lang::En) => "in 7 days",
        (Ahead::Day, Lang::En) => "within a day",
        (Ahead::Week, Lang::Es) => "en 7 días",
        (Ahead::Day, Lang::Es) => "en menos de un día",
    }
}

/// What a reminder is about, as one sentence (without the link).
fn reminder_sentence(receipt: &str, ahead: Ahead, reminded: &Reminded, lang: Lang) -> String {
    let when = ahead_words(ahead, lang);
    match (reminded, lang) {
        (Reminded::Response { due_on }, Lang::En) => {
            format!("Your response for case {receipt} is due {when}: send it by {}.", lang.format_date(*due_on))
        }
        (Reminded::Response { due_on }, Lang::Es) => format!(
            "Su respuesta para el caso {receipt} vence {when}: envíela a más tardar el {}.",
            lang.format_date(*due_on)
        ),
        (Reminded::Appointment { kind, at, time_zone, place }, lang) => {
            let what = T(lang).get(kind.label_key());
            let at = lang.format_place_time(*at, time_zone);
            match lang {
                Lang::En => format!("{what} for case {receipt} {when}: {at}, at {place}."),
                Lang::Es => format!("{what} para el caso {receipt} {when}: {at}, en {place}."),
            }
        }
    }
}

/// A reminder as a text: short (no place, no link).
pub fn reminder_text(receipt: &str, ahead: Ahead, reminded: &Reminded, lang: Lang) -> String {
    let when = ahead_words(ahead, lang);
    match (reminded, lang) {
        (Reminded::Response { due_on }, Lang::En) => {
            format!("Portico: response for case {receipt} due {when}, by {}.", lang.format_date(*due_on))
        }
        (Reminded::Response { due_on }, Lang::Es) => {
            format!("Portico: respuesta del caso {receipt} vence {when}, el {}.", lang.format_date(*due_on))
        }
        (Reminded::Appointment { kind, at, time_zone, .. }, lang) => {
            let what = T(lang).get(kind.label_key());
            format!("Portico: {what} ({receipt}) {when}: {}.", lang.format_place_time(*at, time_zone))
        }
    }
}

/// The text sent when staff answer an inquiry (the answer itself is read signed in).
pub fn inquiry_answered_text(receipt: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Portico: USCIS answered your inquiry about case {receipt}. Sign in to read it."),
        Lang::Es => {
            format!("Portico: USCIS respondió a su consulta sobre el caso {receipt}. Inicie sesión para leerla.")
        }
    }
}

/// The text sent (to owners who chose texts) when a case changes: short, no details.
pub fn case_updated_text(receipt: &str, status: CaseStatus, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("Portico: your case {receipt} was updated: {}. Sign in to read the notice.", status.title(lang))
        }
        Lang::Es => {
            format!(
                "Portico: su caso {receipt} fue actualizado: {}. Inicie sesión para leer el aviso.",
                status.title(lang)
            )
        }
    }
}

impl CaseMail {
    pub fn render(&self, lang: Lang) -> Rendered {
        let (subject, body) = match (self, lang) {
            (CaseMail::Updated { receipt, status, case_url }, Lang::En) => (
                format!("Your case {receipt} was updated"),
                format!(
                    "The status of your case {receipt} is now: {}.\n\nA new notice about it is in your \
                     account. To read it, sign in and open the case:\n\n{case_url}",
                    status.title(lang)
                ),
            ),
            (CaseMail::Updated { receipt, status, case_url }, Lang::Es) => (
                format!("Su caso {receipt} fue actualizado"),
                format!(
                    "El estado de su caso {receipt} ahora es: {}.\n\nHay un nuevo aviso sobre él en su \
                     cuenta. Para leerlo, inicie sesión y abra el caso:\n\n{case_url}",
                    status.title(lang)
                ),
            ),
            (CaseMail::Reminder { receipt, ahead, reminded, case_url }, lang) => {
                let subject = match (reminded, lang) {
                    (Reminded::Response { .. }, Lang::En) => format!("Reminder: a response for case {receipt} is due"),
                    (Reminded::Response { .. }, Lang::Es) => {
                        format!("Recordatorio: vence una respuesta para el caso {receipt}")
                    }
                    (Reminded::Appointment { .. }, Lang::En) => {
                        format!("Reminder: your appointment for case {receipt}")
                    }
                    (Reminded::Appointment { .. }, Lang::Es) => format!("Recordatorio: su cita para el caso {receipt}"),
                };
                let more = match lang {
                    Lang::En => "The details are in your account:",
                    Lang::Es => "Los detalles están en su cuenta:",
                };
                (subject, format!("{}\n\n{more}\n\n{case_url}", reminder_sentence(receipt, *ahead, reminded, lang)))
            }
        };
        Rendered { subject, body: signed(lang, body) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_read_in_each_language_and_texts_stay_short() {
        let due_on = chrono::NaiveDate::from_ymd_opt(2027, 2, 6).unwrap();
        let appointment = Reminded::Appointment {
            kind: crate::domain::AppointmentKind::Biometrics,
            at: chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
            time_zone: "America/Los_Angeles".into(),
            place: "Santa Ana Application Support Center".into(),
        };
        for reminded in [Reminded::Response { due_on }, appointment] {
            for ahead in [Ahead::Week, Ahead::Day] {
                let mail = CaseMail::Reminder {
                    receipt: "IOE0912345601".into(),
                    ahead,
                    reminded: reminded.clone(),
                    case_url: "https://portico.example/cases/IOE0912345601".into(),
                };
                let (en, es) = (mail.render(Lang::En), mail.render(Lang::Es));
                assert_ne!(en.subject, es.subject);
                assert!(en.body.contains("https://portico.example/cases/IOE0912345601"));
                for lang in [Lang::En, Lang::Es] {
                    let text = reminder_text("IOE0912345601", ahead, &reminded, lang);
                    assert!(text.contains("IOE0912345601") && text.chars().count() <= 160, "{text}");
                }
            }
        }
        assert!(CaseMail::Reminder {
            receipt: "X".into(),
            ahead: Ahead::Week,
            reminded: Reminded::Response { due_on },
            case_url: String::new()
        }
        .render(Lang::En)
        .body
        .contains("February 6, 2027"));
    }

    #[test]
    fn a_case_update_names_the_case_and_status_in_each_language() {
        let mail = CaseMail::Updated {
            receipt: "IOE0912345601".into(),
            status: CaseStatus::RequestForEvidenceWasSent,
            case_url: "https://portico.example/cases/IOE0912345601".into(),
        };
        for lang in [Lang::En, Lang::Es] {
            let rendered = mail.render(lang);
            assert!(rendered.subject.contains("IOE0912345601"));
            assert!(rendered.body.contains(CaseStatus::RequestForEvidenceWasSent.title(lang)), "{lang:?}");
            assert!(rendered.body.contains("https://portico.example/cases/IOE0912345601"));
        }
    }
}
