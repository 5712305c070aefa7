//! Inquiries about a case (see `server::cases::inquiries`): the form that sends one, and a thread
//! with its reply form. Both work without JavaScript; a refusal comes back with what was typed.

use crate::api::cases::inquiries::{load_inquiry, load_inquiry_form, AskView, ReplyToInquiry, SendInquiry, ThreadView};
use crate::components::alert::{Alert, AlertKind, ErrorNotice};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, TextArea};
use crate::components::live_updates::LiveUpdates;
use crate::error::AppError;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What a page shows when its data could not be read: "not found" with the way back, or the error.
fn not_loaded(error: AppError) -> AnyView {
    match error {
        AppError::NotFound => super::case_not_found(),
        other => view! { <ErrorNotice error=other/> }.into_any(),
    }
}

#[component]
pub fn NewInquiryPage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let query = use_query_map();
    let receipt = move || params.read().get("receipt").unwrap_or_default();
    // Read again after each answer: a refusal brings back what was chosen and typed.
    let page =
        Resource::new(move || (receipt(), query.read().to_query_string()), |(receipt, _)| load_inquiry_form(receipt));
    view! {
        <Title text=t.get(key!("inquiry.new_title"))/>
        <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <AskForm view/> }.into_any(),
                    Err(error) => not_loaded(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AskForm(view: AskView) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<SendInquiry>::new();
    let error = form_error_from_query();
    let kind_error = field_error(error, "kind");
    let back = t.fmt(key!("reschedule.back"), &[("receipt", &view.receipt_number)]);
    let chosen = view.kind.clone();
    view! {
        <p><a class="usa-link" href=view.case_path.clone()>"← " {back}</a></p>
        <h1>{t.get(key!("inquiry.new_title"))}</h1>
        <p class="usa-intro">{t.fmt(key!("inquiry.new_lead"), &[("receipt", &view.receipt_number)])}</p>
        <ErrorSummary error/>
        {if view.at_limit {
            view! { <Alert kind=AlertKind::Info><p>{t.get(key!("error.inquiry_limit_reached"))}</p></Alert> }.into_any()
        } else {
            view! {
                <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                    <input type="hidden" name="receipt_number" value=view.receipt_number.clone()/>
                    <fieldset class="usa-fieldset" aria-describedby=move || kind_error.get().map(|_| "kind-error")>
                        <div class="usa-form-group" class:usa-form-group--error=move || kind_error.get().is_some()>
                            <legend class="usa-legend">{t.get(key!("inquiry.kind"))}</legend>
                            {move || kind_error.get().map(|m| view! { <p class="usa-error-message" id="kind-error">{m}</p> })}
                            {view.kinds.into_iter().map(|kind| {
                                let id = format!("kind-{}", kind.key);
                                let hint_id = format!("{id}-hint");
                                let disabled = kind.not_now.is_some();
                                view! {
                                    <div class="usa-radio">
                                        <input class="usa-radio__input" type="radio" id=id.clone() name="kind"
                                            value=kind.key.clone() checked=chosen == kind.key disabled=disabled
                                            aria-describedby=disabled.then(|| hint_id.clone())/>
                                        <label class="usa-radio__label" for=id>{kind.label}
                                            {kind.not_now.map(|why| view! {
                                                <span class="usa-checkbox__label-description" id=hint_id>{why}</span>
                                            })}
                                        </label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <TextArea label=t.get(key!("inquiry.message")) name="message" hint=t.get(key!("inquiry.message_hint"))
                        error=field_error(error, "message") value=view.message/>
                    <button type="submit" class="usa-button" data-busy=t.get(key!("inquiry.busy"))>{t.get(key!("inquiry.send"))}</button>
                </ActionForm>
            }.into_any()
        }}
    }
}

#[component]
pub fn InquiryPage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let which = move || {
        let params = params.read();
        let receipt = params.get("receipt").unwrap_or_default();
        let inquiry = params.get("inquiry").and_then(|id| id.parse::<i32>().ok()).unwrap_or(-1);
        (receipt, inquiry)
    };
    let reply = ServerAction::<ReplyToInquiry>::new();
    let page = Resource::new(which, |(receipt, inquiry)| load_inquiry(receipt, inquiry));
    view! {
        <LiveUpdates/>
        <Title text=t.get(key!("inquiry.title"))/>
        <Transition fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <Thread view action=reply/> }.into_any(),
                    Err(error) => not_loaded(error),
                }
            })}
        </Transition>
    }
}

#[component]
fn Thread(view: ThreadView, action: ServerAction<ReplyToInquiry>) -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    let error = form_error_from_query();
    let back = t.fmt(key!("reschedule.back"), &[("receipt", &view.receipt_number)]);
    view! {
        <p><a class="usa-link" href=view.case_path.clone()>"← " {back}</a></p>
        <h1>{t.get(key!("inquiry.title"))} ": " {view.kind.clone()}</h1>
        {move || sent().then(|| view! { <Alert kind=AlertKind::Success><p>{t.get(key!("inquiry.sent"))}</p></Alert> })}
        <p>{t.get(key!("inquiry.state"))} " " <strong>{view.state.clone()}</strong></p>
        <MessageList messages=view.messages/>
        {if view.closed {
            view! { <p>{t.get(key!("inquiry.closed_text"))}</p> }.into_any()
        } else {
            view! {
                <h2 id="reply-heading">{t.get(key!("inquiry.reply"))}</h2>
                <ErrorSummary error/>
                <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true attr:aria-labelledby="reply-heading">
                    <input type="hidden" name="receipt_number" value=view.receipt_number.clone()/>
                    <input type="hidden" name="inquiry" value=view.inquiry_id.to_string()/>
                    <TextArea label=t.get(key!("inquiry.message")) name="message" hint=t.get(key!("inquiry.message_hint"))
                        error=field_error(error, "message") value=view.draft/>
                    <button type="submit" class="usa-button" data-busy=t.get(key!("inquiry.busy"))>{t.get(key!("inquiry.send_reply"))}</button>
                </ActionForm>
            }.into_any()
        }}
    }
}

/// A thread's messages, oldest first, each with who wrote it and when. Bodies are text nodes:
/// whatever was typed shows as typed, never as markup.
#[component]
pub fn MessageList(messages: Vec<crate::api::cases::inquiries::MessageView>) -> impl IntoView {
    let t = use_t();
    view! {
        <ol class="usa-list usa-list--unstyled message-thread" aria-label=t.get(key!("inquiry.messages"))>
            {messages.into_iter().map(|m| view! {
                <li class="message" class:message--staff=m.from_staff>
                    <p class="message__meta"><strong>{m.from}</strong> " — " {m.when}</p>
                    <p class="message__body">{m.body}</p>
                </li>
            }).collect_view()}
        </ol>
    }
}
