//! Passwords: the length rules checked before anything else about them.

use super::ParseError;
use std::fmt;

/// A password as typed. It never prints itself (Debug and Display are redacted) and is never
/// serialized; the only thing that happens to it is being hashed or checked against a hash.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// NIST SP 800-63B: at least 12 characters here (Login.gov's figure), up to 128, any characters,
    /// no composition rules.
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    /// Checks a new password against the length rule. Signing in with an existing password uses
    /// [`Password::for_verification`] instead, so that a changed rule never locks anyone out.
    pub fn parse_new(raw: &str) -> Result<Self, ParseError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(ParseError::PasswordTooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(ParseError::PasswordTooLong);
        }
        Ok(Self(raw.to_owned()))
    }

    /// Wraps a password typed at sign-in. Very long input is cut off so that hashing stays bounded.
    pub fn for_verification(raw: &str) -> Self {
        Self(raw.chars().take(Self::MAX_CHARS).collect())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn length_limits_count_characters_not_bytes() {
        assert!(Password::parse_new("short").is_err());
        assert!(Password::parse_new("ñññññññññññ").is_err()); // 11 characters, 22 bytes
        assert!(Password::parse_new("ññññññññññññ").is_ok());
        assert!(Password::parse_new(&"x".repeat(129)).is_err());
        assert!(Password::parse_new(&"x".repeat(128)).is_ok());
        // The words people read name the same limits.
        for lang in crate::i18n::Lang::ALL {
            assert!(ParseError::PasswordTooShort.message(lang).contains(&Password::MIN_CHARS.to_string()));
            assert!(ParseError::PasswordTooLong.message(lang).contains(&Password::MAX_CHARS.to_string()));
        }
    }

    #[test]
    fn never_prints_itself() {
        let p = Password::parse_new("correct horse battery staple").unwrap();
        assert_eq!(format!("{p:?}"), "Password(<redacted>)");
    }

    proptest! {
        #[test]
        fn verification_input_is_bounded(raw in ".{0,400}") {
            prop_assert!(Password::for_verification(&raw).expose().chars().count() <= Password::MAX_CHARS);
        }
    }
}
