//! Your address (AR-11): the mailing and physical addresses on your record, and the form that
//! reports a move. A change goes to every pending case at once.

use crate::api::cases::address_change::{load_addresses, ChangeAddress};
use crate::components::alert::{Alert, AlertKind};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, TextField};
use crate::components::layout::AccountSection;
use crate::error::{AppError, FormError};
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AddressPage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<ChangeAddress>::new();
    let error = form_error_from_query();
    let query = use_query_map();
    // Read again after each answer (the page's address changes with it): what is on file now,
    // or the refused form as it was typed.
    let page = Resource::new(move || query.read().to_query_string(), |_| load_addresses());
    let shown = move |lines: Option<Vec<String>>| match lines {
        Some(lines) => {
            lines.into_iter().map(|line| view! { <span class="address-line">{line}</span> }).collect_view().into_any()
        }
        None => view! { <span>{t.get(key!("address.none"))}</span> }.into_any(),
    };
    view! {
        <Title text=t.get(key!("address.title"))/>
        <AccountSection>
            <h1>{t.get(key!("address.title"))}</h1>
            <p class="usa-intro">{t.get(key!("address.rule"))}</p>
            {move || query.read().get("changed").map(|cases| view! {
                <Alert kind=AlertKind::Success><p>{t.fmt(key!("address.changed"), &[("cases", &cases)])}</p></Alert>
            })}
            <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let which = page.which.clone();
                            let radio = move |value: &'static str, label: &'static str| {
                                let id = format!("which-{value}");
                                view! {
                                    <div class="usa-radio">
                                        <input class="usa-radio__input" type="radio" id=id.clone() name="which" value=value checked=which == value/>
                                        <label class="usa-radio__label" for=id>{label}</label>
                                    </div>
                                }
                            };
                            let form = page.form.clone();
                            view! {
                                <dl class="address-on-file">
                                    <dt>{t.get(key!("address.mailing"))}</dt><dd>{shown(page.mailing)}</dd>
                                    <dt>{t.get(key!("address.physical"))}</dt><dd>{shown(page.physical)}</dd>
                                </dl>
                                {page.changed_on.map(|on| view! { <p>{t.fmt(key!("address.changed_on"), &[("date", &on)])}</p> })}
                                <h2>{t.get(key!("address.report"))}</h2>
                                <p>{if page.pending_cases.is_empty() {
                                    t.get(key!("address.no_pending")).to_owned()
                                } else {
                                    t.fmt(key!("address.applies_to"), &[("receipts", &page.pending_cases.join(", "))])
                                }}</p>
                                <ErrorSummary error/>
                                <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                                    <fieldset class="usa-fieldset">
                                        <legend class="usa-legend">{t.get(key!("address.which"))}</legend>
                                        {radio("both", t.get(key!("address.which_both")))}
                                        {radio("mailing", t.get(key!("address.which_mailing")))}
                                        {radio("physical", t.get(key!("address.which_physical")))}
                                    </fieldset>
                                    <TextField label=t.get(key!("address.line1")) name="line1" autocomplete="address-line1"
                                        value=form.line1 error=field_error(error, "line1")/>
                                    <TextField label=t.get(key!("address.line2")) name="line2" autocomplete="address-line2"
                                        value=form.line2 required=false error=field_error(error, "line2")/>
                                    <TextField label=t.get(key!("address.city")) name="city" autocomplete="address-level2"
                                        hint=t.get(key!("address.city_hint")) value=form.city error=field_error(error, "city")/>
                                    <TextField label=t.get(key!("address.region")) name="region" autocomplete="address-level1"
                                        hint=t.get(key!("address.region_hint")) value=form.region required=false
                                        error=field_error(error, "region")/>
                                    <TextField label=t.get(key!("address.postal_code")) name="postal_code" autocomplete="postal-code"
                                        value=form.postal_code required=false error=field_error(error, "postal_code")/>
                                    <TextField label=t.get(key!("address.country")) name="country" autocomplete="country-name"
                                        hint=t.get(key!("address.country_hint")) value=form.country required=false
                                        error=field_error(error, "country")/>
                                    <button type="submit" class="usa-button">{t.get(key!("address.submit"))}</button>
                                </ActionForm>
                            }
                            .into_any()
                        }
                        Err(AppError::Form(FormError::RecordNotLinkedYet)) => view! {
                            <Alert kind=AlertKind::Info>
                                <p>{t.get(key!("error.record_not_linked_yet"))} " "
                                    <a href=routes::LINK_RECORD>{t.get(key!("dashboard.link_record"))}</a></p>
                            </Alert>
                        }
                        .into_any(),
                        Err(other) => view! { <crate::components::alert::ErrorNotice error=other/> }.into_any(),
                    }
                })}
            </Suspense>
        </AccountSection>
    }
}
