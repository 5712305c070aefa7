//! The applicant's dashboard: what needs attention, every case, latest notices and coming
//! appointments.

use crate::api::cases::{load_dashboard, Dashboard};
use crate::components::alert::{Alert, AlertKind, ErrorNotice};
use crate::components::live_updates::LiveUpdates;
use crate::components::stage_steps::StageSteps;
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_t();
    // Read again whenever this tab hears that a case changed (live status).
    let data = Resource::new(|| (), |_| load_dashboard());
    view! {
        <Title text=t.get(key!("dashboard.title"))/>
        <LiveUpdates/>
        <Transition fallback=move || view! { <p>{t.get(key!("dashboard.loading"))}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(d)) => view! { <DashboardView d/> }.into_any(),
                    Ok(None) => view! { <NotLinked/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e wanted=key!("dashboard.to_see_cases")/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn NotLinked() -> impl IntoView {
    let t = use_t();
    view! {
        <h1>{t.get(key!("dashboard.title"))}</h1>
        <Alert kind=AlertKind::Info>
            <p>{t.get(key!("dashboard.not_linked"))}</p>
        </Alert>
        <p><a class="usa-button" href=routes::LINK_RECORD>{t.get(key!("dashboard.link_record"))}</a></p>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let t = use_t();
    let case_count = d.cases.len();
    view! {
        <h1>{t.get(key!("dashboard.title"))}</h1>
        <p class="usa-intro">{t.fmt(if case_count == 1 { key!("dashboard.welcome_one") } else { key!("dashboard.welcome_many") },
            &[("name", &d.full_name), ("count", &case_count.to_string())])}</p>

        <section aria-labelledby="attention-heading" class="attention">
            {if d.attention.is_empty() {
                view! {
                    <h2 id="attention-heading">{t.get(key!("dashboard.attention"))}</h2>
                    <p>{t.get(key!("dashboard.nothing"))}</p>
                }.into_any()
            } else {
                view! {
                    <div class="usa-summary-box summary-box-warning">
                        <div class="usa-summary-box__body">
                            <h2 class="usa-summary-box__heading" id="attention-heading">{t.get(key!("dashboard.attention"))}</h2>
                            <div class="usa-summary-box__text">
                                <ul class="usa-list">
                                    {d.attention.into_iter().map(|item| view! {
                                        <li>
                                            <a class="usa-summary-box__link" href=routes::case(&item.receipt_number)>{item.receipt_number.clone()}</a>
                                            " — " {item.message}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        </div>
                    </div>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="cases-heading">
            <h2 id="cases-heading">{t.get(key!("dashboard.cases"))}</h2>
            <p><a class="usa-link" href=routes::ADD_CASE>{t.get(key!("add_case.link"))}</a></p>
            <ul class="usa-card-group">
                {d.cases.into_iter().map(|c| {
                    let href = routes::case(&c.receipt_number);
                    view! {
                        <li class="usa-card desktop:grid-col-6">
                            <div class="usa-card__container">
                                <div class="usa-card__header">
                                    <h3 class="usa-card__heading">
                                        <a href=href>{format!("{} — {}", c.form_code, c.form_title)}</a>
                                    </h3>
                                </div>
                                <div class="usa-card__body">
                                    <p class="receipt">{t.get(key!("case.receipt"))} " " <strong>{c.receipt_number.clone()}</strong></p>
                                    <p class="status">
                                        <span class="status-title">{c.status_title.clone()}</span>
                                        {c.needs_action.then_some(view! { " " <span class="usa-tag bg-secondary-dark">{t.get(key!("dashboard.action_needed"))}</span> })}
                                    </p>
                                    <p class="status-date">{t.fmt(key!("dashboard.last_updated"), &[("date", &c.status_date)])}</p>
                                    <StageSteps current=c.stage/>
                                </div>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>

        <section aria-labelledby="appointments-heading">
            <h2 id="appointments-heading">{t.get(key!("dashboard.appointments"))}</h2>
            {if d.upcoming_appointments.is_empty() {
                view! { <p>{t.get(key!("dashboard.no_appointments"))}</p> }.into_any()
            } else {
                view! {
                    <ul class="usa-list usa-list--unstyled plain-list">
                        {d.upcoming_appointments.into_iter().map(|a| view! {
                            <li>
                                <strong>{a.kind}</strong> " — " {a.when} <br/>
                                {a.place_name} ", " {a.place_address}
                                " (" <a href=format!("/cases/{}", a.receipt_number)>{a.receipt_number.clone()}</a> ")"
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="notices-heading">
            <h2 id="notices-heading">{t.get(key!("dashboard.notices"))}</h2>
            <table class="usa-table usa-table--borderless usa-table--stacked width-full">
                <caption class="usa-sr-only">{t.get(key!("dashboard.notices_caption"))}</caption>
                <thead><tr><th scope="col">{t.get(key!("dashboard.date"))}</th><th scope="col">{t.get(key!("dashboard.notice"))}</th><th scope="col">{t.get(key!("dashboard.case"))}</th></tr></thead>
                <tbody>
                    {d.latest_notices.into_iter().map(|n| view! {
                        <tr>
                            <td data-label=t.get(key!("dashboard.date"))>{n.notice_date}</td>
                            <td data-label=t.get(key!("dashboard.notice"))>
                                <a href=n.pdf_path rel="external">{format!("{} {} (PDF)", n.notice_type, n.title)}</a>
                                {n.response_due.map(|due| view! { <br/><strong>{t.fmt(key!("dashboard.respond_by"), &[("date", &due)])}</strong> })}
                            </td>
                            <td data-label=t.get(key!("dashboard.case"))><a href=format!("/cases/{}", n.receipt_number)>{n.receipt_number.clone()}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
