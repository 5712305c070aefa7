//! The account's sign-in settings: authenticator app, backup codes and phone, and the pages to set
//! them up.

use crate::api::identity::second_factors::{
    load_authenticator_setup, load_factor_settings, take_new_backup_codes, AddPhone, CancelFactorRecovery,
    ConfirmAuthenticator, ConfirmPhone, CreateBackupCodes, RemovePhone, StartAuthenticatorSetup,
};
use crate::api::FactorSettings;
use crate::components::alert::{Alert, AlertKind, ErrorNotice};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, TextField};
use crate::components::layout::AccountSection;
use crate::components::reauthenticate::Reauthenticate;
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn SignInSettingsPage() -> impl IntoView {
    let t = use_t();
    // Every form here redirects back with a new query string: load the settings again each time.
    let location = use_location();
    let settings = Resource::new(move || location.search.get(), |_| load_factor_settings());
    let error = form_error_from_query();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("confirmed").is_some() {
            Some(t.get(key!("settings.confirmed")))
        } else if q.get("authenticator").is_some() {
            Some(t.get(key!("settings.authenticator")))
        } else if q.get("code_sent").is_some() {
            Some(t.get(key!("settings.code_sent")))
        } else if q.get("text_sent").is_some() {
            Some(t.get(key!("settings.text_sent")))
        } else if q.get("phone_sent").is_some() {
            Some(t.get(key!("settings.phone_sent")))
        } else if q.get("phone").is_some() {
            Some(t.get(key!("settings.phone_confirmed")))
        } else if q.get("phone_removed").is_some() {
            Some(t.get(key!("settings.phone_removed")))
        } else if q.get("recovery_cancelled").is_some() {
            Some(t.get(key!("settings.recovery_cancelled")))
        } else if q.get("recovered").is_some() {
            Some(t.get(key!("settings.recovered")))
        } else {
            None
        }
    };
    let start_setup = ServerAction::<StartAuthenticatorSetup>::new();
    let create_codes = ServerAction::<CreateBackupCodes>::new();
    let cancel_recovery = ServerAction::<CancelFactorRecovery>::new();
    view! {
        <Title text=t.get(key!("nav.sign_in_settings"))/>
        <AccountSection>
            <h1>{t.get(key!("nav.sign_in_settings"))}</h1>
            {move || notice().map(|text| view! { <Alert kind=AlertKind::Success><p>{text}</p></Alert> })}
            <ErrorSummary error/>
            <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
                {move || Suspend::new(async move {
                    let settings = match settings.await {
                        Ok(settings) => settings,
                        Err(e) => return view! { <ErrorNotice error=e/> }.into_any(),
                    };
                    let has_app = settings.authenticator_since.is_some();
                    let recovery = settings.recovery_ready_at.clone().map(|at| view! {
                        <Alert kind=AlertKind::Warning heading=t.get(key!("settings.recovery_heading")) urgent=true>
                            <p>{t.fmt(key!("settings.recovery_text"), &[("at", &at)])}</p>
                            <ActionForm action=cancel_recovery attr:class="inline-form">
                                <button type="submit" class="usa-button">{t.get(key!("settings.cancel_recovery"))}</button>
                            </ActionForm>
                        </Alert>
                    });
                    view! {
                        {recovery}
                        {(!settings.recently_authenticated).then(|| view! { <Reauthenticate settings=settings.clone() error/> })}
                        <section class="usa-card" aria-labelledby="authenticator-heading">
                            <div class="usa-card__container"><div class="usa-card__body">
                            <h2 class="usa-card__heading" id="authenticator-heading">{t.get(key!("settings.app_heading"))}</h2>
                            {match settings.authenticator_since.clone() {
                                Some(since) => view! { <p>{t.fmt(key!("settings.app_since"), &[("date", &since)])}</p> }.into_any(),
                                None => view! { <p>{t.get(key!("settings.app_none"))}</p> }.into_any(),
                            }}
                            <ActionForm action=start_setup attr:class="inline-form">
                                <button type="submit" class="usa-button" disabled=!settings.recently_authenticated>
                                    {if has_app { t.get(key!("settings.app_replace")) } else { t.get(key!("settings.app_set_up")) }}
                                </button>
                            </ActionForm>
                            </div></div>
                        </section>
                        <section class="usa-card" aria-labelledby="backup-heading">
                            <div class="usa-card__container"><div class="usa-card__body">
                            <h2 class="usa-card__heading" id="backup-heading">{t.get(key!("settings.backup_heading"))}</h2>
                            <p>{t.fmt(key!("settings.backup_left"), &[("count", &settings.backup_codes_left.to_string())])}</p>
                            <ActionForm action=create_codes attr:class="inline-form">
                                <button type="submit" class="usa-button usa-button--outline" disabled=!settings.recently_authenticated>
                                    {t.get(key!("settings.backup_new"))}
                                </button>
                            </ActionForm>
                            </div></div>
                        </section>
                        <PhoneSettings settings=settings.clone() error/>
                    }.into_any()
                })}
            </Suspense>
        </AccountSection>
    }
}

/// A phone for texted codes: add, confirm with the texted code, remove.
#[component]
fn PhoneSettings(settings: FactorSettings, error: Memo<Option<crate::error::Refusal>>) -> impl IntoView {
    let t = use_t();
    let add = ServerAction::<AddPhone>::new();
    let confirm = ServerAction::<ConfirmPhone>::new();
    let remove = ServerAction::<RemovePhone>::new();
    let locked = !settings.recently_authenticated;
    let status = match (&settings.phone_hint, &settings.phone_unconfirmed_hint) {
        (Some(hint), _) => view! {
            <p>{t.fmt(key!("phone.confirmed"), &[("phone", hint)])}</p>
            <ActionForm action=remove attr:class="inline-form">
                <button type="submit" class="usa-button usa-button--outline" disabled=locked>{t.get(key!("phone.remove"))}</button>
            </ActionForm>
        }
        .into_any(),
        // While {t.get(key!("reauth.heading"))} is on the page its code field is the page's only one.
        (None, Some(hint)) if locked => view! {
            <p>{t.fmt(key!("phone.unconfirmed_locked"), &[("phone", hint)])}</p>
        }
        .into_any(),
        (None, Some(hint)) => view! {
            <p>{t.fmt(key!("phone.unconfirmed"), &[("phone", hint)])}</p>
            <ActionForm action=confirm attr:class="usa-form usa-form--large" attr:novalidate=true>
                <TextField label=t.get(key!("phone.text_code")) name="code" autocomplete="one-time-code" inputmode="numeric"
                    hint=t.get(key!("verify.six_digits")) error=field_error(error, "code")/>
                <button type="submit" class="usa-button">{t.get(key!("phone.confirm"))}</button>
            </ActionForm>
        }
        .into_any(),
        (None, None) => view! {
            <p>{t.get(key!("phone.none"))}</p>
        }
        .into_any(),
    };
    view! {
        <section class="usa-card" aria-labelledby="phone-heading">
            <div class="usa-card__container"><div class="usa-card__body">
            <h2 class="usa-card__heading" id="phone-heading">{t.get(key!("phone.heading"))}</h2>
            {status}
            <ActionForm action=add attr:class="usa-form usa-form--large" attr:novalidate=true>
                <TextField label=if settings.phone_hint.is_some() { t.get(key!("phone.new_number")) } else { t.get(key!("phone.number")) }
                    name="phone" autocomplete="tel" input_type="tel"
                    hint=t.get(key!("phone.hint")) error=field_error(error, "phone")/>
                <button type="submit" class="usa-button usa-button--outline" disabled=locked>{t.get(key!("recover.text_me"))}</button>
            </ActionForm>
            </div></div>
        </section>
    }
}

#[component]
pub fn AuthenticatorSetupPage() -> impl IntoView {
    let t = use_t();
    let setup = Resource::new(|| (), |_| load_authenticator_setup());
    let error = form_error_from_query();
    let confirm = ServerAction::<ConfirmAuthenticator>::new();
    view! {
        <Title text=t.get(key!("totp.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("totp.title"))}</h1>
            <ErrorSummary error/>
            <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
                {move || Suspend::new(async move {
                    match setup.await {
                        Ok(Some(setup)) => view! {
                            <ol class="setup-steps">
                                <li>{t.get(key!("totp.step1"))}</li>
                                <li>
                                    {t.get(key!("totp.step2"))}
                                    <img class="qr-code" src=setup.qr_data_url width="220" height="220"
                                        alt=t.get(key!("totp.qr_alt"))/>
                                </li>
                                <li>
                                    {t.get(key!("totp.step3"))}
                                    <p class="secret-key"><code>{setup.secret_grouped}</code></p>
                                </li>
                                <li>{t.get(key!("totp.step4"))}</li>
                            </ol>
                            {setup.already_enrolled.then(|| view! { <p>{t.get(key!("totp.replaces"))}</p> })}
                            <ActionForm action=confirm attr:class="usa-form usa-form--large" attr:novalidate=true>
                                <TextField label=t.get(key!("totp.code")) name="code" autocomplete="one-time-code" inputmode="numeric"
                                    hint=t.get(key!("verify.six_digits")) error=field_error(error, "code")/>
                                <button type="submit" class="usa-button">{t.get(key!("totp.finish"))}</button>
                            </ActionForm>
                        }.into_any(),
                        Ok(None) => view! {
                            <p>{t.get(key!("totp.start_from_settings"))}</p>
                            <p><a class="usa-button" href=routes::SIGN_IN_SETTINGS>{t.get(key!("totp.go_settings"))}</a></p>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn BackupCodesPage() -> impl IntoView {
    let t = use_t();
    let codes = Resource::new(|| (), |_| take_new_backup_codes());
    view! {
        <Title text=t.get(key!("backup.title"))/>
        <h1>{t.get(key!("backup.title"))}</h1>
        <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
            {move || Suspend::new(async move {
                match codes.await {
                    Ok(codes) if !codes.is_empty() => view! {
                        <Alert kind=AlertKind::Warning>
                            <p>{t.get(key!("backup.save_now"))}</p>
                        </Alert>
                        <p>{t.get(key!("backup.explain"))}</p>
                        <ul class="backup-codes" aria-label=t.get(key!("settings.backup_heading"))>
                            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                        </ul>
                        <p><a class="usa-button" href=routes::DASHBOARD>{t.get(key!("backup.saved"))}</a></p>
                    }.into_any(),
                    Ok(_) => view! {
                        <p>{t.get(key!("backup.shown_once"))}</p>
                        <p><a href=routes::SIGN_IN_SETTINGS>{t.get(key!("totp.go_settings"))}</a></p>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
