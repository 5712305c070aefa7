use crate::api::accounts::{current_user, SignOut};
use crate::components::idle_warning::IdleWarning;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The official-site banner, the site name and the account controls.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let location = use_location();
    // Re-asked on every navigation, so signing in or out updates the header without a reload.
    let user = Resource::new(move || location.pathname.get(), |_| current_user());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <section class="gov-banner" aria-label="Official website of Portico">
            <p>"An open-source immigration case portal. Demo data only — not a U.S. government website."</p>
        </section>
        <header class="site-header">
            <a class="site-name" href="/">"Portico"</a>
            <nav aria-label="Account">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match user.await {
                            Ok(Some(signed_in)) => view! {
                                <ul class="nav-list">
                                    <li><a href="/dashboard">"Dashboard"</a></li>
                                    <li><a href="/account">"Account"</a></li>
                                    <li><a href="/account/sign-in-settings">"Sign-in settings"</a></li>
                                    <li><a href="/account/devices">"Devices"</a></li>
                                    <li><a href="/security-events">"Security events"</a></li>
                                    <li class="nav-email">{signed_in.email}</li>
                                    <li>
                                        <ActionForm action=sign_out attr:class="inline-form">
                                            <button type="submit" class="button-link">"Sign out"</button>
                                        </ActionForm>
                                    </li>
                                </ul>
                                <IdleWarning idle_seconds=signed_in.idle_timeout_seconds
                                    warning_seconds=signed_in.idle_warning_seconds/>
                            }.into_any(),
                            _ => view! {
                                <ul class="nav-list">
                                    <li><a href="/sign-in">"Sign in"</a></li>
                                    <li><a href="/sign-up">"Create an account"</a></li>
                                </ul>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Portico is open-source software. Never share your password or sign-in codes with anyone, including Portico staff."</p>
        </footer>
    }
}
