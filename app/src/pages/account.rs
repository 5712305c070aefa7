//! The account page: sign-in email, password and language. Email and password change only after
//! "Confirm it is you" (password and a security code within the last 15 minutes).

use crate::api::account::{load_account_settings, ChangePassword, ConfirmEmailChange, RequestEmailChange, SetLanguage};
use crate::api::factors::load_factor_settings;
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use crate::components::password_meter::{PasswordStrengthMeter, TypedFields};
use crate::i18n::Lang;
use crate::pages::sign_in_settings::Reauthenticate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn AccountSettingsPage() -> impl IntoView {
    // Every form here redirects back with a new query string: load the settings again each time.
    let location = use_location();
    let account = Resource::new(move || location.search.get(), |_| load_account_settings());
    let factors = Resource::new(move || location.search.get(), |_| load_factor_settings());
    let error = form_error_from_query();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("confirmed").is_some() {
            Some("Thank you. You can change your email and password for the next 15 minutes.")
        } else if q.get("password_changed").is_some() {
            Some("Your password is changed. Every other device was signed out.")
        } else if q.get("email_sent").is_some() {
            Some("We sent a link to the new address. Your sign-in email changes when you open it and confirm.")
        } else if q.get("language").is_some() {
            Some("Your language is saved.")
        } else if q.get("code_sent").is_some() {
            Some("We emailed you a code.")
        } else if q.get("text_sent").is_some() {
            Some("We texted you a code.")
        } else {
            None
        }
    };
    let change_password = ServerAction::<ChangePassword>::new();
    let change_email = ServerAction::<RequestEmailChange>::new();
    let set_language = ServerAction::<SetLanguage>::new();
    view! {
        <Title text="Your account"/>
        <h1>"Your account"</h1>
        {move || notice().map(|text| view! { <div class="alert alert-success" role="status"><p>{text}</p></div> })}
        <ErrorSummary error/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (account, factors) = match (account.await, factors.await) {
                    (Ok(account), Ok(factors)) => (account, factors),
                    (Err(e), _) | (_, Err(e)) => {
                        return view! { <div class="alert alert-error" role="alert"><p>{e.to_string()}</p></div> }.into_any()
                    }
                };
                let unlocked = account.recently_authenticated;
                let typed = TypedFields::new();
                let email = account.email.clone();
                view! {
                    {(!unlocked).then(|| view! { <Reauthenticate settings=factors error page="account"/> })}
                    <section class="card" aria-labelledby="email-heading">
                        <h2 id="email-heading">"Sign-in email"</h2>
                        <p>"You sign in with " <strong>{account.email.clone()}</strong> ". We send your security messages there."</p>
                        {account.pending_email.clone().map(|pending| view! {
                            <p>{format!("Waiting for confirmation: {pending}. Open the link we sent to it.")}</p>
                        })}
                        {unlocked.then(|| view! {
                            <ActionForm action=change_email attr:class="form" attr:novalidate=true>
                                <TextField label="New email address" name="email" input_type="email" autocomplete="email"
                                    hint="We send a link to it; the change happens when you open the link."
                                    error=field_error(error, "email")/>
                                <button type="submit" class="button button-secondary">"Send confirmation link"</button>
                            </ActionForm>
                        })}
                    </section>
                    <section class="card" aria-labelledby="password-heading">
                        <h2 id="password-heading">"Password"</h2>
                        {if unlocked {
                            view! {
                                <p>"Changing your password signs out every other device."</p>
                                <div on:input=typed.on_input()>
                                    <ActionForm action=change_password attr:class="form" attr:novalidate=true>
                                        <PasswordField label="New password" autocomplete="new-password"
                                            hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember."
                                            error=field_error(error, "password")/>
                                        <PasswordStrengthMeter fields=typed known_email=email/>
                                        <button type="submit" class="button button-secondary">"Change password"</button>
                                    </ActionForm>
                                </div>
                            }.into_any()
                        } else {
                            view! { <p>"Confirm it is you above to change your email or password."</p> }.into_any()
                        }}
                    </section>
                    <section class="card" aria-labelledby="language-heading">
                        <h2 id="language-heading">"Language"</h2>
                        <ActionForm action=set_language attr:class="form">
                            <fieldset class="choice-group">
                                <legend>"Language for email and text messages"</legend>
                                {Lang::ALL.into_iter().map(|lang| {
                                    let id = format!("language-{}", lang.tag());
                                    view! {
                                        <div class="choice">
                                            <input type="radio" id=id.clone() name="language" value=lang.tag()
                                                checked=lang == account.language/>
                                            <label for=id lang=lang.tag()>{lang.native_name()}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <button type="submit" class="button button-secondary">"Save language"</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The page the link sent to a new address opens: a button, so a mail scanner changes nothing.
#[component]
pub fn ConfirmEmailChangePage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmEmailChange>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let done = move || query.read().get("done").is_some();
    let error = form_error_from_query();
    view! {
        <Title text="Confirm your new email address"/>
        <div class="form-page">
            <h1>"Confirm your new email address"</h1>
            <ErrorSummary error/>
            <Show when=done fallback=move || view! {
                <p>"Press the button to sign in with this address from now on."</p>
                <ActionForm action=confirm attr:class="inline-form">
                    <input type="hidden" name="token" value=token/>
                    <button type="submit" class="button">"Use this address"</button>
                </ActionForm>
            }>
                <div class="alert alert-success" role="status">
                    <p>"Your sign-in email is changed. Use the new address the next time you sign in."</p>
                </div>
            </Show>
        </div>
    }
}
