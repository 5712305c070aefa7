//! What leaves the building: mail, text messages and paper letters, and the words they carry.

pub mod choices;
pub mod live;
pub mod mail;
pub mod messages;
pub mod outbox;
pub mod paper_mail;
pub mod sms;
