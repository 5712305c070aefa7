//! One case: its status, stage, full history, notices and appointments.

use crate::api::cases::{load_case, CaseDetail};
use crate::components::alert::{Alert, AlertKind, ErrorNotice};
use crate::components::live_updates::LiveUpdates;
use crate::components::stage_steps::StageSteps;
use crate::error::AppError;
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CaseDetailPage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let receipt = move || params.read().get("receipt").unwrap_or_default();
    // Read again whenever this tab hears that a case changed (live status).
    let data = Resource::new(receipt, load_case);
    view! {
        <LiveUpdates/>
        <Transition fallback=move || view! { <p>{t.get(key!("case.loading"))}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => view! { <CaseView detail/> }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <Title text=t.get(key!("case.not_found"))/>
                        {super::case_not_found()}
                    }.into_any(),
                    Err(e @ AppError::SignInRequired) => view! {
                        <Title text=t.get(key!("nav.sign_in"))/>
                        <ErrorNotice error=e wanted=key!("case.to_see")/>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CaseView(detail: CaseDetail) -> impl IntoView {
    let t = use_t();
    let s = detail.summary;
    let query = leptos_router::hooks::use_query_map();
    let added = move || query.read().get("added").is_some();
    let rescheduled = move || query.read().get("rescheduled").is_some();
    let responded = move || query.read().get("responded").is_some();
    view! {
        <Title text=t.fmt(key!("case.title"), &[("receipt", &s.receipt_number)])/>
        <p><a class="usa-link" href=routes::DASHBOARD>"← " {t.get(key!("case.back"))}</a></p>
        <h1>{format!("{} — {}", s.form_code, s.form_title)}</h1>
        {move || added().then(|| view! { <Alert kind=AlertKind::Success><p>{t.get(key!("case.added"))}</p></Alert> })}
        {move || rescheduled().then(|| view! { <Alert kind=AlertKind::Success><p>{t.get(key!("reschedule.done"))}</p></Alert> })}
        {move || responded().then(|| view! { <Alert kind=AlertKind::Success><p>{t.get(key!("evidence.done"))}</p></Alert> })}
        <p class="receipt">{t.get(key!("case.receipt"))} " " <strong>{s.receipt_number.clone()}</strong></p>
        <section aria-labelledby="status-heading" class="usa-summary-box current-status">
            <div class="usa-summary-box__body">
                <h2 class="usa-summary-box__heading" id="status-heading">{s.status_title.clone()}</h2>
                <div class="usa-summary-box__text">
                    <p>{detail.description}</p>
                </div>
            </div>
        </section>
        <StageSteps current=s.stage labels=true/>
        {detail.evidence_path.map(|path| view! {
            <p><a class="usa-button" href=path>{t.get(key!("case.respond"))}</a></p>
        })}

        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t.get(key!("case.history"))}</h2>
            <ol class="usa-collection">
                {detail.history.into_iter().map(|h| view! {
                    <li class="usa-collection__item">
                        <div class="usa-collection__body">
                            <h3 class="usa-collection__heading">{h.status_title}</h3>
                            <p class="usa-collection__description">{h.description}</p>
                            <ul class="usa-collection__meta" aria-label=t.get(key!("case.history_date"))>
                                <li class="usa-collection__meta-item">{h.date}</li>
                            </ul>
                        </div>
                    </li>
                }).collect_view()}
            </ol>
        </section>

        {detail.processing.map(|sentences| view! {
            <section aria-labelledby="case-processing-heading">
                <h2 id="case-processing-heading">{t.get(key!("case.processing"))}</h2>
                {sentences.into_iter().map(|sentence| view! { <p>{sentence}</p> }).collect_view()}
            </section>
        })}

        <section aria-labelledby="case-inquiries-heading">
            <h2 id="case-inquiries-heading">{t.get(key!("case.inquiries"))}</h2>
            {if detail.inquiries.is_empty() {
                view! { <p>{t.get(key!("case.no_inquiries"))}</p> }.into_any()
            } else {
                view! {
                    <ul class="usa-list usa-list--unstyled plain-list">
                        {detail.inquiries.into_iter().map(|i| view! {
                            <li><a class="usa-link" href=i.path>{i.kind}</a> " — " {i.sent} " — " {i.state}
                                {i.unread.map(|unread| view! { " " <span class="usa-tag">{unread}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a class="usa-link" href=detail.inquiry_path>{t.get(key!("case.send_inquiry"))}</a></p>
        </section>

        <section aria-labelledby="case-appointments-heading">
            <h2 id="case-appointments-heading">{t.get(key!("case.appointments"))}</h2>
            {if detail.appointments.is_empty() {
                view! { <p>{t.get(key!("case.no_appointments"))}</p> }.into_any()
            } else {
                view! {
                    <ul class="usa-list usa-list--unstyled plain-list">
                        {detail.appointments.into_iter().map(|a| view! {
                            <li><strong>{a.kind.clone()}</strong> " — " {a.when} <br/> {a.place_name} ", " {a.place_address}
                                {a.reschedule_path.map(|path| view! {
                                    <br/><a class="usa-link" href=path>{t.fmt(key!("case.reschedule"), &[("kind", &a.kind)])}</a>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="case-notices-heading">
            <h2 id="case-notices-heading">{t.get(key!("case.notices"))}</h2>
            <ul class="usa-list usa-list--unstyled plain-list">
                {detail.notices.into_iter().map(|n| view! {
                    <li>
                        {n.notice_date} " — "
                        // A file, not a page of the app: the router leaves it to the browser.
                        <a href=n.pdf_path rel="external">{format!("{} {} (PDF)", n.notice_type, n.title)}</a>
                        {n.response_due.map(|due| view! { <br/><strong>{t.fmt(key!("dashboard.respond_by"), &[("date", &due)])}</strong> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
