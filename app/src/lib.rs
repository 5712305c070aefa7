//! Portico's application: every page and component (rendered on the server, hydrated in the
//! browser), the domain types both halves share, and the server functions between them.

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod server;

use components::layout::{SiteBanner, SiteFooter, SiteHeader};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use pages::{
    cases::case_detail::CaseDetailPage,
    cases::dashboard::DashboardPage,
    home::HomePage,
    identity::account_settings::{AccountSettingsPage, ConfirmEmailChangePage},
    identity::confirm_email::{CheckEmailPage, ConfirmEmailPage},
    identity::password_reset::{ForgotPasswordCheckEmailPage, ForgotPasswordPage, ResetPasswordPage},
    identity::record_link::{AccessCodePage, DisputeRecordPage, LinkRecordPage},
    identity::second_factors::{AuthenticatorSetupPage, BackupCodesPage, SignInSettingsPage},
    identity::security_events::SecurityEventsPage,
    identity::sessions::DevicesPage,
    identity::sign_in::SignInPage,
    identity::sign_in_verify::{RecoverSignInPage, RecoveryStartedPage, SignInVerifyPage, StartRecoveryPage},
    identity::sign_up::SignUpPage,
    not_found::NotFoundPage,
};

/// The U.S. Web Design System release Portico is built with; `style/package.json` pins the same
/// (a test keeps the two together). `scripts/vendor-uswds.mjs` copies its compiled CSS, fonts and
/// images to `public/uswds/<version>/`, so the path names the release and its files never change.
pub const USWDS_VERSION: &str = "3.14.0";

/// The URL of one of USWDS's files (`css/uswds.min.css`, `img/sprite.svg`, …).
pub fn uswds(file: &str) -> String {
    format!("/uswds/{USWDS_VERSION}/{file}")
}

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = i18n::page_lang();
    #[cfg(feature = "ssr")]
    let css = server::web::assets::site_assets().css.clone();
    #[cfg(not(feature = "ssr"))]
    let css = String::new();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <meta name="theme-color" content="#1a4480"/>
                <link rel="stylesheet" href=uswds("css/uswds.min.css")/>
                <link rel="stylesheet" href=css/>
                // Without JavaScript the menu panel and the banner's explanation are laid out open.
                <noscript><link rel="stylesheet" href="/assets/noscript.css"/></noscript>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/assets/icon-192.png" type="image/png"/>
                <link rel="apple-touch-icon" href="/assets/icon-192.png"/>
                // Registers the service worker that keeps the dashboard readable offline.
                <script src="/assets/offline-register.js" defer></script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The skip link moves focus into the main content. Without JavaScript the browser does that for
/// `href="#main-content"`; once hydrated, the router would treat the link as a navigation and leave
/// focus behind, so it is done here.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    event.prevent_default();
    if let Some(main) = document().get_element_by_id("main-content") {
        let _ = main.unchecked_into::<leptos::web_sys::HtmlElement>().focus();
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(i18n::page_lang());
    let t = i18n::use_t();
    // Every route renders in Async mode: the whole page, data included, is in the first response,
    // so it reads the same without JavaScript and status codes (404, redirects) can still be set.
    view! {
        <Title formatter=|page: String| format!("{page} | Portico")/>
        <Router>
            <a class="usa-skipnav" href="#main-content" on:click=skip_to_main>{t.get("layout.skip_link")}</a>
            <SiteBanner/>
            <SiteHeader/>
            <main id="main-content" class="grid-container page" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-up") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-up/check-email") view=CheckEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/confirm-email") view=ConfirmEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgot-password/check-email") view=ForgotPasswordCheckEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/verify") view=SignInVerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/recover") view=RecoverSignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/recover-sign-in") view=StartRecoveryPage ssr=SsrMode::Async/>
                    <Route path=path!("/recover-sign-in/started") view=RecoveryStartedPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/confirm-email-change") view=ConfirmEmailChangePage ssr=SsrMode::Async/>
                    <Route path=path!("/account/sign-in-settings") view=SignInSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/authenticator") view=AuthenticatorSetupPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/devices") view=DevicesPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/backup-codes") view=BackupCodesPage ssr=SsrMode::Async/>
                    <Route path=path!("/link-record") view=LinkRecordPage ssr=SsrMode::Async/>
                    <Route path=path!("/link-record/access-code") view=AccessCodePage ssr=SsrMode::Async/>
                    <Route path=path!("/link-record/dispute") view=DisputeRecordPage ssr=SsrMode::Async/>
                    <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:receipt") view=CaseDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/security-events") view=SecurityEventsPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}
