//! The frame of every page, in the U.S. Web Design System's parts: banner, extended header with
//! its navigation, side navigation for the account pages, and footer.

use crate::api::identity::accounts::{current_user, SignOut};
use crate::components::idle_warning::IdleWarning;
use crate::i18n::{use_t, Lang};
use crate::routes;
use crate::uswds;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// USWDS's site banner, with Portico's own words: a deployment is not a government website unless
/// its operator makes it one, so it claims no .gov and shows no flag. "How you know" opens with
/// JavaScript; without it the explanation is simply shown (`public/assets/noscript.css`).
#[component]
pub fn SiteBanner() -> impl IntoView {
    let t = use_t();
    view! {
        <BannerAccordion label=t.get(key!("layout.banner_label")).to_owned() text=t.get(key!("layout.banner")).to_owned()
            action=t.get(key!("layout.banner_action")).to_owned()>
            <div class="grid-row grid-gap-lg">
                <div class="usa-banner__guidance tablet:grid-col-6">
                    <img class="usa-banner__icon usa-media-block__img" src=uswds("img/icon-dot-gov.svg") alt="" aria-hidden="true"/>
                    <div class="usa-media-block__body">
                        <p><strong>{t.get(key!("layout.banner_who_title"))}</strong><br/>{t.get(key!("layout.banner_who_text"))}</p>
                    </div>
                </div>
                <div class="usa-banner__guidance tablet:grid-col-6">
                    <img class="usa-banner__icon usa-media-block__img" src=uswds("img/icon-https.svg") alt="" aria-hidden="true"/>
                    <div class="usa-media-block__body">
                        <p><strong>{t.get(key!("layout.banner_https_title"))}</strong><br/>{t.get(key!("layout.banner_https_text"))}</p>
                    </div>
                </div>
            </div>
        </BannerAccordion>
    }
}

/// The banner's accordion: the one part of it that needs the browser (an island; its words come
/// as props, the explanation as server-rendered children).
#[island]
fn BannerAccordion(label: String, text: String, action: String, children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <section class="usa-banner" aria-label=label>
            <div class="usa-accordion">
                <header class="usa-banner__header" class:usa-banner__header--expanded=open>
                    <div class="usa-banner__inner">
                        <div class="grid-col-fill tablet:grid-col-auto" aria-hidden="true">
                            <p class="usa-banner__header-text">{text}</p>
                            <p class="usa-banner__header-action">{action.clone()}</p>
                        </div>
                        <button type="button" class="usa-accordion__button usa-banner__button"
                            aria-expanded=move || if open.get() { "true" } else { "false" }
                            aria-controls="site-banner-content"
                            on:click=move |_| open.update(|o| *o = !*o)>
                            <span class="usa-banner__button-text">{action}</span>
                        </button>
                    </div>
                </header>
                <div class="usa-banner__content usa-accordion__content" id="site-banner-content" hidden=move || !open.get()>
                    {children()}
                </div>
            </div>
        </section>
    }
}

/// The extended USWDS header: site name, the main sections, and the account's controls. Below
/// the desktop width the navigation folds into a "Menu" panel; without JavaScript it stays laid
/// out in the page instead (`public/assets/noscript.css`), so nothing is out of reach.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let t = use_t();
    let location = use_location();
    // Who is signed in, with the unread count: every page is rendered by the server, so this is
    // current on each page load (live status reloads a page when a case changes).
    let user = Resource::new(|| (), |_| current_user());
    let sign_out = ServerAction::<SignOut>::new();
    let pathname = location.pathname;
    let current = move |prefixes: &'static [&'static str]| {
        let path = pathname.get();
        prefixes.iter().any(|p| path == *p || path.starts_with(&format!("{p}/")))
    };
    view! {
        <HeaderMenu menu=t.get(key!("layout.menu")).to_owned() close=t.get(key!("layout.close_menu")).to_owned()
            nav_label=t.get(key!("layout.nav_label")).to_owned()>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(signed_in)) if signed_in.staff_role.is_some() => {
                            let admin = signed_in.staff_role == Some(crate::domain::Role::Administrator);
                            view! {
                            <ul class="usa-nav__primary usa-accordion">
                                {(!admin).then(|| view! {
                                    <NavLink href=routes::STAFF label="Cases"
                                        current=Signal::derive(move || pathname.get() == routes::STAFF || current(&["/staff/cases"]))/>
                                    <NavLink href=routes::STAFF_INQUIRIES label="Inquiries"
                                        current=Signal::derive(move || current(&[routes::STAFF_INQUIRIES]))/>
                                })}
                                {(signed_in.staff_role == Some(crate::domain::Role::ContactCenter)).then(|| view! {
                                    <NavLink href=routes::STAFF_CONTACT_CENTER label="Contact center"
                                        current=Signal::derive(move || current(&[routes::STAFF_CONTACT_CENTER]))/>
                                })}
                                {admin.then(|| view! {
                                    <NavLink href=routes::STAFF_ACCOUNTS label="Staff accounts"
                                        current=Signal::derive(move || current(&[routes::STAFF_ACCOUNTS]))/>
                                    <NavLink href=routes::STAFF_AUDIT label="Audit log"
                                        current=Signal::derive(move || current(&[routes::STAFF_AUDIT]))/>
                                })}
                            </ul>
                            <div class="usa-nav__secondary">
                                <ul class="usa-nav__secondary-links">
                                    <li class="usa-nav__secondary-item nav-email">
                                        {signed_in.email} " (" {signed_in.staff_role.map(|r| r.title())} ")"
                                    </li>
                                    <li class="usa-nav__secondary-item">
                                        <ActionForm action=sign_out attr:class="inline-form">
                                            <button type="submit" class="usa-button usa-button--unstyled">"Sign out"</button>
                                        </ActionForm>
                                    </li>
                                </ul>
                            </div>
                            <IdleWarning idle_seconds=signed_in.idle_timeout_seconds
                                warning_seconds=signed_in.idle_warning_seconds sign_in_path=routes::STAFF_SIGN_IN/>
                        }.into_any()
                        }
                        Ok(Some(signed_in)) => view! {
                            <ul class="usa-nav__primary usa-accordion">
                                <NavLink href=routes::DASHBOARD label=t.get(key!("nav.dashboard"))
                                    current=Signal::derive(move || current(&[routes::DASHBOARD, routes::CASES]))/>
                                <NavLink href=routes::ACCOUNT label=t.get(key!("nav.account"))
                                    current=Signal::derive(move || current(&[routes::ACCOUNT, routes::SECURITY_EVENTS]))/>
                                <li class="usa-nav__primary-item">
                                    <a href=routes::NOTIFICATIONS class="usa-nav-link"
                                        class:usa-current=move || current(&[routes::NOTIFICATIONS])
                                        aria-current=move || current(&[routes::NOTIFICATIONS]).then_some("page")>
                                        <span>{t.get(key!("nav.notifications"))}</span>
                                        {(signed_in.unread_notifications > 0).then(|| view! {
                                            " " <span class="usa-tag notification-count">
                                                {t.fmt(key!("nav.unread"), &[("count", &signed_in.unread_notifications.to_string())])}
                                            </span>
                                        })}
                                    </a>
                                </li>
                            </ul>
                            <div class="usa-nav__secondary">
                                <ul class="usa-nav__secondary-links">
                                    <li class="usa-nav__secondary-item nav-email">{signed_in.email}</li>
                                    <li class="usa-nav__secondary-item"><LanguageSwitch/></li>
                                    <li class="usa-nav__secondary-item">
                                        <ActionForm action=sign_out attr:class="inline-form">
                                            <button type="submit" class="usa-button usa-button--unstyled">{t.get(key!("nav.sign_out"))}</button>
                                        </ActionForm>
                                    </li>
                                </ul>
                            </div>
                            <IdleWarning idle_seconds=signed_in.idle_timeout_seconds
                                warning_seconds=signed_in.idle_warning_seconds/>
                        }.into_any(),
                        _ => view! {
                            <ul class="usa-nav__primary usa-accordion">
                                <NavLink href=routes::SIGN_IN label=t.get(key!("nav.sign_in"))
                                    current=Signal::derive(move || current(&[routes::SIGN_IN]))/>
                                <NavLink href=routes::SIGN_UP label=t.get(key!("nav.create_account"))
                                    current=Signal::derive(move || current(&[routes::SIGN_UP]))/>
                            </ul>
                            <div class="usa-nav__secondary">
                                <ul class="usa-nav__secondary-links">
                                    <li class="usa-nav__secondary-item"><LanguageSwitch/></li>
                                </ul>
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </HeaderMenu>
    }
}

/// The header's frame and its "Menu" panel on narrow screens (an island): the panel opens with
/// focus on its close button, and closes with that button, Escape or the overlay, giving focus
/// back to "Menu". The navigation inside comes from the server as children.
#[island]
fn HeaderMenu(menu: String, close: String, nav_label: String, children: Children) -> impl IntoView {
    let menu_open = RwSignal::new(false);
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let close_button = NodeRef::<leptos::html::Button>::new();
    let open_menu = move |_| {
        menu_open.set(true);
        // On the next frame, once the panel is shown (a hidden button cannot take focus).
        request_animation_frame(move || {
            if let Some(close) = close_button.get_untracked() {
                let _ = close.focus();
            }
        });
    };
    let close_menu = move || {
        if menu_open.get_untracked() {
            menu_open.set(false);
            if let Some(menu) = menu_button.get() {
                let _ = menu.focus();
            }
        }
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
            close_menu();
        }
    };
    view! {
        <div class="usa-overlay" class:is-visible=menu_open on:click=move |_| close_menu()></div>
        <header class="usa-header usa-header--extended">
            <div class="usa-navbar">
                <div class="usa-logo">
                    <em class="usa-logo__text"><a href="/">"Portico"</a></em>
                </div>
                <button type="button" class="usa-menu-btn" node_ref=menu_button
                    aria-controls="site-nav" aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                    on:click=open_menu>
                    {menu}
                </button>
            </div>
            <nav id="site-nav" class="usa-nav" class:is-visible=menu_open aria-label=nav_label on:keydown=on_keydown>
                <div class="usa-nav__inner">
                    <button type="button" class="usa-nav__close" node_ref=close_button on:click=move |_| close_menu()>
                        <svg class="usa-icon" aria-hidden="true" focusable="false" role="img">
                            <use href=uswds("img/sprite.svg#close")></use>
                        </svg>
                        <span class="usa-sr-only">{close}</span>
                    </button>
                    {children()}
                </div>
            </nav>
        </header>
    }
}

#[component]
fn NavLink(href: &'static str, label: &'static str, current: Signal<bool>) -> impl IntoView {
    view! {
        <li class="usa-nav__primary-item">
            <a href=href class="usa-nav-link" class:usa-current=current
                aria-current=move || current.get().then_some("page")>
                <span>{label}</span>
            </a>
        </li>
    }
}

/// The account pages' side navigation (USWDS `usa-sidenav`) beside the page's own content.
#[component]
pub fn AccountSection(children: Children) -> impl IntoView {
    let t = use_t();
    let pathname = use_location().pathname;
    let link = move |href: &'static str, label: &'static str| {
        let here = move || pathname.get() == href;
        view! {
            <li class="usa-sidenav__item">
                <a href=href class:usa-current=here aria-current=move || here().then_some("page")>{label}</a>
            </li>
        }
    };
    view! {
        <div class="grid-row grid-gap-lg">
            <div class="desktop:grid-col-3 margin-bottom-4">
                <nav aria-label=t.get(key!("account.section_nav"))>
                    <ul class="usa-sidenav">
                        {link(routes::ACCOUNT, t.get(key!("account.title")))}
                        {link(routes::SIGN_IN_SETTINGS, t.get(key!("nav.sign_in_settings")))}
                        {link(routes::ADDRESS, t.get(key!("nav.address")))}
                        {link(routes::DEVICES, t.get(key!("nav.devices")))}
                        {link(routes::SECURITY_EVENTS, t.get(key!("nav.security_events")))}
                    </ul>
                </nav>
            </div>
            <div class="desktop:grid-col-9">{children()}</div>
        </div>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let t = use_t();
    view! {
        <footer class="usa-footer usa-footer--slim">
            <div class="usa-footer__secondary-section">
                <div class="grid-container">
                    <p class="usa-footer__logo-heading">"Portico"</p>
                    <p>{t.get(key!("layout.footer"))}</p>
                </div>
            </div>
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
    // The router's `search` comes without its `?`; without putting it back, `/sign-in?required=1`
    // would come back as `/sign-inrequired=1`.
    let back = move || {
        let (path, search) = (location.pathname.get(), location.search.get());
        match search.trim_start_matches('?') {
            "" => path,
            query => format!("{path}?{query}"),
        }
    };
    view! {
        <form method="post" action="/api/set_language" class="inline-form">
            <input type="hidden" name="language" value=other.tag()/>
            <input type="hidden" name="back" value=back/>
            <button type="submit" class="usa-button usa-button--unstyled" lang=other.tag()>{other.native_name()}</button>
        </form>
    }
}
