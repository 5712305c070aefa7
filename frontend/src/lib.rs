//! The browser half of Portico. The server renders every page; in Leptos' islands mode only the
//! app crate's `#[island]` components hydrate (each is exported from this module by its macro), so
//! they are all the code the browser downloads.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Links the app crate, whose islands the hydration script looks up by name.
    #[allow(unused_imports)]
    use app::*;
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
