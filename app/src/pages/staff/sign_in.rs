//! Staff sign-in (email, password and authenticator code in one form) and the first set-up from
//! the link `portico staff add` printed.

use crate::api::staff::accounts::{load_staff_setup, CompleteStaffSetup, StaffSignIn};
use crate::components::alert::{Alert, AlertKind};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffSignInPage() -> impl IntoView {
    let action = ServerAction::<StaffSignIn>::new();
    let error = form_error_from_query();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("set_up").is_some() {
            Some("Your account is set up. Sign in with your new password and a code from your authenticator app.")
        } else if q.get("timed_out").is_some() {
            Some("You were signed out after a time without activity.")
        } else if q.get("signed_out").is_some() {
            Some("You signed out.")
        } else if q.get("required").is_some() {
            Some("Sign in to use the staff console.")
        } else {
            None
        }
    };
    view! {
        <Title text="Staff sign-in"/>
        <div class="form-page">
            <h1>"Staff sign-in"</h1>
            {move || notice().map(|text| view! { <Alert kind=AlertKind::Info><p>{text}</p></Alert> })}
            <ErrorSummary error/>
            <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                <TextField label="Work email" name="email" input_type="email" autocomplete="username"
                    error=field_error(error, "email")/>
                <PasswordField label="Password" autocomplete="current-password"/>
                <TextField label="Authenticator code" name="code" autocomplete="one-time-code" inputmode="numeric"
                    hint="The 6-digit code your authenticator app shows now." error=field_error(error, "code")/>
                <button type="submit" class="usa-button" data-busy="Signing in…">"Sign in"</button>
            </ActionForm>
            <p class="usa-hint">"Lost your password or authenticator? Ask an administrator for a new set-up link."</p>
        </div>
    }
}

#[component]
pub fn StaffSetUpPage() -> impl IntoView {
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    let details = Resource::new(move || token.get(), load_staff_setup);
    let action = ServerAction::<CompleteStaffSetup>::new();
    let error = form_error_from_query();
    view! {
        <Title text="Set up your staff account"/>
        <div class="form-page">
            <h1>"Set up your staff account"</h1>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match details.await {
                        Ok(Some(d)) => view! {
                            <p class="usa-intro">{format!("{} — {} ({})", d.name, d.role, d.email)}</p>
                            <ErrorSummary error/>
                            <h2>"1. Add Portico to your authenticator app"</h2>
                            <p>"Scan this code with your authenticator app, or type the key below into it."</p>
                            <img src=d.qr_data_url alt="QR code for your authenticator app" width="220" height="220"/>
                            <p>"Key: " <code class="secret">{d.secret_grouped}</code></p>
                            <h2>"2. Choose your password and confirm a code"</h2>
                            <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                                <input type="hidden" name="token" value=token.get_untracked()/>
                                <PasswordField label="New password" autocomplete="new-password"
                                    hint="At least 12 characters; a phrase of unrelated words is best."
                                    error=field_error(error, "password")/>
                                <TextField label="Code from your authenticator app" name="code" autocomplete="one-time-code" inputmode="numeric"
                                    error=field_error(error, "code")/>
                                <button type="submit" class="usa-button">"Finish set-up"</button>
                            </ActionForm>
                        }.into_any(),
                        Ok(None) => view! {
                            <crate::components::alert::Alert kind=AlertKind::Error>
                                <p>"This set-up link has expired or was already used. Ask an administrator for a new one."</p>
                            </crate::components::alert::Alert>
                        }.into_any(),
                        Err(e) => view! { <super::StaffError error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
