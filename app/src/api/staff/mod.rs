//! The staff console's server functions. Each is thin: the session layer has already checked the
//! caller's role against `server::web::authorization`; the function takes the staff session, calls
//! a service, and maps its read model to a view. The console is in English.

pub mod accounts;
pub mod audit;
pub mod cases;
pub mod contact_center;
pub mod inquiries;
#[cfg(feature = "ssr")]
pub mod words;
