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

/// What a page shows when its data could not be loaded: the one place an `AppError` becomes
/// words on a page, in the reader's language. A session that ended gets the way back to signing
/// in (`wanted` names what the reader came for, a catalogue key such as `case.to_see`); anything
/// else gets its message in an error alert.
#[component]
pub fn ErrorNotice(error: crate::error::AppError, #[prop(optional)] wanted: Option<crate::i18n::Key>) -> impl IntoView {
    let t = crate::i18n::use_t();
    match error {
        crate::error::AppError::SignInRequired => view! {
            <h1>{t.get(key!("dashboard.ended"))}</h1>
            <p>
                <a href=crate::routes::SIGN_IN>{t.get(key!("dashboard.sign_in_again"))}</a>
                {wanted.map(|key| format!(" {}", t.get(key)))}
            </p>
        }
        .into_any(),
        other => view! { <Alert kind=AlertKind::Error><p>{other.message_in(t)}</p></Alert> }.into_any(),
    }
}
