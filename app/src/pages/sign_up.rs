use crate::api::accounts::SignUp;
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use crate::components::password_meter::{PasswordStrengthMeter, TypedFields};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let error = form_error_from_query();
    let typed = TypedFields::new();
    view! {
        <Title text="Create an account"/>
        <div class="form-page">
            <h1>"Create an account"</h1>
            <ErrorSummary error/>
            <div on:input=typed.on_input()>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <TextField label="Email address" name="email" input_type="email" autocomplete="email"
                    error=field_error(error, "email")/>
                <PasswordField label="Password" autocomplete="new-password"
                    hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember."
                    error=field_error(error, "password")/>
                <PasswordStrengthMeter fields=typed/>
                <button type="submit" class="button">"Create account"</button>
            </ActionForm>
            </div>
            <p>"Already have an account? " <a href="/sign-in">"Sign in"</a></p>
        </div>
    }
}
