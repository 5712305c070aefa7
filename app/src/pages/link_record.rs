use crate::api::accounts::LinkRecord;
use crate::components::form::{field_error, form_error_from_query, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LinkRecordPage() -> impl IntoView {
    let action = ServerAction::<LinkRecord>::new();
    let error = form_error_from_query();
    let dob_error = field_error(error, "date_of_birth");
    view! {
        <Title text="Link your immigration record"/>
        <div class="form-page">
            <h1>"Link your immigration record"</h1>
            <p class="lead">"Enter the details exactly as they appear on your immigration documents. All of them must match our record."</p>
            <ErrorSummary error/>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <fieldset class="fieldset">
                    <legend class="legend">"Which number do you have?"</legend>
                    <div class="radio">
                        <input type="radio" id="id_kind_a_number" name="id_kind" value="a_number" checked=true/>
                        <label for="id_kind_a_number">"A-Number"</label>
                    </div>
                    <div class="radio">
                        <input type="radio" id="id_kind_uscis_number" name="id_kind" value="uscis_number"/>
                        <label for="id_kind_uscis_number">"USCIS number"</label>
                    </div>
                </fieldset>
                <TextField label="A-Number or USCIS number" name="id_number" autocomplete="off"
                    hint="For example A012345678, or the 9-digit USCIS number on your card."
                    error=field_error(error, "id_number")/>
                <TextField label="Full name" name="full_name" autocomplete="name"
                    error=field_error(error, "full_name")/>
                <fieldset class="fieldset" id="date_of_birth" aria-describedby="dob-hint">
                    <legend class="legend">"Date of birth"</legend>
                    <p class="hint" id="dob-hint">"For example: 4 28 1986"</p>
                    {move || dob_error.get().map(|m| view! { <p class="error-message" id="dob-error">{m}</p> })}
                    <div class="memorable-date">
                        <div class="form-group form-group-month">
                            <label class="label" for="dob_month">"Month"</label>
                            <input class="input" id="dob_month" name="dob_month" inputmode="numeric" maxlength="2" autocomplete="bday-month" required=true/>
                        </div>
                        <div class="form-group form-group-day">
                            <label class="label" for="dob_day">"Day"</label>
                            <input class="input" id="dob_day" name="dob_day" inputmode="numeric" maxlength="2" autocomplete="bday-day" required=true/>
                        </div>
                        <div class="form-group form-group-year">
                            <label class="label" for="dob_year">"Year"</label>
                            <input class="input" id="dob_year" name="dob_year" inputmode="numeric" maxlength="4" autocomplete="bday-year" required=true/>
                        </div>
                    </div>
                </fieldset>
                <TextField label="Country of birth" name="country_of_birth" autocomplete="country-name"
                    error=field_error(error, "country_of_birth")/>
                <button type="submit" class="button">"Link my record"</button>
            </ActionForm>
        </div>
    }
}
