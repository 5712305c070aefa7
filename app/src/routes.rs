//! Every path of the site in one place: the pages (with who may open them), the links mail carries,
//! and the few paths built from data (a case, a notice). Pages, redirects, mail and the access
//! rules all name paths from here. The router table in `lib.rs` spells the same patterns with
//! Leptos' `path!` macro (it needs literals); a test keeps the two identical.

use crate::domain::NoticeId;
use serde::{Deserialize, Serialize};

pub const HOME: &str = "/";
pub const SIGN_UP: &str = "/sign-up";
pub const SIGN_UP_CHECK_EMAIL: &str = "/sign-up/check-email";
pub const CONFIRM_EMAIL: &str = "/confirm-email";
pub const SIGN_IN: &str = "/sign-in";
pub const SIGN_IN_VERIFY: &str = "/sign-in/verify";
pub const SIGN_IN_RECOVER: &str = "/sign-in/recover";
pub const FORGOT_PASSWORD: &str = "/forgot-password";
pub const FORGOT_PASSWORD_CHECK_EMAIL: &str = "/forgot-password/check-email";
pub const RESET_PASSWORD: &str = "/reset-password";
pub const RECOVER_SIGN_IN: &str = "/recover-sign-in";
pub const RECOVER_SIGN_IN_STARTED: &str = "/recover-sign-in/started";
pub const ACCOUNT: &str = "/account";
pub const CONFIRM_EMAIL_CHANGE: &str = "/account/confirm-email-change";
pub const SIGN_IN_SETTINGS: &str = "/account/sign-in-settings";
pub const AUTHENTICATOR: &str = "/account/authenticator";
pub const DEVICES: &str = "/account/devices";
pub const BACKUP_CODES: &str = "/account/backup-codes";
/// The addresses on the record, and reporting a move (AR-11).
pub const ADDRESS: &str = "/account/address";
pub const LINK_RECORD: &str = "/link-record";
pub const LINK_RECORD_ACCESS_CODE: &str = "/link-record/access-code";
pub const LINK_RECORD_DISPUTE: &str = "/link-record/dispute";
pub const DASHBOARD: &str = "/dashboard";
/// Adding a case filed on paper by its receipt number.
pub const ADD_CASE: &str = "/add-case";
/// The section every case page lies under.
pub const CASES: &str = "/cases";
pub const CASE: &str = "/cases/:receipt";
pub const NOTICE: &str = "/cases/:receipt/notices/:notice";
/// Moving one of a case's appointments to another open time.
pub const RESCHEDULE: &str = "/cases/:receipt/appointments/:appointment/reschedule";
/// Responding to a case's Request for Evidence: files, signature, submission.
pub const EVIDENCE: &str = "/cases/:receipt/evidence";
/// Where the evidence form posts its files (multipart; not a page).
pub const EVIDENCE_FILES: &str = "/cases/:receipt/evidence/files";
/// One uploaded file, downloaded by its owner (not a page).
pub const EVIDENCE_FILE: &str = "/cases/:receipt/evidence/files/:file";
/// Sending a new inquiry (a secure message) about a case.
pub const INQUIRIES: &str = "/cases/:receipt/inquiries";
/// One inquiry's thread.
pub const INQUIRY: &str = "/cases/:receipt/inquiries/:inquiry";
pub const SECURITY_EVENTS: &str = "/security-events";
pub const NOTIFICATIONS: &str = "/notifications";
/// The live-status stream (Server-Sent Events) a page about cases listens to.
pub const LIVE: &str = "/live";
/// The staff console: the officer's queue and case search.
pub const STAFF: &str = "/staff";
pub const STAFF_SIGN_IN: &str = "/staff/sign-in";
/// Opened from the link `portico staff add` prints: choose a password, set up the authenticator.
pub const STAFF_SET_UP: &str = "/staff/set-up";
pub const STAFF_CASE: &str = "/staff/cases/:receipt";
pub const STAFF_ACCOUNTS: &str = "/staff/accounts";
pub const STAFF_AUDIT: &str = "/staff/audit";
pub const STAFF_CONTACT_CENTER: &str = "/staff/contact-center";
pub const STAFF_CALLER: &str = "/staff/contact-center/callers/:verification";
/// Inquiries awaiting an answer, the longest waiting first.
pub const STAFF_INQUIRIES: &str = "/staff/inquiries";
pub const STAFF_INQUIRY: &str = "/staff/inquiries/:inquiry";
/// One evidence file of a case, downloaded by staff (not a page; audited).
pub const STAFF_EVIDENCE_FILE: &str = "/staff/cases/:receipt/evidence/:file";

/// Where the session layer sends a signed-out visitor of a page that needs a session.
pub const SIGN_IN_REQUIRED: &str = "/sign-in?required=1";
/// The same for the staff console.
pub const STAFF_SIGN_IN_REQUIRED: &str = "/staff/sign-in?required=1";

/// One case's page.
pub fn case(receipt: &str) -> String {
    format!("{CASES}/{receipt}")
}

/// The page that moves appointment `id` of case `receipt`.
pub fn reschedule(receipt: &str, id: crate::domain::AppointmentId) -> String {
    format!("{CASES}/{receipt}/appointments/{id}/reschedule")
}

/// The response page of case `receipt`'s Request for Evidence.
pub fn evidence(receipt: &str) -> String {
    format!("{CASES}/{receipt}/evidence")
}

/// Where the evidence form of case `receipt` posts its files.
pub fn evidence_files(receipt: &str) -> String {
    format!("{CASES}/{receipt}/evidence/files")
}

/// Evidence file `id` of case `receipt`, for its owner.
pub fn evidence_file(receipt: &str, id: i32) -> String {
    format!("{CASES}/{receipt}/evidence/files/{id}")
}

/// Evidence file `id` of case `receipt`, for staff.
pub fn staff_evidence_file(receipt: &str, id: i32) -> String {
    format!("{STAFF}/cases/{receipt}/evidence/{id}")
}

/// The form that sends a new inquiry about case `receipt`.
pub fn inquiries(receipt: &str) -> String {
    format!("{CASES}/{receipt}/inquiries")
}

/// Inquiry `id` of case `receipt`.
pub fn inquiry(receipt: &str, id: crate::domain::InquiryId) -> String {
    format!("{CASES}/{receipt}/inquiries/{id}")
}

/// Inquiry `id` in the staff console.
pub fn staff_inquiry(id: crate::domain::InquiryId) -> String {
    format!("{STAFF_INQUIRIES}/{id}")
}

/// One case in the staff console.
pub fn staff_case(receipt: &str) -> String {
    format!("{STAFF}/cases/{receipt}")
}

/// A checked caller's page in the contact center.
pub fn staff_caller(verification: i32) -> String {
    format!("{STAFF_CONTACT_CENTER}/callers/{verification}")
}

/// One notice of a case, as a PDF (served by a plain axum route, not a page).
pub fn notice(receipt: &str, notice_id: NoticeId) -> String {
    format!("{CASES}/{receipt}/notices/{notice_id}")
}

/// `path` with `query` (already encoded) after a `?`, or after `&` when `path` has a query.
pub fn with_query(path: &str, query: &str) -> String {
    let joiner = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joiner}{query}")
}

/// A pattern in axum's syntax (`{name}` for a segment), for routes the server crate serves itself.
pub fn axum_pattern(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name) => format!("{{{name}}}"),
            None => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Who a path is for. The access rules (`server::web::access`) decide per viewer what each area
/// allows; this says only which area a path lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Area {
    /// Anyone, signed in or not: the home page, signing up and in, recovering a password.
    Public,
    /// Opened from a link in mail, perhaps on another device: the link's token is the proof.
    FromMail,
    /// An applicant's own pages: their account, record, cases and notices.
    Applicant,
    /// The staff console: officers, the contact center, administrators.
    Staff,
}

/// A page (or file route) of the site and the area it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub pattern: &'static str,
    pub area: Area,
}

/// Every route, in the order of the router table. Patterns use `:name` for one path segment.
pub const ROUTES: [Route; 47] = [
    Route { pattern: HOME, area: Area::Public },
    Route { pattern: SIGN_UP, area: Area::Public },
    Route { pattern: SIGN_UP_CHECK_EMAIL, area: Area::Public },
    Route { pattern: CONFIRM_EMAIL, area: Area::FromMail },
    Route { pattern: SIGN_IN, area: Area::Public },
    Route { pattern: FORGOT_PASSWORD, area: Area::Public },
    Route { pattern: FORGOT_PASSWORD_CHECK_EMAIL, area: Area::Public },
    Route { pattern: RESET_PASSWORD, area: Area::FromMail },
    // The second step of signing in and its recovery serve a session that has not finished
    // signing in; their server functions check that session themselves.
    Route { pattern: SIGN_IN_VERIFY, area: Area::Public },
    Route { pattern: SIGN_IN_RECOVER, area: Area::Public },
    Route { pattern: RECOVER_SIGN_IN, area: Area::FromMail },
    Route { pattern: RECOVER_SIGN_IN_STARTED, area: Area::Public },
    Route { pattern: ACCOUNT, area: Area::Applicant },
    Route { pattern: CONFIRM_EMAIL_CHANGE, area: Area::FromMail },
    Route { pattern: SIGN_IN_SETTINGS, area: Area::Applicant },
    Route { pattern: AUTHENTICATOR, area: Area::Applicant },
    Route { pattern: DEVICES, area: Area::Applicant },
    Route { pattern: ADDRESS, area: Area::Applicant },
    Route { pattern: BACKUP_CODES, area: Area::Applicant },
    Route { pattern: LINK_RECORD, area: Area::Applicant },
    Route { pattern: LINK_RECORD_ACCESS_CODE, area: Area::Applicant },
    Route { pattern: LINK_RECORD_DISPUTE, area: Area::Applicant },
    Route { pattern: DASHBOARD, area: Area::Applicant },
    Route { pattern: ADD_CASE, area: Area::Applicant },
    Route { pattern: CASE, area: Area::Applicant },
    Route { pattern: SECURITY_EVENTS, area: Area::Applicant },
    Route { pattern: NOTIFICATIONS, area: Area::Applicant },
    Route { pattern: NOTICE, area: Area::Applicant },
    Route { pattern: RESCHEDULE, area: Area::Applicant },
    Route { pattern: EVIDENCE, area: Area::Applicant },
    Route { pattern: EVIDENCE_FILES, area: Area::Applicant },
    Route { pattern: EVIDENCE_FILE, area: Area::Applicant },
    Route { pattern: INQUIRIES, area: Area::Applicant },
    Route { pattern: INQUIRY, area: Area::Applicant },
    // Not a page: a stream, answered 401 (not redirected) without an applicant's session.
    Route { pattern: LIVE, area: Area::Public },
    Route { pattern: STAFF, area: Area::Staff },
    Route { pattern: STAFF_SIGN_IN, area: Area::Public },
    Route { pattern: STAFF_SET_UP, area: Area::FromMail },
    Route { pattern: STAFF_CASE, area: Area::Staff },
    Route { pattern: STAFF_ACCOUNTS, area: Area::Staff },
    Route { pattern: STAFF_AUDIT, area: Area::Staff },
    Route { pattern: STAFF_CONTACT_CENTER, area: Area::Staff },
    Route { pattern: STAFF_CALLER, area: Area::Staff },
    Route { pattern: STAFF_INQUIRIES, area: Area::Staff },
    Route { pattern: STAFF_INQUIRY, area: Area::Staff },
    Route { pattern: STAFF_EVIDENCE_FILE, area: Area::Staff },
    // Kept last: not a page, but its sections are private like the pages under them.
    Route { pattern: CASES, area: Area::Applicant },
];

/// The patterns the Leptos router serves (every route but the files — notices, evidence — the
/// upload, the live stream and the bare sections).
pub fn page_patterns() -> impl Iterator<Item = &'static str> {
    ROUTES
        .iter()
        .map(|r| r.pattern)
        .filter(|p| ![NOTICE, CASES, LIVE, EVIDENCE_FILES, EVIDENCE_FILE, STAFF_EVIDENCE_FILE].contains(p))
}

fn matches(pattern: &str, path: &str) -> bool {
    let mut wanted = pattern.split('/');
    let mut given = path.split('/');
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if w.starts_with(':') => {
                if g.is_empty() {
                    return false;
                }
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

/// The pattern of the route a request path is, if it is one (`/cases/IOE0912345601` →
/// `/cases/:receipt`).
pub fn pattern_of(path: &str) -> Option<&'static str> {
    ROUTES.iter().find(|r| matches(r.pattern, path)).map(|r| r.pattern)
}

/// The area of a request path (without its query). A path no route matches lies in the area of
/// the closest route it is under, so probing unknown paths below a private page answers exactly
/// like the private page (sign in first) and tells a signed-out visitor nothing; other unknown
/// paths are public (and answer "not found").
pub fn area_of(path: &str) -> Area {
    if let Some(route) = ROUTES.iter().find(|r| matches(r.pattern, path)) {
        return route.area;
    }
    ROUTES
        .iter()
        .filter(|r| r.pattern != HOME && !r.pattern.contains(':'))
        .filter(|r| path.starts_with(r.pattern) && path[r.pattern.len()..].starts_with('/'))
        .max_by_key(|r| r.pattern.len())
        .map_or(Area::Public, |r| r.area)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_router_table_serves_exactly_these_pages() {
        let source = include_str!("lib.rs");
        let mut served: Vec<&str> =
            source.split("path!(\"").skip(1).map(|rest| &rest[..rest.find('"').expect("closing quote")]).collect();
        let mut listed: Vec<&str> = page_patterns().collect();
        served.sort_unstable();
        listed.sort_unstable();
        assert_eq!(served, listed);
    }

    #[test]
    fn paths_fall_in_the_area_of_their_route() {
        assert_eq!(area_of("/"), Area::Public);
        assert_eq!(area_of("/sign-in"), Area::Public);
        assert_eq!(area_of("/dashboard"), Area::Applicant);
        assert_eq!(area_of("/cases/EAC2212345678"), Area::Applicant);
        assert_eq!(area_of("/cases/EAC2212345678/notices/3"), Area::Applicant);
        assert_eq!(area_of("/account/confirm-email-change"), Area::FromMail);
        assert_eq!(area_of("/reset-password"), Area::FromMail);
        // Unknown paths under a private page are private; elsewhere they are public.
        assert_eq!(area_of("/account/devices/old"), Area::Applicant);
        assert_eq!(area_of("/cases/"), Area::Applicant);
        assert_eq!(area_of("/cases/a/b/c/d"), Area::Applicant);
        assert_eq!(area_of("/casesx"), Area::Public);
        assert_eq!(area_of("/dashboards-are-public-typo"), Area::Public);
        assert_eq!(area_of("/no-such-page"), Area::Public);
        // A mail link's page is not a prefix for private pages under it, nor the reverse.
        assert_eq!(area_of("/account/confirm-email-change/x"), Area::FromMail);
        // The console is staff-only, but for its sign-in and set-up pages; unknown paths under it too.
        assert_eq!(area_of("/staff"), Area::Staff);
        assert_eq!(area_of("/staff/cases/IOE0912345601"), Area::Staff);
        assert_eq!(area_of("/staff/no-such-page"), Area::Staff);
        assert_eq!(area_of("/staff/sign-in"), Area::Public);
        assert_eq!(area_of("/staff/set-up"), Area::FromMail);
        assert_eq!(area_of("/staffroom"), Area::Public);
    }

    #[test]
    fn built_paths_match_their_patterns() {
        assert!(matches(CASE, &case("IOE0912345601")));
        assert!(matches(NOTICE, &notice("IOE0912345601", crate::domain::NoticeId(7))));
        assert!(!matches(CASE, "/cases/"));
        assert_eq!(with_query(SIGN_IN, "signed_out=1"), "/sign-in?signed_out=1");
        assert_eq!(axum_pattern(NOTICE), "/cases/{receipt}/notices/{notice}");
        assert_eq!(with_query(SIGN_IN_REQUIRED, "x=1"), "/sign-in?required=1&x=1");
    }
}
