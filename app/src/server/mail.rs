//! Outgoing mail. With `PORTICO_SMTP_URL` set, messages go through that SMTP server (lettre);
//! without it each message is written as an .eml file under the outbox folder and the file name is
//! logged, so development and tests can read exactly what would have been sent.

use super::config::{Config, ConfigError};
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

    /// Sends one plain-text message. Failures are returned for the caller to decide; most callers
    /// log them and carry on, because a lost notification must not undo what the user just did.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e: lettre::address::AddressError| e.to_string())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
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
    pub async fn notify(&self, to: &str, subject: &str, body: String) {
        if let Err(error) = self.send(to, subject, body).await {
            tracing::warn!(%error, subject, "could not send a notification");
        }
    }

    pub async fn send_record_linked(&self, to: &str, full_name: &str) {
        let body = format!(
            "Hello {full_name},\n\nYour Portico account is now linked to your immigration record. \
             You can follow all of your cases from your dashboard.\n\nIf you did not do this, sign in \
             and change your password, then contact us.\n\n— Portico\n"
        );
        if let Err(error) = self.send(to, "Your account is linked to your immigration record", body).await {
            tracing::warn!(%error, "could not send the record-linked notification");
        }
    }

    pub async fn send_confirmation(&self, to: &str, link: &str) -> Result<(), String> {
        let body = format!(
            "Welcome to Portico.\n\nTo finish creating your account, open this link within 24 hours \
             and press \"Confirm my email\":\n\n{link}\n\nIf you did not create an account, ignore this \
             message; nothing will happen.\n\n— Portico\n"
        );
        self.send(to, "Confirm your email address", body).await
    }

    /// Sent instead of a confirmation when someone signs up with an address that has an account,
    /// so that the sign-up page itself never reveals whether an address is registered.
    pub async fn send_already_registered(&self, to: &str, sign_in_url: &str) -> Result<(), String> {
        let body = format!(
            "Someone, perhaps you, tried to create a Portico account with this email address, which \
             already has an account.\n\nTo sign in, go to {sign_in_url}\n\nIf this was not you, you do \
             not need to do anything.\n\n— Portico\n"
        );
        self.send(to, "You already have a Portico account", body).await
    }
}
