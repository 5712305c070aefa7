//! The inquiry queue (applicants' inquiries awaiting an answer, the longest waiting first) and one
//! inquiry with the answer form. Every read and answer is audited.

use crate::api::staff::inquiries::{
    load_inquiry_queue, load_staff_inquiry, AnswerInquiry, StaffInquiryList, StaffInquiryView,
};
use crate::components::alert::{Alert, AlertKind};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary};
use crate::pages::cases::inquiries::MessageList;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffInquiriesPage() -> impl IntoView {
    let query = use_query_map();
    let page = Memo::new(move |_| query.read().get("page").and_then(|p| p.parse::<u64>().ok()).unwrap_or(1));
    let answered = move || query.read().get("answered").is_some();
    let list = Resource::new(move || page.get(), |page| load_inquiry_queue(Some(page)));
    view! {
        <Title text="Inquiries"/>
        <h1>"Inquiries"</h1>
        {move || answered().then(|| view! {
            <Alert kind=AlertKind::Success><p>"Your answer was sent. The applicant is told by email to sign in and read it."</p></Alert>
        })}
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(found) => view! { <InquiryTable found/> }.into_any(),
                    Err(e) => view! { <super::StaffError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InquiryTable(found: StaffInquiryList) -> impl IntoView {
    let (page, pages) = (found.page, found.pages);
    let page_href = |page: u64| format!("{}?page={page}", routes::STAFF_INQUIRIES);
    view! {
        <h2 id="inquiries-heading">{found.heading}</h2>
        <p>{format!("{} awaiting an answer; page {page} of {pages}.", found.total)}</p>
        {(!found.rows.is_empty()).then(|| view! {
            <table class="usa-table usa-table--borderless usa-table--stacked" aria-labelledby="inquiries-heading">
                <thead><tr>
                    <th scope="col">"Receipt number"</th><th scope="col">"Name"</th><th scope="col">"Type"</th>
                    <th scope="col">"Form"</th><th scope="col">"Office"</th><th scope="col">"Waiting since"</th>
                </tr></thead>
                <tbody>
                    {found.rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row" data-label="Receipt number"><a href=r.href>{r.receipt_number}</a></th>
                            <td data-label="Name">{r.full_name}</td>
                            <td data-label="Type">{r.kind}</td>
                            <td data-label="Form">{r.form}</td>
                            <td data-label="Office">{r.office}</td>
                            <td data-label="Waiting since">{r.waiting_since}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        <super::Pager label="Pages of inquiries" previous=(page > 1).then(|| page_href(page - 1))
            next=(page < pages).then(|| page_href(page + 1))/>
    }
}

#[component]
pub fn StaffInquiryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("inquiry").and_then(|id| id.parse::<i32>().ok()).unwrap_or(-1));
    let data = Resource::new(move || (id.get(), query.read().get("error")), |(id, _)| load_staff_inquiry(id));
    view! {
        <Title text="Inquiry"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(inquiry) => view! { <InquiryView inquiry/> }.into_any(),
                    Err(e) => view! { <h1>"Inquiry"</h1><super::StaffError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InquiryView(inquiry: StaffInquiryView) -> impl IntoView {
    let action = ServerAction::<AnswerInquiry>::new();
    let error = form_error_from_query();
    view! {
        <p><a class="usa-link" href=routes::STAFF_INQUIRIES>"← Inquiries"</a></p>
        <h1>{format!("Inquiry about case {}: {}", inquiry.receipt_number, inquiry.kind)}</h1>
        <dl class="case-facts">
            <dt>"Case"</dt><dd><a class="usa-link" href=inquiry.case_href.clone()>{inquiry.receipt_number.clone()}</a></dd>
            <dt>"Name"</dt><dd>{inquiry.full_name.clone()}</dd>
            <dt>"Form"</dt><dd>{inquiry.form.clone()}</dd>
            <dt>"Case status"</dt><dd>{inquiry.status.clone()}</dd>
            <dt>"Inquiry"</dt><dd>{inquiry.state.clone()}</dd>
        </dl>
        {inquiry.inquiry_from.map(|text| view! { <p>{text}</p> })}
        <MessageList messages=inquiry.messages/>
        {if inquiry.closed {
            view! { <p>"This inquiry is closed."</p> }.into_any()
        } else {
            view! {
                <h2 id="answer-heading">"Answer"</h2>
                <ErrorSummary error/>
                <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true attr:aria-labelledby="answer-heading">
                    <input type="hidden" name="inquiry" value=inquiry.id.to_string()/>
                    <super::TextArea label="Your answer" name="message"
                        hint="Plain text, up to 2,000 characters. The applicant reads it signed in; the email only says there is an answer."
                        error=field_error(error, "message") value=inquiry.draft/>
                    <div class="usa-checkbox">
                        <input class="usa-checkbox__input" type="checkbox" id="close" name="close" value="1"/>
                        <label class="usa-checkbox__label" for="close">"Close the inquiry with this answer (no more replies)"</label>
                    </div>
                    <button type="submit" class="usa-button margin-top-2" data-busy="Sending…">"Send the answer"</button>
                </ActionForm>
            }.into_any()
        }}
    }
}
