//! The browser half of Portico: the server renders every page, and this crate (compiled to WASM)
//! hydrates it so that the same components become interactive.

// The dashboard's view type nests deeper than rustc's default limit when compiled for hydration.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes: hydration waits for the shown page's chunk (see `lazy_pages!` in the app crate).
    leptos::mount::hydrate_lazy(app::App);
}
