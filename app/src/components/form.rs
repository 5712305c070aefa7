//! Form pieces that keep labels, hints and errors tied together for screen readers.

use crate::components::alert::{Alert, AlertKind};
use crate::error::Refusal;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The refused form in this page's address (`?error=…&reason=…`), if any.
pub fn form_error_from_query() -> Memo<Option<Refusal>> {
    let query = use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        Refusal::from_query(query.get("error").as_deref(), query.get("reason").as_deref())
    })
}

/// The message for `field`, when the page's error belongs to it.
pub fn field_error(error: Memo<Option<Refusal>>, field: &'static str) -> Signal<Option<&'static str>> {
    let t = use_t();
    Signal::derive(move || error.get().filter(|e| e.field() == Some(field)).map(|e| e.message(t)))
}

/// The error summary at the top of a form: announced when it appears, and it says which field.
#[component]
pub fn ErrorSummary(error: Memo<Option<Refusal>>) -> impl IntoView {
    let t = use_t();
    move || {
        error.get().map(|e| {
            let link = e.field().map(|field| format!("#{field}"));
            view! {
                <Alert kind=AlertKind::Error heading=t.get(key!("form.problem"))>
                    {match link {
                        Some(href) => view! { <p><a class="usa-link" href=href>{e.message(t)}</a></p> }.into_any(),
                        None => view! { <p>{e.message(t)}</p> }.into_any(),
                    }}
                </Alert>
            }
        })
    }
}

/// The ids a field's `aria-describedby` lists: its hint, and its error while there is one.
fn described_by(
    name: &'static str,
    has_hint: bool,
    error: Signal<Option<&'static str>>,
) -> impl Fn() -> Option<String> {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{name}-hint"));
        }
        if error.get().is_some() {
            ids.push(format!("{name}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A field's label, hint and error message, with the ids `described_by` points at.
#[component]
pub fn FieldLabel(
    label: &'static str,
    name: &'static str,
    hint: Option<&'static str>,
    error: Signal<Option<&'static str>>,
) -> impl IntoView {
    view! {
        <label class="usa-label" class:usa-label--error=move || error.get().is_some() for=name>{label}</label>
        {hint.map(|text| view! { <p class="usa-hint" id=format!("{name}-hint")>{text}</p> })}
        {move || error.get().map(|message| view! { <p class="usa-error-message" id=format!("{name}-error")>{message}</p> })}
    }
}

#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The keyboard phones show: `numeric` for codes made of digits only.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// What the field starts with (a value on file, or what was typed before a refusal).
    #[prop(optional)]
    value: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into, default = Signal::derive(|| None))] error: Signal<Option<&'static str>>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    view! {
        <div class="usa-form-group" class:usa-form-group--error=move || error.get().is_some()>
            <FieldLabel label name hint error/>
            <input
                class="usa-input"
                class:usa-input--error=move || error.get().is_some()
                id=name
                name=name
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                value=value
                required=required
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by(name, hint.is_some(), error)
            />
        </div>
    }
}

/// A labelled text area that keeps its hint and error tied to it for screen readers.
#[component]
pub fn TextArea(
    label: &'static str,
    name: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    #[prop(default = 2000)] max: usize,
    #[prop(default = true)] required: bool,
    /// What the field starts with (what was typed before a refusal).
    #[prop(optional)]
    value: Option<String>,
) -> impl IntoView {
    view! {
        <div class="usa-form-group" class:usa-form-group--error=move || error.get().is_some()>
            <FieldLabel label name hint error/>
            <textarea
                class="usa-textarea"
                class:usa-input--error=move || error.get().is_some()
                id=name
                name=name
                maxlength=max.to_string()
                required=required
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by(name, hint.is_some(), error)
            >{value}</textarea>
        </div>
    }
}

/// A password field with a "Show password" button. The button needs WASM, so it stays hidden until
/// its island has hydrated; without JavaScript the field is an ordinary password input.
#[component]
pub fn PasswordField(
    label: &'static str,
    #[prop(default = "password")] name: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into, default = Signal::derive(|| None))] error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="usa-form-group" class:usa-form-group--error=move || error.get().is_some()>
            <FieldLabel label name hint error/>
            <input
                class="usa-input"
                class:usa-input--error=move || error.get().is_some()
                id=name
                name=name
                type="password"
                autocomplete=autocomplete
                required=true
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by(name, hint.is_some(), error)
            />
            <ShowPassword label=t.get(key!("form.show_password")).to_owned() field=name.to_owned()/>
        </div>
    }
}

/// The "Show password" button (an island): switches the field `field` (its id) between hidden
/// and shown text.
#[island]
fn ShowPassword(label: String, field: String) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let shown = RwSignal::new(false);
    let target = field.clone();
    let toggle = move |_| {
        shown.update(|s| *s = !*s);
        if let Some(input) = document().get_element_by_id(&target) {
            let _ = input.set_attribute("type", if shown.get_untracked() { "text" } else { "password" });
        }
    };
    view! {
        <button
            type="button"
            class="usa-button usa-button--unstyled margin-top-1"
            hidden=move || !hydrated.get()
            aria-controls=field
            aria-pressed=move || if shown.get() { "true" } else { "false" }
            on:click=toggle
        >
            {label}
        </button>
    }
}

/// The date of birth as three memorable-date fields (`dob_month`, `dob_day`, `dob_year`), with
/// its hint and the form's `date_of_birth` error.
#[component]
pub fn DateOfBirthFields(
    legend: &'static str,
    #[prop(into)] error: Signal<Option<&'static str>>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let t = use_t();
    view! {
        <fieldset class="usa-fieldset" id="date_of_birth" aria-describedby="dob-hint">
            <legend class="usa-legend">{legend}</legend>
            <p class="usa-hint" id="dob-hint">{t.get(key!("link.dob_hint"))}</p>
            {move || error.get().map(|m| view! { <p class="usa-error-message" id="dob-error">{m}</p> })}
            <div class="usa-memorable-date">
                <div class="usa-form-group usa-form-group--month">
                    <label class="usa-label" for="dob_month">{t.get(key!("link.month"))}</label>
                    <input class="usa-input" id="dob_month" name="dob_month" inputmode="numeric" maxlength="2" autocomplete="bday-month" required=required/>
                </div>
                <div class="usa-form-group usa-form-group--day">
                    <label class="usa-label" for="dob_day">{t.get(key!("link.day"))}</label>
                    <input class="usa-input" id="dob_day" name="dob_day" inputmode="numeric" maxlength="2" autocomplete="bday-day" required=required/>
                </div>
                <div class="usa-form-group usa-form-group--year">
                    <label class="usa-label" for="dob_year">{t.get(key!("link.year"))}</label>
                    <input class="usa-input" id="dob_year" name="dob_year" inputmode="numeric" maxlength="4" autocomplete="bday-year" required=required/>
                </div>
            </div>
        </fieldset>
    }
}
