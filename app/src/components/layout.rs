use crate::api::accounts::{current_user, SignOut};
use crate::components::idle_warning::IdleWarning;
use crate::i18n::{use_t, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The official-site banner, the site name and the account controls.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let t = use_t();
    let location = use_location();
    // Re-asked on every navigation, so signing in or out updates the header without a reload.
    let user = Resource::new(move || location.pathname.get(), |_| current_user());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <section class="gov-banner" aria-label=t.get("layout.banner_label")>
            <p>{t.get("layout.banner")}</p>
        </section>
        <header class="site-header">
            <a class="site-name" href="/">"Portico"</a>
            <LanguageSwitch/>
            <nav aria-label=t.get("layout.nav_label")>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match user.await {
                            Ok(Some(signed_in)) => view! {
                                <ul class="nav-list">
                                    <li><a href="/dashboard">{t.get("nav.dashboard")}</a></li>
                                    <li><a href="/account">{t.get("nav.account")}</a></li>
                                    <li><a href="/account/sign-in-settings">{t.get("nav.sign_in_settings")}</a></li>
                                    <li><a href="/account/devices">{t.get("nav.devices")}</a></li>
                                    <li><a href="/security-events">{t.get("nav.security_events")}</a></li>
                                    <li class="nav-email">{signed_in.email}</li>
                                    <li>
                                        <ActionForm action=sign_out attr:class="inline-form">
                                            <button type="submit" class="button-link">{t.get("nav.sign_out")}</button>
                                        </ActionForm>
                                    </li>
                                </ul>
                                <IdleWarning idle_seconds=signed_in.idle_timeout_seconds
                                    warning_seconds=signed_in.idle_warning_seconds/>
                            }.into_any(),
                            _ => view! {
                                <ul class="nav-list">
                                    <li><a href="/sign-in">{t.get("nav.sign_in")}</a></li>
                                    <li><a href="/sign-up">{t.get("nav.create_account")}</a></li>
                                </ul>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let t = use_t();
    view! {
        <footer class="site-footer">
            <p>{t.get("layout.footer")}</p>
        </footer>
    }
}

/// "Español" on English pages, "English" on Spanish ones: a plain form post (a full page load),
/// so the whole page — and `<html lang>` — comes back in the chosen language, with or without
/// JavaScript. Signed in, the choice is kept in the account; otherwise in a cookie.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let t = use_t();
    let location = use_location();
    let other = if t.lang() == Lang::En { Lang::Es } else { Lang::En };
    let back = move || format!("{}{}", location.pathname.get(), location.search.get());
    view! {
        <form method="post" action="/api/set_language" class="language-switch">
            <input type="hidden" name="language" value=other.tag()/>
            <input type="hidden" name="back" value=back/>
            <button type="submit" class="button-link" lang=other.tag()>{other.native_name()}</button>
        </form>
    }
}
