//! The live password-strength meter: the rule the server enforces
//! ([`crate::domain::password_strength`]), shown as the person types. The browser decides the
//! length itself and asks the server for the rest once typing pauses (the rule's dictionaries would
//! be most of the browser's download); until the answer comes the last verdict stays. Without
//! JavaScript it is hidden and the server's answer after submitting says the same thing.

use crate::domain::password_strength::{by_length, Strength};
use crate::i18n::{use_t, T};
use leptos::prelude::*;
use leptos::web_sys::HtmlInputElement;

/// What the person is typing into a form, gathered from `input` events bubbling up to the form's
/// wrapper (so the fields need no wiring of their own).
#[derive(Clone, Copy)]
pub struct TypedFields {
    pub password: RwSignal<String>,
    pub email: RwSignal<String>,
}

impl TypedFields {
    pub fn new() -> Self {
        Self { password: RwSignal::new(String::new()), email: RwSignal::new(String::new()) }
    }

    /// The handler for the wrapper's `on:input`.
    pub fn on_input(self) -> impl Fn(leptos::ev::Event) + Clone + 'static {
        move |ev| {
            let input = event_target::<HtmlInputElement>(&ev);
            match input.name().as_str() {
                "password" => self.password.set(input.value()),
                "email" => self.email.set(input.value()),
                _ => {}
            }
        }
    }
}

impl TypedFields {
    /// Takes the values already in the fields of the form around `inside` (typed before the page
    /// hydrated), for the signals that heard nothing yet.
    fn catch_up(self, inside: &leptos::web_sys::Element) {
        use leptos::wasm_bindgen::JsCast;
        let Some(form) = inside.closest("form").ok().flatten() else { return };
        for (name, signal) in [("password", self.password), ("email", self.email)] {
            let input = form
                .query_selector(&format!("input[name=\"{name}\"]"))
                .ok()
                .flatten()
                .and_then(|element| element.dyn_into::<HtmlInputElement>().ok());
            if let Some(input) = input {
                if signal.get_untracked().is_empty() && !input.value().is_empty() {
                    signal.set(input.value());
                }
            }
        }
    }
}

impl Default for TypedFields {
    fn default() -> Self {
        Self::new()
    }
}

/// How long typing must pause before the server is asked.
const CHECK_AFTER_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

fn describe(t: T, strength: &Strength, typed_chars: usize) -> (&'static str, String) {
    match strength {
        Strength::TooShort => ("weak", t.fmt(key!("meter.too_short"), &[("typed", &typed_chars.to_string())])),
        Strength::TooLong => ("weak", t.get(key!("meter.too_long")).to_owned()),
        Strength::Common => ("weak", t.get(key!("meter.common")).to_owned()),
        Strength::Weak { .. } => ("weak", t.get(key!("meter.weak")).to_owned()),
        Strength::Strong { score: 3 } => ("good", t.get(key!("meter.good")).to_owned()),
        Strength::Strong { .. } => ("strong", t.get(key!("meter.strong")).to_owned()),
    }
}

/// Shows how the password being typed fares. `personal`: email and name the rule counts against it.
#[component]
pub fn PasswordStrengthMeter(fields: TypedFields, #[prop(optional)] known_email: Option<String>) -> impl IntoView {
    let t = use_t();
    let hydrated = RwSignal::new(false);
    let meter = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        hydrated.set(true);
        // What was typed before the page finished loading sent no event the meter heard: read
        // the form's fields once, now.
        if let Some(div) = meter.get() {
            fields.catch_up(&div);
        }
    });
    // The server's verdict and the password and email it was for.
    let answered = RwSignal::new(None::<(String, String, Strength)>);
    let email_to_count = move || known_email.clone().unwrap_or_else(|| fields.email.get());
    let email_for_check = email_to_count.clone();
    Effect::new(move |_| {
        let password = fields.password.get();
        let email = email_for_check();
        if password.is_empty() || by_length(&password).is_some() {
            return;
        }
        let still_typed = move |password: &str| fields.password.get_untracked() == password;
        // Asked once typing pauses: each keystroke starts its own wait, and only the wait whose
        // password is still the one in the field asks.
        set_timeout(
            move || {
                if !still_typed(&password) {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let asked =
                        crate::api::identity::accounts::password_strength(password.clone(), email.clone()).await;
                    // A slow answer for an older password is dropped. A failed one leaves the meter
                    // as it was: the form's own check still runs on submit.
                    if let Ok(strength) = asked {
                        if still_typed(&password) {
                            answered.set(Some((password, email, strength)));
                        }
                    }
                });
            },
            CHECK_AFTER_PAUSE,
        );
    });
    let verdict = Memo::new(move |previous: Option<&Option<(u8, &'static str, String)>>| {
        let password = fields.password.get();
        if password.is_empty() {
            return None;
        }
        let strength = match by_length(&password) {
            Some(strength) => strength,
            None => {
                let email = email_to_count();
                let fresh = answered.with(|answer| {
                    answer.as_ref().filter(|(p, e, _)| *p == password && *e == email).map(|(_, _, s)| s.clone())
                });
                match fresh {
                    Some(strength) => strength,
                    // Waiting for the server: keep what was shown.
                    None => return previous.cloned().flatten(),
                }
            }
        };
        let level = match strength {
            Strength::Strong { score } => score,
            Strength::Weak { score } => score.min(2),
            _ => 0,
        };
        let (class, text) = describe(t, &strength, password.chars().count());
        Some((level, class, text))
    });
    view! {
        <div class="strength-meter" node_ref=meter hidden=move || !hydrated.get()>
            <div class="strength-bar" aria-hidden="true">
                // Widths come from classes, not a style attribute: the CSP allows no inline styles.
                <div class=move || match verdict.get() {
                    Some((level, class, _)) => format!("strength-fill strength-{class} strength-level-{level}"),
                    None => "strength-fill strength-level-none".to_owned(),
                }></div>
            </div>
            <p class="strength-text" id="password-strength" aria-live="polite">
                {move || match verdict.get() {
                    Some((_, _, text)) => t.fmt(key!("meter.strength"), &[("verdict", &text)]),
                    None => t.get(key!("meter.empty")).to_owned(),
                }}
            </p>
        </div>
    }
}
