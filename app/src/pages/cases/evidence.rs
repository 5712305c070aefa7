//! Responding to a Request for Evidence: what was asked and by when, the files uploaded so far
//! (each may be removed until the response is submitted), the upload form, and the signature that
//! submits. The upload is a plain multipart form, so it works without JavaScript; with it, the form
//! is sent by `XMLHttpRequest` (the one browser API that reports an upload's progress) and a
//! progress bar shows how much has gone, then the page the server answered with is opened.

use crate::api::cases::evidence::{load_evidence, EvidenceView, RemoveEvidenceFile, SubmitEvidence};
use crate::components::alert::{Alert, AlertKind, ErrorNotice};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, FieldLabel, TextField};
use crate::error::AppError;
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EvidencePage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let query = use_query_map();
    let receipt = move || params.read().get("receipt").unwrap_or_default();
    let remove = ServerAction::<RemoveEvidenceFile>::new();
    // Read again after every answer (an upload, a removal, a refusal).
    let page = Resource::new(
        move || (receipt(), query.read().to_query_string(), remove.version().get()),
        |(receipt, _, _)| load_evidence(receipt),
    );
    view! {
        <Title text=t.get(key!("evidence.title"))/>
        <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) => view! { <Response view remove/> }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <h1>{t.get(key!("evidence.title"))}</h1>
                        <p>{t.get(key!("evidence.none"))} " "
                           <a href=routes::DASHBOARD>{t.get(key!("case.back"))}</a></p>
                    }.into_any(),
                    Err(other) => view! { <ErrorNotice error=other/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

// XMLHttpRequest and FormData, bound by hand (as `busy_forms` binds PerformanceObserver): their
// web-sys features are not in the bundle, and these few calls do not justify them.
#[cfg(not(feature = "ssr"))]
mod browser {
    use leptos::wasm_bindgen::prelude::*;
    use leptos::web_sys::js_sys::Function;

    #[wasm_bindgen]
    extern "C" {
        #[derive(Clone)]
        pub type XMLHttpRequest;
        #[wasm_bindgen(constructor, catch)]
        pub fn new() -> Result<XMLHttpRequest, JsValue>;
        #[wasm_bindgen(method, catch)]
        pub fn open(this: &XMLHttpRequest, method: &str, url: &str) -> Result<(), JsValue>;
        #[wasm_bindgen(method, catch)]
        pub fn send(this: &XMLHttpRequest, body: &FormData) -> Result<(), JsValue>;
        #[wasm_bindgen(method, getter)]
        pub fn upload(this: &XMLHttpRequest) -> XMLHttpRequestUpload;
        #[wasm_bindgen(method, getter, js_name = responseURL)]
        pub fn response_url(this: &XMLHttpRequest) -> String;
        #[wasm_bindgen(method, getter)]
        pub fn status(this: &XMLHttpRequest) -> u16;
        #[wasm_bindgen(method, setter)]
        pub fn set_onload(this: &XMLHttpRequest, handler: &Function);
        #[wasm_bindgen(method, setter)]
        pub fn set_onerror(this: &XMLHttpRequest, handler: &Function);
        pub type XMLHttpRequestUpload;
        #[wasm_bindgen(method, setter)]
        pub fn set_onprogress(this: &XMLHttpRequestUpload, handler: &Function);
        pub type FormData;
        #[wasm_bindgen(constructor, catch)]
        pub fn new(form: &JsValue) -> Result<FormData, JsValue>;
    }
}

/// Sends the upload form by `XMLHttpRequest`, reporting progress in `progress` (percent); `failed`
/// when the connection broke. Without what it needs, the browser's own post goes ahead.
#[cfg(not(feature = "ssr"))]
fn send_with_progress(event: leptos::ev::SubmitEvent, progress: RwSignal<Option<u32>>, failed: RwSignal<bool>) {
    use browser::{FormData, XMLHttpRequest};
    use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use leptos::web_sys::js_sys::Reflect;
    let Some(form) = event.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()) else { return };
    let action = form.get_attribute("action").unwrap_or_default();
    let (Ok(request), Ok(data)) = (XMLHttpRequest::new(), FormData::new(form.as_ref())) else { return };
    if request.open("POST", &action).is_err() {
        return;
    }
    event.prevent_default();
    failed.set(false);
    progress.set(Some(0));
    let on_progress = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let number = |name: &str| Reflect::get(&event, &name.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let (loaded, total) = (number("loaded"), number("total"));
        if total > 0.0 {
            progress.set(Some(((loaded / total) * 100.0).round().clamp(0.0, 100.0) as u32));
        }
    });
    request.upload().set_onprogress(on_progress.as_ref().unchecked_ref());
    on_progress.forget();
    let answered = request.clone();
    let on_load = Closure::<dyn Fn()>::new(move || {
        // The server answered with a page (uploaded, or refused with the reason): open it.
        let location = window().location();
        let next = answered.response_url();
        if answered.status() < 400 && !next.is_empty() {
            let _ = location.set_href(&next);
        } else {
            let _ = location.reload();
        }
    });
    request.set_onload(on_load.as_ref().unchecked_ref());
    on_load.forget();
    let broken = form.clone();
    let on_error = Closure::<dyn Fn()>::new(move || {
        progress.set(None);
        failed.set(true);
        crate::components::busy_forms::ready_again(&broken);
    });
    request.set_onerror(on_error.as_ref().unchecked_ref());
    on_error.forget();
    if request.send(&data).is_err() {
        progress.set(None);
        failed.set(true);
    }
}

/// The upload form (an island): a plain multipart form the browser sends itself without
/// JavaScript; with it, sent by [`send_with_progress`] with a progress bar. Its fields come from
/// the server as children, its words as props.
#[island]
fn UploadForm(action: String, progress_label: String, broke: String, children: Children) -> impl IntoView {
    let progress = RwSignal::new(None::<u32>);
    let failed = RwSignal::new(false);
    let on_upload = move |event: leptos::ev::SubmitEvent| {
        #[cfg(not(feature = "ssr"))]
        send_with_progress(event, progress, failed);
        #[cfg(feature = "ssr")]
        let _ = (event, progress, failed);
    };
    view! {
        <form method="post" enctype="multipart/form-data" action=action
            class="usa-form usa-form--large" aria-labelledby="upload-heading" on:submit=on_upload>
            {children()}
            {move || progress.get().map(|percent| view! {
                <div class="margin-top-2">
                    <label class="usa-label" for="upload-progress">{progress_label.clone()}</label>
                    <progress id="upload-progress" max="100" value=percent.to_string()>{format!("{percent}%")}</progress>
                    <span role="status">{format!(" {percent}%")}</span>
                </div>
            })}
            {move || failed.get().then(|| {
                let text = broke.clone();
                view! { <Alert kind=AlertKind::Error><p>{text}</p></Alert> }
            })}
        </form>
    }
}

#[component]
fn Response(view: EvidenceView, remove: ServerAction<RemoveEvidenceFile>) -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let uploaded = move || query.read().get("uploaded");
    let removed = move || query.read().get("removed").is_some();
    let error = form_error_from_query();
    let files_error = field_error(error, "files");
    let signature_error = field_error(error, "signature");
    let submit = ServerAction::<SubmitEvidence>::new();
    let back = t.fmt(key!("reschedule.back"), &[("receipt", &view.receipt_number)]);
    let open = view.submitted.is_none() && !view.late;
    let has_files = !view.files.is_empty();
    let receipt = view.receipt_number.clone();
    view! {
        <p><a class="usa-link" href=view.case_path.clone()>"← " {back}</a></p>
        <h1>{t.get(key!("evidence.title"))}</h1>
        {move || uploaded().map(|count| view! {
            <Alert kind=AlertKind::Success><p>{t.fmt(key!("evidence.uploaded"), &[("count", &count)])}</p></Alert>
        })}
        {move || removed().then(|| view! { <Alert kind=AlertKind::Success><p>{t.get(key!("evidence.removed"))}</p></Alert> })}
        <ErrorSummary error/>
        <section aria-labelledby="asked-heading" class="usa-summary-box">
            <div class="usa-summary-box__body">
                <h2 class="usa-summary-box__heading" id="asked-heading">{t.get(key!("evidence.asked"))}</h2>
                <p class="usa-summary-box__text message__body">{view.asked.clone()}</p>
                <p><strong>{t.fmt(key!("evidence.due"), &[("date", &view.due)])}</strong></p>
            </div>
        </section>
        {view.submitted.clone().map(|text| view! { <Alert kind=AlertKind::Success><p>{text}</p></Alert> })}
        {view.late.then(|| view! { <Alert kind=AlertKind::Warning><p>{t.get(key!("error.evidence_late"))}</p></Alert> })}

        <section aria-labelledby="files-heading">
            <h2 id="files-heading">{t.get(key!("evidence.files"))}</h2>
            {if view.files.is_empty() {
                view! { <p>{t.get(key!("evidence.no_files"))}</p> }.into_any()
            } else {
                view! {
                    <ul class="usa-list usa-list--unstyled plain-list">
                        {view.files.into_iter().map(|file| {
                            let label = t.fmt(key!("evidence.remove"), &[("name", &file.name)]);
                            let receipt = receipt.clone();
                            view! {
                                <li>
                                    <a class="usa-link" href=file.href rel="external">{file.name.clone()}</a> " (" {file.about} ")"
                                    {open.then(|| view! {
                                        <ActionForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="receipt_number" value=receipt.clone()/>
                                            <input type="hidden" name="file" value=file.id.to_string()/>
                                            <button type="submit" class="usa-button usa-button--unstyled margin-left-1" aria-label=label>
                                                {t.get(key!("evidence.remove_short"))}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        {open.then(|| view! {
            <section aria-labelledby="upload-heading">
                <h2 id="upload-heading">{t.get(key!("evidence.add"))}</h2>
                // A plain form: the browser sends the files itself (no JavaScript needed).
                <UploadForm action=view.upload_path.clone() progress_label=t.get(key!("evidence.progress")).to_owned()
                    broke=t.get(key!("evidence.upload_broke")).to_owned()>
                    <div class="usa-form-group" class:usa-form-group--error=move || files_error.get().is_some()>
                        <FieldLabel label=t.get(key!("evidence.choose")) name="files" hint=Some(t.get(key!("evidence.choose_hint"))) error=files_error/>
                        <input class="usa-file-input__input usa-input" id="files" name="files" type="file" multiple=true
                            accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff"
                            aria-describedby=move || if files_error.get().is_some() { "files-hint files-error" } else { "files-hint" }/>
                    </div>
                    <p class="usa-hint">{t.fmt(key!("evidence.room"), &[("count", &view.room.to_string())])}</p>
                    <button type="submit" class="usa-button usa-button--outline" data-busy=t.get(key!("evidence.uploading"))>
                        {t.get(key!("evidence.upload"))}</button>
                </UploadForm>
            </section>
            <section aria-labelledby="submit-heading">
                <h2 id="submit-heading">{t.get(key!("evidence.sign"))}</h2>
                <p>{t.get(key!("evidence.sign_lead"))}</p>
                <ActionForm action=submit attr:class="usa-form usa-form--large" attr:novalidate=true>
                    <input type="hidden" name="receipt_number" value=view.receipt_number.clone()/>
                    <TextField label=t.get(key!("evidence.signature")) name="signature" autocomplete="name"
                        hint=t.get(key!("evidence.signature_hint")) error=signature_error value=view.signature.clone()/>
                    <button type="submit" class="usa-button" disabled=!has_files data-busy=t.get(key!("evidence.submitting"))>
                        {t.get(key!("evidence.submit"))}</button>
                </ActionForm>
            </section>
        })}
    }
}
