use crate::api::cases::{load_dashboard, Dashboard};
use crate::api::AppError;
use crate::components::stage_steps::StageSteps;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new(|| (), |_| load_dashboard());
    view! {
        <Title text=t.get("dashboard.title")/>
        <Suspense fallback=move || view! { <p>{t.get("dashboard.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(d)) => view! { <DashboardView d/> }.into_any(),
                    Ok(None) => view! { <NotLinked/> }.into_any(),
                    Err(AppError::SignInRequired) => view! {
                        <h1>{t.get("dashboard.ended")}</h1>
                        <p><a href="/sign-in">{t.get("dashboard.sign_in_again")}</a> " " {t.get("dashboard.to_see_cases")}</p>
                    }.into_any(),
                    Err(e) => view! { <div class="alert alert-error" role="alert"><p>{e.message_in(t)}</p></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NotLinked() -> impl IntoView {
    let t = use_t();
    view! {
        <h1>{t.get("dashboard.title")}</h1>
        <div class="alert alert-info" role="status">
            <p>{t.get("dashboard.not_linked")}</p>
        </div>
        <p><a class="button" href="/link-record">"Link your immigration record"</a></p>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let t = use_t();
    let case_count = d.cases.len();
    view! {
        <h1>{t.get("dashboard.title")}</h1>
        <p class="lead">{t.fmt(if case_count == 1 { "dashboard.welcome_one" } else { "dashboard.welcome_many" },
            &[("name", &d.full_name), ("count", &case_count.to_string())])}</p>

        <section aria-labelledby="attention-heading" class="attention">
            <h2 id="attention-heading">{t.get("dashboard.attention")}</h2>
            {if d.attention.is_empty() {
                view! { <p>{t.get("dashboard.nothing")}</p> }.into_any()
            } else {
                view! {
                    <ul class="attention-list">
                        {d.attention.into_iter().map(|item| view! {
                            <li class="alert alert-warning">
                                <a href=format!("/cases/{}", item.receipt_number)>{item.receipt_number.clone()}</a>
                                " — " {item.message}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="cases-heading">
            <h2 id="cases-heading">{t.get("dashboard.cases")}</h2>
            <ul class="card-list">
                {d.cases.into_iter().map(|c| {
                    let href = format!("/cases/{}", c.receipt_number);
                    view! {
                        <li class="card">
                            <h3 class="card-heading">
                                <a href=href>{format!("{} — {}", c.form_code, c.form_title)}</a>
                            </h3>
                            <p class="receipt">"Receipt number " <strong>{c.receipt_number.clone()}</strong></p>
                            <p class="status">
                                <span class="status-title">{c.status_title.clone()}</span>
                                {c.needs_action.then_some(view! { <span class="tag tag-action">"Action needed"</span> })}
                            </p>
                            <p class="status-date">{t.fmt("dashboard.last_updated", &[("date", &c.status_date)])}</p>
                            <StageSteps current=c.stage/>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>

        <section aria-labelledby="appointments-heading">
            <h2 id="appointments-heading">{t.get("dashboard.appointments")}</h2>
            {if d.upcoming_appointments.is_empty() {
                view! { <p>{t.get("dashboard.no_appointments")}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
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
            <h2 id="notices-heading">{t.get("dashboard.notices")}</h2>
            <table class="table">
                <caption class="sr-only">"Your most recent notices"</caption>
                <thead><tr><th scope="col">{t.get("dashboard.date")}</th><th scope="col">{t.get("dashboard.notice")}</th><th scope="col">{t.get("dashboard.case")}</th></tr></thead>
                <tbody>
                    {d.latest_notices.into_iter().map(|n| view! {
                        <tr>
                            <td>{n.notice_date}</td>
                            <td>
                                {format!("{} {}", n.notice_type, n.title)}
                                {n.response_due.map(|due| view! { <br/><strong>{t.fmt("dashboard.respond_by", &[("date", &due)])}</strong> })}
                            </td>
                            <td><a href=format!("/cases/{}", n.receipt_number)>{n.receipt_number.clone()}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
