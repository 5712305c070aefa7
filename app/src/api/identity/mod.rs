//! Server functions of the identity context: sign-up and sign-in, account settings, second
//! factors, sessions (devices), security events and the record link.

pub mod account_settings;
pub mod accounts;
pub mod record_link;
pub mod second_factors;
pub mod security_events;
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod words;
