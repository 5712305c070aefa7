//! The second step of signing in: a code from the authenticator app, a backup code, or a code
//! sent by email.

use crate::api::accounts::{load_second_factor_choices, SendSignInCode, VerifySignIn};
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
                                Some("email") => "email",
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
        _ => (
            "Enter the code we emailed you",
            format!("We sent a 6-digit code to {}. It works for 10 minutes.", choices.email_hint),
            "Email code",
            "6 digits, for example 123456",
        ),
    };
    view! {
        <h1>{heading}</h1>
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
            <li>
                <ActionForm action=send_code attr:class="inline-form">
                    <button type="submit" class="button-link">
                        {if method == "email" { "Send me a new code" } else { "Email me a code instead" }}
                    </button>
                </ActionForm>
            </li>
        </ul>
    }
}
