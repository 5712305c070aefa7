//! Server functions, grouped by aggregate. Each is thin: find out who is asking, call a service in
//! `crate::server`, map the answer to a view type. The view types here compile into both halves.

pub mod account;
pub mod accounts;
pub mod cases;
pub mod devices;
mod error;
pub mod factors;
pub mod security;

pub use account::AccountSettings;
pub use accounts::SecondFactorChoices;
pub use error::{AppError, FormError};
pub use factors::{FactorSettings, TotpSetupView};
