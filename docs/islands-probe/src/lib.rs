//! A measurement, not a product: the WebAssembly Portico's interactive parts would ship in
//! Leptos' islands mode (docs/performance.md, "The browser's download").
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

/// The banner's "Here's how you know".
#[island]
pub fn BannerToggle(label: String, children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button type="button" aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|o| *o = !*o)>{label}</button>
        <div hidden=move || !open.get()>{children()}</div>
    }
}

/// The header's menu on narrow screens.
#[island]
pub fn MenuToggle(open_label: String, close_label: String, children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    view! {
        <button type="button" node_ref=button on:click=move |_| open.set(true)>{open_label}</button>
        <nav class:is-visible=open on:keydown=move |e| if e.key() == "Escape" { open.set(false); if let Some(b) = button.get() { let _ = b.focus(); } }>
            <button type="button" on:click=move |_| open.set(false)>{close_label}</button>
            {children()}
        </nav>
    }
}

#[server]
pub async fn stay_signed_in() -> Result<i64, ServerFnError> {
    Ok(0)
}

/// The idle warning: a countdown, and "stay signed in" asks the server.
#[island]
pub fn IdleWarning(seconds_left: i64, warn_at: i64, title: String, stay: String, sign_out: String) -> impl IntoView {
    let left = RwSignal::new(seconds_left);
    let stay_action = ServerAction::<StaySignedIn>::new();
    Effect::new(move |_| {
        if let Some(Ok(fresh)) = stay_action.value().get() {
            left.set(fresh);
        }
    });
    let handle = set_interval_with_handle(move || left.update(|l| *l -= 1), std::time::Duration::from_secs(1));
    on_cleanup(move || {
        if let Ok(h) = handle {
            h.clear();
        }
    });
    view! {
        <Show when=move || { left.get() <= warn_at }>
            <div role="alertdialog" aria-labelledby="idle-title">
                <h2 id="idle-title">{title.clone()}</h2>
                <p>{move || format!("{} s", left.get().max(0))}</p>
                <button type="button" on:click=move |_| { stay_action.dispatch(StaySignedIn {}); }>{stay.clone()}</button>
                <a href="/sign-out">{sign_out.clone()}</a>
            </div>
        </Show>
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Strength {
    pub score: u8,
    pub words: String,
    pub suggestions: Vec<String>,
}

#[server]
pub async fn password_strength(password: String, email: String) -> Result<Strength, ServerFnError> {
    let _ = (password, email);
    Ok(Strength { score: 0, words: String::new(), suggestions: Vec::new() })
}

/// The password meter: asks the server (debounced) as the person types.
#[island]
pub fn PasswordMeter(label: String, hint: String, name: String) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let asked = RwSignal::new(0u32);
    let strength = Resource::new(
        move || asked.get(),
        move |_| {
            let password = typed.get_untracked();
            async move {
                if password.is_empty() {
                    None
                } else {
                    password_strength(password, String::new()).await.ok()
                }
            }
        },
    );
    view! {
        <label for=name.clone()>{label}</label>
        <span class="usa-hint">{hint}</span>
        <input type="password" id=name.clone() name=name autocomplete="new-password"
            on:input=move |e| {
                typed.set(event_target_value(&e));
                set_timeout(move || asked.update(|n| *n += 1), std::time::Duration::from_millis(300));
            }/>
        <Suspense>
            {move || strength.get().flatten().map(|s| view! {
                <meter min="0" max="4" value=s.score></meter>
                <p aria-live="polite">{s.words.clone()}</p>
                <ul>{s.suggestions.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
            })}
        </Suspense>
    }
}

/// Busy buttons: a form's submit button says it is working once pressed.
#[island]
pub fn BusyForm(action: String, busy: String, children: Children) -> impl IntoView {
    let pressed = RwSignal::new(false);
    view! {
        <form method="post" action=action on:submit=move |_| pressed.set(true)>
            {children()}
            <button type="submit" disabled=pressed aria-busy=move || pressed.get().to_string()>
                {move || if pressed.get() { busy.clone() } else { "Save".to_owned() }}
            </button>
        </form>
    }
}

#[wasm_bindgen]
extern "C" {
    type EventSource;
    #[wasm_bindgen(constructor, catch)]
    fn new(url: &str) -> Result<EventSource, JsValue>;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_event_listener(this: &EventSource, kind: &str, listener: &leptos::web_sys::js_sys::Function);
    #[wasm_bindgen(method)]
    fn close(this: &EventSource);
}

/// Live status: on a change, the page is loaded again (no client-side router in islands mode).
#[island]
pub fn LiveUpdates() -> impl IntoView {
    Effect::new(move |_| {
        let Ok(source) = EventSource::new("/live") else { return };
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let _ = window().location().reload();
        });
        source.add_event_listener("cases", on_change.as_ref().unchecked_ref());
        let kept = send_wrapper::SendWrapper::new((source, on_change));
        on_cleanup(move || {
            let (source, _listener) = kept.take();
            source.close();
        });
    });
}

#[wasm_bindgen]
extern "C" {
    type XMLHttpRequest;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<XMLHttpRequest, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn open(this: &XMLHttpRequest, method: &str, url: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn send_with_opt_form_data(this: &XMLHttpRequest, body: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter)]
    fn upload(this: &XMLHttpRequest) -> XMLHttpRequestUpload;
    #[wasm_bindgen(method, setter)]
    fn set_onload(this: &XMLHttpRequest, handler: &leptos::web_sys::js_sys::Function);
    #[wasm_bindgen(method, getter, js_name = responseURL)]
    fn response_url(this: &XMLHttpRequest) -> String;
    type XMLHttpRequestUpload;
    #[wasm_bindgen(method, setter)]
    fn set_onprogress(this: &XMLHttpRequestUpload, handler: &leptos::web_sys::js_sys::Function);
    #[wasm_bindgen(js_name = FormData)]
    type FormData;
    #[wasm_bindgen(constructor, js_class = "FormData", catch)]
    fn new_with_form(form: &leptos::web_sys::HtmlFormElement) -> Result<FormData, JsValue>;
}

/// The upload's progress bar.
#[island]
pub fn UploadForm(action: String, progress_label: String, children: Children) -> impl IntoView {
    let progress = RwSignal::new(None::<u32>);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        let Some(form) = event.target().and_then(|t| t.dyn_into::<leptos::web_sys::HtmlFormElement>().ok()) else {
            return;
        };
        let (Ok(request), Ok(data)) = (XMLHttpRequest::new(), FormData::new_with_form(&form)) else { return };
        event.prevent_default();
        let _ = request.open("POST", &form.action());
        progress.set(Some(0));
        let on_progress = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
            use leptos::web_sys::js_sys::Reflect;
            let loaded = Reflect::get(&e, &"loaded".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            let total = Reflect::get(&e, &"total".into()).ok().and_then(|v| v.as_f64()).unwrap_or(1.0);
            progress.set(Some(((loaded / total) * 100.0).round() as u32));
        });
        request.upload().set_onprogress(on_progress.as_ref().unchecked_ref());
        on_progress.forget();
        let _ = request.send_with_opt_form_data(&data.into());
    };
    view! {
        <form method="post" enctype="multipart/form-data" action=action on:submit=on_submit>
            {children()}
            {move || progress.get().map(|p| view! {
                <label for="upload-progress">{progress_label.clone()}</label>
                <progress id="upload-progress" max="100" value=p></progress>
            })}
        </form>
    }
}

/// The officer's search box follows the address after the first render.
#[island]
pub fn SearchBox(name: String, label: String, value: String) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let _ = window().add_event_listener_with_callback(
        "popstate",
        Closure::<dyn Fn()>::new(move || {
            if let (Some(i), Ok(search)) = (input.get(), window().location().search()) {
                i.set_value(&search);
            }
        })
        .into_js_value()
        .unchecked_ref(),
    );
    view! {
        <label for=name.clone()>{label}</label>
        <input type="search" id=name.clone() name=name value=value node_ref=input/>
    }
}
