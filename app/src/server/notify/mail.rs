//! Outgoing mail. With `PORTICO_SMTP_URL` set, messages go through that SMTP server (lettre);
//! without it each message is written as an .eml file under the outbox folder and the file name is
//! logged, so development and tests can read exactly what would have been sent.

use crate::i18n::Lang;
use crate::server::config::{Config, ConfigError};
use crate::server::entities::account;
use crate::server::notify::messages::identity::Mail;
use crate::server::notify::messages::Rendered;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone)]
pub struct Mailer {
    transport: Arc<Transport>,
    from: Mailbox,
}

enum Transport {
    Outbox(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Self, ConfigError> {
        let from = config
            .mail_from
            .parse()
            .map_err(|_| ConfigError { variable: "PORTICO_MAIL_FROM", message: "is not a mailbox".into() })?;
        let transport = match &config.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .map_err(|e| ConfigError { variable: "PORTICO_SMTP_URL", message: e.to_string() })?
                    .build(),
            ),
            None => Transport::Outbox(config.outbox_dir.clone()),
        };
        Ok(Self { transport: Arc::new(transport), from })
    }

    /// Sends one message in `lang`. Failures are returned for the caller to decide; most callers
    /// use `notify`, because a lost notification must not undo what the user just did.
    pub async fn send(&self, to: &str, lang: Lang, mail: &Mail) -> Result<(), String> {
        self.send_rendered(to, lang, mail.render(lang)).await
    }

    /// Sends a message already rendered in `lang` (any context's: identity, cases).
    pub async fn send_rendered(&self, to: &str, lang: Lang, rendered: Rendered) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e: lettre::address::AddressError| e.to_string())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(rendered.subject)
            .header(ContentType::TEXT_PLAIN)
            .header(ContentLanguage(lang.tag()))
            .body(rendered.body)
            .map_err(|e| e.to_string())?;
        match self.transport.as_ref() {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Outbox(dir) => {
                use rand::Rng;
                tokio::fs::create_dir_all(dir).await.map_err(|e| e.to_string())?;
                let name = format!(
                    "{}-{:08x}.eml",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f"),
                    rand::thread_rng().gen::<u32>()
                );
                let path = dir.join(name);
                tokio::fs::write(&path, message.formatted()).await.map_err(|e| e.to_string())?;
                tracing::info!(file = %path.display(), "mail written to the outbox");
                Ok(())
            }
        }
    }

    /// Sends a notification whose loss must not undo what the user just did: failures are logged.
    pub async fn notify(&self, to: &str, lang: Lang, mail: Mail) {
        if let Err(error) = self.send(to, lang, &mail).await {
            tracing::warn!(%error, kind = ?std::mem::discriminant(&mail), "could not send a notification");
        }
    }

    /// `notify` in the account owner's language, to their address.
    pub async fn notify_owner(&self, owner: &account::Model, mail: Mail) {
        self.notify(&owner.email, owner.lang(), mail).await
    }
}

/// `Content-Language`, so mail clients (and screen readers) know which language the body is in.
#[derive(Debug, Clone)]
struct ContentLanguage(&'static str);

impl lettre::message::header::Header for ContentLanguage {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        crate::i18n::Lang::from_tag(s).map(|l| ContentLanguage(l.tag())).ok_or_else(|| "unknown language".into())
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.to_owned())
    }
}
