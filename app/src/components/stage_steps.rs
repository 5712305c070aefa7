use crate::domain::CaseStage;
use leptos::prelude::*;

/// The seven stages of a case as a step indicator, the current one marked for screen readers.
#[component]
pub fn StageSteps(current: CaseStage) -> impl IntoView {
    view! {
        <div class="step-indicator">
            <ol class="steps" aria-label="Case progress">
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
                                {stage.label_en()}
                                {(stage < current).then_some(view! { <span class="sr-only">" (completed)"</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <p class="step-heading">
                {format!("Step {} of {}: {}", current.step_number(), CaseStage::ALL.len(), current.label_en())}
            </p>
        </div>
    }
}
