//! The words of the notice a change issues, in English and Spanish. A notice is a document kept
//! as it was issued (like the paper one), so its words are written once, when it is issued, from
//! the status's own description plus what the officer gave (what evidence, which appointment,
//! why a denial or a cancellation).

use crate::domain::{AppointmentKind, NoticeType};
use crate::i18n::Lang;
use crate::server::cases::changes::{AppointmentChange, Change};
use crate::server::entities::{case, notice};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeWords {
    pub notice_type: NoticeType,
    pub title: String,
    pub body: String,
    pub title_es: String,
    pub body_es: String,
}

impl NoticeWords {
    /// Issues these words as a notice of case `case_id` dated `on` (asking for an answer by
    /// `response_due_on`, if any), on `db` (the change's transaction).
    pub async fn issue(
        self,
        db: &impl sea_orm::ConnectionTrait,
        case_id: crate::domain::CaseId,
        on: NaiveDate,
        response_due_on: Option<NaiveDate>,
    ) -> Result<notice::Model, sea_orm::DbErr> {
        use sea_orm::{ActiveModelTrait, Set};
        notice::ActiveModel {
            case_id: Set(case_id),
            notice_type: Set(self.notice_type),
            notice_date: Set(on),
            title: Set(self.title),
            body: Set(self.body),
            title_es: Set(Some(self.title_es)),
            body_es: Set(Some(self.body_es)),
            response_due_on: Set(response_due_on),
            ..Default::default()
        }
        .insert(db)
        .await
    }
}

/// "December 15, 2026 at 9:30 AM EST" as the place's clocks show it.
fn local_time(at: DateTime<Utc>, time_zone: &str, lang: Lang) -> String {
    lang.format_place_time(at, time_zone)
}

/// What an appointment notice says of the appointment.
fn appointment_text(kind: AppointmentKind, when: &str, place: &str, address: &str, lang: Lang) -> String {
    match (kind, lang) {
        (AppointmentKind::Biometrics, Lang::En) => format!(
            "\n\nYour biometrics appointment: {when}, at {place}, {address}. Bring this notice and a photo \
             identity document."
        ),
        (_, Lang::En) => format!(
            "\n\nYour interview: {when}, at {place}, {address}. Bring this notice, a photo identity document \
             and the originals of the documents you filed."
        ),
        (AppointmentKind::Biometrics, Lang::Es) => format!(
            "\n\nSu cita de datos biométricos: {when}, en {place}, {address}. Traiga este aviso y un documento \
             de identidad con foto."
        ),
        (_, Lang::Es) => format!(
            "\n\nSu entrevista: {when}, en {place}, {address}. Traiga este aviso, un documento de identidad \
             con foto y los originales de los documentos que presentó."
        ),
    }
}

pub fn for_change(
    change: &Change,
    row: &case::Model,
    today: NaiveDate,
    touched: Option<&AppointmentChange>,
) -> NoticeWords {
    let status = change.status(touched.map(|t| t.appointment.kind));
    let notice_type = match change {
        Change::RequestEvidence { .. } => NoticeType::I797E,
        Change::Decide { approve: true, .. } => NoticeType::I797,
        _ => NoticeType::I797C,
    };
    let words = |lang: Lang| {
        let date = lang.format_date(today);
        let (title, mut body) = match (status, touched, lang) {
            (Some(status), _, _) => {
                (status.title(lang).to_owned(), status.describe(lang, &date, &row.receipt_number, row.form_type.code()))
            }
            (None, Some(AppointmentChange { moved_to: Some(_), .. }), Lang::En) => (
                "Your Appointment Was Moved".to_owned(),
                format!(
                    "On {date}, we moved your appointment for your Form {}, Receipt Number {}.",
                    row.form_type.code(),
                    row.receipt_number
                ),
            ),
            (None, Some(AppointmentChange { moved_to: Some(_), .. }), Lang::Es) => (
                "Su Cita Fue Cambiada".to_owned(),
                format!(
                    "El {date}, cambiamos su cita para su Formulario {}, Número de Recibo {}.",
                    row.form_type.code(),
                    row.receipt_number
                ),
            ),
            (None, _, Lang::En) => (
                "Your Appointment Was Cancelled".to_owned(),
                format!(
                    "On {date}, we cancelled your appointment for your Form {}, Receipt Number {}.",
                    row.form_type.code(),
                    row.receipt_number
                ),
            ),
            (None, _, Lang::Es) => (
                "Su Cita Fue Cancelada".to_owned(),
                format!(
                    "El {date}, cancelamos su cita para su Formulario {}, Número de Recibo {}.",
                    row.form_type.code(),
                    row.receipt_number
                ),
            ),
        };
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
                appointment_text(*kind, &local_time(*at, office.time_zone, lang), office.name, office.address, lang)
            }
            (Change::MoveAppointment { .. }, lang) => match touched {
                Some(AppointmentChange { appointment: a, moved_to: Some(at) }) => appointment_text(
                    a.kind,
                    &local_time(*at, &a.time_zone, lang),
                    &a.place_name,
                    &a.place_address,
                    lang,
                ),
                _ => String::new(),
            },
            (Change::CancelAppointment { reason, .. }, Lang::En) => {
                let when = touched.map(|t| local_time(t.appointment.scheduled_at, &t.appointment.time_zone, lang));
                format!(
                    "\n\nThe appointment on {} will not take place. The reason:\n{reason}\n\nWe will send you \
                     a new notice if we need to see you.",
                    when.unwrap_or_default()
                )
            }
            (Change::CancelAppointment { reason, .. }, Lang::Es) => {
                let when = touched.map(|t| local_time(t.appointment.scheduled_at, &t.appointment.time_zone, lang));
                format!(
                    "\n\nLa cita del {} no se llevará a cabo. El motivo:\n{reason}\n\nLe enviaremos un nuevo \
                     aviso si necesitamos verle.",
                    when.unwrap_or_default()
                )
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
        (title, body)
    };
    let (title, body) = words(Lang::En);
    let (title_es, body_es) = words(Lang::Es);
    NoticeWords { notice_type, title, body, title_es, body_es }
}

/// The new appointment notice when the applicant moved an appointment to `place` at `at`;
/// `status` is the case's new status when the move changed it (an interview).
pub fn for_reschedule(
    row: &case::Model,
    today: NaiveDate,
    kind: AppointmentKind,
    status: Option<crate::domain::CaseStatus>,
    at: DateTime<Utc>,
    place: &crate::domain::office::Place,
) -> NoticeWords {
    let (form, receipt) = (row.form_type.code(), &row.receipt_number);
    let words = |lang: Lang| {
        let date = lang.format_date(today);
        let (title, mut body) = match (status, lang) {
            (Some(status), _) => (status.title(lang).to_owned(), status.describe(lang, &date, receipt, form)),
            (None, Lang::En) => (
                "Your Appointment Was Moved".to_owned(),
                format!("On {date}, at your request, we moved your appointment for your Form {form}, Receipt Number {receipt}."),
            ),
            (None, Lang::Es) => (
                "Su Cita Fue Cambiada".to_owned(),
                format!("El {date}, a petición suya, cambiamos su cita para su Formulario {form}, Número de Recibo {receipt}."),
            ),
        };
        body.push_str(&appointment_text(kind, &local_time(at, place.time_zone, lang), place.name, place.address, lang));
        body.push_str(match lang {
            Lang::En => "\n\nThis notice replaces the one for your earlier appointment time.",
            Lang::Es => "\n\nEste aviso reemplaza al de la hora anterior de su cita.",
        });
        (title, body)
    };
    let (title, body) = words(Lang::En);
    let (title_es, body_es) = words(Lang::Es);
    NoticeWords { notice_type: NoticeType::I797C, title, body, title_es, body_es }
}

/// The receipt notice of a response to a Request for Evidence: `files` files, signed `signed`.
pub fn for_evidence_received(row: &case::Model, today: NaiveDate, files: usize, signed: &str) -> NoticeWords {
    let status = crate::domain::CaseStatus::ResponseToEvidenceRequestWasReceived;
    let (form, receipt) = (row.form_type.code(), &row.receipt_number);
    let words = |lang: Lang| {
        let date = lang.format_date(today);
        let mut body = status.describe(lang, &date, receipt, form);
        body.push_str(&match lang {
            Lang::En => format!(
                "\n\nWe received {files} file(s) with your response, signed electronically by {signed} on {date}. \
                 Keep this notice as proof that you responded."
            ),
            Lang::Es => format!(
                "\n\nRecibimos {files} archivo(s) con su respuesta, firmada electrónicamente por {signed} el {date}. \
                 Guarde este aviso como prueba de que respondió."
            ),
        });
        (status.title(lang).to_owned(), body)
    };
    let (title, body) = words(Lang::En);
    let (title_es, body_es) = words(Lang::Es);
    NoticeWords { notice_type: NoticeType::I797C, title, body, title_es, body_es }
}
