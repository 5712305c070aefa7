//! Configuration (flags, the environment, `.env`: see `server/src/settings.rs`), checked at start-up: a bad value stops the server with a
//! message naming the variable, instead of failing later on the first request that needs it.

use crate::server::client::{ClientAddressRule, ClientAddressSource};
use crate::server::secrets::SecretKey;
use secrecy::SecretString;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// Plain http on localhost: the session cookie is not marked Secure and has no `__Host-` prefix.
    Development,
    /// Behind https: `__Host-` cookie, Secure, HSTS.
    Production,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    pub environment: Environment,
    /// `None`: mail is written to `outbox_dir` as .eml files and logged.
    pub smtp_url: Option<SecretString>,
    pub outbox_dir: PathBuf,
    /// Where the log-only text sender keeps messages (see `sms.rs`).
    pub texts_outbox_dir: PathBuf,
    /// Where letters to a record's postal address are kept for printing and mailing (see
    /// `paper_mail.rs`): `PORTICO_PAPER_OUTBOX_DIR`, default `data/paper-outbox`.
    pub paper_outbox_dir: PathBuf,
    pub mail_from: String,
    /// The address people reach Portico at, used in links sent by email.
    pub public_url: String,
    /// Where cargo-leptos put the compiled site (JS, WASM, CSS).
    pub site_root: String,
    /// Seals second-factor secrets at rest and keys the hashes of short codes.
    pub secret_key: SecretKey,
    /// Texts to one number in an hour, whatever the account (`PORTICO_TEXTS_PER_NUMBER_PER_HOUR`, 5).
    pub texts_per_number_per_hour: u64,
    /// Texts this deployment sends in an hour in all (`PORTICO_TEXTS_PER_HOUR`, 300).
    pub texts_per_hour: u64,
    /// Country calling codes texts may go to (`PORTICO_TEXT_COUNTRY_CODES`, "1,52"); see
    /// `domain::phone::TextDestinations`.
    pub text_country_codes: Vec<String>,
    /// Whether this instance runs the outbox worker (`PORTICO_OUTBOX_WORKER`, `on` by default;
    /// `off` for an instance that should only serve pages, or for tests that drive it by hand).
    pub outbox_worker: bool,
    /// Who a request's client is: the socket peer, or a trusted proxy's forwarding header
    /// (`PORTICO_CLIENT_IP`, `PORTICO_TRUSTED_PROXIES`); see `client::ClientAddressRule`.
    pub client_address: ClientAddressRule,
    /// Where the operators' Prometheus metrics are served (`PORTICO_ADMIN_ADDR`); `None`: nowhere.
    pub admin_addr: Option<SocketAddr>,
    /// The origin of `public_url` (`https://portico.example.gov`), which the cross-site check trusts.
    pub public_origin: String,
    /// Where uploaded files are kept (`server::files`).
    pub files: FilesConfig,
    /// Where the Noto fonts are when not in Debian's folders (`PORTICO_FONTS_DIR`; see
    /// `cases::notice_pdf::any_script`).
    pub fonts_dir: Option<PathBuf>,
}

/// Where uploaded files (evidence) are kept.
#[derive(Debug, Clone)]
pub enum FilesConfig {
    /// A directory on this machine (`PORTICO_FILES_DIR`), outside the served site: one instance.
    Local(PathBuf),
    /// An S3-compatible bucket (`PORTICO_S3_BUCKET`), which several instances share.
    S3 {
        bucket: String,
        /// `PORTICO_S3_ENDPOINT`: an S3-compatible service's address; unset, Amazon S3.
        endpoint: Option<String>,
        region: String,
        access_key_id: Option<String>,
        secret_access_key: Option<SecretString>,
    },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration error: {variable}: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

/// Used only in development when `PORTICO_SECRET_KEY` is unset ("portico-development-only-key---!").
/// Production refuses to start without a key of its own.
pub const DEVELOPMENT_SECRET_KEY_HEX: &str = "706f727469636f2d646576656c6f706d656e742d6f6e6c792d6b65792d2d2d21";

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/portico.db?mode=rwc";

/// Where texts may go unless configured otherwise: +1 (the United States, its territories and
/// Canada — the Caribbean countries that share +1 are refused, see `domain::phone`) and +52
/// (Mexico). Every other country must be named in `PORTICO_TEXT_COUNTRY_CODES`.
pub const DEFAULT_TEXT_COUNTRY_CODES: &str = "1,52";

/// One configuration variable: its name, its command-line flag, its default and what it means.
/// `portico serve --help` is made from this table (see `server/src/settings.rs`), and
/// [`Config::from_lookup`] falls back to the same defaults, so the two cannot disagree.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub variable: &'static str,
    /// The long flag that sets it on the command line (`--addr`), which wins over the environment.
    pub flag: &'static str,
    pub default: Option<&'static str>,
    pub help: &'static str,
    /// Its value is never shown (`--help` prints the variable's name, not what it is set to).
    pub secret: bool,
}

const fn setting(
    variable: &'static str,
    flag: &'static str,
    default: Option<&'static str>,
    help: &'static str,
) -> Setting {
    Setting { variable, flag, default, help, secret: false }
}

/// Every variable Portico reads, in the order `--help` lists them.
pub const SETTINGS: &[Setting] = &[
    Setting { secret: true, ..setting("DATABASE_URL", "database-url", Some(DEFAULT_DATABASE_URL),
        "SQLite file, or postgres://user:pass@host/db for several instances") },
    setting("PORTICO_ADDR", "addr", Some("127.0.0.1:3000"), "Address and port to listen on"),
    setting("PORTICO_ENV", "env", Some("development"),
        "production: Secure __Host- session cookie and HSTS (serve over https); development: plain http works"),
    Setting { secret: true, ..setting("PORTICO_SMTP_URL", "smtp-url", None,
        "smtp://user:pass@host:587 or smtps://…; unset: mail is written as .eml files to the outbox directory") },
    setting("PORTICO_OUTBOX_DIR", "outbox-dir", Some("data/outbox"), "Where mail goes without SMTP"),
    setting("PORTICO_TEXTS_OUTBOX_DIR", "texts-outbox-dir", Some("data/texts-outbox"),
        "Where the log-only text sender keeps text messages"),
    setting("PORTICO_PAPER_OUTBOX_DIR", "paper-outbox-dir", Some("data/paper-outbox"),
        "Where letters to a record's postal address are written for printing and mailing"),
    setting("PORTICO_MAIL_FROM", "mail-from", Some("Portico <no-reply@portico.example>"), "Sender of every mail"),
    setting("PORTICO_PUBLIC_URL", "public-url", None,
        "The address people reach Portico at (emailed links; the origin the cross-site check trusts); default http://<PORTICO_ADDR>"),
    Setting { secret: true, ..setting("PORTICO_SECRET_KEY", "secret-key", None,
        "64 hex characters (openssl rand -hex 32): seals authenticator secrets, keys code hashes; required in production") },
    Setting { secret: true, ..setting("PORTICO_PREVIOUS_SECRET_KEYS", "previous-secret-keys", None,
        "Keys replaced by PORTICO_SECRET_KEY, comma-separated: they still open and check what they made (portico rotate-key re-seals it)") },
    setting("PORTICO_TEXTS_PER_NUMBER_PER_HOUR", "texts-per-number-per-hour", Some("5"),
        "Texts to one phone number in an hour, whatever the account"),
    setting("PORTICO_TEXTS_PER_HOUR", "texts-per-hour", Some("300"), "Texts the whole deployment sends in an hour"),
    setting("PORTICO_TEXT_COUNTRY_CODES", "text-country-codes", Some(DEFAULT_TEXT_COUNTRY_CODES),
        "Country calling codes texts may go to"),
    setting("PORTICO_OUTBOX_WORKER", "outbox-worker", Some("on"), "on or off: whether this instance delivers the outbox"),
    setting("PORTICO_CLIENT_IP", "client-ip", Some("socket"),
        "Where the client's address comes from: socket, x-forwarded-for or forwarded (from trusted proxies only)"),
    setting("PORTICO_TRUSTED_PROXIES", "trusted-proxies", Some("127.0.0.0/8, ::1"),
        "Proxies whose forwarding header is believed, e.g. 10.0.0.0/8, 192.0.2.7"),
    setting("PORTICO_ADMIN_ADDR", "admin-addr", None,
        "Address for the operators' Prometheus metrics (/metrics); unset: no metrics listener"),
    setting("PORTICO_FONTS_DIR", "fonts-dir", None,
        "Where the Noto fonts are, if not in /usr/share/fonts/{truetype,opentype}/noto (notices with names outside Latin-1)"),
    setting("PORTICO_FILES_DIR", "files-dir", Some("data/files"),
        "Where uploaded evidence files are kept when no S3 bucket is set (never inside the served site)"),
    setting("PORTICO_S3_BUCKET", "s3-bucket", None,
        "Keep uploaded files in this S3 bucket instead (needed for several instances)"),
    setting("PORTICO_S3_ENDPOINT", "s3-endpoint", None,
        "An S3-compatible service's address, e.g. http://127.0.0.1:9000; unset: Amazon S3"),
    setting("PORTICO_S3_REGION", "s3-region", Some("us-east-1"), "The bucket's region"),
    setting("PORTICO_S3_ACCESS_KEY_ID", "s3-access-key-id", None, "The S3 access key id"),
    Setting { secret: true, ..setting("PORTICO_S3_SECRET_ACCESS_KEY", "s3-secret-access-key", None,
        "The S3 secret access key") },
    setting("LEPTOS_SITE_ROOT", "site-root", Some("target/site"), "The compiled site (JS, WASM, CSS)"),
    setting("PORTICO_LOG_FORMAT", "log-format", Some("text"), "text, or json for one JSON object per line"),
    setting("RUST_LOG", "log", Some(DEFAULT_LOG_FILTER), "Log filter"),
];

pub const DEFAULT_LOG_FILTER: &str = "info,sqlx=warn,sea_orm=warn";

impl Config {
    /// Reads configuration through `lookup`, so tests can pass a map instead of the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let lookup = |variable: &str| {
            lookup(variable).or_else(|| {
                let setting = SETTINGS.iter().find(|s| s.variable == variable);
                debug_assert!(setting.is_some(), "{variable} is missing from SETTINGS");
                setting.and_then(|s| s.default).map(str::to_owned)
            })
        };
        // Every variable with a default in SETTINGS has a value from here on.
        let value = |variable: &str| lookup(variable).unwrap_or_default();
        let database_url = value("DATABASE_URL");
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError {
                variable: "DATABASE_URL",
                message: "must start with sqlite: or postgres:// (for example sqlite://data/portico.db?mode=rwc)"
                    .into(),
            });
        }
        let addr_text = value("PORTICO_ADDR");
        let addr = addr_text.parse().map_err(|_| ConfigError {
            variable: "PORTICO_ADDR",
            message: format!("{addr_text:?} is not an address and port like 127.0.0.1:3000"),
        })?;
        let environment = match lookup("PORTICO_ENV").as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("development") | Some("dev") => Environment::Development,
            Some("production") | Some("prod") => Environment::Production,
            Some(other) => {
                return Err(ConfigError {
                    variable: "PORTICO_ENV",
                    message: format!("{other:?} is neither development nor production"),
                })
            }
        };
        let smtp_url = lookup("PORTICO_SMTP_URL");
        if let Some(url) = &smtp_url {
            if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                return Err(ConfigError {
                    variable: "PORTICO_SMTP_URL",
                    message: "must start with smtp:// or smtps:// (for example smtp://127.0.0.1:2525)".into(),
                });
            }
        }
        let mail_from = value("PORTICO_MAIL_FROM");
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError {
                variable: "PORTICO_MAIL_FROM",
                message: format!("{mail_from:?} is not a mailbox like Portico <no-reply@example.gov>"),
            });
        }
        let public_url = lookup("PORTICO_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError {
                variable: "PORTICO_PUBLIC_URL",
                message: "must start with https:// or http:// (for example https://portico.example.gov)".into(),
            });
        }
        let secret_key = match (lookup("PORTICO_SECRET_KEY"), environment) {
            (Some(text), _) => SecretKey::from_hex(&text).ok_or_else(|| ConfigError {
                variable: "PORTICO_SECRET_KEY",
                message: "must be 64 hex characters (32 random bytes; make one with `openssl rand -hex 32`)".into(),
            })?,
            (None, Environment::Development) => {
                SecretKey::from_hex(DEVELOPMENT_SECRET_KEY_HEX).expect("the development key is valid hex")
            }
            (None, Environment::Production) => {
                return Err(ConfigError {
                    variable: "PORTICO_SECRET_KEY",
                    message: "is required in production (64 hex characters; `openssl rand -hex 32`)".into(),
                })
            }
        };
        let previous = match lookup("PORTICO_PREVIOUS_SECRET_KEYS") {
            None => Vec::new(),
            Some(text) => text
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .enumerate()
                .map(|(i, k)| {
                    SecretKey::from_hex(k).ok_or_else(|| ConfigError {
                        variable: "PORTICO_PREVIOUS_SECRET_KEYS",
                        message: format!("key {} is not 64 hex characters", i + 1),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        let secret_key = secret_key.with_previous(previous);
        let count = |variable: &'static str| -> Result<u64, ConfigError> {
            let text = value(variable);
            text.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| ConfigError { variable, message: format!("{text:?} is not a whole number above 0") })
        };
        let texts_per_number_per_hour = count("PORTICO_TEXTS_PER_NUMBER_PER_HOUR")?;
        let texts_per_hour = count("PORTICO_TEXTS_PER_HOUR")?;
        let admin_addr = match lookup("PORTICO_ADMIN_ADDR") {
            None => None,
            Some(text) => Some(text.trim().parse::<SocketAddr>().map_err(|_| ConfigError {
                variable: "PORTICO_ADMIN_ADDR",
                message: format!("{text:?} is not an address and port like 127.0.0.1:9300"),
            })?),
        };
        let codes_text = value("PORTICO_TEXT_COUNTRY_CODES");
        let text_country_codes: Vec<String> = codes_text
            .split(',')
            .map(|c| c.trim().trim_start_matches('+').to_owned())
            .filter(|c| !c.is_empty())
            .collect();
        if text_country_codes.is_empty()
            || text_country_codes
                .iter()
                .any(|c| c.len() > 3 || c.starts_with('0') || !c.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(ConfigError {
                variable: "PORTICO_TEXT_COUNTRY_CODES",
                message: format!("{codes_text:?} is not a list of country calling codes like 1,52"),
            });
        }
        let outbox_worker = match lookup("PORTICO_OUTBOX_WORKER").as_deref().map(str::trim) {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => {
                return Err(ConfigError {
                    variable: "PORTICO_OUTBOX_WORKER",
                    message: format!("{other:?} is neither on nor off"),
                })
            }
        };
        let source = match lookup("PORTICO_CLIENT_IP") {
            None => ClientAddressSource::Socket,
            Some(text) => ClientAddressSource::from_key(&text).ok_or_else(|| ConfigError {
                variable: "PORTICO_CLIENT_IP",
                message: format!("{text:?} is none of socket, x-forwarded-for, forwarded"),
            })?,
        };
        let trusted_proxies = match lookup("PORTICO_TRUSTED_PROXIES") {
            None => ClientAddressRule::loopback(),
            Some(text) => ClientAddressRule::parse_proxies(&text).ok_or_else(|| ConfigError {
                variable: "PORTICO_TRUSTED_PROXIES",
                message: format!("{text:?} is not a list of addresses or networks like 127.0.0.1, 10.0.0.0/8"),
            })?,
        };
        let files = match lookup("PORTICO_S3_BUCKET").map(|b| b.trim().to_owned()).filter(|b| !b.is_empty()) {
            None => FilesConfig::Local(value("PORTICO_FILES_DIR").into()),
            Some(bucket) => {
                let endpoint = lookup("PORTICO_S3_ENDPOINT");
                if let Some(url) = &endpoint {
                    if !(url.starts_with("http://") || url.starts_with("https://")) {
                        return Err(ConfigError {
                            variable: "PORTICO_S3_ENDPOINT",
                            message: "must start with https:// or http:// (for example http://127.0.0.1:9000)".into(),
                        });
                    }
                }
                FilesConfig::S3 {
                    bucket,
                    endpoint,
                    region: value("PORTICO_S3_REGION"),
                    access_key_id: lookup("PORTICO_S3_ACCESS_KEY_ID"),
                    secret_access_key: lookup("PORTICO_S3_SECRET_ACCESS_KEY").map(SecretString::from),
                }
            }
        };
        Ok(Self {
            fonts_dir: lookup("PORTICO_FONTS_DIR").map(PathBuf::from),
            files,
            admin_addr,
            outbox_worker,
            client_address: ClientAddressRule { source, trusted_proxies },
            public_origin: crate::server::web::csrf::origin_of(&public_url),
            texts_per_number_per_hour,
            texts_per_hour,
            text_country_codes,
            secret_key,
            public_url: public_url.trim_end_matches('/').to_owned(),
            database_url,
            addr,
            environment,
            smtp_url: smtp_url.map(SecretString::from),
            outbox_dir: value("PORTICO_OUTBOX_DIR").into(),
            texts_outbox_dir: value("PORTICO_TEXTS_OUTBOX_DIR").into(),
            paper_outbox_dir: value("PORTICO_PAPER_OUTBOX_DIR").into(),
            mail_from,
            site_root: value("LEPTOS_SITE_ROOT"),
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_serve_sqlite_on_localhost_in_development() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.environment, Environment::Development);
        assert!(c.smtp_url.is_none());
        assert!(c.is_sqlite());
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert_eq!(c.client_address, ClientAddressRule::default());
        assert_eq!(c.admin_addr, None);
    }

    #[test]
    fn every_variable_read_is_in_the_settings_table_and_its_defaults_parse() {
        let source = include_str!("config.rs");
        let read: std::collections::BTreeSet<&str> = source
            .split("lookup(\"")
            .chain(source.split("value(\""))
            .chain(source.split("count(\""))
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|name| name.chars().all(|c| c.is_ascii_uppercase() || c == '_') && !name.is_empty())
            .collect();
        for name in read {
            assert!(SETTINGS.iter().any(|s| s.variable == name), "{name} is read but not in SETTINGS");
        }
        let defaults: HashMap<String, String> =
            SETTINGS.iter().filter_map(|s| s.default.map(|d| (s.variable.to_owned(), d.to_owned()))).collect();
        let explicit = Config::from_lookup(|name| defaults.get(name).cloned()).unwrap();
        let implicit = config(&[]).unwrap();
        assert_eq!(format!("{explicit:?}"), format!("{implicit:?}"));
    }

    #[test]
    fn a_proxy_in_front_is_configured_by_source_and_trusted_peers() {
        let c = config(&[
            ("PORTICO_CLIENT_IP", "X-Forwarded-For"),
            ("PORTICO_TRUSTED_PROXIES", "10.0.0.0/8"),
            ("PORTICO_PUBLIC_URL", "https://portico.example.gov/"),
        ])
        .unwrap();
        assert_eq!(c.client_address.source, ClientAddressSource::XForwardedFor);
        assert_eq!(c.client_address.trusted_proxies, ClientAddressRule::parse_proxies("10.0.0.0/8").unwrap());
        assert_eq!(c.public_origin, "https://portico.example.gov");
    }

    #[test]
    fn bad_values_name_the_variable() {
        assert_eq!(config(&[("PORTICO_ADDR", "localhost")]).unwrap_err().variable, "PORTICO_ADDR");
        assert_eq!(config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().variable, "DATABASE_URL");
        assert_eq!(config(&[("PORTICO_ENV", "staging")]).unwrap_err().variable, "PORTICO_ENV");
        assert_eq!(config(&[("PORTICO_SMTP_URL", "http://x")]).unwrap_err().variable, "PORTICO_SMTP_URL");
        assert_eq!(config(&[("PORTICO_MAIL_FROM", "nobody")]).unwrap_err().variable, "PORTICO_MAIL_FROM");
        assert_eq!(config(&[("PORTICO_PUBLIC_URL", "portico.gov")]).unwrap_err().variable, "PORTICO_PUBLIC_URL");
        assert_eq!(config(&[("PORTICO_SECRET_KEY", "short")]).unwrap_err().variable, "PORTICO_SECRET_KEY");
        assert_eq!(config(&[("PORTICO_ENV", "production")]).unwrap_err().variable, "PORTICO_SECRET_KEY");
        assert_eq!(config(&[("PORTICO_TEXTS_PER_HOUR", "lots")]).unwrap_err().variable, "PORTICO_TEXTS_PER_HOUR");
        assert_eq!(
            config(&[("PORTICO_TEXT_COUNTRY_CODES", "1,x")]).unwrap_err().variable,
            "PORTICO_TEXT_COUNTRY_CODES"
        );
        assert_eq!(config(&[("PORTICO_CLIENT_IP", "header")]).unwrap_err().variable, "PORTICO_CLIENT_IP");
        assert_eq!(config(&[("PORTICO_TRUSTED_PROXIES", "nginx")]).unwrap_err().variable, "PORTICO_TRUSTED_PROXIES");
        assert_eq!(config(&[("PORTICO_ADMIN_ADDR", "9300")]).unwrap_err().variable, "PORTICO_ADMIN_ADDR");
        let previous = format!("{}, nope", "cd".repeat(32));
        let error = config(&[("PORTICO_PREVIOUS_SECRET_KEYS", &previous)]).unwrap_err();
        assert_eq!(
            (error.variable, error.message.as_str()),
            ("PORTICO_PREVIOUS_SECRET_KEYS", "key 2 is not 64 hex characters")
        );
    }

    #[test]
    fn text_limits_and_countries_have_defaults_and_can_be_set() {
        let c = config(&[]).unwrap();
        assert_eq!((c.texts_per_number_per_hour, c.texts_per_hour), (5, 300));
        assert_eq!(c.text_country_codes, ["1", "52"]);
        let c = config(&[("PORTICO_TEXT_COUNTRY_CODES", "+1, +44"), ("PORTICO_TEXTS_PER_HOUR", "20")]).unwrap();
        assert_eq!(c.text_country_codes, ["1", "44"]);
        assert_eq!(c.texts_per_hour, 20);
    }

    #[test]
    fn postgres_and_production_are_accepted() {
        let key = "ab".repeat(32);
        let c = config(&[
            ("DATABASE_URL", "postgres://u:p@127.0.0.1/portico"),
            ("PORTICO_ENV", "production"),
            ("PORTICO_SECRET_KEY", &key),
        ])
        .unwrap();
        assert!(!c.is_sqlite());
        assert_eq!(c.environment, Environment::Production);
    }
}
