//! The applicant's notifications: what changed on their cases, newest first (then all are read).

use crate::api::cases::load_notifications;
use crate::components::alert::ErrorNotice;
use crate::components::live_updates::LiveUpdates;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = use_t();
    let list = Resource::new(|| (), |_| load_notifications());
    view! {
        <Title text=t.get(key!("nav.notifications"))/>
        <LiveUpdates/>
        <h1>{t.get(key!("nav.notifications"))}</h1>
        <p class="usa-intro">{t.get(key!("notifications.lead"))}</p>
        <Transition fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p>{t.get(key!("notifications.none"))}</p> }.into_any(),
                    Ok(items) => view! {
                        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
                            <caption class="usa-sr-only">{t.get(key!("notifications.caption"))}</caption>
                            <thead><tr>
                                <th scope="col">{t.get(key!("notifications.case"))}</th>
                                <th scope="col">{t.get(key!("notifications.status"))}</th>
                                <th scope="col">{t.get(key!("notifications.when"))}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|n| view! {
                                    <tr>
                                        <th scope="row" data-label=t.get(key!("notifications.case"))>
                                            <a href=n.case_path>{n.receipt_number}</a>
                                            {n.unread.then(|| view! { " " <span class="usa-tag">{t.get(key!("notifications.new"))}</span> })}
                                        </th>
                                        <td data-label=t.get(key!("notifications.status"))>{n.status_title}</td>
                                        <td data-label=t.get(key!("notifications.when"))>{n.when}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
