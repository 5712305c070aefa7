//! The page for an address that leads nowhere (404).

use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let t = use_t();
    view! {
        <Title text=t.get(key!("not_found.title"))/>
        <h1>{t.get(key!("not_found.title"))}</h1>
        <p>{t.get(key!("not_found.text"))} " " <a href="/">{t.get(key!("not_found.home_link"))}</a> "."</p>
    }
}
