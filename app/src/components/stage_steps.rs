//! The seven stages of a case as a USWDS step indicator (labels on the case page, counters on
//! cards).

use crate::domain::CaseStage;
use crate::i18n::use_t;
use leptos::prelude::*;

/// The seven stages of a case as a USWDS step indicator, the current one marked for screen
/// readers. `labels` names every stage under its segment (wide pages); without it only the
/// heading below names the current one (cards).
#[component]
pub fn StageSteps(current: CaseStage, #[prop(optional)] labels: bool) -> impl IntoView {
    let t = use_t();
    let lang = t.lang();
    let class = if labels {
        "usa-step-indicator usa-step-indicator--counters-sm"
    } else {
        "usa-step-indicator usa-step-indicator--no-labels"
    };
    view! {
        <div class=class>
            <ol class="usa-step-indicator__segments" aria-label=t.get(key!("steps.label"))>
                {CaseStage::ALL
                    .into_iter()
                    .map(|stage| {
                        let state = if stage < current {
                            " usa-step-indicator__segment--complete"
                        } else if stage == current {
                            " usa-step-indicator__segment--current"
                        } else {
                            ""
                        };
                        view! {
                            <li class=format!("usa-step-indicator__segment{state}") aria-current=(stage == current).then_some("step")>
                                <span class="usa-step-indicator__segment-label">
                                    {stage.label(lang)}
                                    {(stage < current).then_some(view! { <span class="usa-sr-only">" " {t.get(key!("steps.completed"))}</span> })}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <div class="usa-step-indicator__header">
                <p class="usa-step-indicator__heading">
                    <span class="usa-step-indicator__heading-counter">
                        <span class="usa-sr-only">{t.get(key!("steps.step"))}</span>
                        " "
                        <span class="usa-step-indicator__current-step">{current.step_number()}</span>
                        " "
                        <span class="usa-step-indicator__total-steps">
                            {t.fmt(key!("steps.of"), &[("of", &CaseStage::ALL.len().to_string())])}
                        </span>
                    </span>
                    " "
                    <span class="usa-step-indicator__heading-text">{current.label(lang)}</span>
                </p>
            </div>
        </div>
    }
}
