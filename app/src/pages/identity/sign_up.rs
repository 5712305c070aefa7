//! Creating an account: email and a password, checked for strength as it is typed.

use crate::api::identity::accounts::SignUp;
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use crate::components::password_meter::PasswordStrengthMeter;
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<SignUp>::new();
    let error = form_error_from_query();
    view! {
        <Title text=t.get(key!("sign_up.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("sign_up.title"))}</h1>
            <ErrorSummary error/>
            <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                <TextField label=t.get(key!("field.email")) name="email" input_type="email" autocomplete="email"
                    error=field_error(error, "email")/>
                <PasswordField label=t.get(key!("field.password")) autocomplete="new-password"
                    hint=t.get(key!("field.new_password_hint"))
                    error=field_error(error, "password")/>
                <PasswordStrengthMeter/>
                <button type="submit" class="usa-button">{t.get(key!("sign_up.submit"))}</button>
            </ActionForm>
            <p>{t.get(key!("sign_up.have_account"))} " " <a href=routes::SIGN_IN>{t.get(key!("nav.sign_in"))}</a></p>
        </div>
    }
}
