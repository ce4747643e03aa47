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
