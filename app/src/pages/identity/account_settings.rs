//! The account page: sign-in email, password and language. Email and password change only after
//! "Confirm it is you" (password and a security code within the last 15 minutes).

use crate::api::identity::account_settings::{
    load_account_settings, ChangePassword, ConfirmEmailChange, RequestEmailChange, SetNotificationChoices,
};
use crate::api::identity::second_factors::load_factor_settings;
use crate::components::alert::{Alert, AlertKind, ErrorNotice};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use crate::components::layout::AccountSection;
use crate::components::password_meter::PasswordStrengthMeter;
use crate::components::reauthenticate::Reauthenticate;
use crate::domain::Channel;
use crate::i18n::use_t;
use crate::i18n::Lang;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn AccountSettingsPage() -> impl IntoView {
    let t = use_t();
    // Every form here redirects back with a new query string: load the settings again each time.
    let location = use_location();
    let account = Resource::new(move || location.search.get(), |_| load_account_settings());
    let factors = Resource::new(move || location.search.get(), |_| load_factor_settings());
    let error = form_error_from_query();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("confirmed").is_some() {
            Some(t.get(key!("account.confirmed")))
        } else if q.get("password_changed").is_some() {
            Some(t.get(key!("account.password_changed")))
        } else if q.get("email_sent").is_some() {
            Some(t.get(key!("account.email_sent")))
        } else if q.get("language").is_some() {
            Some(t.get(key!("account.language_saved")))
        } else if q.get("choices_saved").is_some() {
            Some(t.get(key!("account.texts_saved")))
        } else if q.get("code_sent").is_some() {
            Some(t.get(key!("settings.code_sent")))
        } else if q.get("text_sent").is_some() {
            Some(t.get(key!("settings.text_sent")))
        } else {
            None
        }
    };
    let change_password = ServerAction::<ChangePassword>::new();
    let change_email = ServerAction::<RequestEmailChange>::new();
    let set_choices = ServerAction::<SetNotificationChoices>::new();
    view! {
        <Title text=t.get(key!("account.title"))/>
        <AccountSection>
            <h1>{t.get(key!("account.title"))}</h1>
            {move || notice().map(|text| view! { <Alert kind=AlertKind::Success><p>{text}</p></Alert> })}
            <ErrorSummary error/>
            <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
                {move || Suspend::new(async move {
                    let (account, factors) = match (account.await, factors.await) {
                        (Ok(account), Ok(factors)) => (account, factors),
                        (Err(e), _) | (_, Err(e)) => {
                            return view! { <ErrorNotice error=e/> }.into_any()
                        }
                    };
                    let unlocked = account.recently_authenticated;
                    let email = account.email.clone();
                    view! {
                        {(!unlocked).then(|| view! { <Reauthenticate settings=factors error page="account"/> })}
                        <section class="usa-card" aria-labelledby="email-heading">
                            <div class="usa-card__container"><div class="usa-card__body">
                            <h2 class="usa-card__heading" id="email-heading">{t.get(key!("account.email_heading"))}</h2>
                            <p>{t.get(key!("account.signs_in_with"))} " " <strong>{account.email.clone()}</strong> ". " {t.get(key!("account.messages_there"))}</p>
                            {account.pending_email.clone().map(|pending| view! {
                                <p>{t.fmt(key!("account.pending"), &[("email", &pending)])}</p>
                            })}
                            {unlocked.then(|| view! {
                                <ActionForm action=change_email attr:class="usa-form usa-form--large" attr:novalidate=true>
                                    <TextField label=t.get(key!("account.new_email")) name="email" input_type="email" autocomplete="email"
                                        hint=t.get(key!("account.new_email_hint"))
                                        error=field_error(error, "email")/>
                                    <button type="submit" class="usa-button usa-button--outline">{t.get(key!("account.send_link"))}</button>
                                </ActionForm>
                            })}
                            </div></div>
                        </section>
                        <section class="usa-card" aria-labelledby="password-heading">
                            <div class="usa-card__container"><div class="usa-card__body">
                            <h2 class="usa-card__heading" id="password-heading">{t.get(key!("field.password"))}</h2>
                            {if unlocked {
                                view! {
                                    <p>{t.get(key!("account.password_note"))}</p>
                                        <ActionForm action=change_password attr:class="usa-form usa-form--large" attr:novalidate=true>
                                            <PasswordField label=t.get(key!("field.new_password")) autocomplete="new-password"
                                                hint=t.get(key!("field.new_password_hint"))
                                                error=field_error(error, "password")/>
                                            <PasswordStrengthMeter known_email=email/>
                                            <button type="submit" class="usa-button usa-button--outline">{t.get(key!("account.change_password"))}</button>
                                        </ActionForm>
                                }.into_any()
                            } else {
                                view! { <p>{t.get(key!("account.locked"))}</p> }.into_any()
                            }}
                            </div></div>
                        </section>
                        <section class="usa-card" aria-labelledby="language-heading">
                            <div class="usa-card__container"><div class="usa-card__body">
                            <h2 class="usa-card__heading" id="language-heading">{t.get(key!("account.language"))}</h2>
                            // A full page load (not ActionForm), so the page comes back in the chosen language.
                            <form method="post" action="/api/set_language" class="usa-form usa-form--large">
                                <input type="hidden" name="back" value=routes::with_query(routes::ACCOUNT, "language=1")/>
                                <fieldset class="usa-fieldset">
                                    <legend class="usa-legend">{t.get(key!("account.language_legend"))}</legend>
                                    {Lang::ALL.into_iter().map(|lang| {
                                        let id = format!("language-{}", lang.tag());
                                        view! {
                                            <div class="usa-radio">
                                                <input class="usa-radio__input" type="radio" id=id.clone() name="language" value=lang.tag()
                                                    checked=lang == account.language/>
                                                <label class="usa-radio__label" for=id lang=lang.tag()>{lang.native_name()}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                                <button type="submit" class="usa-button usa-button--outline">{t.get(key!("account.save_language"))}</button>
                            </form>
                            </div></div>
                        </section>
                        <section class="usa-card" aria-labelledby="texts-heading">
                            <div class="usa-card__container"><div class="usa-card__body">
                            <h2 class="usa-card__heading" id="texts-heading">{t.get(key!("account.texts"))}</h2>
                            <p>{t.get(key!("account.texts_lead"))}</p>
                            {(!account.has_phone).then(|| view! {
                                <p>{t.get(key!("account.texts_no_phone"))} " "
                                    <a href=routes::SIGN_IN_SETTINGS>{t.get(key!("account.texts_add_phone"))}</a> "."</p>
                            })}
                            <ActionForm action=set_choices attr:class="usa-form usa-form--large">
                                {account.choices.into_iter().map(|choice| {
                                    let kind = choice.kind.clone();
                                    view! {
                                        <fieldset class="usa-fieldset margin-bottom-2">
                                            <legend class="usa-legend">{choice.label}</legend>
                                            {Channel::ALL.into_iter().map(|channel| {
                                                let id = format!("{kind}-{}", channel.key());
                                                // Texts need a confirmed phone: offered, but not chosen, without one.
                                                let disabled = channel.texts() && !account.has_phone;
                                                view! {
                                                    <div class="usa-radio">
                                                        <input class="usa-radio__input" type="radio" id=id.clone() name=kind.clone()
                                                            value=channel.key() checked=choice.channel == channel.key() disabled=disabled/>
                                                        <label class="usa-radio__label" for=id>{t.get(channel.label_key())}</label>
                                                    </div>
                                                }
                                            }).collect_view()}
                                        </fieldset>
                                    }
                                }).collect_view()}
                                <button type="submit" class="usa-button usa-button--outline margin-top-2">{t.get(key!("account.texts_save"))}</button>
                            </ActionForm>
                            </div></div>
                        </section>
                    }.into_any()
                })}
            </Suspense>
        </AccountSection>
    }
}

/// The page the link sent to a new address opens: a button, so a mail scanner changes nothing.
#[component]
pub fn ConfirmEmailChangePage() -> impl IntoView {
    let t = use_t();
    let confirm = ServerAction::<ConfirmEmailChange>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let done = move || query.read().get("done").is_some();
    let error = form_error_from_query();
    view! {
        <Title text=t.get(key!("email_change.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("email_change.title"))}</h1>
            <ErrorSummary error/>
            <Show when=done fallback=move || view! {
                <p>{t.get(key!("email_change.text"))}</p>
                <ActionForm action=confirm attr:class="inline-form">
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" class="usa-button">{t.get(key!("email_change.submit"))}</button>
                </ActionForm>
            }>
                <Alert kind=AlertKind::Success>
                    <p>{t.get(key!("email_change.done"))}</p>
                </Alert>
            </Show>
        </div>
    }
}
