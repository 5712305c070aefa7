//! Administrators: the audit log, newest first, filtered by who and what.

use crate::api::staff::audit::load_audit_log;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const ACTIONS: [(&str, &str); 17] = [
    ("search_cases", "Searched cases"),
    ("read_case", "Opened a case"),
    ("change_status", "Changed a status"),
    ("request_evidence", "Requested evidence"),
    ("schedule_appointment", "Scheduled an appointment"),
    ("decide_case", "Decided a case"),
    ("disable_staff", "Disabled a staff account"),
    ("enable_staff", "Enabled a staff account"),
    ("verify_caller", "Checked a caller"),
    ("verify_caller_failed", "A caller check failed"),
    ("read_record", "Opened a caller's record"),
    ("lift_pause", "Lifted a sign-in pause"),
    ("reset_second_factor", "Sent a second-factor reset"),
    ("resend_confirmation", "Resent a confirmation mail"),
    ("settle_dispute", "Settled a disputed record"),
    ("move_appointment", "Moved an appointment"),
    ("cancel_appointment", "Cancelled an appointment"),
];

#[component]
pub fn StaffAuditPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = Memo::new(move |_| {
        let q = query.read();
        (q.get("actor").unwrap_or_default(), q.get("action").unwrap_or_default())
    });
    let entries = Resource::new(
        move || wanted.get(),
        |(actor, action)| load_audit_log(Some(actor), (!action.is_empty()).then_some(action)),
    );
    view! {
        <Title text="Audit log"/>
        <h1>"Audit log"</h1>
        <form method="get" action=crate::routes::STAFF_AUDIT class="usa-form usa-form--large" role="search" aria-label="Filter the audit log">
            <label class="usa-label" for="actor">"Staff member's email"</label>
            <input class="usa-input" id="actor" name="actor" type="email" value=move || wanted.get().0/>
            <label class="usa-label" for="action">"What they did"</label>
            <select class="usa-select" id="action" name="action">
                <option value="">"Anything"</option>
                {ACTIONS.iter().map(|(key, label)| view! {
                    <option value=*key selected=move || wanted.get().1 == *key>{*label}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="usa-button margin-top-2">"Filter"</button>
        </form>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(rows) if rows.is_empty() => view! { <p>"No entries."</p> }.into_any(),
                    Ok(rows) => view! {
                        <table class="usa-table usa-table--borderless usa-table--stacked">
                            <caption>"Newest first (at most 200)"</caption>
                            <thead><tr>
                                <th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"Role"</th>
                                <th scope="col">"What"</th><th scope="col">"About"</th><th scope="col">"Reason"</th>
                                <th scope="col">"Detail"</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <th scope="row" data-label="When">{r.at}</th>
                                        <td data-label="Who">{r.actor}</td>
                                        <td data-label="Role">{r.role}</td>
                                        <td data-label="What">{r.action}</td>
                                        <td data-label="About">{r.subject}</td>
                                        <td data-label="Reason">{r.reason}</td>
                                        <td data-label="Detail">{r.detail}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <super::StaffError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
