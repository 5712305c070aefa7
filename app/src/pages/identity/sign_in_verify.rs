//! The second step of signing in: a code from the authenticator app, a backup code, a code texted
//! to a confirmed phone, or a code sent by email.

use crate::api::identity::accounts::{
    load_second_factor_choices, CompleteFactorRecovery, RequestFactorRecovery, SendSignInCode, SendSignInText,
    StartFactorRecovery, VerifySignIn,
};
use crate::components::alert::{Alert, AlertKind, ErrorNotice};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, TextField};
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInVerifyPage() -> impl IntoView {
    let t = use_t();
    let choices = Resource::new(|| (), |_| load_second_factor_choices());
    let query = use_query_map();
    let error = form_error_from_query();
    view! {
        <Title text=t.get(key!("verify.title"))/>
        <div class="form-page">
            <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok(Some(choices)) => {
                            let requested = query.read().get("method");
                            let method = match requested.as_deref() {
                                Some("backup_code") if choices.backup_codes => "backup_code",
                                Some("email") if choices.email => "email",
                                Some("text") if choices.phone_hint.is_some() => "text",
                                _ if choices.authenticator => "authenticator",
                                _ => "email",
                            };
                            let sent = query.read().get("sent").is_some();
                            view! { <VerifyForm method choices sent error/> }.into_any()
                        }
                        Ok(None) => view! {
                            <h1>{t.get(key!("verify.expired_heading"))}</h1>
                            <p>{t.get(key!("verify.expired_text"))}</p>
                            <p><a class="usa-button" href=routes::SIGN_IN>{t.get(key!("verify.go_sign_in"))}</a></p>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn VerifyForm(
    method: &'static str,
    choices: crate::api::SecondFactorChoices,
    sent: bool,
    error: Memo<Option<crate::error::Refusal>>,
) -> impl IntoView {
    let t = use_t();
    let verify = ServerAction::<VerifySignIn>::new();
    let send_code = ServerAction::<SendSignInCode>::new();
    let send_text = ServerAction::<SendSignInText>::new();
    let complete_recovery = ServerAction::<CompleteFactorRecovery>::new();
    let (heading, intro, label, hint) = match method {
        "authenticator" => (
            t.get(key!("verify.app_heading")),
            t.get(key!("verify.app_intro")).to_owned(),
            t.get(key!("verify.app_label")),
            t.get(key!("verify.six_digits")),
        ),
        "backup_code" => (
            t.get(key!("verify.backup_heading")),
            t.get(key!("verify.backup_intro")).to_owned(),
            t.get(key!("verify.backup_label")),
            t.get(key!("verify.backup_hint")),
        ),
        "text" => (
            t.get(key!("verify.text_heading")),
            t.fmt(key!("verify.text_intro"), &[("phone", &choices.phone_hint.clone().unwrap_or_default())]),
            t.get(key!("verify.text_label")),
            t.get(key!("verify.six_digits")),
        ),
        _ => (
            t.get(key!("verify.email_heading")),
            t.fmt(key!("verify.email_intro"), &[("email", &choices.email_hint)]),
            t.get(key!("verify.email_label")),
            t.get(key!("verify.six_digits")),
        ),
    };
    let recovery = match (choices.recovery_ready, choices.recovery_ready_at.clone()) {
        (true, _) => Some(
            view! {
                <Alert kind=AlertKind::Info heading=t.get(key!("verify.recovery_ready"))>
                    <p>{t.get(key!("verify.recovery_ready_text"))}</p>
                    <ActionForm action=complete_recovery attr:class="inline-form">
                        <button type="submit" class="usa-button">{t.get(key!("verify.recovery_continue"))}</button>
                    </ActionForm>
                </Alert>
            }
            .into_any(),
        ),
        (false, Some(at)) => Some(
            view! {
                <Alert kind=AlertKind::Info>
                    <p>{t.fmt(key!("verify.recovery_waiting"), &[("at", &at)])}</p>
                </Alert>
            }
            .into_any(),
        ),
        _ => None,
    };
    view! {
        <h1>{heading}</h1>
        {recovery}
        {sent.then(|| view! { <Alert kind=AlertKind::Info><p>{t.get(key!("verify.new_code_sent"))}</p></Alert> })}
        <ErrorSummary error/>
        <p>{intro}</p>
        <ActionForm action=verify attr:class="usa-form usa-form--large" attr:novalidate=true>
            <input type="hidden" name="method" value=method/>
            // Backup codes have letters; every other code is digits.
            <TextField label name="code" autocomplete="one-time-code" hint error=field_error(error, "code")
                inputmode=if method == "backup_code" { "text" } else { "numeric" }/>
            <button type="submit" class="usa-button" data-busy=t.get(key!("sign_in.busy"))>{t.get(key!("verify.continue"))}</button>
        </ActionForm>
        <h2 class="h3">{t.get(key!("verify.other_ways"))}</h2>
        <ul class="usa-list usa-list--unstyled link-list">
            {(method != "authenticator" && choices.authenticator).then(|| view! {
                <li><a href=routes::with_query(routes::SIGN_IN_VERIFY, "method=authenticator")>{t.get(key!("verify.use_app"))}</a></li>
            })}
            {(method != "backup_code" && choices.backup_codes).then(|| view! {
                <li><a href=routes::with_query(routes::SIGN_IN_VERIFY, "method=backup_code")>{t.get(key!("verify.use_backup"))}</a></li>
            })}
            {choices.phone_hint.clone().map(|hint| view! {
                <li>
                    <ActionForm action=send_text attr:class="inline-form">
                        <button type="submit" class="usa-button usa-button--unstyled">
                            {if method == "text" { t.get(key!("verify.text_again")).to_owned() } else { t.fmt(key!("verify.text_to"), &[("phone", &hint)]) }}
                        </button>
                    </ActionForm>
                </li>
            })}
            {choices.email.then(|| view! {
                <li>
                    <ActionForm action=send_code attr:class="inline-form">
                        <button type="submit" class="usa-button usa-button--unstyled">
                            {if method == "email" { t.get(key!("verify.email_again")) } else { t.get(key!("verify.email_instead")) }}
                        </button>
                    </ActionForm>
                </li>
            })}
            {choices.authenticator.then(|| view! {
                <li><a href=routes::SIGN_IN_RECOVER>{t.get(key!("verify.lost_all"))}</a></li>
            })}
        </ul>
    }
}

/// Explains the lost-factor recovery and mails the link that starts it.
#[component]
pub fn RecoverSignInPage() -> impl IntoView {
    let t = use_t();
    let request = ServerAction::<RequestFactorRecovery>::new();
    let send_text = ServerAction::<SendSignInText>::new();
    let choices = Resource::new(|| (), |_| load_second_factor_choices());
    let query = use_query_map();
    let error = form_error_from_query();
    view! {
        <Title text=t.get(key!("recover.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("recover.heading"))}</h1>
            <ErrorSummary error/>
            {move || query.read().get("sent").map(|_| view! {
                <Alert kind=AlertKind::Success>
                    <p>{t.get(key!("recover.sent"))}</p>
                </Alert>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let hint = choices.await.ok().flatten().and_then(|c| c.phone_hint);
                    hint.map(|hint| view! {
                        <section class="usa-card" aria-labelledby="phone-recovery-heading">
                            <div class="usa-card__container"><div class="usa-card__body">
                            <h2 class="usa-card__heading" id="phone-recovery-heading">{t.get(key!("recover.phone_heading"))}</h2>
                            <p>{t.fmt(key!("recover.phone_text"), &[("phone", &hint)])}</p>
                            <ActionForm action=send_text attr:class="inline-form">
                                <button type="submit" class="usa-button">{t.get(key!("recover.text_me"))}</button>
                            </ActionForm>
                            </div></div>
                        </section>
                        <h2>{t.get(key!("recover.no_phone"))}</h2>
                    })
                })}
            </Suspense>
            <p>{t.get(key!("recover.by_email"))}</p>
            <p>{t.get(key!("recover.after"))}</p>
            <ActionForm action=request attr:class="inline-form">
                <button type="submit" class="usa-button">{t.get(key!("recover.email_me"))}</button>
            </ActionForm>
            <p><a href=routes::SIGN_IN_VERIFY>{t.get(key!("recover.back"))}</a></p>
        </div>
    }
}

/// The page the recovery link opens: a button (a POST), so a mail scanner fetching the link starts nothing.
#[component]
pub fn StartRecoveryPage() -> impl IntoView {
    let t = use_t();
    let start = ServerAction::<StartFactorRecovery>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let error = form_error_from_query();
    view! {
        <Title text=t.get(key!("recover.start_title"))/>
        <div class="form-page">
            <h1>{t.get(key!("recover.start_title"))}</h1>
            <ErrorSummary error/>
            <p>{t.get(key!("recover.start_text"))}</p>
            <ActionForm action=start attr:class="inline-form">
                <input type="hidden" name="token" value=token/>
                <button type="submit" class="usa-button">{t.get(key!("recover.start_submit"))}</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn RecoveryStartedPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.get(key!("recover.started_title"))/>
        <div class="form-page">
            <h1>{t.get(key!("recover.started_title"))}</h1>
            <p>{t.get(key!("recover.started_text"))}</p>
            <p>{t.get(key!("recover.started_not_you"))}</p>
        </div>
    }
}
