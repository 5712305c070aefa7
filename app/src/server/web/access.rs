//! Which pages need a signed-in session. The session layer redirects anonymous visitors of these
//! to the sign-in page before any page code runs; the server functions behind them check again.

pub fn page_requires_sign_in(path: &str) -> bool {
    const SIGNED_IN_PREFIXES: [&str; 5] = ["/dashboard", "/cases", "/link-record", "/security-events", "/account"];
    /// Opened from a link in mail, perhaps on another device: the link's token is the proof.
    const OPENED_FROM_MAIL: [&str; 1] = ["/account/confirm-email-change"];
    !OPENED_FROM_MAIL.contains(&path)
        && SIGNED_IN_PREFIXES.iter().any(|prefix| path == *prefix || path.starts_with(&format!("{prefix}/")))
}

/// Static assets are served without looking up a session.
pub fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.ico" || path.starts_with("/assets/") || path.starts_with("/uswds/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_pages_and_only_those_need_sign_in() {
        for path in ["/dashboard", "/cases/EAC2212345678", "/link-record", "/security-events", "/account/devices"] {
            assert!(page_requires_sign_in(path), "{path}");
        }
        for path in
            ["/", "/sign-in", "/sign-up", "/dashboards-are-public-typo", "/casesx", "/account/confirm-email-change"]
        {
            assert!(!page_requires_sign_in(path), "{path}");
        }
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
