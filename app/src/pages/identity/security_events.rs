//! The account's security log, newest first.

use crate::api::identity::security_events::load_security_events;
use crate::components::alert::ErrorNotice;
use crate::components::layout::AccountSection;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SecurityEventsPage() -> impl IntoView {
    let t = use_t();
    let events = Resource::new(|| (), |_| load_security_events());
    view! {
        <Title text=t.get(key!("nav.security_events"))/>
        <AccountSection>
            <h1>{t.get(key!("nav.security_events"))}</h1>
            <p class="usa-intro">{t.get(key!("events.lead"))}</p>
            <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
                {move || Suspend::new(async move {
                    match events.await {
                        Ok(list) => view! {
                            <table class="usa-table usa-table--borderless usa-table--stacked width-full">
                                <caption class="usa-sr-only">{t.get(key!("events.caption"))}</caption>
                                <thead><tr>
                                    <th scope="col">{t.get(key!("events.what"))}</th>
                                    <th scope="col">{t.get(key!("events.when"))}</th>
                                    <th scope="col">{t.get(key!("devices.ip"))}</th>
                                    <th scope="col">{t.get(key!("devices.browser"))}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|e| view! {
                                        <tr>
                                            <td data-label=t.get(key!("events.what"))>{e.what}</td>
                                            <td data-label=t.get(key!("events.when"))>{e.when}</td>
                                            <td data-label=t.get(key!("devices.ip"))>{e.ip_address}</td>
                                            <td data-label=t.get(key!("devices.browser"))>{e.browser}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AccountSection>
    }
}
