use crate::api::accounts::SignIn;
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let error = form_error_from_query();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("confirmed").is_some() {
            Some("Your email address is confirmed. Sign in to continue.")
        } else if q.get("password_reset").is_some() {
            Some("Your password is changed. Sign in with it; you will also need your second factor.")
        } else if q.get("timed_out").is_some() {
            Some("You were signed out after 15 minutes without activity. Sign in again to continue.")
        } else if q.get("signed_out").is_some() {
            Some("You have signed out.")
        } else if q.get("required").is_some() {
            Some("Sign in to see that page.")
        } else {
            None
        }
    };
    view! {
        <Title text="Sign in"/>
        <div class="form-page">
            <h1>"Sign in"</h1>
            {move || notice().map(|text| view! { <div class="alert alert-info" role="status"><p>{text}</p></div> })}
            <ErrorSummary error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <TextField label="Email address" name="email" input_type="email" autocomplete="username"
                    error=field_error(error, "email")/>
                <PasswordField label="Password" autocomplete="current-password"/>
                <button type="submit" class="button">"Sign in"</button>
            </ActionForm>
            <p><a href="/forgot-password">"Forgot your password?"</a></p>
            <p>"New to Portico? " <a href="/sign-up">"Create an account"</a></p>
        </div>
    }
}
