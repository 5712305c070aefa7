//! Who someone is: accounts, passwords, sign-in and its throttle, second factors and their
//! recovery, sessions, security events, and the link between an account and an immigration record.

pub mod account_settings;
pub mod accounts;
pub mod email_tokens;
pub mod password;
pub mod password_reset;
pub mod record_link;
pub mod second_factors;
pub mod security_events;
pub mod session_policy;
pub mod sessions;
pub mod sign_in;
pub mod sign_in_throttle;
