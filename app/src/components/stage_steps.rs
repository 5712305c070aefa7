use crate::domain::CaseStage;
use crate::i18n::use_t;
use leptos::prelude::*;

/// The seven stages of a case as a step indicator, the current one marked for screen readers.
#[component]
pub fn StageSteps(current: CaseStage) -> impl IntoView {
    let t = use_t();
    let lang = t.lang();
    view! {
        <div class="step-indicator">
            <ol class="steps" aria-label=t.get("steps.label")>
                {CaseStage::ALL
                    .into_iter()
                    .map(|stage| {
                        let state = if stage < current {
                            "complete"
                        } else if stage == current {
                            "current"
                        } else {
                            "upcoming"
                        };
                        view! {
                            <li class=format!("step step-{state}") aria-current=(stage == current).then_some("step")>
                                {stage.label(lang)}
                                {(stage < current).then_some(view! { <span class="sr-only">" " {t.get("steps.completed")}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <p class="step-heading">
                {t.fmt("steps.heading", &[
                    ("step", &current.step_number().to_string()),
                    ("of", &CaseStage::ALL.len().to_string()),
                    ("stage", current.label(lang)),
                ])}
            </p>
        </div>
    }
}
