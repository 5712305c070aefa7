//! Email addresses, as typed and as compared (trimmed, lower-cased), and their masked hint.

use super::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An email address, trimmed and lower-cased so that one person cannot hold two accounts by
/// changing the case of a letter. The checks are the ones that catch typing mistakes; whether the
/// mailbox exists is only known once a message reaches it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    /// The longest address there can be (RFC 5321's path limit, less its angle brackets).
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(ParseError::EmailMissing);
        }
        if email.len() > Self::MAX_LEN || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ParseError::EmailShape);
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err(ParseError::EmailShape);
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && !local.chars().any(|c| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '\\' | '"'));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| tld.chars().all(char::is_alphabetic) && tld.len() >= 2);
        if !local_ok || !domain_ok {
            return Err(ParseError::EmailShape);
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

/// "m•••@example.com": enough for the owner to recognise, little for anyone else.
pub fn email_hint(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn email_hints_show_the_first_letter_and_the_domain() {
        assert_eq!(email_hint("maria@example.com"), "m•••@example.com");
        assert_eq!(email_hint("broken"), "•••");
    }

    #[test]
    fn lower_cases_and_trims() {
        assert_eq!(EmailAddress::parse("  Maria.Garcia@Example.COM ").unwrap().as_str(), "maria.garcia@example.com");
    }

    #[test]
    fn rejects_common_mistakes() {
        for bad in [
            "",
            "maria",
            "maria@",
            "@example.com",
            "maria@example",
            "maria@@example.com",
            "maria @example.com",
            "maria@example..com",
            "maria@-example.com",
            ".maria@example.com",
            "maria@example.c0m",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    proptest! {
        #[test]
        fn generated_addresses_parse(local in "[a-z0-9_+]{1,20}", domain in "[a-z0-9]{1,20}", tld in "[a-z]{2,6}") {
            let raw = format!("{local}@{domain}.{tld}");
            let parsed = EmailAddress::parse(&raw.to_uppercase()).unwrap();
            prop_assert_eq!(parsed.as_str(), raw.as_str());
        }

        #[test]
        fn never_panics(raw in ".{0,80}") {
            let _ = EmailAddress::parse(&raw);
        }
    }
}
