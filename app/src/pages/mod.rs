//! One module per route, grouped by context like `crate::api` and `crate::server`.

pub mod cases;
pub mod home;
pub mod identity;
pub mod not_found;
pub mod staff;
