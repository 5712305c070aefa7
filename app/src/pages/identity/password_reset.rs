//! Forgot password: ask for a link, then choose a new password with it.

use crate::api::identity::accounts::{RequestPasswordReset, ResetPassword};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use crate::components::password_meter::PasswordStrengthMeter;
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = form_error_from_query();
    view! {
        <Title text=t.get(key!("forgot.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("forgot.title"))}</h1>
            <ErrorSummary error/>
            <p>{t.get(key!("forgot.text"))}</p>
            <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                <TextField label=t.get(key!("field.email")) name="email" input_type="email" autocomplete="username"
                    error=field_error(error, "email")/>
                <button type="submit" class="usa-button">{t.get(key!("forgot.submit"))}</button>
            </ActionForm>
            <p><a href=routes::SIGN_IN>{t.get(key!("forgot.back"))}</a></p>
        </div>
    }
}

#[component]
pub fn ForgotPasswordCheckEmailPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.get(key!("check_email.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("check_email.title"))}</h1>
            <p>{t.get(key!("forgot.sent"))}</p>
            <p>{t.get(key!("forgot.no_message"))}</p>
        </div>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<ResetPassword>::new();
    let error = form_error_from_query();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <Title text=t.get(key!("reset.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("reset.title"))}</h1>
            <ErrorSummary error/>
            <p>{t.get(key!("reset.text"))}</p>
                <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                    <input type="hidden" name="token" value=token/>
                    <PasswordField label=t.get(key!("field.new_password")) autocomplete="new-password"
                        hint=t.get(key!("field.new_password_hint"))
                        error=field_error(error, "password")/>
                    <PasswordStrengthMeter/>
                    <button type="submit" class="usa-button">{t.get(key!("reset.submit"))}</button>
                </ActionForm>
        </div>
    }
}
