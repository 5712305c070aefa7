//! Email addresses and phone numbers as typed: never a panic, what is accepted parses again to
//! itself, and the masked hint of any accepted address can be made.
#![no_main]

use app::domain::{email_hint, EmailAddress, PhoneNumber};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(typed) = std::str::from_utf8(data) else { return };
    if let Ok(email) = EmailAddress::parse(typed) {
        assert_eq!(EmailAddress::parse(email.as_str()).as_ref(), Ok(&email));
        assert!(email.as_str().len() <= EmailAddress::MAX_LEN);
        let _ = email_hint(email.as_str());
    }
    if let Ok(phone) = PhoneNumber::parse(typed) {
        assert_eq!(PhoneNumber::parse(phone.as_str()).as_ref(), Ok(&phone));
        assert!(phone.as_str().starts_with('+'));
    }
});
