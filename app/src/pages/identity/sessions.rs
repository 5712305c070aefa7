//! Where the account is signed in, with a way to sign out any other device or all of them.

use crate::api::identity::sessions::{load_devices, SignOutDevice, SignOutOtherDevices};
use crate::components::alert::{Alert, AlertKind, ErrorNotice};
use crate::components::layout::AccountSection;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DevicesPage() -> impl IntoView {
    let t = use_t();
    let devices = Resource::new(|| (), |_| load_devices());
    let query = use_query_map();
    let sign_out_one = ServerAction::<SignOutDevice>::new();
    let sign_out_others = ServerAction::<SignOutOtherDevices>::new();
    view! {
        <Title text=t.get(key!("devices.title"))/>
        <AccountSection>
            <h1>{t.get(key!("devices.title"))}</h1>
            <p class="usa-intro">{t.get(key!("devices.lead"))}</p>
            {move || query.read().get("signed_out").map(|_| view! {
                <Alert kind=AlertKind::Success><p>{t.get(key!("devices.signed_out"))}</p></Alert>
            })}
            <Suspense fallback=move || view! { <p>{t.get(key!("common.loading"))}</p> }>
                {move || Suspend::new(async move {
                    match devices.await {
                        Ok(list) => {
                            let others = list.iter().filter(|d| !d.current).count();
                            view! {
                                <table class="usa-table usa-table--borderless usa-table--stacked width-full">
                                    <caption class="usa-sr-only">{t.get(key!("devices.caption"))}</caption>
                                    <thead><tr>
                                        <th scope="col">{t.get(key!("devices.browser"))}</th>
                                        <th scope="col">{t.get(key!("devices.ip"))}</th>
                                        <th scope="col">{t.get(key!("devices.signed_in"))}</th>
                                        <th scope="col">{t.get(key!("devices.last_active"))}</th>
                                        <th scope="col"><span class="usa-sr-only">{t.get(key!("devices.action"))}</span></th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|d| {
                                            let label = t.fmt(key!("devices.sign_out_one"), &[("browser", &d.browser), ("ip", &d.ip_address)]);
                                            view! {
                                                <tr>
                                                    <td data-label=t.get(key!("devices.browser"))>{d.browser.clone()}</td>
                                                    <td data-label=t.get(key!("devices.ip"))>{d.ip_address.clone()}</td>
                                                    <td data-label=t.get(key!("devices.signed_in"))>{d.signed_in_at}</td>
                                                    <td data-label=t.get(key!("devices.last_active"))>{d.last_seen_at}</td>
                                                    <td>
                                                        {if d.current {
                                                            view! { <strong>{t.get(key!("devices.this_device"))}</strong> }.into_any()
                                                        } else {
                                                            view! {
                                                                <ActionForm action=sign_out_one attr:class="inline-form">
                                                                    <input type="hidden" name="session_id" value=d.session_id.to_string()/>
                                                                    <button type="submit" class="usa-button usa-button--unstyled" aria-label=label>{t.get(key!("nav.sign_out"))}</button>
                                                                </ActionForm>
                                                            }.into_any()
                                                        }}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                {(others > 0).then(|| view! {
                                    <ActionForm action=sign_out_others attr:class="inline-form">
                                        <button type="submit" class="usa-button usa-button--outline">{t.get(key!("devices.sign_out_others"))}</button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AccountSection>
    }
}
