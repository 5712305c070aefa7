//! Forgot password: ask for a link, then choose a new password with it.

use crate::api::accounts::{RequestPasswordReset, ResetPassword};
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, PasswordField, TextField};
use crate::components::password_meter::{PasswordStrengthMeter, TypedFields};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = form_error_from_query();
    view! {
        <Title text="Reset your password"/>
        <div class="form-page">
            <h1>"Reset your password"</h1>
            <ErrorSummary error/>
            <p>"Enter the email address of your account. We will email you a link to choose a new password."</p>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <TextField label="Email address" name="email" input_type="email" autocomplete="username"
                    error=field_error(error, "email")/>
                <button type="submit" class="button">"Send reset link"</button>
            </ActionForm>
            <p><a href="/sign-in">"Back to sign in"</a></p>
        </div>
    }
}

#[component]
pub fn ForgotPasswordCheckEmailPage() -> impl IntoView {
    view! {
        <Title text="Check your email"/>
        <div class="form-page">
            <h1>"Check your email"</h1>
            <p>"If an account uses that address, we have sent it a link to reset the password. The link works once, for 30 minutes."</p>
            <p>"No message? Check your spam folder, or ask again in a few minutes."</p>
        </div>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = form_error_from_query();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let typed = TypedFields::new();
    view! {
        <Title text="Choose a new password"/>
        <div class="form-page">
            <h1>"Choose a new password"</h1>
            <ErrorSummary error/>
            <p>"After you choose it, every device signed in to your account is signed out. You will still need your second factor to sign in."</p>
            <div on:input=typed.on_input()>
                <ActionForm action attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="token" value=token/>
                    <PasswordField label="New password" autocomplete="new-password"
                        hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember."
                        error=field_error(error, "password")/>
                    <PasswordStrengthMeter fields=typed/>
                    <button type="submit" class="button">"Save new password"</button>
                </ActionForm>
            </div>
        </div>
    }
}
