//! The words of the notice a change issues, in English and Spanish. A notice is a document kept
//! as it was issued (like the paper one), so its words are written once, when it is issued, from
//! the status's own description plus what the officer gave (what evidence, which appointment,
//! why a denial).

use crate::domain::{AppointmentKind, NoticeType};
use crate::i18n::Lang;
use crate::server::cases::changes::Change;
use crate::server::entities::case;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeWords {
    pub notice_type: NoticeType,
    pub title: String,
    pub body: String,
    pub title_es: String,
    pub body_es: String,
}

pub fn for_change(change: &Change, row: &case::Model, today: NaiveDate) -> NoticeWords {
    let status = change.status();
    let notice_type = match change {
        Change::RequestEvidence { .. } => NoticeType::I797E,
        Change::Decide { approve: true, .. } => NoticeType::I797,
        _ => NoticeType::I797C,
    };
    let words = |lang: Lang| {
        let date = lang.format_date(today);
        let mut body = status.describe(lang, &date, &row.receipt_number, row.form_type.code());
        let extra = match (change, lang) {
            (Change::RequestEvidence { requested, due_on }, Lang::En) => format!(
                "\n\nWhat we need from you:\n{requested}\n\nSend it so that we receive it by {}. If we do not \
                 receive it by then, we will decide your case on the evidence we have.",
                lang.format_date(*due_on)
            ),
            (Change::RequestEvidence { requested, due_on }, Lang::Es) => format!(
                "\n\nLo que necesitamos de usted:\n{requested}\n\nEnvíelo de modo que lo recibamos a más tardar \
                 el {}. Si no lo recibimos para esa fecha, decidiremos su caso con la evidencia que tenemos.",
                lang.format_date(*due_on)
            ),
            (Change::Schedule { kind, office, at }, lang) => {
                let zone: chrono_tz::Tz = office.time_zone.parse().unwrap_or(chrono_tz::UTC);
                let local = at.with_timezone(&zone);
                let when = format!("{} {}", lang.format_date(local.date_naive()), local.format("%H:%M %Z"));
                match (kind, lang) {
                    (AppointmentKind::Biometrics, Lang::En) => format!(
                        "\n\nYour biometrics appointment: {when}, at {}, {}. Bring this notice and a photo \
                         identity document.",
                        office.name, office.address
                    ),
                    (_, Lang::En) => format!(
                        "\n\nYour interview: {when}, at {}, {}. Bring this notice, a photo identity document \
                         and the originals of the documents you filed.",
                        office.name, office.address
                    ),
                    (AppointmentKind::Biometrics, Lang::Es) => format!(
                        "\n\nSu cita de datos biométricos: {when}, en {}, {}. Traiga este aviso y un \
                         documento de identidad con foto.",
                        office.name, office.address
                    ),
                    (_, Lang::Es) => format!(
                        "\n\nSu entrevista: {when}, en {}, {}. Traiga este aviso, un documento de identidad \
                         con foto y los originales de los documentos que presentó.",
                        office.name, office.address
                    ),
                }
            }
            (Change::Decide { approve: false, reason: Some(reason) }, Lang::En) => {
                format!("\n\nThe reason for this decision:\n{reason}")
            }
            (Change::Decide { approve: false, reason: Some(reason) }, Lang::Es) => {
                format!("\n\nEl motivo de esta decisión:\n{reason}")
            }
            _ => String::new(),
        };
        body.push_str(&extra);
        (status.title(lang).to_owned(), body)
    };
    let (title, body) = words(Lang::En);
    let (title_es, body_es) = words(Lang::Es);
    NoticeWords { notice_type, title, body, title_es, body_es }
}
