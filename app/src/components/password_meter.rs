//! The live password-strength meter: the rule the server enforces
//! ([`crate::domain::password_strength`]), shown as the person types. The browser decides the
//! length itself and asks the server for the rest once typing pauses (the rule's dictionaries would
//! be most of the browser's download); until the answer comes the last verdict stays. Without
//! JavaScript it is hidden and the server's answer after submitting says the same thing.
//!
//! It is an island: it listens to the `input` events of the form it sits in (its `password` and
//! `email` fields), so the fields need no wiring of their own, and its words come from the server.

use crate::domain::password_strength::{by_length, Strength};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How long typing must pause before the server is asked.
const CHECK_AFTER_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

/// The meter's words in the page's language (`{typed}` and `{verdict}` are filled in).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterWords {
    pub too_short: String,
    pub too_long: String,
    pub common: String,
    pub weak: String,
    pub good: String,
    pub strong: String,
    pub strength: String,
    pub empty: String,
}

impl MeterWords {
    fn new(t: crate::i18n::T) -> Self {
        let get = |key: crate::i18n::Key| t.get(key).to_owned();
        Self {
            too_short: get(key!("meter.too_short")),
            too_long: get(key!("meter.too_long")),
            common: get(key!("meter.common")),
            weak: get(key!("meter.weak")),
            good: get(key!("meter.good")),
            strong: get(key!("meter.strong")),
            strength: get(key!("meter.strength")),
            empty: get(key!("meter.empty")),
        }
    }

    fn describe(&self, strength: &Strength, typed_chars: usize) -> (&'static str, String) {
        match strength {
            Strength::TooShort => ("weak", crate::i18n::fill(&self.too_short, &[("typed", &typed_chars.to_string())])),
            Strength::TooLong => ("weak", self.too_long.clone()),
            Strength::Common => ("weak", self.common.clone()),
            Strength::Weak { .. } => ("weak", self.weak.clone()),
            Strength::Strong { score: 3 } => ("good", self.good.clone()),
            Strength::Strong { .. } => ("strong", self.strong.clone()),
        }
    }
}

/// Shows how the password being typed in the surrounding form fares. `known_email`: the signed-in
/// person's email, counted against the password when the form has no email field.
#[component]
pub fn PasswordStrengthMeter(#[prop(optional)] known_email: Option<String>) -> impl IntoView {
    let words = MeterWords::new(crate::i18n::use_t());
    view! { <StrengthMeter known_email words/> }
}

/// The password and email typed into a form, read from its fields.
#[derive(Clone, Copy)]
struct TypedFields {
    password: RwSignal<String>,
    email: RwSignal<String>,
}

impl TypedFields {
    /// Reads the form's `password` and `email` fields now, and on every `input` event after.
    fn listen(self, inside: &leptos::web_sys::Element) {
        use leptos::wasm_bindgen::{closure::Closure, JsCast};
        use leptos::web_sys::HtmlInputElement;
        let Some(form) = inside.closest("form").ok().flatten() else { return };
        let field = move |form: &leptos::web_sys::Element, name: &str| {
            form.query_selector(&format!("input[name=\"{name}\"]"))
                .ok()
                .flatten()
                .and_then(|element| element.dyn_into::<HtmlInputElement>().ok())
                .map(|input| input.value())
        };
        // What was typed before the page finished loading sent no event the meter heard.
        let read = move |form: &leptos::web_sys::Element| {
            if let Some(password) = field(form, "password") {
                if password != self.password.get_untracked() {
                    self.password.set(password);
                }
            }
            if let Some(email) = field(form, "email") {
                if email != self.email.get_untracked() {
                    self.email.set(email);
                }
            }
        };
        read(&form);
        let listened = form.clone();
        let on_input = Closure::<dyn Fn()>::new(move || read(&listened));
        let _ = form.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        on_input.forget();
    }
}

#[island]
fn StrengthMeter(known_email: Option<String>, words: MeterWords) -> impl IntoView {
    let fields = TypedFields { password: RwSignal::new(String::new()), email: RwSignal::new(String::new()) };
    let hydrated = RwSignal::new(false);
    let meter = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        hydrated.set(true);
        if let Some(div) = meter.get() {
            fields.listen(&div);
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
    let (strength_words, empty_words) = (words.strength.clone(), words.empty.clone());
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
        let (class, text) = words.describe(&strength, password.chars().count());
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
                    Some((_, _, text)) => crate::i18n::fill(&strength_words, &[("verdict", &text)]),
                    None => empty_words.clone(),
                }}
            </p>
        </div>
    }
}
