//! The staff console's pages (English; every form works without JavaScript).

pub mod accounts;
pub mod audit;
pub mod case;
pub mod console;
pub mod contact_center;
pub mod inquiries;
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

pub use crate::components::form::TextArea;

/// The links to the pages before and after this one of a list (`label` names the list's pages).
#[component]
pub fn Pager(label: &'static str, previous: Option<String>, next: Option<String>) -> impl IntoView {
    view! {
        <nav aria-label=label class="margin-y-2">
            {previous.map(|href| view! { <a class="usa-link margin-right-2" href=href>"Previous page"</a> })}
            {next.map(|href| view! { <a class="usa-link" href=href>"Next page"</a> })}
        </nav>
    }
}
