use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Follow your immigration cases"/>
        <section class="hero">
            <h1>"Follow your immigration cases in one place"</h1>
            <p class="lead">
                "See the status and full history of every case, your notices, appointments and deadlines such as a Request for Evidence."
            </p>
            <p class="button-row">
                <a class="button" href="/sign-up">"Create an account"</a>
                <a class="button button-outline" href="/sign-in">"Sign in"</a>
            </p>
        </section>
        <section class="how-it-works">
            <h2>"How it works"</h2>
            <ol>
                <li>"Create an account with your email address and a password."</li>
                <li>"Link it to your immigration record with your A-Number or USCIS number, name, date and country of birth."</li>
                <li>"Sign in any time to see where each of your cases stands."</li>
            </ol>
        </section>
    }
}
