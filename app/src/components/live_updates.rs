//! Live status: while a page about an applicant's cases is open, it listens to `/live` (a
//! Server-Sent Events stream, one per tab) and, when a case changes, loads the page again, so the
//! new status, history, notice and unread count appear without the person asking. The page says
//! so once it is back ("updated just now"), and the offline copy of the page is refreshed too.
//!
//! A page where the person has typed something (an inquiry's reply) is not reloaded under them:
//! it says that newer information is waiting, with a button to load it. Without JavaScript
//! nothing listens: the page is current whenever it is loaded.
//!
//! In islands mode there is no client-side router to re-read a page's data, so a reload is the
//! way the page's server-rendered parts (all of them) are brought up to date.

use crate::components::alert::{Alert, AlertKind};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(not(feature = "ssr"))]
use wasm_bindgen::prelude::*;

// The browser's EventSource and sessionStorage, bound by hand: the few calls used here do not
// justify enabling web-sys's features (and their size) for the whole bundle.
#[cfg(not(feature = "ssr"))]
#[wasm_bindgen]
extern "C" {
    type EventSource;
    #[wasm_bindgen(constructor, catch)]
    fn new(url: &str) -> Result<EventSource, JsValue>;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_event_listener(this: &EventSource, kind: &str, listener: &leptos::web_sys::js_sys::Function);
    #[wasm_bindgen(method)]
    fn close(this: &EventSource);
    /// Defined by `/assets/offline-register.js`: asks the service worker to save the page again.
    #[wasm_bindgen(catch, js_namespace = window, js_name = porticoRefreshOffline)]
    fn refresh_offline(path: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = sessionStorage, js_name = getItem)]
    fn session_get(key: &str) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(catch, js_namespace = sessionStorage, js_name = setItem)]
    fn session_set(key: &str, value: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = sessionStorage, js_name = removeItem)]
    fn session_remove(key: &str) -> Result<(), JsValue>;
}

/// The `sessionStorage` key a reload for news leaves for the page it reloads (the page's path).
#[cfg(not(feature = "ssr"))]
const RELOADED_FOR_NEWS: &str = "portico-live-reloaded";

/// The words the listener may show, in the page's language (an island gets its words as props).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveWords {
    /// Shown after a reload the news caused.
    pub updated: String,
    /// Shown instead of reloading a page the person has typed into.
    pub waiting: String,
    /// The button that loads the waiting news.
    pub reload: String,
}

impl LiveWords {
    pub fn new(t: crate::i18n::T) -> Self {
        Self {
            updated: t.get(key!("live.updated")).to_owned(),
            waiting: t.get(key!("live.waiting")).to_owned(),
            reload: t.get(key!("live.reload")).to_owned(),
        }
    }
}

/// Listens while mounted; put it on every page that shows an applicant's cases.
#[component]
pub fn LiveUpdates() -> impl IntoView {
    view! { <LiveListener words=LiveWords::new(crate::i18n::use_t())/> }
}

#[island]
fn LiveListener(words: LiveWords) -> impl IntoView {
    // Shown after a reload for news; `waiting`: news arrived while the person was typing.
    let updated = RwSignal::new(false);
    let waiting = RwSignal::new(false);
    #[cfg(not(feature = "ssr"))]
    Effect::new(move |_| {
        use leptos::wasm_bindgen::JsCast;
        let path = window().location().pathname().unwrap_or_default();
        if session_get(RELOADED_FOR_NEWS).ok().flatten().as_deref() == Some(path.as_str()) {
            let _ = session_remove(RELOADED_FOR_NEWS);
            updated.set(true);
        }
        // Typing anywhere on the page (capturing: every field's input is heard here).
        let typed = StoredValue::new(false);
        let on_input = Closure::<dyn Fn()>::new(move || typed.set_value(true));
        let _ = document().add_event_listener_with_callback_and_bool("input", on_input.as_ref().unchecked_ref(), true);
        on_input.forget();
        let Ok(source) = EventSource::new(crate::routes::LIVE) else { return };
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let path = window().location().pathname().unwrap_or_default();
            let _ = refresh_offline(&path);
            if typed.get_value() {
                waiting.set(true);
            } else {
                let _ = session_set(RELOADED_FOR_NEWS, &path);
                let _ = window().location().reload();
            }
        });
        source.add_event_listener("cases", on_change.as_ref().unchecked_ref());
        let kept = send_wrapper::SendWrapper::new((source, on_change));
        on_cleanup(move || {
            let (source, _listener) = kept.take();
            source.close();
        });
    });
    let reload = move |_| {
        #[cfg(not(feature = "ssr"))]
        let _ = window().location().reload();
    };
    let LiveWords { updated: updated_text, waiting: waiting_text, reload: reload_label } = words;
    view! {
        <div class="live-status">
            {move || updated.get().then(|| {
                let text = updated_text.clone();
                view! { <Alert kind=AlertKind::Info><p>{text}</p></Alert> }
            })}
            {move || waiting.get().then(|| {
                let (text, label) = (waiting_text.clone(), reload_label.clone());
                view! {
                    <Alert kind=AlertKind::Info>
                        <p>{text}</p>
                        <button type="button" class="usa-button usa-button--outline" on:click=reload>{label}</button>
                    </Alert>
                }
            })}
        </div>
    }
}
