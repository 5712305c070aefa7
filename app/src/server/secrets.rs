//! The server's own secret key and what it is used for: encrypting second-factor secrets at rest
//! (AES-256-GCM) and keyed hashes of short codes (HMAC-SHA-256), so that a copy of the database
//! alone yields neither working TOTP secrets nor a way to test guesses for backup and emailed codes.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::fmt;

/// 32 bytes from `PORTICO_SECRET_KEY`. Never printed.
#[derive(Clone)]
pub struct SecretKey {
    encryption: [u8; 32],
    lookup: [u8; 32],
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Sealed text could not be opened: wrong key, or the stored value was altered.
#[derive(Debug, thiserror::Error)]
#[error("stored secret could not be decrypted")]
pub struct OpenError;

impl SecretKey {
    /// Two independent sub-keys derived from the master key, one per use.
    pub fn from_master(master: &[u8; 32]) -> Self {
        let derive = |label: &[u8]| -> [u8; 32] {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master).expect("HMAC takes any key length");
            mac.update(label);
            mac.finalize().into_bytes().into()
        };
        Self { encryption: derive(b"portico/encryption/v1"), lookup: derive(b"portico/lookup/v1") }
    }

    /// Parses 64 hex characters.
    pub fn from_hex(text: &str) -> Option<Self> {
        let bytes = hex::decode(text.trim()).ok()?;
        let master: [u8; 32] = bytes.try_into().ok()?;
        Some(Self::from_master(&master))
    }

    /// Encrypts `plain` with a fresh random nonce; the result is `v1.<nonce hex>.<ciphertext hex>`.
    pub fn seal(&self, plain: &[u8]) -> String {
        let cipher = Aes256Gcm::new_from_slice(&self.encryption).expect("32-byte key");
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = cipher.encrypt(Nonce::from_slice(&nonce), plain).expect("AES-GCM encryption does not fail");
        format!("v1.{}.{}", hex::encode(nonce), hex::encode(sealed))
    }

    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, OpenError> {
        let mut parts = sealed.split('.');
        let (Some("v1"), Some(nonce), Some(body), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(OpenError);
        };
        let nonce: [u8; 12] = hex::decode(nonce).ok().and_then(|n| n.try_into().ok()).ok_or(OpenError)?;
        let body = hex::decode(body).map_err(|_| OpenError)?;
        let cipher = Aes256Gcm::new_from_slice(&self.encryption).expect("32-byte key");
        cipher.decrypt(Nonce::from_slice(&nonce), body.as_slice()).map_err(|_| OpenError)
    }

    /// A keyed hash of a short code, bound to what it is for and whose it is (an account's or a
    /// record's id).
    pub fn lookup_hash(&self, purpose: &str, owner: impl Into<i32>, code: &str) -> String {
        let owner: i32 = owner.into();
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.lookup).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(&owner.to_be_bytes());
        mac.update(code.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// Compares two strings in time that does not depend on where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> SecretKey {
        SecretKey::from_master(&[byte; 32])
    }

    #[test]
    fn sealed_secrets_open_only_with_the_same_key_and_unaltered() {
        let sealed = key(1).seal(b"totp secret bytes");
        assert!(!sealed.contains(&hex::encode(b"totp secret bytes")));
        assert_eq!(key(1).open(&sealed).unwrap(), b"totp secret bytes");
        assert!(key(2).open(&sealed).is_err());
        let mut altered = sealed.clone();
        let last = altered.pop().unwrap();
        altered.push(if last == '0' { '1' } else { '0' });
        assert!(key(1).open(&altered).is_err());
        assert_ne!(key(1).seal(b"same"), key(1).seal(b"same"), "a fresh nonce every time");
    }

    #[test]
    fn lookup_hashes_depend_on_key_purpose_account_and_code() {
        let base = key(1).lookup_hash("backup", 7, "ABCDE-FGHJK");
        assert_eq!(base, key(1).lookup_hash("backup", 7, "ABCDE-FGHJK"));
        assert_ne!(base, key(2).lookup_hash("backup", 7, "ABCDE-FGHJK"));
        assert_ne!(base, key(1).lookup_hash("email", 7, "ABCDE-FGHJK"));
        assert_ne!(base, key(1).lookup_hash("backup", 8, "ABCDE-FGHJK"));
        assert_ne!(base, key(1).lookup_hash("backup", 7, "ABCDE-FGHJM"));
    }

    #[test]
    fn hex_keys_must_be_exactly_32_bytes() {
        assert!(SecretKey::from_hex(&"ab".repeat(32)).is_some());
        assert!(SecretKey::from_hex(&"ab".repeat(31)).is_none());
        assert!(SecretKey::from_hex("not hex").is_none());
    }
}
