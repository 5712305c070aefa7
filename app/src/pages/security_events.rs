use crate::api::security::load_security_events;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SecurityEventsPage() -> impl IntoView {
    let t = use_t();
    let events = Resource::new(|| (), |_| load_security_events());
    view! {
        <Title text=t.get("nav.security_events")/>
        <h1>{t.get("nav.security_events")}</h1>
        <p class="lead">"Every sign-in and change to your account's security. If you do not recognise one, change your password."</p>
        <Suspense fallback=move || view! { <p>{t.get("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(list) => view! {
                        <table class="table">
                            <caption class="sr-only">{t.get("events.caption")}</caption>
                            <thead><tr>
                                <th scope="col">{t.get("events.what")}</th>
                                <th scope="col">{t.get("events.when")}</th>
                                <th scope="col">{t.get("devices.ip")}</th>
                                <th scope="col">{t.get("devices.browser")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|e| view! {
                                    <tr><td>{e.what}</td><td>{e.when}</td><td>{e.ip_address}</td><td>{e.browser}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <div class="alert alert-error" role="alert"><p>{e.message_in(t)}</p></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}
