//! Administrators: the staff accounts, and disabling or enabling one (with the reason). New staff
//! are added from the command line (`portico staff add`), which prints their set-up link.

use crate::api::staff::accounts::{load_staff_accounts, SetStaffDisabled};
use crate::components::alert::{Alert, AlertKind};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let query = use_query_map();
    let list =
        Resource::new(move || (query.read().get("disabled"), query.read().get("enabled")), |_| load_staff_accounts());
    let action = ServerAction::<SetStaffDisabled>::new();
    let error = form_error_from_query();
    let notice = move || {
        let q = query.read();
        if q.get("disabled").is_some() {
            Some("The account is disabled and its sessions have ended.")
        } else if q.get("enabled").is_some() {
            Some("The account is enabled again.")
        } else {
            None
        }
    };
    view! {
        <Title text="Staff accounts"/>
        <h1>"Staff accounts"</h1>
        <p>"Add staff with " <code>"portico staff add --email … --name … --role officer"</code>
            "; it prints a one-time set-up link to hand over."</p>
        {move || notice().map(|text| view! { <Alert kind=AlertKind::Success><p>{text}</p></Alert> })}
        <ErrorSummary error/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(staff) => view! {
                        <table class="usa-table usa-table--borderless usa-table--stacked">
                            <caption>"Everyone who can sign in to the console"</caption>
                            <thead><tr>
                                <th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th>
                                <th scope="col">"Office"</th><th scope="col">"State"</th><th scope="col">"Change"</th>
                            </tr></thead>
                            <tbody>
                                {staff.into_iter().map(|s| {
                                    let reason_id = format!("reason-{}", s.id);
                                    let verb = if s.disabled { "Enable" } else { "Disable" };
                                    view! {
                                        <tr>
                                            <th scope="row" data-label="Name">{s.name.clone()}</th>
                                            <td data-label="Email">{s.email}</td>
                                            <td data-label="Role">{s.role_title}</td>
                                            <td data-label="Office">{s.office}</td>
                                            <td data-label="State">{s.state}</td>
                                            <td data-label="Change">
                                                <ActionForm action attr:class="usa-form">
                                                    <input type="hidden" name="account_id" value=s.id.to_string()/>
                                                    <input type="hidden" name="disabled" value=(!s.disabled).to_string()/>
                                                    <label class="usa-label" for=reason_id.clone()>{format!("Reason to {} {}", verb.to_lowercase(), s.name)}</label>
                                                    <input class="usa-input" id=reason_id name="reason" required=true minlength="5" maxlength="2000"/>
                                                    <button type="submit" class="usa-button usa-button--secondary margin-top-1">{verb}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        {move || field_error(error, "reason").get().map(|m| view! { <p class="usa-error-message">{m}</p> })}
                    }.into_any(),
                    Err(e) => view! { <super::StaffError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
