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
    /// What time it is for deadlines and jobs (tests move it; nothing waits for time).
    pub clock: Clock,
    /// Days a receiver has to answer a referral (`REFERRAL_ANSWER_DAYS`).
    pub referral_answer_days: u32,
}

/// The time deadlines are judged by: the system's, moved by an offset that tests set to
/// make a day or a year pass at once. Clones share the offset.
#[derive(Clone, Default)]
pub struct Clock(std::sync::Arc<std::sync::atomic::AtomicI64>);

impl Clock {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now()
            + chrono::Duration::seconds(self.0.load(std::sync::atomic::Ordering::SeqCst))
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.now().date_naive()
    }

    /// Moves the clock `by` further (tests only: a server never changes its time).
    pub fn advance(&self, by: chrono::Duration) {
        self.0
            .fetch_add(by.num_seconds(), std::sync::atomic::Ordering::SeqCst);
    }
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
