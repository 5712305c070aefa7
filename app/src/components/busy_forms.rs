//! Every form shows it is working while it waits, so a slow answer (an argon2 check, an upload)
//! cannot be sent twice: once a form is submitted, its submit buttons are disabled and read their
//! busy words ("Signing in…", from the button's `data-busy`, else "Working…"), and the form is
//! `aria-busy`. Every form here is answered with a new page; a form whose answer never came (the
//! network failed) is ready again after [`GIVE_UP`], and a page the browser brings back from its
//! back-forward cache is ready again at once.
//!
//! One listener on the document (an island) rather than a change to each of the ~50 forms, so a
//! new form is covered without anyone remembering to. Without JavaScript the browser's own page
//! load shows the wait.

use crate::i18n::use_t;
use leptos::prelude::*;

/// How long a form stays busy without an answer.
pub const GIVE_UP: std::time::Duration = std::time::Duration::from_secs(30);

#[component]
pub fn BusyForms() -> impl IntoView {
    let t = use_t();
    view! { <BusyFormsListener working=t.get(key!("common.working")).to_owned()/> }
}

#[island]
fn BusyFormsListener(working: String) -> impl IntoView {
    #[cfg(not(feature = "ssr"))]
    Effect::new(move |_| {
        use leptos::wasm_bindgen::{closure::Closure, JsCast};
        let working = working.clone();
        let on_submit = Closure::<dyn Fn(leptos::web_sys::Event)>::new(move |event: leptos::web_sys::Event| {
            let Some(form) = event.target().and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok()) else {
                return;
            };
            let working = working.clone();
            // After the browser (or the form's own handler) has read its fields and its submitter.
            set_timeout(
                move || {
                    mark_busy(&form, &working);
                    set_timeout(move || ready_again(&form), GIVE_UP);
                },
                std::time::Duration::ZERO,
            );
        });
        // Capturing: it is heard even when the form's own handler stops the event.
        let _ =
            document().add_event_listener_with_callback_and_bool("submit", on_submit.as_ref().unchecked_ref(), true);
        on_submit.forget();
        // Back (or forward) to a page kept whole in the browser's cache: its forms were left busy.
        let on_show = Closure::<dyn Fn()>::new(move || {
            // One at a time (`query_selector`: web-sys's NodeList is not in the bundle); each one
            // made ready loses the attribute the next search looks for.
            while let Ok(Some(form)) = document().query_selector("form[aria-busy=\"true\"]") {
                ready_again(&form);
            }
        });
        let _ = window().add_event_listener_with_callback("pageshow", on_show.as_ref().unchecked_ref());
        on_show.forget();
    });
    #[cfg(feature = "ssr")]
    let _ = working;
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
