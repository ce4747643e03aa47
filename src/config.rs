//! Settings from the environment and an optional `cosell.toml`; the environment wins.
//! A bad setting stops start-up with a message that names it.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::Path;

#[derive(Debug, Clone)]
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
}

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
        Ok(Settings {
            database_url,
            storage_url,
            bind_addr,
            log,
            trusted_proxies,
            smtp_url,
            mail_from,
            public_url,
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

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
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
    }
}
