//! An applicant's cases: the dashboard and one case's page.

pub mod add_case;
pub mod address;
pub mod case_detail;
pub mod dashboard;
pub mod evidence;
pub mod inquiries;
pub mod notifications;
pub mod reschedule;

use leptos::prelude::*;

/// What a page about one case shows when the case is not the reader's (or not there at all: the
/// two are never told apart), with the way back.
pub(crate) fn case_not_found() -> AnyView {
    let t = crate::i18n::use_t();
    view! {
        <h1>{t.get(key!("case.not_found"))}</h1>
        <p>{t.get(key!("case.not_found_text"))} " "
           <a href=crate::routes::DASHBOARD>{t.get(key!("case.back"))}</a></p>
    }
    .into_any()
}
