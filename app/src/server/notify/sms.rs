//! Text messages go through a [`TextSender`], so a real gateway (Twilio, Amazon SNS, a carrier's
//! SMPP link …) plugs in by implementing one method and passing it to `AppState`. The default,
//! [`OutboxTexts`], sends nothing: it logs that a text went out (to which phone, by its last four
//! digits — never the code) and keeps the message as a file in the texts outbox, so development
//! and tests can read the code the way a phone would.

use crate::domain::PhoneNumber;
use crate::i18n::Lang;
use crate::server::notify::messages::identity::Text;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// Something that can deliver a text message to a phone number in E.164 form.
pub trait TextSender: Send + Sync {
    fn send<'a>(&'a self, to_e164: &'a str, body: &'a str) -> SendFuture<'a>;
}

/// The log-only default: see the module comment.
pub struct OutboxTexts {
    dir: PathBuf,
}

impl OutboxTexts {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }
}

impl TextSender for OutboxTexts {
    fn send<'a>(&'a self, to_e164: &'a str, body: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            use rand::Rng;
            tokio::fs::create_dir_all(&self.dir).await.map_err(|e| e.to_string())?;
            let name = format!(
                "{}-{:08x}.txt",
                chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f"),
                rand::thread_rng().gen::<u32>()
            );
            tokio::fs::write(self.dir.join(&name), format!("To: {to_e164}\n\n{body}\n"))
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(to = %PhoneNumber::hint(to_e164), file = %name, "text message kept in the texts outbox (no gateway configured)");
            Ok(())
        })
    }
}

/// Refuses a destination outside the allowed countries (`PORTICO_TEXT_COUNTRY_CODES`) with a
/// message saying so, before anything is stored or sent.
pub fn check_destination(state: &crate::server::AppState, to_e164: &str) -> Result<(), crate::error::AppError> {
    if PhoneNumber::may_receive_texts(to_e164, &state.config.text_country_codes) {
        Ok(())
    } else {
        Err(crate::error::FormError::PhoneCountryNotAllowed.into())
    }
}

/// The one way Portico sends a text: to an allowed country, within the limits per destination
/// number and per hour overall (`limits`), whatever account asks — so free accounts cannot be used
/// to pump texts to a number.
pub async fn send_limited(
    state: &crate::server::AppState,
    to_e164: &str,
    lang: Lang,
    text: &Text,
) -> Result<(), crate::error::AppError> {
    send_limited_words(state, to_e164, &text.render(lang)).await
}

/// [`send_limited`] for words already rendered (another context's texts, such as a case update).
pub async fn send_limited_words(
    state: &crate::server::AppState,
    to_e164: &str,
    body: &str,
) -> Result<(), crate::error::AppError> {
    use crate::server::limits::{self, Limit};
    check_destination(state, to_e164)?;
    if let Err(refused) =
        limits::reserve(state, &[(Limit::TextsPerNumber, to_e164), (Limit::TextsOverall, "all")]).await?
    {
        tracing::warn!(to = %PhoneNumber::hint(to_e164), limit = ?refused.limit, "text refused by its limit");
        return Err(crate::error::FormError::TooManyCodesSent.into());
    }
    let sent = state.texts.send(to_e164, body).await;
    if let Err(error) = &sent {
        tracing::warn!(%error, to = %PhoneNumber::hint(to_e164), "could not send a text message");
    }
    sent.map_err(|e| crate::server::internal_error("sending a text message", e))
}
