//! After signing up: check your email, and the page the confirmation link opens.

use crate::api::identity::accounts::ConfirmEmail;
use crate::components::form::{form_error_from_query, ErrorSummary};
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Shown after every sign-up, whether or not the address already had an account.
#[component]
pub fn CheckEmailPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.get(key!("check_email.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("check_email.title"))}</h1>
            <p class="usa-intro">{t.get(key!("check_email.lead"))}</p>
            <p>{t.get(key!("check_email.no_message"))} " " <a href=routes::SIGN_UP>{t.get(key!("check_email.try_again"))}</a> "."</p>
        </div>
    }
}

/// Opening the emailed link changes nothing by itself (mail scanners open links too); the person
/// presses the button, which posts the token.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmail>::new();
    let error = form_error_from_query();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let t = use_t();
    view! {
        <Title text=t.get(key!("confirm_email.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("confirm_email.title"))}</h1>
            <ErrorSummary error/>
            <ActionForm action attr:class="usa-form usa-form--large">
                <input type="hidden" name="token" value=token/>
                <p>{t.get(key!("confirm_email.text"))}</p>
                <button type="submit" class="usa-button">{t.get(key!("confirm_email.submit"))}</button>
            </ActionForm>
        </div>
    }
}
