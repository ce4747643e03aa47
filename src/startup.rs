//! Builds the application: connects and migrates the database, binds the listener (port 0
//! picks a free one and [`Application::port`] tells which), and wires the routes.

use crate::api;
use crate::auth::password::Hasher;
use crate::config::Settings;
use crate::db::Db;
use crate::state::AppState;
use crate::web::{self, errors};
use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web as aw};
use std::net::TcpListener;

pub struct Application {
    port: u16,
    server: Server,
    pub state: AppState,
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
        };
        let data = aw::Data::new(state.clone());
        let api_document = aw::Data::new(api::openapi::ApiDocument(api::openapi::document_value(
            &crate::routes::api_who,
        )));
        let https = settings.public_url.starts_with("https://");
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(api_document.clone())
                .app_data(api::json_config())
                .app_data(api::path_config())
                .app_data(aw::PayloadConfig::new(256 * 1024))
                .app_data(aw::FormConfig::default().limit(256 * 1024))
                .wrap(from_fn(errors::error_pages))
                .wrap(from_fn(web::flash::forget_shown))
                .wrap(errors::security_headers(https))
                .wrap(Compress::default())
                .wrap(from_fn(count_queries))
                .service(
                    aw::scope("/api/v1")
                        .configure(|c| crate::routes::register(c, crate::routes::API))
                        .configure(bench_api_routes),
                )
                .configure(routes)
                .default_service(aw::to(not_found))
        })
        .listen(listener)?;
        if let Some(n) = workers {
            server = server.workers(n);
        }
        Ok(Application {
            port: addr.port(),
            server: server.run(),
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
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
