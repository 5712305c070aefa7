//! View pieces used by several pages.

pub mod alert;
pub mod busy_forms;
pub mod form;
pub mod idle_warning;
pub mod layout;
pub mod live_updates;
pub mod password_meter;
pub mod reauthenticate;
pub mod stage_steps;
