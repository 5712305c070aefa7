//! Portico's application: every page and component (rendered on the server, hydrated in the
//! browser), the domain types both halves share, and the server functions between them.

// The pages' view types nest deeper than rustc's default limit.
#![recursion_limit = "256"]

#[macro_use]
pub mod i18n;

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
#[cfg(feature = "inbound")]
pub mod inbound;
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
    cases::add_case::AddCasePage,
    cases::address::AddressPage,
    cases::case_detail::CaseDetailPage,
    cases::dashboard::DashboardPage,
    cases::evidence::EvidencePage,
    cases::inquiries::{InquiryPage, NewInquiryPage},
    cases::notifications::NotificationsPage,
    cases::reschedule::ReschedulePage,
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
    staff::accounts::StaffAccountsPage,
    staff::audit::StaffAuditPage,
    staff::case::StaffCasePage,
    staff::console::StaffConsolePage,
    staff::contact_center::{CallerPage, ContactCenterPage},
    staff::inquiries::{StaffInquiriesPage, StaffInquiryPage},
    staff::sign_in::{StaffSetUpPage, StaffSignInPage},
};

/// The U.S. Web Design System release Portico is built with; `style/package.json` pins the same
/// (a test keeps the two together). `scripts/vendor-uswds.mjs` copies its compiled CSS, fonts and
/// images to `public/uswds/<version>/`, so the path names the release and its files never change.
pub const USWDS_VERSION: &str = "3.14.0";

/// The URL of one of USWDS's files (`css/uswds.min.css`, `img/sprite.svg`, …).
pub fn uswds(file: &str) -> String {
    format!("/uswds/{USWDS_VERSION}/{file}")
}

/// The page's language: on the server from the request (the signed-in person's choice, else the
/// visitor's), in the browser from `<html lang>`, which the server wrote.
fn page_lang() -> i18n::Lang {
    #[cfg(feature = "ssr")]
    {
        server::web::request::page_lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        i18n::document_lang()
    }
}

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = page_lang();
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
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(page_lang());
    let t = i18n::use_t();
    // Every route renders in Async mode: the whole page, data included, is in the first response,
    // so it reads the same without JavaScript and status codes (404, redirects) can still be set.
    // In islands mode this tree is rendered on the server only: the browser hydrates just the
    // `#[island]` components in it (banner, menu, idle warning, password meter and field, busy
    // forms, live status, upload progress), and following a link or sending a form loads a page.
    view! {
        <Title formatter=|page: String| format!("{page} | Portico")/>
        <Router>
            <a class="usa-skipnav" href="#main-content">{t.get(key!("layout.skip_link"))}</a>
            <SiteBanner/>
            <SiteHeader/>
            <components::busy_forms::BusyForms/>
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
                    <Route path=path!("/account/address") view=AddressPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/backup-codes") view=BackupCodesPage ssr=SsrMode::Async/>
                    <Route path=path!("/link-record") view=LinkRecordPage ssr=SsrMode::Async/>
                    <Route path=path!("/link-record/access-code") view=AccessCodePage ssr=SsrMode::Async/>
                    <Route path=path!("/link-record/dispute") view=DisputeRecordPage ssr=SsrMode::Async/>
                    <Route path=path!("/dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/add-case") view=AddCasePage ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:receipt") view=CaseDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:receipt/appointments/:appointment/reschedule") view=ReschedulePage ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:receipt/evidence") view=EvidencePage ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:receipt/inquiries") view=NewInquiryPage ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:receipt/inquiries/:inquiry") view=InquiryPage ssr=SsrMode::Async/>
                    <Route path=path!("/security-events") view=SecurityEventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view=StaffConsolePage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sign-in") view=StaffSignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/set-up") view=StaffSetUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/cases/:receipt") view=StaffCasePage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/accounts") view=StaffAccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/audit") view=StaffAuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/contact-center") view=ContactCenterPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/contact-center/callers/:verification") view=CallerPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/inquiries") view=StaffInquiriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/inquiries/:inquiry") view=StaffInquiryPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

/// The crate's layers, lowest first: a module may use the ones before it, never one after it, so
/// no two depend on each other (services never reach for views, views never for pages).
#[cfg(test)]
const LAYERS: [&str; 9] = ["i18n", "domain", "error", "inbound", "routes", "server", "api", "components", "pages"];

#[cfg(test)]
mod layering_tests {
    use super::LAYERS;
    use std::path::Path;

    fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                rust_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }

    /// The top-level modules a line names through `crate::…` (comments are not code).
    fn named_modules(line: &str) -> Vec<String> {
        let code = line.trim_start();
        if code.starts_with("//") {
            return Vec::new();
        }
        let mut names = Vec::new();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                names.extend(inner.split(',').map(|item| item.trim().split("::").next().unwrap_or("").to_owned()));
            } else {
                names.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
            }
        }
        names
    }

    #[test]
    fn no_module_reaches_up_the_layers() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut violations = Vec::new();
        for file in files {
            let relative = file.strip_prefix(&src).expect("under src").to_string_lossy().into_owned();
            let top = relative.split(['/', '.']).next().unwrap_or("");
            let Some(own) = LAYERS.iter().position(|l| *l == top) else { continue };
            let text = std::fs::read_to_string(&file).expect("readable source");
            for (number, line) in text.lines().enumerate() {
                for name in named_modules(line) {
                    if let Some(used) = LAYERS.iter().position(|l| *l == name) {
                        if used > own {
                            violations.push(format!("{relative}:{} uses crate::{name}", number + 1));
                        }
                    }
                }
            }
        }
        assert!(violations.is_empty(), "a lower layer uses a higher one:\n{}", violations.join("\n"));
        assert_eq!(named_modules("use crate::{api::x, server::y};"), ["api", "server"]);
        assert!(named_modules("//! see crate::pages").is_empty());
    }
}
