//! What every handler shares: the database, the document storage and the password hasher.

use crate::auth::password::Hasher;
use crate::db::Db;
use crate::storage::Storage;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub hasher: Hasher,
    pub storage: Storage,
    /// Proxies whose `X-Forwarded-For` is believed (see `web::client_address`).
    pub trusted_proxies: std::sync::Arc<Vec<std::net::IpAddr>>,
    /// Where the outbox's mails go, and the address links in them begin with.
    pub mail: std::sync::Arc<crate::mailer::Mailer>,
}

/// Set from the moment the instance is told to stop (SIGTERM): `/readyz` answers 503 so a
/// load balancer sends nothing new while the requests in flight finish.
#[derive(Clone, Default)]
pub struct Stopping(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Stopping {
    pub fn begin(&self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn has_begun(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}
