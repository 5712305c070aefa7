//! The form that asks for the password and a second factor again before sign-in settings or the
//! account's email and password can change; shown by the settings pages of the identity context.

use crate::api::identity::second_factors::{Reauthenticate, SendReauthenticationCode, SendReauthenticationText};
use crate::api::FactorSettings;
use crate::components::form::{field_error, PasswordField, TextField};
use crate::i18n::use_t;
use leptos::prelude::*;

/// Password and a second factor again, before settings can change. The code can come from any
/// factor the account has.
#[component]
pub fn Reauthenticate(
    settings: FactorSettings,
    error: Memo<Option<crate::error::Refusal>>,
    /// Which settings page to come back to (see `api::identity::second_factors::settings_page`).
    #[prop(default = "sign_in_settings")]
    page: &'static str,
) -> impl IntoView {
    let t = use_t();
    let confirm = ServerAction::<Reauthenticate>::new();
    let send_code = ServerAction::<SendReauthenticationCode>::new();
    let send_text = ServerAction::<SendReauthenticationText>::new();
    let mut methods: Vec<(&'static str, &'static str)> = Vec::new();
    if settings.authenticator_since.is_some() {
        methods.push(("authenticator", t.get(key!("reauth.from_app"))));
    }
    if settings.phone_hint.is_some() {
        methods.push(("text", t.get(key!("reauth.from_text"))));
    }
    if settings.email_codes {
        methods.push(("email", t.get(key!("reauth.from_email"))));
    }
    if settings.backup_codes_left > 0 {
        methods.push(("backup_code", t.get(key!("reauth.from_backup"))));
    }
    view! {
        <section class="usa-card" aria-labelledby="confirm-heading">
            <div class="usa-card__container"><div class="usa-card__body">
            <h2 class="usa-card__heading" id="confirm-heading">{t.get(key!("reauth.heading"))}</h2>
            <p>{t.get(key!("reauth.text"))}</p>
            <ActionForm action=confirm attr:class="usa-form usa-form--large" attr:novalidate=true>
                <input type="hidden" name="page" value=page/>
                <PasswordField label=t.get(key!("field.password")) autocomplete="current-password"/>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">{t.get(key!("reauth.where"))}</legend>
                    {methods.iter().enumerate().map(|(i, (value, label))| {
                        let id = format!("method-{value}");
                        view! {
                            <div class="usa-radio">
                                <input class="usa-radio__input" type="radio" id=id.clone() name="method" value=*value checked=i == 0/>
                                <label class="usa-radio__label" for=id>{*label}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                // Digits, unless a backup code (letters) is one of the choices.
                <TextField label=t.get(key!("reauth.code")) name="code" autocomplete="one-time-code" error=field_error(error, "code")
                    inputmode=if settings.backup_codes_left == 0 { "numeric" } else { "text" }/>
                <button type="submit" class="usa-button">{t.get(key!("reauth.submit"))}</button>
            </ActionForm>
            {settings.phone_hint.clone().map(|hint| view! {
                <ActionForm action=send_text attr:class="inline-form">
                    <input type="hidden" name="page" value=page/>
                    <button type="submit" class="usa-button usa-button--unstyled">{t.fmt(key!("verify.text_to"), &[("phone", &hint)])}</button>
                </ActionForm>
            })}
            {settings.email_codes.then(|| view! {
                <ActionForm action=send_code attr:class="inline-form">
                    <input type="hidden" name="page" value=page/>
                    <button type="submit" class="usa-button usa-button--unstyled">{t.get(key!("reauth.email_me"))}</button>
                </ActionForm>
            })}
            </div></div>
        </section>
    }
}
