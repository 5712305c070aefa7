//! The console's front page: search cases, or work the office's queue. The search is a plain GET
//! form, so results have an address (and paging works) with or without JavaScript.

use crate::api::staff::cases::{load_queue, search_cases, StaffCaseList};
use crate::domain::office::OFFICES;
use crate::domain::{CaseStatus, FormType};
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Wanted {
    q: String,
    form: String,
    status: String,
    office: String,
    page: u64,
}

impl Wanted {
    fn is_search(&self) -> bool {
        !self.q.trim().is_empty() || !self.form.is_empty() || !self.status.is_empty()
    }

    /// The address of another page of the same list.
    fn page_href(&self, page: u64) -> String {
        let mut url = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [("q", &self.q), ("form", &self.form), ("status", &self.status), ("office", &self.office)]
        {
            if !value.is_empty() {
                url.append_pair(name, value);
            }
        }
        url.append_pair("page", &page.to_string());
        format!("{}?{}", routes::STAFF, url.finish())
    }
}

#[component]
pub fn StaffConsolePage() -> impl IntoView {
    let query = use_query_map();
    let wanted = Memo::new(move |_| {
        let q = query.read();
        let get = |name: &str| q.get(name).unwrap_or_default();
        Wanted {
            q: get("q"),
            form: get("form"),
            status: get("status"),
            office: get("office"),
            page: get("page").parse().unwrap_or(1),
        }
    });
    let list = Resource::new(
        move || wanted.get(),
        |w| async move {
            let some = |v: &str| (!v.is_empty()).then(|| v.to_owned());
            if w.is_search() {
                search_cases(w.q.clone(), some(&w.form), some(&w.status), some(&w.office), Some(w.page)).await
            } else {
                load_queue(some(&w.office), Some(w.page)).await
            }
        },
    );
    let selected = move |name: &'static str, value: &'static str| {
        move || {
            let w = wanted.get();
            let current = match name {
                "form" => w.form,
                "status" => w.status,
                _ => w.office,
            };
            current == value
        }
    };
    view! {
        <Title text="Cases"/>
        <h1>"Cases"</h1>
        <form method="get" action=routes::STAFF class="usa-form usa-form--large" role="search" aria-label="Find cases">
            <label class="usa-label" for="q">"Receipt number, A-Number or name"</label>
            <input class="usa-input" id="q" name="q" type="search" value=move || wanted.get().q/>
            <label class="usa-label" for="form">"Form"</label>
            <select class="usa-select" id="form" name="form">
                <option value="">"Any form"</option>
                {FormType::ALL.iter().map(|f| view! {
                    <option value=f.code() selected=selected("form", f.code())>{format!("{} — {}", f.code(), f.title_en())}</option>
                }).collect_view()}
            </select>
            <label class="usa-label" for="status">"Status"</label>
            <select class="usa-select" id="status" name="status">
                <option value="">"Any status"</option>
                {CaseStatus::ALL.iter().map(|s| view! {
                    <option value=s.key() selected=selected("status", s.key())>{s.title_en()}</option>
                }).collect_view()}
            </select>
            <label class="usa-label" for="office">"Office"</label>
            <select class="usa-select" id="office" name="office">
                <option value="">"My office (queue) / any office (search)"</option>
                {OFFICES.iter().map(|o| view! {
                    <option value=o.code selected=selected("office", o.code)>{o.name}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="usa-button margin-top-2">"Search"</button>
            <a class="usa-button usa-button--outline margin-top-2" href=routes::STAFF>"Back to my queue"</a>
        </form>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(found) => view! { <CaseTable found wanted=wanted.get_untracked()/> }.into_any(),
                    Err(e) => view! { <super::StaffError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseTable(found: StaffCaseList, wanted: Wanted) -> impl IntoView {
    let (page, has_next) = (found.page, found.has_next);
    view! {
        <h2 id="results-heading">{found.heading}</h2>
        <p>{found.summary}</p>
        {(!found.rows.is_empty()).then(|| view! {
            <table class="usa-table usa-table--borderless usa-table--stacked" aria-labelledby="results-heading">
                <thead><tr>
                    <th scope="col">"Receipt number"</th><th scope="col">"Name"</th><th scope="col">"Form"</th>
                    <th scope="col">"Status"</th><th scope="col">"Office"</th><th scope="col">"Last change"</th>
                </tr></thead>
                <tbody>
                    {found.rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row" data-label="Receipt number"><a href=r.href>{r.receipt_number}</a></th>
                            <td data-label="Name">{r.full_name}</td>
                            <td data-label="Form">{r.form}</td>
                            <td data-label="Status">{r.status}</td>
                            <td data-label="Office">{r.office}</td>
                            <td data-label="Last change">{r.updated}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        <super::Pager label="Pages of results" previous=(page > 1).then(|| wanted.page_href(page - 1))
            next=has_next.then(|| wanted.page_href(page + 1))/>
    }
}
