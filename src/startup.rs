//! Builds the application: connects and migrates the database, binds the listener (port 0
//! picks a free one and [`Application::port`] tells which), and wires the routes.

use crate::api;
use crate::auth::password::Hasher;
use crate::config::Settings;
use crate::db::Db;
use crate::state::{AppState, Stopping};
use crate::web::{self, errors};
use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web as aw};
use std::net::TcpListener;

pub struct Application {
    port: u16,
    server: Server,
    pub state: AppState,
    /// Set when the instance is told to stop (see [`Application::stopper`]).
    pub stopping: Stopping,
    /// The metrics server (`METRICS_ADDR`) and its port, when metrics are on.
    metrics: Option<(u16, Server)>,
}

/// How long a stopping instance lets the requests in flight finish (SPEC 16).
const SHUTDOWN_SECONDS: u64 = 30;

/// Stops an instance: `/readyz` answers 503 at once; after `drain` (new requests still
/// served, so a load balancer that asks `/readyz` sees it and sends no more) no new
/// connection is taken, and the requests in flight get up to [`SHUTDOWN_SECONDS`] to finish.
#[derive(Clone)]
pub struct Stopper {
    stopping: Stopping,
    server: ServerHandle,
}

impl Stopper {
    pub async fn stop(&self, drain: std::time::Duration) {
        self.stopping.begin();
        if !drain.is_zero() {
            tracing::info!(
                seconds = drain.as_secs(),
                "stopping: /readyz answers 503; new requests are still taken while load balancers notice"
            );
            tokio::time::sleep(drain).await;
        }
        tracing::info!("stopping: no new connections; the requests in flight may finish");
        self.server.stop(true).await;
    }
}

impl Application {
    pub async fn build(settings: &Settings) -> anyhow::Result<Application> {
        let db = Db::connect(&settings.database_url).await?;
        db.migrate().await?;
        Application::build_with_db(settings, db, None).await
    }

    pub async fn build_with_db(
        settings: &Settings,
        db: Db,
        workers: Option<usize>,
    ) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(settings.bind_addr).map_err(|e| {
            anyhow::anyhow!("BIND_ADDR: cannot listen on {}: {e}", settings.bind_addr)
        })?;
        let addr = listener.local_addr()?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let storage = crate::storage::Storage::from_url(&settings.storage_url)?;
        let state = AppState {
            db,
            storage,
            trusted_proxies: std::sync::Arc::new(settings.trusted_proxies.clone()),
            // Password hashing takes at most half the cores, so a storm of sign-ins leaves the
            // rest to the pages (bench/signin_storm.sh); sign-ins wait their turn instead.
            hasher: Hasher::new(cores / 2),
            mail: std::sync::Arc::new(crate::mailer::Mailer::from_settings(settings)?),
            clock: Default::default(),
            referral_answer_days: settings.referral_answer_days,
        };
        let data = aw::Data::new(state.clone());
        let metrics = match settings.metrics_addr {
            Some(at) => Some(metrics_server(at, &data)?),
            None => None,
        };
        let stopping = Stopping::default();
        let stopping_data = aw::Data::new(stopping.clone());
        let api_document = aw::Data::new(api::openapi::ApiDocument(api::openapi::document_value(
            &crate::routes::api_who,
        )));
        let https = settings.public_url.starts_with("https://");
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(api_document.clone())
                .app_data(stopping_data.clone())
                .app_data(api::json_config())
                .app_data(api::path_config())
                .app_data(aw::PayloadConfig::new(256 * 1024))
                .app_data(aw::FormConfig::default().limit(256 * 1024))
                .wrap(from_fn(errors::error_pages))
                .wrap(from_fn(web::flash::forget_shown))
                .wrap(errors::security_headers(https))
                .wrap(Compress::default())
                .wrap(from_fn(count_queries))
                .wrap(from_fn(crate::http::observe::observe))
                .service(
                    aw::scope("/api/v1")
                        .configure(|c| crate::routes::register(c, crate::routes::API))
                        .configure(bench_api_routes),
                )
                .configure(routes)
                .default_service(aw::to(not_found))
        })
        // Signals are the binary's to handle (`cli`): it marks the instance as stopping first.
        .disable_signals()
        .shutdown_timeout(SHUTDOWN_SECONDS)
        .listen(listener)?;
        if let Some(n) = workers {
            server = server.workers(n);
        }
        Ok(Application {
            port: addr.port(),
            server: server.run(),
            state,
            stopping,
            metrics,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port `/metrics` is served on, when metrics are on.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    pub fn stopper(&self) -> Stopper {
        Stopper {
            stopping: self.stopping.clone(),
            server: self.server.handle(),
        }
    }

    /// Serves until stopped; the metrics server stops with it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let metrics = self.metrics.map(|(_, server)| {
            let handle = server.handle();
            tokio::spawn(server);
            handle
        });
        let served = self.server.await;
        if let Some(metrics) = metrics {
            metrics.stop(true).await;
        }
        served
    }
}

/// `/metrics` on its own address (never the public one), one worker: a scrape every few
/// seconds needs no more. Counting starts here.
fn metrics_server(
    at: std::net::SocketAddr,
    data: &aw::Data<AppState>,
) -> anyhow::Result<(u16, Server)> {
    let listener = TcpListener::bind(at)
        .map_err(|e| anyhow::anyhow!("METRICS_ADDR: cannot listen on {at}: {e}"))?;
    let port = listener.local_addr()?.port();
    let data = data.clone();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/metrics", aw::get().to(web::operations::metrics))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run();
    crate::telemetry::metrics::turn_on();
    Ok((port, server))
}

/// Reports the statements a request ran in `X-Query-Count` (with the `count-queries`
/// feature, which the tests turn on; without it the header is not sent).
async fn count_queries(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let (res, statements) = crate::db::query_count::scope(next.call(req)).await;
    let mut res = res?;
    if cfg!(feature = "count-queries") {
        res.headers_mut().insert(
            actix_web::http::header::HeaderName::from_static("x-query-count"),
            actix_web::http::header::HeaderValue::from(statements),
        );
    }
    Ok(res)
}

async fn not_found() -> Result<actix_web::HttpResponse, crate::error::AppError> {
    Err(crate::error::AppError::not_found())
}

/// The pages (see `routes::PAGES`), and the benchmark's reference page when compiled in.
fn routes(cfg: &mut aw::ServiceConfig) {
    crate::routes::register(cfg, crate::routes::PAGES);
    #[cfg(feature = "bench")]
    cfg.route("/bench/reference", aw::get().to(web::bench::reference));
}

/// With the `bench` feature, `PUT /api/v1/bench/discard`: an upload read and thrown away, for
/// `bench/upload_concurrency.sh` (under the API so it takes the same bearer tokens).
fn bench_api_routes(_cfg: &mut aw::ServiceConfig) {
    #[cfg(feature = "bench")]
    _cfg.route("/bench/discard", aw::put().to(web::bench::discard));
}
