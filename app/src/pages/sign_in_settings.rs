//! The account's sign-in settings: authenticator app, backup codes and phone, and the pages to set
//! them up.

use crate::api::factors::{
    load_authenticator_setup, load_factor_settings, take_new_backup_codes, AddPhone, CancelFactorRecovery,
    ConfirmAuthenticator, ConfirmPhone, CreateBackupCodes, Reauthenticate, RemovePhone, SendReauthenticationCode,
    SendReauthenticationText, StartAuthenticatorSetup,
};
use crate::api::FactorSettings;
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

fn error_alert(message: String) -> AnyView {
    view! { <div class="alert alert-error" role="alert"><p>{message}</p></div> }.into_any()
}

#[component]
pub fn SignInSettingsPage() -> impl IntoView {
    // Every form here redirects back with a new query string: load the settings again each time.
    let location = use_location();
    let settings = Resource::new(move || location.search.get(), |_| load_factor_settings());
    let error = form_error_from_query();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("confirmed").is_some() {
            Some("Thank you. You can change your sign-in settings for the next 15 minutes.")
        } else if q.get("authenticator").is_some() {
            Some("Your authenticator app is set up. You will use it the next time you sign in.")
        } else if q.get("code_sent").is_some() {
            Some("We emailed you a code.")
        } else if q.get("text_sent").is_some() {
            Some("We texted you a code.")
        } else if q.get("phone_sent").is_some() {
            Some("We texted a code to your phone. Enter it below to confirm the phone.")
        } else if q.get("phone").is_some() {
            Some("Your phone is confirmed. You can now sign in with a code we text to it.")
        } else if q.get("phone_removed").is_some() {
            Some("Your phone was removed. We will no longer text you codes.")
        } else if q.get("recovery_cancelled").is_some() {
            Some("The account recovery is cancelled. Your authenticator app and backup codes keep working.")
        } else if q.get("recovered").is_some() {
            Some("Your account is recovered and the old authenticator app removed. Set up a new one now.")
        } else {
            None
        }
    };
    let start_setup = ServerAction::<StartAuthenticatorSetup>::new();
    let create_codes = ServerAction::<CreateBackupCodes>::new();
    let cancel_recovery = ServerAction::<CancelFactorRecovery>::new();
    view! {
        <Title text="Sign-in settings"/>
        <h1>"Sign-in settings"</h1>
        {move || notice().map(|text| view! { <div class="alert alert-success" role="status"><p>{text}</p></div> })}
        <ErrorSummary error/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let settings = match settings.await {
                    Ok(settings) => settings,
                    Err(e) => return error_alert(e.to_string()),
                };
                let has_app = settings.authenticator_since.is_some();
                let recovery = settings.recovery_ready_at.clone().map(|at| view! {
                    <div class="alert alert-warning" role="alert">
                        <h2 class="alert-heading">"An account recovery is under way"</h2>
                        <p>{format!("Someone asked to replace this account's authenticator app. From {at} they can sign in with the password alone. If it was not you, cancel it and change your password.")}</p>
                        <ActionForm action=cancel_recovery attr:class="inline-form">
                            <button type="submit" class="button">"Cancel the recovery"</button>
                        </ActionForm>
                    </div>
                });
                view! {
                    {recovery}
                    {(!settings.recently_authenticated).then(|| view! { <Reauthenticate settings=settings.clone() error/> })}
                    <section class="card" aria-labelledby="authenticator-heading">
                        <h2 id="authenticator-heading">"Authenticator app"</h2>
                        {match settings.authenticator_since.clone() {
                            Some(since) => view! { <p>"Set up on " {since} ". You enter a code from it each time you sign in."</p> }.into_any(),
                            None => view! { <p>"Not set up. Until you set one up, we email you a code each time you sign in. An app is safer and works without email."</p> }.into_any(),
                        }}
                        <ActionForm action=start_setup attr:class="inline-form">
                            <button type="submit" class="button" disabled=!settings.recently_authenticated>
                                {if has_app { "Set up a different app" } else { "Set up an authenticator app" }}
                            </button>
                        </ActionForm>
                    </section>
                    <section class="card" aria-labelledby="backup-heading">
                        <h2 id="backup-heading">"Backup codes"</h2>
                        <p>{format!("You have {} unused backup codes.", settings.backup_codes_left)}
                           " Each works once, if you cannot use your authenticator app. Making new ones cancels the old ones."</p>
                        <ActionForm action=create_codes attr:class="inline-form">
                            <button type="submit" class="button button-secondary" disabled=!settings.recently_authenticated>
                                "Make new backup codes"
                            </button>
                        </ActionForm>
                    </section>
                    <PhoneSettings settings=settings.clone() error/>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Password and a second factor again, before settings can change. The code can come from any
/// factor the account has.
#[component]
pub fn Reauthenticate(
    settings: FactorSettings,
    error: Memo<Option<crate::api::FormError>>,
    /// Which settings page to come back to (see `api::factors::settings_page`).
    #[prop(default = "sign_in_settings")]
    page: &'static str,
) -> impl IntoView {
    let confirm = ServerAction::<Reauthenticate>::new();
    let send_code = ServerAction::<SendReauthenticationCode>::new();
    let send_text = ServerAction::<SendReauthenticationText>::new();
    let mut methods: Vec<(&'static str, &'static str)> = Vec::new();
    if settings.authenticator_since.is_some() {
        methods.push(("authenticator", "Code from my authenticator app"));
    }
    if settings.phone_hint.is_some() {
        methods.push(("text", "Code texted to my phone"));
    }
    if settings.email_codes {
        methods.push(("email", "Code emailed to me"));
    }
    if settings.backup_codes_left > 0 {
        methods.push(("backup_code", "A backup code"));
    }
    view! {
        <section class="card" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">"Confirm it is you"</h2>
            <p>"To change how you sign in, enter your password and a security code again."</p>
            <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                <input type="hidden" name="page" value=page/>
                <PasswordField label="Password" autocomplete="current-password"/>
                <fieldset class="choice-group">
                    <legend>"Where your code comes from"</legend>
                    {methods.iter().enumerate().map(|(i, (value, label))| {
                        let id = format!("method-{value}");
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name="method" value=*value checked=i == 0/>
                                <label for=id>{*label}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <TextField label="Security code" name="code" autocomplete="one-time-code" error=field_error(error, "code")/>
                <button type="submit" class="button">"Confirm"</button>
            </ActionForm>
            {settings.phone_hint.clone().map(|hint| view! {
                <ActionForm action=send_text attr:class="inline-form">
                    <input type="hidden" name="page" value=page/>
                    <button type="submit" class="button-link">{format!("Text a code to {hint}")}</button>
                </ActionForm>
            })}
            {settings.email_codes.then(|| view! {
                <ActionForm action=send_code attr:class="inline-form">
                    <input type="hidden" name="page" value=page/>
                    <button type="submit" class="button-link">"Email me a code"</button>
                </ActionForm>
            })}
        </section>
    }
}

/// A phone for texted codes: add, confirm with the texted code, remove.
#[component]
fn PhoneSettings(settings: FactorSettings, error: Memo<Option<crate::api::FormError>>) -> impl IntoView {
    let add = ServerAction::<AddPhone>::new();
    let confirm = ServerAction::<ConfirmPhone>::new();
    let remove = ServerAction::<RemovePhone>::new();
    let locked = !settings.recently_authenticated;
    let status = match (&settings.phone_hint, &settings.phone_unconfirmed_hint) {
        (Some(hint), _) => view! {
            <p>{format!("Codes can be texted to {hint}. You can use them to sign in, and to get back in if you lose your authenticator app.")}</p>
            <ActionForm action=remove attr:class="inline-form">
                <button type="submit" class="button button-secondary" disabled=locked>"Remove this phone"</button>
            </ActionForm>
        }.into_any(),
        // While "Confirm it is you" is on the page its code field is the page's only one.
        (None, Some(hint)) if locked => view! {
            <p>{format!("{hint} is not confirmed yet. Confirm it is you above, then ask for a new code.")}</p>
        }.into_any(),
        (None, Some(hint)) => view! {
            <p>{format!("We texted a code to {hint}. Enter it to confirm the phone.")}</p>
            <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                <TextField label="Code from the text message" name="code" autocomplete="one-time-code"
                    hint="6 digits, for example 123456" error=field_error(error, "code")/>
                <button type="submit" class="button">"Confirm phone"</button>
            </ActionForm>
        }.into_any(),
        (None, None) => view! {
            <p>"No phone. Add one to sign in with a texted code, and to get back in without waiting if you lose your authenticator app."</p>
        }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="phone-heading">
            <h2 id="phone-heading">"Phone for text messages"</h2>
            {status}
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <TextField label=if settings.phone_hint.is_some() { "New phone number" } else { "Phone number" }
                    name="phone" autocomplete="tel" input_type="tel"
                    hint="A U.S. number like (202) 555-0143, or + and the country code" error=field_error(error, "phone")/>
                <button type="submit" class="button button-secondary" disabled=locked>"Text me a code"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn AuthenticatorSetupPage() -> impl IntoView {
    let setup = Resource::new(|| (), |_| load_authenticator_setup());
    let error = form_error_from_query();
    let confirm = ServerAction::<ConfirmAuthenticator>::new();
    view! {
        <Title text="Set up an authenticator app"/>
        <div class="form-page">
            <h1>"Set up an authenticator app"</h1>
            <ErrorSummary error/>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match setup.await {
                        Ok(Some(setup)) => view! {
                            <ol class="setup-steps">
                                <li>"Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password)."</li>
                                <li>
                                    "Scan this QR code with it:"
                                    <img class="qr-code" src=setup.qr_data_url width="220" height="220"
                                        alt="QR code for adding Portico to your authenticator app. If you cannot scan it, type the key shown below."/>
                                </li>
                                <li>
                                    "Or, if you cannot scan, choose to enter a key and type this one:"
                                    <p class="secret-key"><code>{setup.secret_grouped}</code></p>
                                </li>
                                <li>"Enter the 6-digit code the app now shows."</li>
                            </ol>
                            {setup.already_enrolled.then(|| view! { <p>"This replaces the app you set up before."</p> })}
                            <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                                <TextField label="Code from the app" name="code" autocomplete="one-time-code"
                                    hint="6 digits, for example 123456" error=field_error(error, "code")/>
                                <button type="submit" class="button">"Finish set-up"</button>
                            </ActionForm>
                        }.into_any(),
                        Ok(None) => view! {
                            <p>"Start from your sign-in settings."</p>
                            <p><a class="button" href="/account/sign-in-settings">"Go to sign-in settings"</a></p>
                        }.into_any(),
                        Err(e) => error_alert(e.to_string()),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn BackupCodesPage() -> impl IntoView {
    let codes = Resource::new(|| (), |_| take_new_backup_codes());
    view! {
        <Title text="Your backup codes"/>
        <h1>"Your backup codes"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match codes.await {
                    Ok(codes) if !codes.is_empty() => view! {
                        <div class="alert alert-warning" role="status">
                            <p>"Save these codes now: this is the only time we show them. Print them or write them down and keep them somewhere safe."</p>
                        </div>
                        <p>"If you lose your phone, each code lets you sign in once instead of a code from your app."</p>
                        <ul class="backup-codes" aria-label="Backup codes">
                            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                        </ul>
                        <p><a class="button" href="/dashboard">"I have saved my codes"</a></p>
                    }.into_any(),
                    Ok(_) => view! {
                        <p>"Backup codes are shown only once, right after they are made. To get a new set, make new codes from your sign-in settings."</p>
                        <p><a href="/account/sign-in-settings">"Go to sign-in settings"</a></p>
                    }.into_any(),
                    Err(e) => error_alert(e.to_string()),
                }
            })}
        </Suspense>
    }
}
