//! USWDS alerts (`usa-alert`): a coloured bar, an icon, an optional heading and the message.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlertKind {
    Info,
    Success,
    Warning,
    Error,
}

impl AlertKind {
    fn class(self) -> &'static str {
        match self {
            Self::Info => "usa-alert--info",
            Self::Success => "usa-alert--success",
            Self::Warning => "usa-alert--warning",
            Self::Error => "usa-alert--error",
        }
    }
}

/// An alert; errors are announced at once (`role="alert"`), everything else politely
/// (`role="status"`) unless `urgent` says otherwise.
#[component]
pub fn Alert(
    kind: AlertKind,
    #[prop(optional)] heading: Option<&'static str>,
    #[prop(optional)] urgent: bool,
    children: Children,
) -> impl IntoView {
    let role = if urgent || kind == AlertKind::Error { "alert" } else { "status" };
    let class = format!("usa-alert {}{}", kind.class(), if heading.is_none() { " usa-alert--slim" } else { "" });
    view! {
        <div class=class role=role>
            <div class="usa-alert__body">
                {heading.map(|text| view! { <h2 class="usa-alert__heading">{text}</h2> })}
                <div class="usa-alert__text">{children()}</div>
            </div>
        </div>
    }
}
