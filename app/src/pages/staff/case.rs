//! One case in the console: the record, history, notices and appointments, and — for officers —
//! the changes the workflow allows now. Every form names the version of the case it was made
//! against, so a change made meanwhile by someone else is refused rather than overwritten.

use crate::api::staff::cases::{
    load_staff_case, CancelAppointment, ChangeStatus, Decide, MoveAppointment, RequestEvidence, Schedule,
    StaffAppointment, StaffCaseView,
};
use crate::components::alert::{Alert, AlertKind};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary};
use crate::domain::office::OFFICES;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let receipt = Memo::new(move |_| params.read().get("receipt").unwrap_or_default());
    // Re-read after every change (the address gains `?done=1` or `?error=…`).
    let data = Resource::new(
        move || (receipt.get(), query.read().get("done"), query.read().get("error")),
        |(r, _, _)| load_staff_case(r),
    );
    view! {
        // A plain text, not a closure over the memo: the server reads the title after the page's
        // owner may be gone, and a closure then panicked under load ("a reactive value that has
        // already been disposed", found by `make bench-scale`).
        <Title text=format!("Case {}", receipt.get_untracked())/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(case) => view! { <CaseView case/> }.into_any(),
                    Err(e) => view! { <h1>{format!("Case {}", receipt.get_untracked())}</h1><super::StaffError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(case: StaffCaseView) -> impl IntoView {
    let query = use_query_map();
    let done = move || query.read().get("done").is_some();
    let error = form_error_from_query();
    let receipt = case.row.receipt_number.clone();
    view! {
        <h1>{format!("Case {}", case.row.receipt_number)}</h1>
        {move || done().then(|| view! { <Alert kind=AlertKind::Success><p>"The case was changed and the applicant will be told."</p></Alert> })}
        <ErrorSummary error/>
        <dl class="case-facts">
            <dt>"Status"</dt><dd>{case.row.status.clone()}</dd>
            <dt>"Form"</dt><dd>{case.row.form.clone()}</dd>
            <dt>"Filed"</dt><dd>{case.filed_on.clone()}</dd>
            <dt>"Office"</dt><dd>{case.row.office.clone()}</dd>
            <dt>"Name"</dt><dd>{case.full_name.clone()}</dd>
            <dt>"A-Number / USCIS number"</dt><dd>{case.a_number.clone()}</dd>
            <dt>"Date of birth"</dt><dd>{case.date_of_birth.clone()}</dd>
            <dt>"Country of birth"</dt><dd>{case.country_of_birth.clone()}</dd>
            <dt>"Online account"</dt><dd>{case.linked_account.clone().unwrap_or_else(|| "Not linked".to_owned())}</dd>
        </dl>
        {case.may_change.then(|| view! { <Changes case=case.clone() receipt=receipt.clone() error/> })}
        <h2>"History"</h2>
        <ol class="usa-list">
            {case.history.iter().map(|h| view! { <li>{format!("{} — {}", h.date, h.status)}</li> }).collect_view()}
        </ol>
        <h2>"Notices"</h2>
        {if case.notices.is_empty() {
            view! { <p>"No notices."</p> }.into_any()
        } else {
            view! {
                <ul class="usa-list">
                    {case.notices.iter().map(|n| view! {
                        <li>{format!("{} {} — {}", n.date, n.notice_type, n.title)}
                            {n.due.clone().map(|d| format!(" (response due {d})"))}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>"Evidence from the applicant"</h2>
        {if case.evidence.is_empty() {
            view! { <p>"No files."</p> }.into_any()
        } else {
            view! {
                <ul class="usa-list">
                    {case.evidence.iter().map(|f| view! {
                        // A file, not a page of the console: the router leaves it to the browser.
                        <li><a class="usa-link" href=f.href.clone() rel="external">{f.name.clone()}</a> " (" {f.about.clone()} ")"</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>"Appointments"</h2>
        {if case.appointments.is_empty() {
            view! { <p>"No appointments."</p> }.into_any()
        } else {
            let (receipt, version, may_change) = (case.row.receipt_number.clone(), case.version, case.may_change);
            view! {
                <ul class="usa-list">
                    {case.appointments.iter().map(|a| view! {
                        <li>
                            {format!("{}: {}, {}", a.kind, a.when, a.place)}
                            {a.cancelled.then_some(" (cancelled)")}
                            {a.rescheduled.clone().map(|text| view! { <br/><span class="reschedule-reason">{text}</span> })}
                            {(may_change && a.coming).then(|| view! {
                                <AppointmentChanges receipt=receipt.clone() version appointment=a.clone()/>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// Moving or cancelling one coming appointment (officers).
#[component]
fn AppointmentChanges(receipt: String, version: i32, appointment: StaffAppointment) -> impl IntoView {
    let move_action = ServerAction::<MoveAppointment>::new();
    let cancel_action = ServerAction::<CancelAppointment>::new();
    let (move_id, reason_id) = (format!("move-{}", appointment.id), format!("cancel-reason-{}", appointment.id));
    let kind = appointment.kind.to_lowercase();
    let (move_label, cancel_label) =
        (format!("Move the {kind} to (the place's local time)"), format!("Reason to cancel the {kind}"));
    let (receipt_again, id, id_again) = (receipt.clone(), appointment.id.to_string(), appointment.id.to_string());
    view! {
        <ActionForm action=move_action attr:class="usa-form">
            <input type="hidden" name="receipt" value=receipt/>
            <input type="hidden" name="version" value=version.to_string()/>
            <input type="hidden" name="appointment" value=id/>
            <label class="usa-label" for=move_id.clone()>{move_label}</label>
            <input class="usa-input" id=move_id name="scheduled_at" type="datetime-local" required=true/>
            <button type="submit" class="usa-button usa-button--outline margin-top-1">"Move"</button>
        </ActionForm>
        <ActionForm action=cancel_action attr:class="usa-form">
            <input type="hidden" name="receipt" value=receipt_again/>
            <input type="hidden" name="version" value=version.to_string()/>
            <input type="hidden" name="appointment" value=id_again/>
            <label class="usa-label" for=reason_id.clone()>{cancel_label}</label>
            <input class="usa-input" id=reason_id name="reason" required=true minlength="5" maxlength="2000"/>
            <button type="submit" class="usa-button usa-button--secondary margin-top-1">"Cancel the appointment"</button>
        </ActionForm>
    }
}

#[component]
fn Changes(case: StaffCaseView, receipt: String, error: Memo<Option<crate::error::Refusal>>) -> impl IntoView {
    let status_action = ServerAction::<ChangeStatus>::new();
    let rfe_action = ServerAction::<RequestEvidence>::new();
    let schedule_action = ServerAction::<Schedule>::new();
    let decide_action = ServerAction::<Decide>::new();
    let version = case.version;
    let receipt = StoredValue::new(receipt);
    let hidden = move || {
        view! {
            <input type="hidden" name="receipt" value=receipt.get_value()/>
            <input type="hidden" name="version" value=version.to_string()/>
        }
    };
    let kinds: Vec<(&str, &str)> = [
        (case.may_schedule_biometrics, ("biometrics", "Biometrics")),
        (case.may_schedule_interview, ("interview", "Interview")),
    ]
    .into_iter()
    .filter_map(|(allowed, kind)| allowed.then_some(kind))
    .collect();
    view! {
        <h2>"Work this case"</h2>
        {if case.next_statuses.is_empty() {
            view! { <p>"This case is final: no status may follow."</p> }.into_any()
        } else {
            view! {
                <ActionForm action=status_action attr:class="usa-form usa-form--large">
                    <fieldset class="usa-fieldset">
                        <legend class="usa-legend usa-legend--large">"Change the status"</legend>
                        {hidden()}
                        <label class="usa-label" for="status">"New status"</label>
                        {move || field_error(error, "status").get().map(|m| view! { <p class="usa-error-message">{m}</p> })}
                        <select class="usa-select" id="status" name="status">
                            {case.next_statuses.iter().map(|s| view! { <option value=s.key.clone()>{s.title.clone()}</option> }).collect_view()}
                        </select>
                        <button type="submit" class="usa-button margin-top-2">"Change status"</button>
                    </fieldset>
                </ActionForm>
            }.into_any()
        }}
        {case.may_request_evidence.then(|| view! {
            <ActionForm action=rfe_action attr:class="usa-form usa-form--large">
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend usa-legend--large">"Request evidence"</legend>
                    {hidden()}
                    <super::TextArea label="What is requested" name="requested" max=4000
                        hint="Written into the notice the applicant receives." error=field_error(error, "requested")/>
                    <label class="usa-label" for="due_on">"Due date"</label>
                    <p class="usa-hint" id="due_on-hint">"87 days from today unless you choose otherwise."</p>
                    {move || field_error(error, "due_on").get().map(|m| view! { <p class="usa-error-message">{m}</p> })}
                    <input class="usa-input" id="due_on" name="due_on" type="date" value=case.default_due_on.clone()
                        aria-describedby="due_on-hint"/>
                    <button type="submit" class="usa-button margin-top-2">"Send the request for evidence"</button>
                </fieldset>
            </ActionForm>
        })}
        {(!kinds.is_empty()).then(|| view! {
            <ActionForm action=schedule_action attr:class="usa-form usa-form--large">
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend usa-legend--large">"Schedule an appointment"</legend>
                    {hidden()}
                    <label class="usa-label" for="kind">"Kind"</label>
                    <select class="usa-select" id="kind" name="kind">
                        {kinds.iter().map(|(key, label)| view! { <option value=*key>{*label}</option> }).collect_view()}
                    </select>
                    <label class="usa-label" for="office">"Office"</label>
                    <select class="usa-select" id="office" name="office">
                        {OFFICES.iter().map(|o| view! { <option value=o.code>{format!("{} ({})", o.name, o.time_zone)}</option> }).collect_view()}
                    </select>
                    <label class="usa-label" for="scheduled_at">"Date and time (the office's local time)"</label>
                    {move || field_error(error, "scheduled_at").get().map(|m| view! { <p class="usa-error-message">{m}</p> })}
                    <input class="usa-input" id="scheduled_at" name="scheduled_at" type="datetime-local" required=true/>
                    <button type="submit" class="usa-button margin-top-2">"Schedule"</button>
                </fieldset>
            </ActionForm>
        })}
        {case.may_decide.then(|| view! {
            <ActionForm action=decide_action attr:class="usa-form usa-form--large">
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend usa-legend--large">"Decide"</legend>
                    {hidden()}
                    {move || field_error(error, "decision").get().map(|m| view! { <p class="usa-error-message">{m}</p> })}
                    <div class="usa-radio">
                        <input class="usa-radio__input" id="decision-approve" type="radio" name="decision" value="approve"/>
                        <label class="usa-radio__label" for="decision-approve">"Approve"</label>
                    </div>
                    <div class="usa-radio">
                        <input class="usa-radio__input" id="decision-deny" type="radio" name="decision" value="deny"/>
                        <label class="usa-radio__label" for="decision-deny">"Deny"</label>
                    </div>
                    <super::TextArea label="Reason for a denial" name="reason" required=false
                        hint="Written into the decision notice." error=Signal::derive(|| None)/>
                    <button type="submit" class="usa-button margin-top-2">"Record the decision"</button>
                </fieldset>
            </ActionForm>
        })}
    }
}
