//! The staff console's pages (English; every form works without JavaScript).

pub mod accounts;
pub mod audit;
pub mod case;
pub mod console;
pub mod contact_center;
pub mod sign_in;

use crate::components::alert::{Alert, AlertKind};
use crate::error::AppError;
use leptos::prelude::*;

/// An error loading a console page's data: a session that ended is sent to the staff sign-in.
#[component]
pub fn StaffError(error: AppError) -> impl IntoView {
    match error {
        AppError::SignInRequired => view! {
            <h1>"Your session has ended"</h1>
            <p><a href=crate::routes::STAFF_SIGN_IN>"Sign in again"</a></p>
        }
        .into_any(),
        other => view! {
            <Alert kind=AlertKind::Error><p>{other.message_in(crate::i18n::T(crate::i18n::Lang::En))}</p></Alert>
        }
        .into_any(),
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
) -> impl IntoView {
    let described = move || {
        let mut ids = Vec::new();
        if hint.is_some() {
            ids.push(format!("{name}-hint"));
        }
        if error.get().is_some() {
            ids.push(format!("{name}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="usa-form-group" class:usa-form-group--error=move || error.get().is_some()>
            <label class="usa-label" for=name>{label}</label>
            {hint.map(|text| view! { <p class="usa-hint" id=format!("{name}-hint")>{text}</p> })}
            {move || error.get().map(|m| view! { <p class="usa-error-message" id=format!("{name}-error")>{m}</p> })}
            <textarea class="usa-textarea" id=name name=name maxlength=max.to_string() required=required
                aria-invalid=move || error.get().map(|_| "true") aria-describedby=described></textarea>
        </div>
    }
}
