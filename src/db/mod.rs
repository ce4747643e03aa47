//! The database: one set of SQL texts, run on SQLite or PostgreSQL.
//!
//! Every query is written once with `$1` placeholders (both backends accept them) and
//! instantiated per backend by [`db_run!`], so no code path belongs to one backend only.
//! sqlx's `Any` driver is avoided on purpose: it cannot decode SQLite booleans or dates.

pub mod audit;
pub mod catalog;
pub mod documents;
pub mod events;
pub mod facts;
pub mod forecast;
pub mod invitations;
pub mod names;
pub mod notifications;
pub mod offers;
pub mod orgs;
pub mod referrals;
pub mod revenue;
pub mod review;
pub mod sessions;
pub mod solutions;
pub mod users;
pub mod validations;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same expression against whichever pool `db` holds:
/// `db_run!(db, pool => sqlx::query("...").execute(pool).await)`.
///
/// Each use is one round trip to the database: one statement, or one transaction. With the
/// `count-queries` feature every use is counted for the request it serves (see
/// [`query_count`]), which is how the tests hold each page to its query budget.
#[macro_export]
macro_rules! db_run {
    ($db:expr, $pool:ident => $body:expr) => {{
        $crate::db::query_count::bump();
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    }};
}

/// Statements per request: a counter scoped to the request's future. Compiled in with the
/// `count-queries` feature (on in tests); without it every function here is a no-op.
pub mod query_count {
    #[cfg(feature = "count-queries")]
    tokio::task_local! {
        static COUNT: std::cell::Cell<u32>;
    }

    /// Counts one statement (or transaction) for the request being served, if any. With
    /// `COSELL_DEBUG_QUERIES` set, a test build also prints where each one is run from.
    #[inline(always)]
    #[track_caller]
    pub fn bump() {
        #[cfg(feature = "count-queries")]
        {
            if std::env::var_os("COSELL_DEBUG_QUERIES").is_some() {
                eprintln!("statement at {}", std::panic::Location::caller());
            }
            let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        }
    }

    /// Runs `fut` with a fresh counter and returns its output with the number of statements
    /// it ran (always 0 without the feature).
    pub async fn scope<F: std::future::Future>(fut: F) -> (F::Output, u32) {
        #[cfg(feature = "count-queries")]
        {
            COUNT
                .scope(std::cell::Cell::new(0), async move {
                    let out = fut.await;
                    (out, COUNT.with(|c| c.get()))
                })
                .await
        }
        #[cfg(not(feature = "count-queries"))]
        {
            (fut.await, 0)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    Scheme(String),
    #[error("DATABASE_URL: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("DATABASE_URL: cannot create the folder {0}: {1}")]
    Folder(String, std::io::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Each SQLite connection's page cache, in the negative KiB form of `PRAGMA cache_size`:
/// 1 MiB instead of SQLite's 2, so the pool's eight caches hold at most 8 MiB. The operating
/// system caches the file anyway; at 100,000 solutions the pages' timings did not move and
/// the idle server holds about 6 MiB less (bench/RESULTS.md, issue 14).
const SQLITE_CACHE_KIB: i32 = -1024;

impl Db {
    /// Opens a pool for `url` (`sqlite://path` or `postgres://...`). A missing SQLite file
    /// and its folder are created.
    pub async fn connect(url: &str) -> Result<Db, ConnectError> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("cache_size", SQLITE_CACHE_KIB.to_string());
            let path = opts.get_filename().to_path_buf();
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| ConnectError::Folder(dir.display().to_string(), e))?;
            }
            // No ping before each use: the database is a file in this process, so there is
            // nothing to test, and the ping doubled the round trips to the connection's thread.
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            crate::private_files::make_database_private(&path)
                .map_err(|e| ConnectError::Folder(path.display().to_string(), e))?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts = PgConnectOptions::from_str(url)?;
            // No ping before each use (one round trip saved per statement); a connection the
            // server dropped fails its next statement once (503, nothing changed) and is
            // replaced, and none is kept idle for more than five minutes.
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .test_before_acquire(false)
                .idle_timeout(Duration::from_secs(300))
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(ConnectError::Scheme(url.to_string()))
        }
    }

    /// Applies the pending migrations of this backend's folder.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// Why the database's migrations are not this build's, if they are not: one of this
    /// build's is missing or failed, or the database has one this build does not know (a
    /// newer build migrated it). For the readiness probe.
    pub async fn migrations_differ(&self) -> Result<Option<String>, sqlx::Error> {
        let known: Vec<i64> = match self {
            Db::Sqlite(_) => &SQLITE_MIGRATIONS,
            Db::Postgres(_) => &POSTGRES_MIGRATIONS,
        }
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .map(|m| m.version)
        .collect();
        let applied: Vec<(i64, bool)> = db_run!(self, pool => sqlx::query_as(
            "SELECT version, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(pool)
            .await)?;
        let missing = known
            .iter()
            .filter(|v| !applied.iter().any(|(a, ok)| a == *v && *ok))
            .count();
        let unknown = applied.iter().filter(|(v, _)| !known.contains(v)).count();
        Ok(match (missing, unknown) {
            (0, 0) => None,
            (0, n) => Some(format!("{n} applied migration(s) unknown to this build")),
            (n, _) => Some(format!("{n} migration(s) of this build not applied")),
        })
    }

    /// The pool's connections: (in use, idle, the most it opens).
    pub fn pool_use(&self) -> (u32, u32, u32) {
        fn of<D: sqlx::Database>(pool: &sqlx::Pool<D>) -> (u32, u32, u32) {
            let idle = u32::try_from(pool.num_idle()).unwrap_or(u32::MAX);
            (
                pool.size().saturating_sub(idle),
                idle,
                pool.options().get_max_connections(),
            )
        }
        match self {
            Db::Sqlite(pool) => of(pool),
            Db::Postgres(pool) => of(pool),
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        db_run!(self, pool => sqlx::query("SELECT 1").execute(pool).await.is_ok())
    }

    pub async fn close(&self) {
        db_run!(self, pool => pool.close().await)
    }
}

/// The ids for an `IN (...)` written into a statement's text (only numbers, so the text is
/// safe to build). Such a statement's text differs with every list, so run it with
/// `.persistent(false)`: a connection keeps up to 100 prepared statements, and batch work (the
/// catalog refresh, the lapse forecast) would fill them with one-off statements that push out
/// the ones pages repeat and hold memory in the connection (on PostgreSQL, in the server).
pub(crate) fn id_list<Id: std::fmt::Display>(ids: &[Id]) -> String {
    ids.iter().map(Id::to_string).collect::<Vec<_>>().join(",")
}

/// Which rows of a list to read: a page of them (the API pages in SQL), or all of them (a
/// page of the portal shows an organization's few offers, solutions or users whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub limit: i64,
    pub offset: i64,
}

impl Window {
    pub const ALL: Window = Window {
        limit: i64::MAX,
        offset: 0,
    };

    /// The end of a statement for this window: nothing for all rows, else `LIMIT $n OFFSET
    /// $n+1` (bind them with [`Window::bind`]). All rows take no LIMIT because SQLite parsed
    /// a statement with a bound LIMIT again and again under load (`sqlite3RunParser` in the
    /// profile of a page reading a list: 40 % fewer requests/s), and the pages read all rows.
    pub fn clause(self, n: usize) -> String {
        if self == Window::ALL {
            String::new()
        } else {
            format!(" LIMIT ${n} OFFSET ${}", n + 1)
        }
    }
}

/// Binds a [`Window::clause`]'s parameters, if it has any.
#[macro_export]
macro_rules! bind_window {
    ($query:expr, $w:expr) => {{
        let q = $query;
        if $w == $crate::db::Window::ALL {
            q
        } else {
            q.bind($w.limit).bind($w.offset)
        }
    }};
}

/// Joins reference codes for a TEXT column; codes never contain commas.
pub fn join_codes<S: AsRef<str>>(codes: &[S]) -> String {
    codes
        .iter()
        .map(|c| c.as_ref())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn split_codes(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
