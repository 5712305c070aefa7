//! Time-based one-time passwords (RFC 6238) as Portico uses them, in one place: SHA-1, 6 digits,
//! 30-second steps, one step of clock drift either way, a 160-bit secret, and a step that was
//! already used is refused so a code seen over someone's shoulder cannot be replayed.

use rand::RngCore;
use totp_rs::{Algorithm, TOTP};

pub const STEP_SECONDS: u64 = 30;
pub const DIGITS: usize = 6;
/// Steps accepted either side of the current one (RFC 6238 §5.2 recommends at most one).
pub const ACCEPTED_DRIFT_STEPS: i64 = 1;
/// 160 bits: the HMAC-SHA-1 output size, RFC 4226's recommended secret length.
pub const SECRET_BYTES: usize = 20;
pub const ISSUER: &str = "Portico";

/// A new secret from the operating system's CSPRNG.
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    secret
}

fn totp(secret: &[u8], algorithm: Algorithm, digits: usize, account_name: &str) -> TOTP {
    // `new_unchecked` only skips totp-rs's own length checks; our secrets are always 160 bits, and
    // the RFC test vectors use the 8-digit form.
    TOTP::new_unchecked(
        algorithm,
        digits,
        0,
        STEP_SECONDS,
        secret.to_vec(),
        Some(ISSUER.to_owned()),
        account_name.to_owned(),
    )
}

/// The code for the step containing `unix_seconds`, with any algorithm and length (for the RFC vectors).
pub fn code_with(secret: &[u8], algorithm: Algorithm, digits: usize, unix_seconds: u64) -> String {
    totp(secret, algorithm, digits, "").generate(unix_seconds)
}

/// Portico's code for `step`.
pub fn code_for_step(secret: &[u8], step: i64) -> String {
    code_with(secret, Algorithm::SHA1, DIGITS, step.max(0) as u64 * STEP_SECONDS)
}

pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS as i64)
}

/// What the authenticator app is told: the `otpauth://` link (shown as a QR code) and the secret
/// in base32 for typing in by hand.
pub fn provisioning(secret: &[u8], account_name: &str) -> (String, String) {
    let totp = totp(secret, Algorithm::SHA1, DIGITS, account_name);
    (totp.get_url(), totp.get_secret_base32())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not the code of any accepted step.
    Wrong,
    /// The code of a step that was already used (or an earlier one).
    Replayed,
}

/// Checks `typed` against the steps around `unix_seconds`; returns the step it matched, which the
/// caller stores so the same step (or an older one) is refused from then on.
pub fn verify(secret: &[u8], typed: &str, unix_seconds: i64, last_used_step: Option<i64>) -> Result<i64, Refusal> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if typed.len() != DIGITS || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Refusal::Wrong);
    }
    let current = step_at(unix_seconds);
    let mut matched = None;
    // Every candidate is computed and compared, so timing does not say which step matched.
    for step in current - ACCEPTED_DRIFT_STEPS..=current + ACCEPTED_DRIFT_STEPS {
        if crate::server::secrets::constant_time_eq(&code_for_step(secret, step), &typed) && matched.is_none() {
            matched = Some(step);
        }
    }
    match (matched, last_used_step) {
        (None, _) => Err(Refusal::Wrong),
        (Some(step), Some(last)) if step <= last => Err(Refusal::Replayed),
        (Some(step), _) => Ok(step),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B: every test vector, for all three algorithms.
    #[test]
    fn rfc_6238_test_vectors() {
        let sha1 = b"12345678901234567890".as_slice();
        let sha256 = b"12345678901234567890123456789012".as_slice();
        let sha512 = b"1234567890123456789012345678901234567890123456789012345678901234".as_slice();
        let vectors: [(u64, &str, &str, &str); 6] = [
            (59, "94287082", "46119246", "90693936"),
            (1111111109, "07081804", "68084774", "25091201"),
            (1111111111, "14050471", "67062674", "99943326"),
            (1234567890, "89005924", "91819424", "93441116"),
            (2000000000, "69279037", "90698825", "38618901"),
            (20000000000, "65353130", "77737706", "47863826"),
        ];
        for (time, want_sha1, want_sha256, want_sha512) in vectors {
            assert_eq!(code_with(sha1, Algorithm::SHA1, 8, time), want_sha1, "SHA1 at {time}");
            assert_eq!(code_with(sha256, Algorithm::SHA256, 8, time), want_sha256, "SHA256 at {time}");
            assert_eq!(code_with(sha512, Algorithm::SHA512, 8, time), want_sha512, "SHA512 at {time}");
        }
    }

    #[test]
    fn secrets_are_160_random_bits() {
        let (a, b) = (new_secret(), new_secret());
        assert_eq!(a.len() * 8, 160);
        assert_ne!(a, b);
    }

    #[test]
    fn one_step_of_drift_either_way_is_accepted_and_no_more() {
        let secret = new_secret();
        let now = 1_800_000_015;
        let step = step_at(now);
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = code_for_step(&secret, step + offset);
            let outcome = verify(&secret, &code, now, None);
            // A neighbouring step may share the code by chance (1 in a million); then it matched that one.
            if accepted {
                assert!(outcome.is_ok(), "offset {offset}");
            } else if outcome.is_ok() {
                assert_ne!(outcome, Ok(step + offset), "offset {offset}");
            }
        }
    }

    #[test]
    fn a_used_step_and_older_ones_are_refused() {
        let secret = new_secret();
        let now = 1_800_000_015;
        let step = step_at(now);
        let code = code_for_step(&secret, step);
        assert_eq!(verify(&secret, &code, now, None), Ok(step));
        assert_eq!(verify(&secret, &code, now, Some(step)), Err(Refusal::Replayed));
        let earlier = code_for_step(&secret, step - 1);
        if earlier != code {
            assert_eq!(verify(&secret, &earlier, now, Some(step)), Err(Refusal::Replayed));
        }
        let next = code_for_step(&secret, step + 1);
        assert_eq!(verify(&secret, &next, now + 30, Some(step)), Ok(step + 1));
    }

    #[test]
    fn typed_codes_may_have_spaces_but_must_be_six_digits() {
        let secret = new_secret();
        let now = 1_800_000_015;
        let code = code_for_step(&secret, step_at(now));
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(verify(&secret, &spaced, now, None).is_ok());
        assert_eq!(verify(&secret, "12345", now, None), Err(Refusal::Wrong));
        assert_eq!(verify(&secret, "abcdef", now, None), Err(Refusal::Wrong));
    }

    #[test]
    fn provisioning_link_names_issuer_and_carries_the_secret() {
        let secret = new_secret();
        let (url, base32) = provisioning(&secret, "maria@example.com");
        assert!(url.starts_with("otpauth://totp/Portico:maria%40example.com?"), "{url}");
        assert!(url.contains(&format!("secret={base32}")), "{url}");
        assert!(url.contains("issuer=Portico"), "{url}");
        assert_eq!(base32.len(), 32);
    }
}
