//! The idle-timeout warning: a signed-in page counts down the session's idle time (the figures
//! come from the server's `session_policy`), warns before the end with a "Stay signed in" button,
//! and signs out when the time is up. It needs JavaScript; without it the server still ends the
//! session on time and the next page asks to sign in.
//!
//! Activity in any tab of the session counts in every tab: each tab writes the time of its last
//! activity to `localStorage` (shared by the site's tabs), and each countdown moves its deadline to
//! the latest activity it reads there — one busy tab keeps the others signed in, as the server
//! does (the busy tab's requests keep the session alive).

use crate::api::identity::accounts::{keep_session_alive, sign_out};
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos::web_sys::js_sys::Date;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// The `localStorage` key the tabs share their last activity under (milliseconds since 1970).
const LAST_ACTIVITY: &str = "portico-last-activity";

// `localStorage`, bound by hand like `live_updates`' EventSource: two calls do not justify
// enabling web-sys's Storage feature for the whole bundle. Either may throw (storage disabled):
// then each tab counts alone, as before.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = localStorage, js_name = getItem)]
    fn storage_get(key: &str) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(catch, js_namespace = localStorage, js_name = setItem)]
    fn storage_set(key: &str, value: &str) -> Result<(), JsValue>;
}

/// Tells the other tabs of this activity.
fn share_activity(at: f64) {
    let _ = storage_set(LAST_ACTIVITY, &format!("{at:.0}"));
}

/// The latest activity any tab shared.
fn shared_activity() -> Option<f64> {
    storage_get(LAST_ACTIVITY).ok().flatten().and_then(|text| text.parse().ok())
}

/// The words of the warning, in the page's language (an island gets its words as props).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdleWords {
    pub heading: String,
    /// With `{time}` for the minutes and seconds left.
    pub text: String,
    pub stay: String,
}

#[component]
pub fn IdleWarning(
    idle_seconds: u64,
    warning_seconds: u64,
    /// Where the person goes once signed out (staff have their own sign-in page).
    #[prop(default = routes::SIGN_IN)]
    sign_in_path: &'static str,
) -> impl IntoView {
    let t = use_t();
    let words = IdleWords {
        heading: t.get(key!("idle.heading")).to_owned(),
        text: t.get(key!("idle.text")).to_owned(),
        stay: t.get(key!("idle.stay")).to_owned(),
    };
    view! { <IdleCountdown idle_seconds warning_seconds sign_in_path=sign_in_path.to_owned() words/> }
}

/// The countdown itself (an island). Opening a page is activity the server counted, so each page
/// load starts it afresh.
#[island]
fn IdleCountdown(idle_seconds: u64, warning_seconds: u64, sign_in_path: String, words: IdleWords) -> impl IntoView {
    let idle_ms = idle_seconds as f64 * 1000.0;
    let deadline = StoredValue::new(0.0f64);
    let seconds_left = RwSignal::new(idle_seconds as i64);

    Effect::new(move |_| {
        let now = Date::now();
        share_activity(now);
        deadline.set_value(now + idle_ms);
        seconds_left.set(idle_seconds as i64);
        let sign_in_path = sign_in_path.clone();
        let handle = set_interval_with_handle(
            move || {
                // Another tab's activity moves this tab's deadline too.
                if let Some(elsewhere) = shared_activity() {
                    if elsewhere + idle_ms > deadline.get_value() && deadline.get_value().is_finite() {
                        deadline.set_value(elsewhere + idle_ms);
                    }
                }
                let left = ((deadline.get_value() - Date::now()) / 1000.0).ceil() as i64;
                seconds_left.set(left.max(0));
                if left <= 0 {
                    deadline.set_value(f64::INFINITY);
                    let sign_in_path = sign_in_path.clone();
                    leptos::task::spawn_local(async move {
                        let _ = sign_out().await;
                        let _ = window().location().set_href(&routes::with_query(&sign_in_path, "timed_out=1"));
                    });
                }
            },
            Duration::from_secs(1),
        );
        on_cleanup(move || {
            if let Ok(handle) = handle {
                handle.clear();
            }
        });
    });

    let stay = move |_| {
        leptos::task::spawn_local(async move {
            if keep_session_alive().await.is_ok() {
                let now = Date::now();
                share_activity(now);
                deadline.set_value(now + idle_ms);
                seconds_left.set(idle_seconds as i64);
            }
        });
    };
    let warning = move || seconds_left.get() <= warning_seconds as i64;
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if warning() {
            if let Some(button) = button.get() {
                let _ = button.focus();
            }
        }
    });
    let IdleWords { heading, text, stay: stay_label } = words;
    view! {
        <div class="idle-warning" role="alertdialog" aria-labelledby="idle-warning-heading"
            aria-describedby="idle-warning-text" hidden=move || !warning()>
            <h2 id="idle-warning-heading">{heading}</h2>
            <p id="idle-warning-text">
                {move || {
                    let left = seconds_left.get();
                    crate::i18n::fill(&text, &[("time", &format!("{}:{:02}", left / 60, left % 60))])
                }}
            </p>
            <button type="button" class="usa-button" node_ref=button on:click=stay>{stay_label}</button>
        </div>
    }
}
