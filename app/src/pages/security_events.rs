use crate::api::security::load_security_events;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SecurityEventsPage() -> impl IntoView {
    let events = Resource::new(|| (), |_| load_security_events());
    view! {
        <Title text="Security events"/>
        <h1>"Security events"</h1>
        <p class="lead">"Every sign-in and change to your account's security. If you do not recognise one, change your password."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(list) => view! {
                        <table class="table">
                            <caption class="sr-only">"Security events, newest first"</caption>
                            <thead><tr>
                                <th scope="col">"What happened"</th>
                                <th scope="col">"When"</th>
                                <th scope="col">"IP address"</th>
                                <th scope="col">"Browser"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|e| view! {
                                    <tr><td>{e.what}</td><td>{e.when}</td><td>{e.ip_address}</td><td>{e.browser}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <div class="alert alert-error" role="alert"><p>{e.to_string()}</p></div> }.into_any(),
                }
            })}
        </Suspense>
    }
}
