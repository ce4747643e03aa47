//! Settings from the environment and an optional `cosell.toml`; the environment wins.
//! A bad setting stops start-up with a message that names it.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::Path;

/// What start-up reads. Its `Debug` writes every secret as `***` (a password in a URL), so
/// printing the settings can never leak one into a log.
#[derive(Clone)]
pub struct Settings {
    pub database_url: String,
    pub storage_url: String,
    pub bind_addr: SocketAddr,
    pub log: String,
    /// Proxies (load balancers) whose `X-Forwarded-For` names the client, for throttling.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Where mails go (`smtp://host:25`, `smtps://user:pass@host`); None: to the log and the
    /// outbox page.
    pub smtp_url: Option<String>,
    /// The sender of mails.
    pub mail_from: String,
    /// The portal's address as people reach it, for links in mails.
    pub public_url: String,
    /// How log lines are written (`LOG_FORMAT`).
    pub log_format: LogFormat,
    /// Where `/metrics` is served (`METRICS_ADDR`); None: no metrics.
    pub metrics_addr: Option<SocketAddr>,
    /// After SIGTERM, how long new requests are still taken while `/readyz` says 503, so a
    /// load balancer sees it and sends no more (`SHUTDOWN_DRAIN_SECONDS`).
    pub shutdown_drain: std::time::Duration,
    /// Days a receiver has to answer a referral (`REFERRAL_ANSWER_DAYS`, 1 to 30).
    pub referral_answer_days: u32,
}

/// How log lines are written: for people (`text`), or one JSON object per line (`json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &redact_url(&self.database_url))
            .field("storage_url", &redact_url(&self.storage_url))
            .field("bind_addr", &self.bind_addr)
            .field("log", &self.log)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_from", &self.mail_from)
            .field("public_url", &redact_url(&self.public_url))
            .field("log_format", &self.log_format)
            .field("metrics_addr", &self.metrics_addr)
            .field("shutdown_drain", &self.shutdown_drain)
            .field("referral_answer_days", &self.referral_answer_days)
            .finish()
    }
}

/// A URL with its password as `***`; text that is no URL is hidden whole, since it cannot be
/// told what part of it is secret.
pub fn redact_url(text: &str) -> String {
    match url::Url::parse(text) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("***"));
            }
            url.to_string()
        }
        Err(_) => "***".into(),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    #[serde(alias = "DATABASE_URL")]
    database_url: Option<String>,
    #[serde(alias = "STORAGE_URL")]
    storage_url: Option<String>,
    #[serde(alias = "BIND_ADDR")]
    bind_addr: Option<String>,
    #[serde(alias = "RUST_LOG")]
    rust_log: Option<String>,
    #[serde(alias = "TRUSTED_PROXIES")]
    trusted_proxies: Option<String>,
    #[serde(alias = "SMTP_URL")]
    smtp_url: Option<String>,
    #[serde(alias = "MAIL_FROM")]
    mail_from: Option<String>,
    #[serde(alias = "PUBLIC_URL")]
    public_url: Option<String>,
    #[serde(alias = "LOG_FORMAT")]
    log_format: Option<String>,
    #[serde(alias = "METRICS_ADDR")]
    metrics_addr: Option<String>,
    #[serde(alias = "SHUTDOWN_DRAIN_SECONDS")]
    shutdown_drain_seconds: Option<String>,
    #[serde(alias = "REFERRAL_ANSWER_DAYS")]
    referral_answer_days: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}: {1}")]
    File(String, String),
    #[error("BIND_ADDR: {0:?} is not an address like 127.0.0.1:8080")]
    BindAddr(String),
    #[error("DATABASE_URL: {0:?} must start with sqlite:// or postgres://")]
    DatabaseUrl(String),
    #[error("STORAGE_URL: {0:?} must start with file://, s3:// or az://")]
    StorageUrl(String),
    #[error("TRUSTED_PROXIES: {0:?} is not a comma-separated list of IP addresses")]
    TrustedProxies(String),
    #[error("PUBLIC_URL: {0:?} must start with http:// or https://")]
    PublicUrl(String),
    #[error("LOG_FORMAT: {0:?} must be text or json")]
    LogFormat(String),
    #[error("METRICS_ADDR: {0:?} is not an address like 127.0.0.1:9090")]
    MetricsAddr(String),
    #[error("METRICS_ADDR: {0} is BIND_ADDR too; metrics are never served on the public address")]
    MetricsOnPublicAddr(SocketAddr),
    #[error("SHUTDOWN_DRAIN_SECONDS: {0:?} is not a number of seconds from 0 to 300")]
    ShutdownDrain(String),
    #[error("REFERRAL_ANSWER_DAYS: {0:?} is not a number of days from 1 to 30")]
    ReferralAnswerDays(String),
}

/// The default of `SHUTDOWN_DRAIN_SECONDS`: a few of a load balancer's probes.
pub const DEFAULT_SHUTDOWN_DRAIN_SECONDS: u64 = 5;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/cosell.db";
pub const DEFAULT_STORAGE_URL: &str = "file://data/documents";
pub const DEFAULT_BIND_ADDR: &str = "127.0.0.1:8080";
pub const DEFAULT_MAIL_FROM: &str = "cosell <cosell@localhost>";

impl Settings {
    /// Reads `cosell.toml` (or the file named by `COSELL_CONFIG`) when present, then the
    /// environment.
    pub fn load() -> Result<Settings, ConfigError> {
        let path = std::env::var("COSELL_CONFIG").unwrap_or_else(|_| "cosell.toml".into());
        let file = read_file(Path::new(&path))?;
        Settings::resolve(file, |k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    }

    fn resolve(
        file: FileSettings,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, ConfigError> {
        let database_url = env("DATABASE_URL")
            .or(file.database_url)
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        let storage_url = env("STORAGE_URL")
            .or(file.storage_url)
            .unwrap_or_else(|| DEFAULT_STORAGE_URL.into());
        let bind = env("BIND_ADDR")
            .or(file.bind_addr)
            .unwrap_or_else(|| DEFAULT_BIND_ADDR.into());
        let log = env("RUST_LOG")
            .or(file.rust_log)
            .unwrap_or_else(|| "info".into());
        if !["sqlite:", "postgres:", "postgresql:"]
            .iter()
            .any(|p| database_url.starts_with(p))
        {
            return Err(ConfigError::DatabaseUrl(database_url));
        }
        if !["file://", "s3://", "az://"]
            .iter()
            .any(|p| storage_url.starts_with(p))
        {
            return Err(ConfigError::StorageUrl(storage_url));
        }
        let bind_addr = bind
            .parse()
            .map_err(|_| ConfigError::BindAddr(bind.clone()))?;
        let proxies = env("TRUSTED_PROXIES")
            .or(file.trusted_proxies)
            .unwrap_or_default();
        let trusted_proxies = proxies
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse()
                    .map_err(|_| ConfigError::TrustedProxies(proxies.clone()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let smtp_url = env("SMTP_URL").or(file.smtp_url);
        let mail_from = env("MAIL_FROM")
            .or(file.mail_from)
            .unwrap_or_else(|| DEFAULT_MAIL_FROM.into());
        let public_url = env("PUBLIC_URL")
            .or(file.public_url)
            .unwrap_or_else(|| format!("http://{bind_addr}"));
        if !public_url.starts_with("http://") && !public_url.starts_with("https://") {
            return Err(ConfigError::PublicUrl(public_url));
        }
        let log_format = match env("LOG_FORMAT").or(file.log_format).as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(ConfigError::LogFormat(other.into())),
        };
        let metrics_addr: Option<SocketAddr> = env("METRICS_ADDR")
            .or(file.metrics_addr)
            .map(|a| a.parse().map_err(|_| ConfigError::MetricsAddr(a.clone())))
            .transpose()?;
        if let Some(addr) = metrics_addr
            && addr == bind_addr
            && addr.port() != 0
        {
            return Err(ConfigError::MetricsOnPublicAddr(addr));
        }
        let shutdown_drain = match env("SHUTDOWN_DRAIN_SECONDS").or(file.shutdown_drain_seconds) {
            None => DEFAULT_SHUTDOWN_DRAIN_SECONDS,
            Some(text) => text
                .trim()
                .parse()
                .ok()
                .filter(|s| *s <= 300)
                .ok_or(ConfigError::ShutdownDrain(text))?,
        };
        let referral_answer_days = match env("REFERRAL_ANSWER_DAYS").or(file.referral_answer_days) {
            None => crate::domain::referral::DEFAULT_ANSWER_DAYS,
            Some(text) => text
                .trim()
                .parse()
                .ok()
                .filter(|d| (1..=30).contains(d))
                .ok_or(ConfigError::ReferralAnswerDays(text))?,
        };
        Ok(Settings {
            database_url,
            storage_url,
            bind_addr,
            log,
            trusted_proxies,
            smtp_url,
            mail_from,
            public_url,
            log_format,
            metrics_addr,
            shutdown_drain: std::time::Duration::from_secs(shutdown_drain),
            referral_answer_days,
        })
    }
}

fn read_file(path: &Path) -> Result<FileSettings, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text)
            .map_err(|e| ConfigError::File(path.display().to_string(), e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileSettings::default()),
        Err(e) => Err(ConfigError::File(path.display().to_string(), e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn defaults_are_sqlite_and_local_files_on_loopback() {
        let s = Settings::resolve(FileSettings::default(), env_of(&[])).unwrap();
        assert_eq!(s.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(s.storage_url, DEFAULT_STORAGE_URL);
        assert_eq!(s.bind_addr.to_string(), DEFAULT_BIND_ADDR);
    }

    #[test]
    fn the_environment_wins_over_the_file() {
        let file: FileSettings =
            toml::from_str("bind_addr = \"127.0.0.1:9000\"\ndatabase_url = \"postgres://db/x\"")
                .unwrap();
        let s = Settings::resolve(file, env_of(&[("BIND_ADDR", "127.0.0.1:9100")])).unwrap();
        assert_eq!(s.bind_addr.port(), 9100);
        assert_eq!(s.database_url, "postgres://db/x");
    }

    #[test]
    fn bad_settings_are_named() {
        let e = Settings::resolve(
            FileSettings::default(),
            env_of(&[("BIND_ADDR", "localhost")]),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("BIND_ADDR"));
        let e = Settings::resolve(
            FileSettings::default(),
            env_of(&[("DATABASE_URL", "mysql://x")]),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("DATABASE_URL"));
        let e = Settings::resolve(
            FileSettings::default(),
            env_of(&[("STORAGE_URL", "ftp://x")]),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("STORAGE_URL"));
        let e = Settings::resolve(
            FileSettings::default(),
            env_of(&[("TRUSTED_PROXIES", "10.0.0.1, lb")]),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("TRUSTED_PROXIES"));
        let s = Settings::resolve(
            FileSettings::default(),
            env_of(&[("TRUSTED_PROXIES", "10.0.0.1, ::1")]),
        )
        .unwrap();
        assert_eq!(s.trusted_proxies.len(), 2);
        assert!(toml::from_str::<FileSettings>("colour = 1").is_err());
        for (name, value) in [
            ("LOG_FORMAT", "yaml"),
            ("METRICS_ADDR", "9090"),
            ("METRICS_ADDR", "127.0.0.1:8080"),
            ("SHUTDOWN_DRAIN_SECONDS", "-1"),
            ("SHUTDOWN_DRAIN_SECONDS", "301"),
            ("REFERRAL_ANSWER_DAYS", "0"),
            ("REFERRAL_ANSWER_DAYS", "31"),
            ("REFERRAL_ANSWER_DAYS", "three"),
        ] {
            let e =
                Settings::resolve(FileSettings::default(), env_of(&[(name, value)])).unwrap_err();
            assert!(e.to_string().starts_with(name), "{e}");
        }
    }

    #[test]
    fn logs_are_text_and_metrics_off_unless_asked() {
        let s = Settings::resolve(FileSettings::default(), env_of(&[])).unwrap();
        assert_eq!((s.log_format, s.metrics_addr), (LogFormat::Text, None));
        let s = Settings::resolve(
            FileSettings::default(),
            env_of(&[("LOG_FORMAT", "json"), ("METRICS_ADDR", "127.0.0.1:9464")]),
        )
        .unwrap();
        assert_eq!(s.log_format, LogFormat::Json);
        assert_eq!(s.metrics_addr, Some("127.0.0.1:9464".parse().unwrap()));
    }

    #[test]
    fn debug_output_hides_every_secret() {
        let s = Settings::resolve(
            FileSettings::default(),
            env_of(&[
                (
                    "DATABASE_URL",
                    "postgres://cosell:db-secret-1@db.internal:5432/cosell",
                ),
                ("SMTP_URL", "smtps://mailer:smtp-secret-2@mail.internal:465"),
                ("STORAGE_URL", "s3://bucket/prefix"),
            ]),
        )
        .unwrap();
        let printed = format!("{s:?} {s:#?}");
        for secret in ["db-secret-1", "smtp-secret-2"] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
        assert!(
            printed.contains("cosell:***@db.internal:5432/cosell"),
            "{printed}"
        );
        assert!(printed.contains("mailer:***@mail.internal"), "{printed}");
        assert_eq!(redact_url("not a url with a secret"), "***");
    }
}
