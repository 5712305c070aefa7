//! Linking the account to an immigration record: the details, the mailed access code, a dispute.

use crate::api::identity::record_link::{load_link_progress, DisputeRecord, EnterAccessCode, LinkRecord};
use crate::components::alert::{Alert, AlertKind};
use crate::components::form::{field_error, form_error_from_query, DateOfBirthFields, ErrorSummary, TextField};
use crate::error::FormError;
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LinkRecordPage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<LinkRecord>::new();
    let error = form_error_from_query();
    let dob_error = field_error(error, "date_of_birth");
    let progress = Resource::new(|| (), |_| load_link_progress());
    view! {
        <Title text=t.get(key!("link.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("link.title"))}</h1>
            <p class="usa-intro">{t.get(key!("link.lead"))}</p>
            <ErrorSummary error/>
            {move || (error.get().map(|refusal| refusal.error) == Some(FormError::RecordAlreadyLinked)).then(|| view! {
                <p><a class="usa-link" href=routes::LINK_RECORD_DISPUTE>{t.get(key!("link.dispute_link"))}</a></p>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    progress.await.ok().and_then(|p| p.awaiting_code_since).map(|since| view! {
                        <Alert kind=AlertKind::Info heading=t.get(key!("link.pending_heading"))>
                            <p>{t.fmt(key!("link.pending_body"), &[("since", &since)])}</p>
                            <p><a class="usa-link" href=routes::LINK_RECORD_ACCESS_CODE>{t.get(key!("link.enter_code_link"))}</a></p>
                        </Alert>
                    })
                })}
            </Suspense>
            <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">{t.get(key!("link.which"))}</legend>
                    <div class="usa-radio">
                        <input class="usa-radio__input" type="radio" id="id_kind_a_number" name="id_kind" value="a_number" checked=true/>
                        <label class="usa-radio__label" for="id_kind_a_number">{t.get(key!("link.a_number"))}</label>
                    </div>
                    <div class="usa-radio">
                        <input class="usa-radio__input" type="radio" id="id_kind_uscis_number" name="id_kind" value="uscis_number"/>
                        <label class="usa-radio__label" for="id_kind_uscis_number">{t.get(key!("link.uscis_number"))}</label>
                    </div>
                </fieldset>
                <TextField label=t.get(key!("link.number")) name="id_number" autocomplete="off"
                    hint=t.get(key!("link.number_hint"))
                    error=field_error(error, "id_number")/>
                <TextField label=t.get(key!("link.full_name")) name="full_name" autocomplete="name"
                    error=field_error(error, "full_name")/>
                <DateOfBirthFields legend=t.get(key!("link.dob")) error=dob_error/>
                <TextField label=t.get(key!("link.country")) name="country_of_birth" autocomplete="country-name"
                    error=field_error(error, "country_of_birth")/>
                <TextField label=t.get(key!("link.access_code")) name="access_code" autocomplete="off"
                    hint=t.get(key!("link.access_code_hint")) required=false
                    error=field_error(error, "access_code")/>
                <button type="submit" class="usa-button">{t.get(key!("link.submit"))}</button>
            </ActionForm>
        </div>
    }
}

/// After the details matched: the code from the Account Access Notice mailed to the record's
/// address finishes the link.
#[component]
pub fn AccessCodePage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<EnterAccessCode>::new();
    let error = form_error_from_query();
    view! {
        <Title text=t.get(key!("link.code_title"))/>
        <div class="form-page">
            <h1>{t.get(key!("link.code_title"))}</h1>
            <p class="usa-intro">{t.get(key!("link.code_lead"))}</p>
            <ErrorSummary error/>
            <ActionForm action attr:class="usa-form" attr:novalidate=true>
                <TextField label=t.get(key!("link.access_code_required")) name="access_code" autocomplete="off"
                    hint=t.get(key!("link.access_code_example"))
                    error=field_error(error, "access_code")/>
                <button type="submit" class="usa-button">{t.get(key!("link.code_submit"))}</button>
            </ActionForm>
        </div>
    }
}

/// "This record is mine, and someone else linked it": a report for the contact center.
#[component]
pub fn DisputeRecordPage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<DisputeRecord>::new();
    let error = form_error_from_query();
    let details_error = field_error(error, "details");
    let query = leptos_router::hooks::use_query_map();
    let sent = Memo::new(move |_| query.read().get("sent").is_some());
    view! {
        <Title text=t.get(key!("link.dispute_title"))/>
        <div class="form-page">
            <h1>{t.get(key!("link.dispute_title"))}</h1>
            {move || if sent.get() {
                view! { <Alert kind=AlertKind::Success><p>{t.get(key!("link.dispute_sent"))}</p></Alert> }.into_any()
            } else {
                view! {
                    <p class="usa-intro">{t.get(key!("link.dispute_lead"))}</p>
                    <ErrorSummary error/>
                    <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                        <div class="usa-form-group" class:usa-form-group--error=move || details_error.get().is_some()>
                            <label class="usa-label" for="details">{t.get(key!("link.dispute_details"))}</label>
                            {move || details_error.get().map(|m| view! { <p class="usa-error-message" id="details-error">{m}</p> })}
                            <textarea class="usa-textarea" id="details" name="details" maxlength="2000" required=true
                                aria-describedby=move || details_error.get().map(|_| "details-error")></textarea>
                        </div>
                        <button type="submit" class="usa-button">{t.get(key!("link.dispute_submit"))}</button>
                    </ActionForm>
                }.into_any()
            }}
        </div>
    }
}
