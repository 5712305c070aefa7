//! The staff side: staff accounts (set up from the command line, signed in with password and
//! authenticator), the contact center's help for callers, and the append-only audit log of what staff read and change. Working cases
//! lives with the cases (`server::cases::{search, changes}`); who may do what, in
//! `server::web::authorization`.

pub mod accounts;
pub mod audit;
pub mod contact_center;
