//! The server's own secret key and what it is used for: encrypting second-factor secrets at rest
//! (AES-256-GCM) and keyed hashes of short codes (HMAC-SHA-256), so that a copy of the database
//! alone yields neither working TOTP secrets nor a way to test guesses for backup and emailed codes.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::fmt;

/// The keys from `PORTICO_SECRET_KEY` (the current one: everything new is sealed and hashed with
/// it) and `PORTICO_PREVIOUS_SECRET_KEYS` (older ones, kept only to open and check what they made
/// until `portico rotate-key` has re-sealed it). Never printed.
#[derive(Clone)]
pub struct SecretKey {
    current: KeyMaterial,
    previous: Vec<KeyMaterial>,
}

#[derive(Clone)]
struct KeyMaterial {
    /// 8 hex digits naming the key in sealed values (a keyed hash of it: it tells nothing of the key).
    id: String,
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

impl KeyMaterial {
    /// Independent sub-keys derived from the master key, one per use.
    fn from_master(master: &[u8; 32]) -> Self {
        let derive = |label: &[u8]| -> [u8; 32] {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master).expect("HMAC takes any key length");
            mac.update(label);
            mac.finalize().into_bytes().into()
        };
        Self {
            id: hex::encode(&derive(b"portico/key-id/v1")[..4]),
            encryption: derive(b"portico/encryption/v1"),
            lookup: derive(b"portico/lookup/v1"),
        }
    }

    fn open(&self, nonce: &str, body: &str) -> Result<Vec<u8>, OpenError> {
        let nonce: [u8; 12] = hex::decode(nonce).ok().and_then(|n| n.try_into().ok()).ok_or(OpenError)?;
        let body = hex::decode(body).map_err(|_| OpenError)?;
        let cipher = Aes256Gcm::new_from_slice(&self.encryption).expect("32-byte key");
        cipher.decrypt(Nonce::from_slice(&nonce), body.as_slice()).map_err(|_| OpenError)
    }

    fn lookup_hash(&self, purpose: &str, owner: i32, code: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.lookup).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(&owner.to_be_bytes());
        mac.update(code.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

impl SecretKey {
    pub fn from_master(master: &[u8; 32]) -> Self {
        Self { current: KeyMaterial::from_master(master), previous: Vec::new() }
    }

    /// Parses 64 hex characters.
    pub fn from_hex(text: &str) -> Option<Self> {
        let bytes = hex::decode(text.trim()).ok()?;
        let master: [u8; 32] = bytes.try_into().ok()?;
        Some(Self::from_master(&master))
    }

    /// This key, still able to open and check what `previous` keys made (newest first).
    pub fn with_previous(mut self, previous: impl IntoIterator<Item = SecretKey>) -> Self {
        self.previous = previous.into_iter().map(|key| key.current).filter(|key| key.id != self.current.id).collect();
        self
    }

    /// The current key's id, as it appears in what it seals.
    pub fn id(&self) -> &str {
        &self.current.id
    }

    /// Encrypts `plain` with the current key and a fresh random nonce; the result is
    /// `v2.<key id>.<nonce hex>.<ciphertext hex>`.
    pub fn seal(&self, plain: &[u8]) -> String {
        let cipher = Aes256Gcm::new_from_slice(&self.current.encryption).expect("32-byte key");
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = cipher.encrypt(Nonce::from_slice(&nonce), plain).expect("AES-GCM encryption does not fail");
        format!("v2.{}.{}.{}", self.current.id, hex::encode(nonce), hex::encode(sealed))
    }

    /// Opens what this key or a previous one sealed: `v2` names its key; `v1` (sealed before
    /// keys had ids) is tried with each.
    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, OpenError> {
        let parts: Vec<&str> = sealed.split('.').collect();
        match parts.as_slice() {
            ["v2", id, nonce, body] => self.keys().find(|key| key.id == *id).ok_or(OpenError)?.open(nonce, body),
            ["v1", nonce, body] => self.keys().find_map(|key| key.open(nonce, body).ok()).ok_or(OpenError),
            _ => Err(OpenError),
        }
    }

    /// Whether `sealed` is already sealed with the current key (nothing for `rotate-key` to do).
    pub fn sealed_with_current(&self, sealed: &str) -> bool {
        sealed.strip_prefix("v2.").and_then(|rest| rest.split('.').next()) == Some(self.current.id.as_str())
    }

    /// A keyed hash of a short code, bound to what it is for and whose it is (an account's or a
    /// record's id), with the current key: what is stored for a new code.
    pub fn lookup_hash(&self, purpose: &str, owner: impl Into<i32>, code: &str) -> String {
        self.current.lookup_hash(purpose, owner.into(), code)
    }

    /// The hashes a stored code may have been made with (the current key's first): a code issued
    /// before a rotation still matches while its key is listed among the previous ones.
    pub fn lookup_hashes(&self, purpose: &str, owner: impl Into<i32>, code: &str) -> Vec<String> {
        let owner = owner.into();
        self.keys().map(|key| key.lookup_hash(purpose, owner, code)).collect()
    }

    /// Whether `stored` is the hash of `code` under any of the keys (compared in constant time).
    pub fn lookup_matches(&self, stored: &str, purpose: &str, owner: impl Into<i32>, code: &str) -> bool {
        self.lookup_hashes(purpose, owner, code)
            .iter()
            .fold(false, |found, hash| constant_time_eq(hash, stored) | found)
    }

    fn keys(&self) -> impl Iterator<Item = &KeyMaterial> {
        std::iter::once(&self.current).chain(&self.previous)
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
    fn after_a_rotation_old_values_open_and_old_codes_match_while_the_old_key_is_listed() {
        let old_sealed = key(1).seal(b"secret");
        let old_hash = key(1).lookup_hash("backup", 7, "CODE");
        let rotated = key(2).with_previous([key(1)]);
        assert_eq!(rotated.open(&old_sealed).unwrap(), b"secret");
        assert!(!rotated.sealed_with_current(&old_sealed));
        let resealed = rotated.seal(b"secret");
        assert!(rotated.sealed_with_current(&resealed) && resealed.starts_with(&format!("v2.{}.", key(2).id())));
        assert_eq!(key(2).open(&resealed).unwrap(), b"secret", "the new key alone opens what was re-sealed");
        assert!(key(2).open(&old_sealed).is_err(), "and not what was not");
        assert!(rotated.lookup_matches(&old_hash, "backup", 7, "CODE"));
        assert!(!key(2).lookup_matches(&old_hash, "backup", 7, "CODE"));
        assert!(!rotated.lookup_matches(&old_hash, "backup", 7, "CODF"));
        assert_ne!(key(1).id(), key(2).id());
    }

    #[test]
    fn values_sealed_before_key_ids_still_open() {
        // The `v1` format: no key id.
        let k = key(3);
        let v2 = k.seal(b"legacy");
        let parts: Vec<&str> = v2.split('.').collect();
        let v1 = format!("v1.{}.{}", parts[2], parts[3]);
        assert_eq!(k.open(&v1).unwrap(), b"legacy");
        assert_eq!(key(4).with_previous([key(3)]).open(&v1).unwrap(), b"legacy");
        assert!(key(4).open(&v1).is_err());
        assert!(!k.sealed_with_current(&v1));
    }

    #[test]
    fn hex_keys_must_be_exactly_32_bytes() {
        assert!(SecretKey::from_hex(&"ab".repeat(32)).is_some());
        assert!(SecretKey::from_hex(&"ab".repeat(31)).is_none());
        assert!(SecretKey::from_hex("not hex").is_none());
    }
}
