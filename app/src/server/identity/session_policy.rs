//! The rules a session lives by, in one place: how long it may sit idle, how long it may live at
//! all, how its cookie is named and flagged, and how its token is made and stored.

use crate::server::config::Environment;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// NIST SP 800-63B AAL2 and Login.gov: 15 minutes without activity ends a session.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(15);
/// However active, a session ends 12 hours after sign-in.
pub const ABSOLUTE_LIFETIME: Duration = Duration::hours(12);
/// After the password, the second factor must be given within this time, or sign-in starts over.
pub const SECOND_FACTOR_WINDOW: Duration = Duration::minutes(10);
/// Changing the email, password or sign-in factors needs a password and second factor given this recently.
pub const REAUTHENTICATION_WINDOW: Duration = Duration::minutes(15);
/// The page warns this long before the idle timeout and offers to stay signed in.
pub const IDLE_WARNING_BEFORE: Duration = Duration::minutes(2);
/// `last_seen_at` is written at most this often, so that reading pages does not write on every request.
pub const LAST_SEEN_RESOLUTION: Duration = Duration::seconds(30);

/// Whether a session that began at `created_at` and was last used at `last_seen_at` is still valid at `now`.
pub fn is_live(created_at: DateTime<Utc>, last_seen_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last_seen_at < IDLE_TIMEOUT && now - created_at < ABSOLUTE_LIFETIME
}

/// When a session used just now ends if nothing more happens: at the idle timeout, or at its
/// absolute end if that comes first. Offline copies of its pages go then too.
pub fn ends_at(created_at: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    (now + IDLE_TIMEOUT).min(created_at + ABSOLUTE_LIFETIME)
}

/// Whether a session whose password was accepted at `created_at` may still give its second factor.
pub fn second_factor_still_allowed(created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - created_at < SECOND_FACTOR_WINDOW
}

/// Whether someone who last proved password and second factor at `authenticated_at` may change
/// their email, password or factors now without proving them again.
pub fn recently_authenticated(authenticated_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - authenticated_at <= REAUTHENTICATION_WINDOW
}

/// In production the cookie is `__Host-` prefixed (Secure, Path=/, no Domain: the browser refuses
/// it otherwise). On plain-http development servers browsers drop Secure cookies, so the plain name is used.
pub fn cookie_name(environment: Environment) -> &'static str {
    match environment {
        Environment::Production => "__Host-portico_session",
        Environment::Development => "portico_session",
    }
}

pub fn cookie_is_secure(environment: Environment) -> bool {
    environment == Environment::Production
}

/// 256 random bits from the operating system's CSPRNG, hex-encoded for the cookie.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the database keeps instead of the token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_and_absolute_limits() {
        let start = Utc::now();
        assert!(is_live(start, start, start + Duration::minutes(14)));
        assert!(!is_live(start, start, start + Duration::minutes(15)));
        let active = start + Duration::hours(11) + Duration::minutes(59);
        assert!(is_live(start, active, active));
        assert!(!is_live(start, start + Duration::hours(12), start + Duration::hours(12)));
    }

    #[test]
    fn second_factor_and_reauthentication_windows() {
        let start = Utc::now();
        assert!(second_factor_still_allowed(start, start + Duration::minutes(9)));
        assert!(!second_factor_still_allowed(start, start + Duration::minutes(10)));
        assert!(recently_authenticated(start, start + Duration::minutes(15)));
        assert!(!recently_authenticated(start, start + Duration::minutes(15) + Duration::seconds(1)));
    }

    #[test]
    fn tokens_are_long_random_and_stored_only_as_hashes() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }

    #[test]
    fn production_cookie_is_host_prefixed_and_secure() {
        assert!(cookie_name(Environment::Production).starts_with("__Host-"));
        assert!(cookie_is_secure(Environment::Production));
        assert!(!cookie_is_secure(Environment::Development));
    }
}
