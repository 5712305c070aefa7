//! The reschedule page (see `server::cases::rescheduling`): the appointment, the open times it may
//! move to, and the form that moves it.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An open time, as a radio button reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotChoice {
    pub id: i32,
    pub when: String,
    pub seats_left: i32,
}

/// A place's open times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceChoices {
    pub name: String,
    pub address: String,
    pub slots: Vec<SlotChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RescheduleView {
    pub receipt_number: String,
    pub appointment_id: i32,
    pub case_path: String,
    pub kind: String,
    pub when: String,
    pub place_name: String,
    pub place_address: String,
    pub rules: String,
    pub places: Vec<PlaceChoices>,
    /// What was typed when the last try was refused (nothing is lost), else empty.
    pub reason: String,
    pub chosen_slot: Option<i32>,
}

/// What a refused move keeps for the form to show again.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Draft {
    appointment: i32,
    slot: Option<i32>,
    reason: String,
}

/// The name its kept draft goes by (`sessions::put_draft`).
#[cfg(feature = "ssr")]
const DRAFT: &str = "reschedule";

#[server(prefix = "/api", endpoint = "reschedule_page")]
pub async fn load_reschedule(receipt_number: String, appointment: i32) -> Result<RescheduleView, AppError> {
    use crate::domain::AppointmentId;
    use crate::i18n::T;
    use crate::server::cases::rescheduling::{self, MAX_RESCHEDULES, MIN_NOTICE};
    use crate::server::identity::sessions;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let read = rescheduling::options(&state, &session, &receipt_number, AppointmentId(appointment))
        .await
        .map_err(responses::with_status)?;
    let draft = sessions::take_draft::<Draft>(&state, session.session_id, DRAFT)
        .await?
        .filter(|draft| draft.appointment == appointment);
    let lang = request::page_lang();
    let t = T(lang);
    let a = &read.appointment;
    Ok(RescheduleView {
        case_path: crate::routes::case(&a.receipt_number),
        receipt_number: a.receipt_number.clone(),
        appointment_id: appointment,
        kind: t.get(a.kind.label_key()).to_owned(),
        when: lang.format_place_time(a.scheduled_at, &a.time_zone),
        place_name: a.place_name.clone(),
        place_address: a.place_address.clone(),
        rules: t.fmt(
            key!("reschedule.rules"),
            &[
                ("max", &MAX_RESCHEDULES.to_string()),
                ("hours", &MIN_NOTICE.num_hours().to_string()),
                ("left", &read.moves_left.to_string()),
            ],
        ),
        places: read
            .slots
            .iter()
            .map(|(place, slots)| PlaceChoices {
                name: place.name.to_owned(),
                address: place.address.to_owned(),
                slots: slots
                    .iter()
                    .map(|slot| SlotChoice {
                        id: slot.id,
                        when: lang.format_place_time(slot.starts_at, slot.place.time_zone),
                        seats_left: slot.seats_left,
                    })
                    .collect(),
            })
            .collect(),
        reason: draft.as_ref().map(|d| d.reason.clone()).unwrap_or_default(),
        chosen_slot: draft.and_then(|d| d.slot),
    })
}

#[server(prefix = "/api", endpoint = "reschedule_appointment")]
pub async fn reschedule_appointment(
    receipt_number: String,
    appointment: i32,
    slot: Option<String>,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::AppointmentId;
    use crate::error::FormError;
    use crate::server::cases::rescheduling;
    use crate::server::identity::sessions;
    use crate::server::{web::request, web::responses};
    let state = request::app_state()?;
    let session = request::require_session()?;
    let receipt_number = super::posted_receipt(&receipt_number)?;
    let slot = slot.and_then(|s| s.trim().parse::<i32>().ok());
    let outcome = match slot {
        Some(slot) => {
            rescheduling::reschedule(&state, &session, &receipt_number, AppointmentId(appointment), slot, &reason)
                .await
                .map(|moved| crate::routes::with_query(&crate::routes::case(&moved.receipt_number), "rescheduled=1"))
        }
        None => Err(FormError::SlotInvalid.into()),
    };
    let form_path = crate::routes::reschedule(&receipt_number, AppointmentId(appointment));
    if matches!(outcome, Err(AppError::Form(_))) {
        // The form shows again with the time chosen and the reason typed.
        let draft = Draft { appointment, slot, reason };
        sessions::put_draft(&state, session.session_id, DRAFT, &draft).await?;
    }
    responses::finish_form(outcome, &form_path)
}
