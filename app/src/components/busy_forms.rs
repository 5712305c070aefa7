//! Every form shows it is working while it waits, so a slow answer (an argon2 check, an upload)
//! cannot be sent twice: once a form is submitted, its submit buttons are disabled and read their
//! busy words ("Signing in…", from the button's `data-busy`, else "Working…"), and the form is
//! `aria-busy`. Every form here answers with a navigation (to the next page, or back with the
//! error), after which the form is ready again; a form whose answer never came (the network
//! failed) is ready again after [`GIVE_UP`].
//!
//! The answer's arrival is read from the browser's resource timing (a `PerformanceObserver` entry
//! for the form's `/api/…` address), since an answer may lead back to the very address the page
//! is at (the same refusal twice), which no navigation signal reports.
//!
//! One listener on the document rather than a change to each of the ~50 forms: Leptos' `ActionForm`
//! offers no hook for it, and a new form is covered without anyone remembering to.
//! Without JavaScript the browser's own page load shows the wait.

use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
#[cfg(not(feature = "ssr"))]
use wasm_bindgen::prelude::*;

// The browser's PerformanceObserver, bound by hand (as `live_updates` binds EventSource): web-sys's
// feature for it is not in the bundle, and three calls do not justify it.
#[cfg(not(feature = "ssr"))]
#[wasm_bindgen]
extern "C" {
    type PerformanceObserver;
    #[wasm_bindgen(constructor, catch)]
    fn new(callback: &leptos::web_sys::js_sys::Function) -> Result<PerformanceObserver, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn observe(this: &PerformanceObserver, options: &JsValue) -> Result<(), JsValue>;
    type PerformanceEntryList;
    #[wasm_bindgen(method, js_name = getEntries)]
    fn get_entries(this: &PerformanceEntryList) -> leptos::web_sys::js_sys::Array;
}

/// How long a form stays busy without an answer.
pub const GIVE_UP: std::time::Duration = std::time::Duration::from_secs(30);

#[component]
pub fn BusyForms() -> impl IntoView {
    let t = use_t();
    let location = use_location();
    #[cfg(not(feature = "ssr"))]
    {
        use leptos::wasm_bindgen::{closure::Closure, JsCast};
        let working = t.get(key!("common.working"));
        Effect::new(move |_| {
            let on_submit = Closure::<dyn Fn(leptos::web_sys::Event)>::new(move |event: leptos::web_sys::Event| {
                let Some(form) = event.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()) else {
                    return;
                };
                // After the form's own handler has read its fields (and its submitter).
                set_timeout(
                    move || {
                        mark_busy(&form, working);
                        set_timeout(move || ready_again(&form), GIVE_UP);
                    },
                    std::time::Duration::ZERO,
                );
            });
            // Capturing: it is heard even when the form's own handler stops the event.
            let _ = document().add_event_listener_with_callback_and_bool(
                "submit",
                on_submit.as_ref().unchecked_ref(),
                true,
            );
            on_submit.forget();
        });
        // An answer arrived: the form that sent it is ready again.
        Effect::new(move |_| {
            let on_entries = Closure::<dyn Fn(PerformanceEntryList)>::new(move |list: PerformanceEntryList| {
                for entry in list.get_entries().iter() {
                    let name = leptos::web_sys::js_sys::Reflect::get(&entry, &"name".into())
                        .ok()
                        .and_then(|n| n.as_string())
                        .unwrap_or_default();
                    let path = name.split(['?', '#']).next().unwrap_or_default().to_owned();
                    // After the page has taken the answer in (a navigation, a message).
                    set_timeout(move || answered(&path), std::time::Duration::ZERO);
                }
            });
            if let Ok(observer) = PerformanceObserver::new(on_entries.as_ref().unchecked_ref()) {
                let options = leptos::web_sys::js_sys::Object::new();
                let _ = leptos::web_sys::js_sys::Reflect::set(&options, &"type".into(), &"resource".into());
                let _ = observer.observe(&options);
            }
            on_entries.forget();
        });
        // A navigation is an answer too: every busy form is ready again.
        Effect::new(move |_| {
            location.pathname.track();
            location.search.track();
            // One at a time (`query_selector`: web-sys's NodeList is not in the bundle); each one
            // made ready loses the attribute the next search looks for.
            while let Ok(Some(form)) = document().query_selector("form[aria-busy=\"true\"]") {
                ready_again(&form);
            }
        });
    }
    #[cfg(feature = "ssr")]
    let _ = (t, location);
}

/// Makes ready the busy forms whose answer came from `url` (absolute, without its query): those
/// whose `action` is its path.
#[cfg(not(feature = "ssr"))]
fn answered(url: &str) {
    let path = url.splitn(4, '/').nth(3).map(|rest| format!("/{rest}")).unwrap_or_default();
    // Only a server function's plain path goes into the selector.
    if !path.starts_with("/api/") || !path.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '/') {
        return;
    }
    let busy = format!("form[aria-busy=\"true\"][action=\"{path}\"]");
    while let Ok(Some(form)) = document().query_selector(&busy) {
        ready_again(&form);
    }
}

#[cfg(not(feature = "ssr"))]
fn mark_busy(form: &leptos::web_sys::Element, working: &str) {
    if form.get_attribute("aria-busy").as_deref() == Some("true") {
        return;
    }
    let _ = form.set_attribute("aria-busy", "true");
    // Each button marked leaves the search (it is disabled now); one already disabled stays as it is.
    while let Ok(Some(button)) = form.query_selector("button[type=\"submit\"]:not([disabled])") {
        let label = button.text_content().unwrap_or_default();
        let busy = button.get_attribute("data-busy").unwrap_or_else(|| working.to_owned());
        let _ = button.set_attribute("data-label", &label);
        let _ = button.set_attribute("disabled", "");
        button.set_text_content(Some(&busy));
    }
}

#[cfg(not(feature = "ssr"))]
pub(crate) fn ready_again(form: &leptos::web_sys::Element) {
    let _ = form.remove_attribute("aria-busy");
    while let Ok(Some(button)) = form.query_selector("button[data-label]") {
        let label = button.get_attribute("data-label").unwrap_or_default();
        button.set_text_content(Some(&label));
        let _ = button.remove_attribute("data-label");
        let _ = button.remove_attribute("disabled");
    }
}
