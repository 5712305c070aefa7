//! The home page: what Portico is and how to start.

use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.get(key!("home.title"))/>
        <section class="hero">
            <h1>{t.get(key!("home.heading"))}</h1>
            <p class="usa-intro">{t.get(key!("home.lead"))}</p>
            <p class="usa-button-group">
                <a class="usa-button" href=routes::SIGN_UP>{t.get(key!("nav.create_account"))}</a>
                <a class="usa-button usa-button--outline" href=routes::SIGN_IN>{t.get(key!("nav.sign_in"))}</a>
            </p>
        </section>
        <section class="how-it-works">
            <h2>{t.get(key!("home.how"))}</h2>
            <ol class="usa-process-list">
                <li class="usa-process-list__item"><p>{t.get(key!("home.step1"))}</p></li>
                <li class="usa-process-list__item"><p>{t.get(key!("home.step2"))}</p></li>
                <li class="usa-process-list__item"><p>{t.get(key!("home.step3"))}</p></li>
            </ol>
        </section>
    }
}
