use crate::api::cases::{load_case, CaseDetail};
use crate::api::AppError;
use crate::components::stage_steps::StageSteps;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CaseDetailPage() -> impl IntoView {
    let params = use_params_map();
    let receipt = move || params.read().get("receipt").unwrap_or_default();
    let data = Resource::new(receipt, load_case);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the case…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => view! { <CaseView detail/> }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <Title text="Case not found"/>
                        <h1>"Case not found"</h1>
                        <p>"We could not find a case with that receipt number in your account. "
                           <a href="/dashboard">"Back to your cases"</a></p>
                    }.into_any(),
                    Err(AppError::SignInRequired) => view! {
                        <Title text="Sign in"/>
                        <h1>"Your session has ended"</h1>
                        <p><a href="/sign-in">"Sign in again"</a> " to see this case."</p>
                    }.into_any(),
                    Err(e) => view! { <div class="alert alert-error" role="alert"><p>{e.to_string()}</p></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(detail: CaseDetail) -> impl IntoView {
    let s = detail.summary;
    view! {
        <Title text=format!("Case {}", s.receipt_number)/>
        <p><a href="/dashboard">"← Back to your cases"</a></p>
        <h1>{format!("{} — {}", s.form_code, s.form_title)}</h1>
        <p class="receipt">"Receipt number " <strong>{s.receipt_number.clone()}</strong></p>
        <section aria-labelledby="status-heading" class="current-status">
            <h2 id="status-heading">{s.status_title.clone()}</h2>
            <p>{detail.description}</p>
            <StageSteps current=s.stage/>
        </section>

        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"Case history"</h2>
            <ol class="history">
                {detail.history.into_iter().map(|h| view! {
                    <li class="history-entry">
                        <p class="history-date">{h.date}</p>
                        <h3 class="history-title">{h.status_title}</h3>
                        <p>{h.description}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>

        <section aria-labelledby="case-appointments-heading">
            <h2 id="case-appointments-heading">"Appointments"</h2>
            {if detail.appointments.is_empty() {
                view! { <p>"No appointments for this case."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {detail.appointments.into_iter().map(|a| view! {
                            <li><strong>{a.kind}</strong> " — " {a.when} <br/> {a.place_name} ", " {a.place_address}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="case-notices-heading">
            <h2 id="case-notices-heading">"Notices"</h2>
            <ul class="plain-list">
                {detail.notices.into_iter().map(|n| view! {
                    <li>
                        {format!("{} — {} {}", n.notice_date, n.notice_type, n.title)}
                        {n.response_due.map(|due| view! { <br/><strong>{format!("Respond by {due}")}</strong> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
