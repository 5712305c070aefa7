//! Adding a case filed on paper: the receipt number, and the case's online access code or the
//! date of birth on the record.

use crate::api::cases::paper_cases::AddPaperCase;
use crate::components::form::{field_error, form_error_from_query, DateOfBirthFields, ErrorSummary, TextField};
use crate::error::FormError;
use crate::i18n::use_t;
use crate::routes;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AddCasePage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<AddPaperCase>::new();
    let error = form_error_from_query();
    let dob_error = field_error(error, "date_of_birth");
    let already = move || error.get().map(|refusal| refusal.error) == Some(FormError::CaseAlreadyAdded);
    view! {
        <Title text=t.get(key!("add_case.title"))/>
        <div class="form-page">
            <h1>{t.get(key!("add_case.title"))}</h1>
            <p class="usa-intro">{t.get(key!("add_case.lead"))}</p>
            <ErrorSummary error/>
            {move || already().then(|| view! {
                <p><a class="usa-link" href=routes::DASHBOARD>{t.get(key!("add_case.to_dashboard"))}</a></p>
            })}
            <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                <TextField label=t.get(key!("add_case.receipt")) name="receipt_number" autocomplete="off"
                    hint=t.get(key!("add_case.receipt_hint"))
                    error=field_error(error, "receipt_number")/>
                <TextField label=t.get(key!("add_case.access_code")) name="access_code" autocomplete="off"
                    hint=t.get(key!("add_case.access_code_hint")) required=false
                    error=field_error(error, "access_code")/>
                <DateOfBirthFields legend=t.get(key!("add_case.dob")) error=dob_error required=false/>
                <button type="submit" class="usa-button">{t.get(key!("add_case.submit"))}</button>
            </ActionForm>
        </div>
    }
}
