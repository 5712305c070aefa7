use crate::api::accounts::LinkRecord;
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, TextField};
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LinkRecordPage() -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<LinkRecord>::new();
    let error = form_error_from_query();
    let dob_error = field_error(error, "date_of_birth");
    view! {
        <Title text=t.get("link.title")/>
        <div class="form-page">
            <h1>{t.get("link.title")}</h1>
            <p class="usa-intro">{t.get("link.lead")}</p>
            <ErrorSummary error/>
            <ActionForm action attr:class="usa-form usa-form--large" attr:novalidate=true>
                <fieldset class="usa-fieldset">
                    <legend class="usa-legend">{t.get("link.which")}</legend>
                    <div class="usa-radio">
                        <input class="usa-radio__input" type="radio" id="id_kind_a_number" name="id_kind" value="a_number" checked=true/>
                        <label class="usa-radio__label" for="id_kind_a_number">{t.get("link.a_number")}</label>
                    </div>
                    <div class="usa-radio">
                        <input class="usa-radio__input" type="radio" id="id_kind_uscis_number" name="id_kind" value="uscis_number"/>
                        <label class="usa-radio__label" for="id_kind_uscis_number">{t.get("link.uscis_number")}</label>
                    </div>
                </fieldset>
                <TextField label=t.get("link.number") name="id_number" autocomplete="off"
                    hint=t.get("link.number_hint")
                    error=field_error(error, "id_number")/>
                <TextField label=t.get("link.full_name") name="full_name" autocomplete="name"
                    error=field_error(error, "full_name")/>
                <fieldset class="usa-fieldset" id="date_of_birth" aria-describedby="dob-hint">
                    <legend class="usa-legend">{t.get("link.dob")}</legend>
                    <p class="usa-hint" id="dob-hint">{t.get("link.dob_hint")}</p>
                    {move || dob_error.get().map(|m| view! { <p class="usa-error-message" id="dob-error">{m}</p> })}
                    <div class="usa-memorable-date">
                        <div class="usa-form-group usa-form-group--month">
                            <label class="usa-label" for="dob_month">{t.get("link.month")}</label>
                            <input class="usa-input" id="dob_month" name="dob_month" inputmode="numeric" maxlength="2" autocomplete="bday-month" required=true/>
                        </div>
                        <div class="usa-form-group usa-form-group--day">
                            <label class="usa-label" for="dob_day">{t.get("link.day")}</label>
                            <input class="usa-input" id="dob_day" name="dob_day" inputmode="numeric" maxlength="2" autocomplete="bday-day" required=true/>
                        </div>
                        <div class="usa-form-group usa-form-group--year">
                            <label class="usa-label" for="dob_year">{t.get("link.year")}</label>
                            <input class="usa-input" id="dob_year" name="dob_year" inputmode="numeric" maxlength="4" autocomplete="bday-year" required=true/>
                        </div>
                    </div>
                </fieldset>
                <TextField label=t.get("link.country") name="country_of_birth" autocomplete="country-name"
                    error=field_error(error, "country_of_birth")/>
                <button type="submit" class="usa-button">{t.get("link.submit")}</button>
            </ActionForm>
        </div>
    }
}
