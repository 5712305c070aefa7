//! Rescheduling an appointment: where and when it is now, the rules, the open times at the same
//! place or nearby (each as the clocks there show it), and a reason. Works without JavaScript: the
//! form posts, and a refusal comes back with the time chosen and the reason typed.

use crate::api::cases::rescheduling::{load_reschedule, RescheduleAppointment, RescheduleView};
use crate::components::alert::{Alert, AlertKind, ErrorNotice};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, TextArea};
use crate::error::AppError;
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ReschedulePage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let query = use_query_map();
    let which = move || {
        let params = params.read();
        let receipt = params.get("receipt").unwrap_or_default();
        let appointment = params.get("appointment").and_then(|id| id.parse::<i32>().ok()).unwrap_or(-1);
        (receipt, appointment)
    };
    // Read again after each answer: a refusal brings back what was chosen and typed.
    let page = Resource::new(
        move || (which(), query.read().to_query_string()),
        |((receipt, appointment), _)| load_reschedule(receipt, appointment),
    );
    view! {
        <Title text=t.get(key!("reschedule.title"))/>
        <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <RescheduleForm view/> }.into_any(),
                    Err(AppError::NotFound) => super::case_not_found(),
                    Err(AppError::Form(refused)) => {
                        let (receipt, _) = which();
                        view! {
                            <h1>{t.get(key!("reschedule.title"))}</h1>
                            <Alert kind=AlertKind::Warning><p>{AppError::Form(refused).message_in(t)}</p></Alert>
                            <p><a class="usa-link" href=routes::case(&receipt)>
                                {t.fmt(key!("reschedule.back"), &[("receipt", &receipt)])}</a></p>
                        }.into_any()
                    }
                    Err(other) => view! { <ErrorNotice error=other/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RescheduleForm(view: RescheduleView) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<RescheduleAppointment>::new();
    let error = form_error_from_query();
    let slot_error = field_error(error, "slot");
    let back = t.fmt(key!("reschedule.back"), &[("receipt", &view.receipt_number)]);
    let chosen = view.chosen_slot;
    view! {
        <p><a class="usa-link" href=view.case_path.clone()>"← " {back}</a></p>
        <h1>{t.get(key!("reschedule.title"))}</h1>
        <p class="usa-intro">{t.get(key!("reschedule.lead"))}</p>
        <section aria-labelledby="current-appointment-heading" class="usa-summary-box">
            <div class="usa-summary-box__body">
                <h2 class="usa-summary-box__heading" id="current-appointment-heading">{t.get(key!("reschedule.current"))}</h2>
                <p class="usa-summary-box__text"><strong>{view.kind}</strong> " — " {view.when} <br/>
                    {view.place_name} ", " {view.place_address}</p>
            </div>
        </section>
        <p>{view.rules}</p>
        <ErrorSummary error/>
        {if view.places.is_empty() {
            view! { <Alert kind=AlertKind::Info><p>{t.get(key!("reschedule.no_slots"))}</p></Alert> }.into_any()
        } else {
            view! {
                <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                    <input type="hidden" name="receipt_number" value=view.receipt_number.clone()/>
                    <input type="hidden" name="appointment" value=view.appointment_id.to_string()/>
                    <div class="usa-form-group" class:usa-form-group--error=move || slot_error.get().is_some()>
                        <h2 id="choose-heading">{t.get(key!("reschedule.choose"))}</h2>
                        {move || slot_error.get().map(|m| view! { <p class="usa-error-message" id="slot-error">{m}</p> })}
                        // One group per place: its name and address, then its times (one radio name
                        // across all, so one time is chosen).
                        {view.places.into_iter().map(|place| view! {
                            <fieldset class="usa-fieldset slot-place" aria-describedby=move || slot_error.get().map(|_| "slot-error")>
                                <legend class="usa-legend">{place.name.clone()}
                                    <span class="usa-hint">{place.address.clone()}</span></legend>
                                {place.slots.into_iter().map(|slot| {
                                    let id = format!("slot-{}", slot.id);
                                    let seats = t.fmt(key!("reschedule.seats"), &[("count", &slot.seats_left.to_string())]);
                                    view! {
                                        <div class="usa-radio">
                                            <input class="usa-radio__input" type="radio" id=id.clone()
                                                name="slot" value=slot.id.to_string() checked=chosen == Some(slot.id)/>
                                            <label class="usa-radio__label" for=id>{format!("{} ({seats})", slot.when)}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                        }).collect_view()}
                    </div>
                    <TextArea label=t.get(key!("reschedule.reason")) name="reason" hint=t.get(key!("reschedule.reason_hint"))
                        error=field_error(error, "reason") value=view.reason/>
                    <button type="submit" class="usa-button" data-busy=t.get(key!("reschedule.busy"))>{t.get(key!("reschedule.submit"))}</button>
                </ActionForm>
            }.into_any()
        }}
    }
}
