//! Parsers of outside input that need a library the browser's half does without (`lopdf`,
//! `url`): built with the server (`ssr`) and for the fuzz targets (the `inbound` feature alone),
//! never into the WebAssembly. The others (receipt numbers, names, emails …) are in `domain`.

pub mod files;
pub mod paths;
