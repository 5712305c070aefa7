//! Server functions, grouped by context like `crate::server` and `crate::pages`. Each is thin:
//! find out who is asking, call a service in `crate::server`, map the answer to a view type. The
//! view types here compile into both halves.

pub mod cases;
pub mod identity;
pub mod staff;

pub use identity::account_settings::AccountSettings;
pub use identity::accounts::SecondFactorChoices;
pub use identity::second_factors::{FactorSettings, TotpSetupView};
