//! Who is asking, resolved once per request by the session layer, and the questions pages and
//! queries ask of it: may this page open, is the answer personal, which record may be read. What
//! each role may *do* is decided in `authorization`.

pub use crate::inbound::paths::canonical_path;

use crate::domain::RecordId;
use crate::error::AppError;
use crate::routes::{self, Area};
use crate::server::identity::sessions::ActiveSession;
use crate::server::web::authorization;

/// Who is asking.
#[derive(Debug, Clone, Default)]
pub enum Viewer {
    /// No session (or one that ended).
    #[default]
    Anonymous,
    /// A password was accepted and the second factor is awaited: this session may finish signing
    /// in and nothing else. Everywhere else it counts as signed out.
    SigningIn(ActiveSession),
    /// A signed-in applicant: their account, and the immigration record it is linked to (if any).
    Applicant(ActiveSession),
    /// A signed-in staff member (`session.role` says which role). Staff sessions reach staff pages
    /// and functions only; to an applicant's pages they are signed out.
    Staff(ActiveSession),
}

impl Viewer {
    /// The session of a viewer who has finished signing in.
    pub fn signed_in(&self) -> Option<&ActiveSession> {
        match self {
            Viewer::Applicant(session) => Some(session),
            Viewer::Anonymous | Viewer::SigningIn(_) | Viewer::Staff(_) => None,
        }
    }

    /// The session of a signed-in staff member.
    pub fn staff(&self) -> Option<&ActiveSession> {
        match self {
            Viewer::Staff(session) => Some(session),
            Viewer::Anonymous | Viewer::SigningIn(_) | Viewer::Applicant(_) => None,
        }
    }

    /// Any finished session, applicant's or staff's (for signing out, for the offline copy's owner).
    pub fn any_session(&self) -> Option<&ActiveSession> {
        match self {
            Viewer::Applicant(session) | Viewer::Staff(session) => Some(session),
            Viewer::Anonymous | Viewer::SigningIn(_) => None,
        }
    }

    /// The session of a viewer who is halfway through signing in.
    pub fn signing_in(&self) -> Option<&ActiveSession> {
        match self {
            Viewer::SigningIn(session) => Some(session),
            Viewer::Anonymous | Viewer::Applicant(_) | Viewer::Staff(_) => None,
        }
    }
}

/// What the session layer does with a request for a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAccess {
    Allow,
    /// Send the visitor to sign in first (the page is someone's own).
    SignInFirst,
}

/// May `viewer` open a page in `area`? (The rule is `authorization::may_open`.)
pub fn page(viewer: &Viewer, area: Area) -> PageAccess {
    if authorization::may_open(authorization::Actor::of(viewer), area) {
        PageAccess::Allow
    } else {
        PageAccess::SignInFirst
    }
}

/// Whether what is answered for `path` to `viewer` is personal, so no browser or shared cache may
/// keep it: anything rendered for a session, any server function's answer, any private path.
pub fn is_personal(viewer: &Viewer, path: &str) -> bool {
    !matches!(viewer, Viewer::Anonymous) || path.starts_with("/api/") || routes::area_of(path) != Area::Public
}

/// The immigration record whose cases, notices and history `viewer` may read: an applicant reads
/// only the record their account is linked to. `Ok(None)`: signed in, not linked yet (a pending
/// link counts as not linked). Anyone else must sign in.
pub fn readable_record(viewer: &Viewer) -> Result<Option<RecordId>, AppError> {
    match viewer {
        Viewer::Applicant(session) => Ok(session.record_id),
        Viewer::Anonymous | Viewer::SigningIn(_) | Viewer::Staff(_) => Err(AppError::SignInRequired),
    }
}

/// Static assets are served without looking up a session.
pub fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.ico" || path.starts_with("/assets/") || path.starts_with("/uswds/")
}

/// The health checks answer without looking up a session either: a probe that happens to carry a
/// cookie neither costs a database read nor keeps a session alive.
pub fn is_health_check(path: &str) -> bool {
    path == "/healthz" || path == "/readyz"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AccountId, SessionId};

    #[test]
    fn a_path_has_one_spelling_with_its_dot_segments_resolved() {
        for (sent, canonical) in [
            ("/./dashboard", "/dashboard"),
            ("/x/../dashboard", "/dashboard"),
            ("/%2e/dashboard", "/dashboard"),
            ("/x/%2E%2e/dashboard", "/dashboard"),
            ("/uswds/../dashboard", "/dashboard"),
            ("/staff/./cases/IOE0912345601", "/staff/cases/IOE0912345601"),
            ("//dashboard", "/dashboard"),
            // Never a protocol-relative address (another host, to a browser).
            ("/x/..//evil.example/", "/evil.example/"),
        ] {
            assert_eq!(canonical_path(sent).as_deref(), Some(canonical), "{sent}");
        }
        for path in ["/", "/dashboard", "/dashboard/", "/cases/IOE0912345601", "/pkg/portico.wasm", "/a%2Fb"] {
            assert_eq!(canonical_path(path), None, "{path}");
        }
    }
    use crate::i18n::Lang;
    use chrono::Utc;

    fn session(record_id: Option<RecordId>, authenticated: bool) -> ActiveSession {
        ActiveSession {
            role: crate::domain::Role::Applicant,
            display_name: None,
            office: None,
            session_id: SessionId(1),
            account_id: AccountId(7),
            email: "maria@example.com".into(),
            record_id,
            authenticated_at: authenticated.then(Utc::now),
            last_seen_at: Utc::now(),
            lang: Lang::En,
            ends_at: Utc::now(),
        }
    }

    fn viewers() -> [Viewer; 4] {
        [
            Viewer::Anonymous,
            Viewer::SigningIn(session(Some(RecordId(3)), false)),
            Viewer::Applicant(session(None, true)),
            Viewer::Applicant(session(Some(RecordId(3)), true)),
        ]
    }

    #[test]
    fn public_pages_and_mail_links_open_for_everyone() {
        for viewer in viewers() {
            for path in ["/", "/sign-in", "/sign-up", "/sign-in/verify", "/no-such-page", "/casesx"] {
                assert_eq!(page(&viewer, routes::area_of(path)), PageAccess::Allow, "{viewer:?} {path}");
            }
            for path in ["/confirm-email", "/reset-password", "/account/confirm-email-change", "/recover-sign-in"] {
                assert_eq!(page(&viewer, routes::area_of(path)), PageAccess::Allow, "{viewer:?} {path}");
            }
        }
    }

    #[test]
    fn an_applicants_pages_open_for_a_signed_in_applicant_only() {
        let private = [
            "/dashboard",
            "/cases/EAC2212345678",
            "/cases/EAC2212345678/notices/1",
            "/link-record",
            "/security-events",
            "/account",
            "/account/devices",
            "/account/no-such-page",
        ];
        for path in private {
            let area = routes::area_of(path);
            assert_eq!(page(&Viewer::Anonymous, area), PageAccess::SignInFirst, "{path}");
            assert_eq!(
                page(&Viewer::SigningIn(session(Some(RecordId(3)), false)), area),
                PageAccess::SignInFirst,
                "{path}"
            );
            assert_eq!(page(&Viewer::Applicant(session(None, true)), area), PageAccess::Allow, "{path}");
        }
    }

    #[test]
    fn an_applicant_reads_only_the_record_their_account_is_linked_to() {
        assert_eq!(readable_record(&Viewer::Applicant(session(Some(RecordId(3)), true))), Ok(Some(RecordId(3))));
        assert_eq!(readable_record(&Viewer::Applicant(session(None, true))), Ok(None));
        // Halfway through signing in, the session's record is not readable yet.
        assert_eq!(
            readable_record(&Viewer::SigningIn(session(Some(RecordId(3)), false))),
            Err(AppError::SignInRequired)
        );
        assert_eq!(readable_record(&Viewer::Anonymous), Err(AppError::SignInRequired));
    }

    #[test]
    fn only_a_signed_in_session_counts_as_signed_in() {
        assert!(Viewer::Anonymous.signed_in().is_none());
        assert!(Viewer::SigningIn(session(None, false)).signed_in().is_none());
        assert!(Viewer::SigningIn(session(None, false)).signing_in().is_some());
        assert!(Viewer::Applicant(session(None, true)).signed_in().is_some());
    }

    #[test]
    fn answers_for_a_session_api_answers_and_private_paths_are_personal() {
        assert!(!is_personal(&Viewer::Anonymous, "/"));
        assert!(!is_personal(&Viewer::Anonymous, "/sign-in"));
        assert!(is_personal(&Viewer::Anonymous, "/dashboard"));
        assert!(is_personal(&Viewer::Anonymous, "/api/sign_in"));
        assert!(is_personal(&Viewer::Anonymous, "/reset-password"));
        assert!(is_personal(&Viewer::SigningIn(session(None, false)), "/sign-in/verify"));
        assert!(is_personal(&Viewer::Applicant(session(None, true)), "/"));
    }

    #[test]
    fn static_files_skip_the_session_lookup_and_pages_do_not() {
        for path in ["/pkg/portico.css", "/assets/offline.js", "/uswds/3.14.0/css/uswds.min.css"] {
            assert!(is_static_asset(path), "{path}");
        }
        for path in ["/dashboard", "/cases/IOE0912345601/notices/1", "/uswds-not-really"] {
            assert!(!is_static_asset(path), "{path}");
        }
    }
}
