//! The sign-in page: email and password (the second factor follows on its own page).

use crate::api::identity::accounts::SignIn;
use crate::components::alert::{Alert, AlertKind};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<SignIn>::new();
    let error = form_error_from_query();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("confirmed").is_some() {
            Some(t.get(key!("sign_in.confirmed")))
        } else if q.get("password_reset").is_some() {
            Some(t.get(key!("sign_in.password_reset")))
        } else if q.get("timed_out").is_some() {
            Some(t.get(key!("sign_in.timed_out")))
        } else if q.get("signed_out").is_some() {
            Some(t.get(key!("sign_in.signed_out")))
        } else if q.get("required").is_some() {
            Some(t.get(key!("sign_in.required")))
        } else {
            None
        }
    };
    // `until` (seconds since 1970) comes with a pause: say when it ends, in the reader's language.
    let paused_until = move || {
        let seconds = query.read().get("until")?.parse::<i64>().ok()?;
        let at = chrono::DateTime::<chrono::Utc>::from_timestamp(seconds, 0)?;
        Some(t.fmt(key!("sign_in.paused_until"), &[("time", &t.0.format_datetime(at))]))
    };
    view! {
        <Title text=t.get(key!("nav.sign_in"))/>
        <div class="form-page">
            <h1>{t.get(key!("nav.sign_in"))}</h1>
            {move || notice().map(|text| view! { <Alert kind=AlertKind::Info><p>{text}</p></Alert> })}
            <ErrorSummary error/>
            {move || paused_until().map(|text| view! { <p class="usa-hint">{text}</p> })}
            <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                <TextField label=t.get(key!("field.email")) name="email" input_type="email" autocomplete="username"
                    error=field_error(error, "email")/>
                <PasswordField label=t.get(key!("field.password")) autocomplete="current-password"/>
                <button type="submit" class="usa-button" data-busy=t.get(key!("sign_in.busy"))>{t.get(key!("nav.sign_in"))}</button>
            </ActionForm>
            <p><a href=routes::FORGOT_PASSWORD>{t.get(key!("sign_in.forgot"))}</a></p>
            <p>{t.get(key!("sign_in.new_here"))} " " <a href=routes::SIGN_UP>{t.get(key!("nav.create_account"))}</a></p>
        </div>
    }
}
