//! The contact center: check a caller against their record, then help them — each action with a
//! reason, which the audit log keeps with the agent's name.

use crate::api::staff::contact_center::{load_caller, CallerAccountView, CallerView, HelpCaller, VerifyCaller};
use crate::components::alert::{Alert, AlertKind};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ContactCenterPage() -> impl IntoView {
    let action = ServerAction::<VerifyCaller>::new();
    let error = form_error_from_query();
    view! {
        <Title text="Contact center"/>
        <div class="form-page">
            <h1>"Contact center"</h1>
            <p class="usa-intro">"Check who is calling against their immigration record before you help."</p>
            <ErrorSummary error/>
            <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                <TextField label="A-Number or receipt number" name="identifier" error=field_error(error, "identifier")/>
                <TextField label="Full name" name="full_name" hint="As the caller says it; accents and case do not matter."/>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">"Date of birth"</legend>
                    <div class="usa-memorable-date">
                        <div class="usa-form-group usa-form-group--month">
                            <label class="usa-label" for="dob_month">"Month"</label>
                            <input class="usa-input" id="dob_month" name="dob_month" inputmode="numeric" maxlength="2" required=true/>
                        </div>
                        <div class="usa-form-group usa-form-group--day">
                            <label class="usa-label" for="dob_day">"Day"</label>
                            <input class="usa-input" id="dob_day" name="dob_day" inputmode="numeric" maxlength="2" required=true/>
                        </div>
                        <div class="usa-form-group usa-form-group--year">
                            <label class="usa-label" for="dob_year">"Year"</label>
                            <input class="usa-input" id="dob_year" name="dob_year" inputmode="numeric" maxlength="4" required=true/>
                        </div>
                    </div>
                </fieldset>
                <button type="submit" class="usa-button">"Check the caller"</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn CallerPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let verification =
        Memo::new(move |_| params.read().get("verification").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let data = Resource::new(
        move || (verification.get(), query.read().get("done"), query.read().get("error")),
        |(v, _, _)| load_caller(v),
    );
    view! {
        <Title text="Caller"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(caller) => view! { <CallerView caller/> }.into_any(),
                    Err(crate::error::AppError::NotFound) => view! {
                        <h1>"Caller"</h1>
                        <Alert kind=AlertKind::Warning><p>"This check has ended (after 30 minutes) or is not yours. Check the caller again."</p></Alert>
                        <p><a href=crate::routes::STAFF_CONTACT_CENTER>"Check a caller"</a></p>
                    }.into_any(),
                    Err(e) => view! { <h1>"Caller"</h1><super::StaffError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn done_message(done: &str) -> &'static str {
    match done {
        "lift_pause" => "The pause is lifted; the caller can sign in now. They were mailed.",
        "reset_factor" => "The reset link was mailed to the account's address.",
        "resend_confirmation" => "The confirmation mail was sent again.",
        "unlink" => "The record was unlinked; both people were mailed.",
        _ => "The report was settled and the caller mailed.",
    }
}

#[component]
fn CallerView(caller: CallerView) -> impl IntoView {
    let query = use_query_map();
    let error = form_error_from_query();
    let verification = caller.verification_id;
    view! {
        <h1>{format!("Caller: {}", caller.full_name)}</h1>
        {move || query.read().get("done").map(|d| view! { <Alert kind=AlertKind::Success><p>{done_message(&d)}</p></Alert> })}
        <ErrorSummary error/>
        <p>{format!("{} — checked {}.", caller.identifier, caller.verified_at)}</p>
        <h2>"Cases"</h2>
        <ul class="usa-list">
            {caller.cases.into_iter().map(|(receipt, href, status)| view! { <li><a href=href>{receipt}</a>" — "{status}</li> }).collect_view()}
        </ul>
        <h2>"Online accounts"</h2>
        {if caller.accounts.is_empty() {
            view! { <p>"No online account is linked to this record."</p> }.into_any()
        } else {
            caller.accounts.into_iter().map(|account| view! { <AccountHelp verification account error/> }).collect_view().into_any()
        }}
        {(!caller.disputes.is_empty()).then(|| view! {
            <h2>"Reports that this record is linked to the wrong account"</h2>
            {caller.disputes.into_iter().map(|d| {
                let action = ServerAction::<HelpCaller>::new();
                let reason_id = format!("dispute-reason-{}", d.id);
                view! {
                    <div class="usa-summary-box margin-bottom-2">
                        <div class="usa-summary-box__body">
                            <h3 class="usa-summary-box__heading">{format!("Report by {} on {}", d.by, d.filed)}</h3>
                            <p class="usa-summary-box__text">{d.details}</p>
                            <ActionForm action attr:class="usa-form">
                                <input type="hidden" name="verification" value=verification.to_string()/>
                                <input type="hidden" name="dispute_id" value=d.id.to_string()/>
                                <label class="usa-label" for=reason_id.clone()>"Reason"</label>
                                <input class="usa-input" id=reason_id name="reason" required=true minlength="5" maxlength="2000"/>
                                <button type="submit" name="action" value="unlink" class="usa-button margin-top-1">"Unlink the record from the account holding it"</button>
                                <button type="submit" name="action" value="keep_link" class="usa-button usa-button--outline margin-top-1">"Keep the link"</button>
                            </ActionForm>
                        </div>
                    </div>
                }
            }).collect_view()}
        })}
    }
}

#[component]
fn AccountHelp(
    verification: i32,
    account: CallerAccountView,
    error: Memo<Option<crate::error::Refusal>>,
) -> impl IntoView {
    let action = ServerAction::<HelpCaller>::new();
    let id = account.id.to_string();
    let reason_id = format!("reason-{id}");
    let checked_id = format!("identity-checked-{id}");
    let section_label = format!("Account {}", account.email);
    let reason_label = format!("Reason (for {})", account.email);
    view! {
        <section class="margin-bottom-4" aria-label=section_label>
            <h3>{account.email.clone()}</h3>
            <p>{account.relation.clone()} ". " {account.state.join(". ")} "."</p>
            <ActionForm action attr:class="usa-form usa-form--large">
                <input type="hidden" name="verification" value=verification.to_string()/>
                <input type="hidden" name="account_id" value=id.clone()/>
                <label class="usa-label" for=reason_id.clone()>{reason_label}</label>
                {move || field_error(error, "reason").get().map(|m| view! { <p class="usa-error-message">{m}</p> })}
                <input class="usa-input" id=reason_id name="reason" required=true minlength="5" maxlength="2000"/>
                {account.paused.then(|| view! {
                    <button type="submit" name="action" value="lift_pause" class="usa-button margin-top-1">"Lift the sign-in pause"</button>
                })}
                {account.has_authenticator.then(|| view! {
                    <div class="usa-checkbox margin-top-1">
                        <input class="usa-checkbox__input" id=checked_id.clone() type="checkbox" name="identity_checked" value="yes"/>
                        <label class="usa-checkbox__label" for=checked_id.clone()>"I checked the caller's identity (no 24-hour wait)"</label>
                    </div>
                    <button type="submit" name="action" value="reset_factor" class="usa-button usa-button--secondary margin-top-1">"Send a second-factor reset link"</button>
                })}
                {(!account.confirmed).then(|| view! {
                    <button type="submit" name="action" value="resend_confirmation" class="usa-button usa-button--outline margin-top-1">"Resend the confirmation mail"</button>
                })}
            </ActionForm>
        </section>
    }
}
