//! The identity context in words: the read models of `server::identity` as the views pages show,
//! in the reader's language. Dates, browser names and event names are worded here and nowhere
//! earlier.

use super::account_settings::AccountSettings;
use super::accounts::SecondFactorChoices;
use super::second_factors::{FactorSettings, TotpSetupView};
use super::security_events::SecurityEventView;
use super::sessions::DeviceView;
use crate::domain::SessionId;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::server::identity::account_settings::AccountRead;
use crate::server::identity::second_factors::challenge::TotpSetupRead;
use crate::server::identity::second_factors::FactorsRead;
use crate::server::identity::security_events::{SecurityEventKind, SecurityEventRead};
use crate::server::identity::sessions::DeviceRead;
use crate::server::identity::sign_in::ChoicesRead;

pub fn account_settings(read: AccountRead, lang: Lang) -> AccountSettings {
    AccountSettings {
        email: read.email,
        pending_email: read.pending_email,
        language: read.language,
        recently_authenticated: read.recently_authenticated,
        has_phone: read.has_phone,
        choices: read
            .choices
            .into_iter()
            .map(|(kind, channel)| super::account_settings::NotificationChoice {
                kind: kind.key().to_owned(),
                label: crate::i18n::T(lang).get(kind.label_key()).to_owned(),
                channel: channel.key().to_owned(),
            })
            .collect(),
    }
}

pub fn factor_settings(read: FactorsRead, lang: Lang) -> FactorSettings {
    FactorSettings {
        authenticator_since: read.authenticator_since.map(|on| lang.format_date(on)),
        backup_codes_left: read.backup_codes_left,
        recently_authenticated: read.recently_authenticated,
        phone_hint: read.phone_hint,
        phone_unconfirmed_hint: read.phone_unconfirmed_hint,
        email_codes: read.email_codes,
        recovery_ready_at: read.recovery_ready_at.map(|at| lang.format_datetime(at)),
    }
}

pub fn second_factor_choices(read: ChoicesRead, lang: Lang) -> SecondFactorChoices {
    SecondFactorChoices {
        authenticator: read.authenticator,
        backup_codes: read.backup_codes,
        email: read.email,
        email_hint: read.email_hint,
        phone_hint: read.phone_hint,
        recovery_ready: read.recovery_ready,
        recovery_ready_at: read.recovery_ready_at.map(|at| lang.format_datetime(at)),
    }
}

/// The set-up page's QR code (an SVG data URL) and the secret in groups of four.
pub fn totp_setup(read: TotpSetupRead) -> Result<TotpSetupView, AppError> {
    use base64::Engine as _;
    let qr =
        qrcode::QrCode::new(read.otpauth_url.as_bytes()).map_err(|e| crate::server::internal_error("QR code", e))?;
    let svg = qr.render::<qrcode::render::svg::Color>().min_dimensions(220, 220).build();
    let qr_data_url =
        format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg.as_bytes()));
    let grouped: Vec<String> =
        read.secret_base32.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    Ok(TotpSetupView { qr_data_url, secret_grouped: grouped.join(" "), already_enrolled: read.already_enrolled })
}

/// What the owner reads for an event, in their language.
pub fn event_label(kind: SecurityEventKind, lang: Lang) -> &'static str {
    T(lang).lookup(&format!("event.{}", kind.key()))
}

pub fn security_event(read: SecurityEventRead, lang: Lang) -> SecurityEventView {
    let t = T(lang);
    SecurityEventView {
        what: match read.staff_name {
            Some(name) => t.fmt(
                key!("events.by_staff"),
                &[
                    ("what", read.kind.map_or(t.get(key!("event.other")), |kind| event_label(kind, lang))),
                    ("name", &name),
                ],
            ),
            None => read.kind.map_or(t.get(key!("event.other")), |kind| event_label(kind, lang)).to_owned(),
        },
        when: lang.format_datetime(read.at),
        ip_address: read.ip_address.unwrap_or_else(|| t.get(key!("device.unknown")).to_owned()),
        browser: describe_browser(lang, read.user_agent.as_deref()),
    }
}

/// One row of the devices page; `current` is the session of the browser looking at it.
pub fn device(read: DeviceRead, current: SessionId, lang: Lang) -> DeviceView {
    DeviceView {
        session_id: read.session_id,
        browser: describe_browser(lang, read.user_agent.as_deref()),
        ip_address: read.ip_address.unwrap_or_else(|| T(lang).get(key!("device.unknown")).to_owned()),
        signed_in_at: lang.format_datetime(read.signed_in_at),
        last_seen_at: lang.format_datetime(read.last_seen_at),
        current: read.session_id == current,
    }
}

/// "Firefox on Linux" / "Firefox en Linux", from a User-Agent (or its absence).
pub fn describe_browser(lang: Lang, user_agent: Option<&str>) -> String {
    let t = T(lang);
    let user_agent = user_agent.unwrap_or_default();
    let browser = if user_agent.contains("Edg/") {
        "Edge"
    } else if user_agent.contains("Firefox/") {
        "Firefox"
    } else if user_agent.contains("Chrome/") || user_agent.contains("Chromium/") {
        "Chrome"
    } else if user_agent.contains("Safari/") {
        "Safari"
    } else {
        t.get(key!("device.unknown_browser"))
    };
    let system = if user_agent.contains("Android") {
        "Android"
    } else if user_agent.contains("iPhone") || user_agent.contains("iPad") {
        "iOS"
    } else if user_agent.contains("Windows") {
        "Windows"
    } else if user_agent.contains("Mac OS X") {
        "macOS"
    } else if user_agent.contains("Linux") {
        "Linux"
    } else {
        t.get(key!("device.unknown_system"))
    };
    t.fmt(key!("device.browser_on_system"), &[("browser", browser), ("system", system)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_common_browsers() {
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0";
        let en = Lang::En;
        assert_eq!(describe_browser(en, Some(edge)), "Edge on Windows");
        assert_eq!(
            describe_browser(en, Some("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")),
            "Firefox on Linux"
        );
        assert_eq!(describe_browser(en, Some("curl/8.0")), "Unknown browser on an unknown system");
        assert_eq!(describe_browser(Lang::Es, Some(edge)), "Edge en Windows");
        assert_eq!(describe_browser(Lang::Es, None), "Navegador desconocido en un sistema desconocido");
    }

    #[test]
    fn every_event_kind_reads_in_each_language() {
        for kind in SecurityEventKind::all() {
            for lang in Lang::ALL {
                assert!(!event_label(kind, lang).is_empty(), "{kind:?} has no label in {lang:?}");
            }
        }
        assert_ne!(
            event_label(SecurityEventKind::SignedIn, Lang::Es),
            event_label(SecurityEventKind::SignedIn, Lang::En)
        );
    }
}
