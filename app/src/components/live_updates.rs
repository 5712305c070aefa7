//! Live status: while a page about an applicant's cases is open, it listens to `/live` (a
//! Server-Sent Events stream, one per tab) and, when a case changes, bumps [`CasesChanged`], which
//! every resource showing cases (the page's data, the header's unread count) is keyed on — so the
//! new status, history, notice and count appear without a reload. The offline copy of the page is
//! refreshed too. Without JavaScript nothing listens: the page is current whenever it is loaded.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// How many case changes this tab has heard of; resources showing cases read it.
#[derive(Debug, Clone, Copy)]
pub struct CasesChanged(pub RwSignal<u64>);

/// The count of changes heard so far (0 where nothing listens, as on the server).
pub fn cases_changed() -> u64 {
    use_context::<CasesChanged>().map_or(0, |c| c.0.get())
}

// The browser's EventSource, bound by hand: the few calls used here do not justify enabling
// web-sys's EventSource features (and their size) for the whole bundle.
#[wasm_bindgen]
extern "C" {
    type EventSource;
    #[wasm_bindgen(constructor, catch)]
    fn new(url: &str) -> Result<EventSource, JsValue>;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_event_listener(this: &EventSource, kind: &str, listener: &leptos::web_sys::js_sys::Function);
    #[wasm_bindgen(method)]
    fn close(this: &EventSource);
    /// Defined by `/assets/offline-register.js`: asks the service worker to save the page again.
    #[wasm_bindgen(catch, js_namespace = window, js_name = porticoRefreshOffline)]
    fn refresh_offline(path: &str) -> Result<(), JsValue>;
}

/// Listens while mounted; put it on every page that shows an applicant's cases.
#[component]
pub fn LiveUpdates() -> impl IntoView {
    let changed = use_context::<CasesChanged>();
    Effect::new(move |_| {
        let Some(CasesChanged(count)) = changed else { return };
        let Ok(source) = EventSource::new(crate::routes::LIVE) else { return };
        let on_change = Closure::<dyn FnMut()>::new(move || {
            count.update(|n| *n += 1);
            let path = window().location().pathname().unwrap_or_default();
            let _ = refresh_offline(&path);
        });
        source.add_event_listener("cases", on_change.as_ref().unchecked_ref());
        let kept = send_wrapper::SendWrapper::new((source, on_change));
        on_cleanup(move || {
            let (source, _listener) = kept.take();
            source.close();
        });
    });
}
