//! View pieces used by several pages.

pub mod form;
pub mod layout;
pub mod stage_steps;
