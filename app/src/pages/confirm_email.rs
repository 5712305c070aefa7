use crate::api::accounts::ConfirmEmail;
use crate::components::form::{form_error_from_query, ErrorSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Shown after every sign-up, whether or not the address already had an account.
#[component]
pub fn CheckEmailPage() -> impl IntoView {
    view! {
        <Title text="Check your email"/>
        <div class="form-page">
            <h1>"Check your email"</h1>
            <p class="lead">"We sent a message to the address you entered. Open the link in it within 24 hours to finish creating your account."</p>
            <p>"No message after a few minutes? Check your spam folder, or " <a href="/sign-up">"try again"</a> "."</p>
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
    view! {
        <Title text="Confirm your email"/>
        <div class="form-page">
            <h1>"Confirm your email"</h1>
            <ErrorSummary error/>
            <ActionForm action attr:class="form">
                <input type="hidden" name="token" value=token/>
                <p>"Press the button to confirm this email address and finish creating your account."</p>
                <button type="submit" class="button">"Confirm my email"</button>
            </ActionForm>
        </div>
    }
}
