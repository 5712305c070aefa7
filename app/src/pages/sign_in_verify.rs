//! The second step of signing in: a code from the authenticator app, a backup code, a code texted
//! to a confirmed phone, or a code sent by email.

use crate::api::accounts::{
    load_second_factor_choices, CompleteFactorRecovery, RequestFactorRecovery, SendSignInCode, SendSignInText,
    StartFactorRecovery,
    VerifySignIn,
};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInVerifyPage() -> impl IntoView {
    let choices = Resource::new(|| (), |_| load_second_factor_choices());
    let query = use_query_map();
    let error = form_error_from_query();
    view! {
        <Title text="Enter your security code"/>
        <div class="form-page">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
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
                            <h1>"Sign in again"</h1>
                            <p>"Your sign-in was not finished in time, so it was cancelled. Enter your email and password again."</p>
                            <p><a class="button" href="/sign-in">"Go to sign in"</a></p>
                        }.into_any(),
                        Err(e) => view! { <div class="alert alert-error" role="alert"><p>{e.to_string()}</p></div> }.into_any(),
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
    error: Memo<Option<crate::api::FormError>>,
) -> impl IntoView {
    let verify = ServerAction::<VerifySignIn>::new();
    let send_code = ServerAction::<SendSignInCode>::new();
    let send_text = ServerAction::<SendSignInText>::new();
    let complete_recovery = ServerAction::<CompleteFactorRecovery>::new();
    let (heading, intro, label, hint) = match method {
        "authenticator" => (
            "Enter the code from your authenticator app",
            "Open the authenticator app you set up for Portico and enter the 6-digit code it shows.".to_owned(),
            "Authenticator code",
            "6 digits, for example 123456",
        ),
        "backup_code" => (
            "Enter a backup code",
            "Each of your backup codes works once. After you use one, cross it off your list.".to_owned(),
            "Backup code",
            "10 letters and numbers, for example ABCDE-23456",
        ),
        "text" => (
            "Enter the code we texted you",
            format!(
                "We sent a 6-digit code by text message to {}. It works for 10 minutes.",
                choices.phone_hint.clone().unwrap_or_default()
            ),
            "Text message code",
            "6 digits, for example 123456",
        ),
        _ => (
            "Enter the code we emailed you",
            format!("We sent a 6-digit code to {}. It works for 10 minutes.", choices.email_hint),
            "Email code",
            "6 digits, for example 123456",
        ),
    };
    let recovery = match (choices.recovery_ready, choices.recovery_ready_at.clone()) {
        (true, _) => Some(view! {
            <div class="alert alert-info" role="status">
                <h2 class="alert-heading">"Your account recovery is ready"</h2>
                <p>"The 24-hour wait is over. Continue to remove your old authenticator app and set up a new one."</p>
                <ActionForm action=complete_recovery attr:class="inline-form">
                    <button type="submit" class="button">"Continue and set up a new app"</button>
                </ActionForm>
            </div>
        }.into_any()),
        (false, Some(at)) => Some(view! {
            <div class="alert alert-info" role="status">
                <p>{format!("An account recovery is under way. You can finish it after {at}.")}</p>
            </div>
        }.into_any()),
        _ => None,
    };
    view! {
        <h1>{heading}</h1>
        {recovery}
        {sent.then(|| view! { <div class="alert alert-info" role="status"><p>"We sent you a new code."</p></div> })}
        <ErrorSummary error/>
        <p>{intro}</p>
        <ActionForm action=verify attr:class="form" attr:novalidate=true>
            <input type="hidden" name="method" value=method/>
            <TextField label name="code" autocomplete="one-time-code" hint error=field_error(error, "code")/>
            <button type="submit" class="button">"Continue"</button>
        </ActionForm>
        <h2 class="h3">"Other ways to sign in"</h2>
        <ul class="link-list">
            {(method != "authenticator" && choices.authenticator).then(|| view! {
                <li><a href="/sign-in/verify?method=authenticator">"Use your authenticator app"</a></li>
            })}
            {(method != "backup_code" && choices.backup_codes).then(|| view! {
                <li><a href="/sign-in/verify?method=backup_code">"Use a backup code"</a></li>
            })}
            {choices.phone_hint.clone().map(|hint| view! {
                <li>
                    <ActionForm action=send_text attr:class="inline-form">
                        <button type="submit" class="button-link">
                            {if method == "text" { "Text me a new code".to_owned() } else { format!("Text a code to {hint}") }}
                        </button>
                    </ActionForm>
                </li>
            })}
            {choices.email.then(|| view! {
                <li>
                    <ActionForm action=send_code attr:class="inline-form">
                        <button type="submit" class="button-link">
                            {if method == "email" { "Send me a new code" } else { "Email me a code instead" }}
                        </button>
                    </ActionForm>
                </li>
            })}
            {choices.authenticator.then(|| view! {
                <li><a href="/sign-in/recover">"I lost my authenticator app and my backup codes"</a></li>
            })}
        </ul>
    }
}

/// Explains the lost-factor recovery and mails the link that starts it.
#[component]
pub fn RecoverSignInPage() -> impl IntoView {
    let request = ServerAction::<RequestFactorRecovery>::new();
    let send_text = ServerAction::<SendSignInText>::new();
    let choices = Resource::new(|| (), |_| load_second_factor_choices());
    let query = use_query_map();
    let error = form_error_from_query();
    view! {
        <Title text="Recover your account"/>
        <div class="form-page">
            <h1>"Lost your authenticator app and backup codes?"</h1>
            <ErrorSummary error/>
            {move || query.read().get("sent").map(|_| view! {
                <div class="alert alert-success" role="status">
                    <p>"We emailed you a link. Open it within an hour to start the recovery."</p>
                </div>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let hint = choices.await.ok().flatten().and_then(|c| c.phone_hint);
                    hint.map(|hint| view! {
                        <section class="card" aria-labelledby="phone-recovery-heading">
                            <h2 id="phone-recovery-heading">"Use your phone"</h2>
                            <p>{format!("Your account has a confirmed phone, {hint}. We can text it a code to sign in now, without waiting. Then set up a new authenticator app from Sign-in settings.")}</p>
                            <ActionForm action=send_text attr:class="inline-form">
                                <button type="submit" class="button">"Text me a code"</button>
                            </ActionForm>
                        </section>
                        <h2>"No phone? Recover by email"</h2>
                    })
                })}
            </Suspense>
            <p>"You can recover your account by email. To protect you, recovery waits 24 hours after you open the emailed link. During that time you can cancel it from any device where you are signed in, and we email you when it starts and when it ends."</p>
            <p>"After the wait, sign in with your password and set up a new authenticator app. Your account, your linked record and your cases are kept."</p>
            <ActionForm action=request attr:class="inline-form">
                <button type="submit" class="button">"Email me a recovery link"</button>
            </ActionForm>
            <p><a href="/sign-in/verify">"Back"</a></p>
        </div>
    }
}

/// The page the recovery link opens: a button (a POST), so a mail scanner fetching the link starts nothing.
#[component]
pub fn StartRecoveryPage() -> impl IntoView {
    let start = ServerAction::<StartFactorRecovery>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let error = form_error_from_query();
    view! {
        <Title text="Start account recovery"/>
        <div class="form-page">
            <h1>"Start account recovery"</h1>
            <ErrorSummary error/>
            <p>"When you start, a 24-hour wait begins. After it, sign in with your password to set up a new authenticator app."</p>
            <ActionForm action=start attr:class="inline-form">
                <input type="hidden" name="token" value=token/>
                <button type="submit" class="button">"Start the 24-hour recovery"</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn RecoveryStartedPage() -> impl IntoView {
    view! {
        <Title text="Account recovery started"/>
        <div class="form-page">
            <h1>"Account recovery started"</h1>
            <p>"In 24 hours, sign in with your password and you will be asked to set up a new authenticator app. We will email you when the wait is over."</p>
            <p>"If you did not ask for this, sign in with your app or a backup code and cancel it under Sign-in settings."</p>
        </div>
    }
}
