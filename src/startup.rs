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
            hasher: Hasher::new(cores),
        };
        let data = aw::Data::new(state.clone());
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(api::json_config())
                .app_data(api::path_config())
                .app_data(aw::PayloadConfig::new(256 * 1024))
                .app_data(aw::FormConfig::default().limit(256 * 1024))
                .wrap(from_fn(errors::error_pages))
                .wrap(from_fn(web::flash::forget_shown))
                .wrap(errors::security_headers())
                .wrap(Compress::default())
                .wrap(from_fn(count_queries))
                .service(aw::scope("/api/v1").configure(api::routes))
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

fn routes(cfg: &mut aw::ServiceConfig) {
    use web::{account, admin, assets, documents, offers, org, session, solutions};
    cfg.route("/", aw::get().to(session::root))
        .route("/healthz", aw::get().to(session::healthz))
        .route("/static/{hash}/{name}", aw::get().to(assets::serve))
        .route("/lang/{code}", aw::get().to(session::switch_lang))
        .route("/login", aw::get().to(session::login_form))
        .route("/login", aw::post().to(session::login))
        .route("/logout", aw::post().to(session::logout))
        .route("/home", aw::get().to(session::home))
        .route("/account", aw::get().to(account::show))
        .route("/account/password", aw::post().to(account::change_password))
        .route("/organization", aw::get().to(org::my_organization))
        .route("/organizations", aw::get().to(admin::list))
        .route("/organizations", aw::post().to(admin::create))
        .route("/organizations/{id}", aw::get().to(org::show))
        .route(
            "/organizations/{id}/facts",
            aw::post().to(org::update_facts),
        )
        .route(
            "/organizations/{id}/competencies",
            aw::post().to(org::update_competencies),
        )
        .route("/organizations/{id}/profile", aw::get().to(org::profile))
        .route(
            "/organizations/{id}/profile",
            aw::post().to(org::update_profile),
        )
        .route("/organizations/{id}/logo", aw::get().to(org::logo))
        .route("/organizations/{id}/logo", aw::post().to(org::upload_logo))
        .route("/organizations/{id}/users", aw::get().to(org::users))
        .route("/organizations/{id}/users", aw::post().to(org::add_user))
        .route("/users/{id}/roles", aw::post().to(org::set_roles))
        .route("/users/{id}/remove", aw::post().to(org::remove_user))
        .route("/program-users", aw::get().to(admin::program_users))
        .route("/program-users", aw::post().to(admin::add_program_user))
        .route("/audit", aw::get().to(web::audit::page))
        .route("/organizations/{id}/offers", aw::get().to(offers::list))
        .route("/organizations/{id}/offers", aw::post().to(offers::create))
        .route("/offers/{id}", aw::get().to(offers::show))
        .route("/offers/{id}", aw::post().to(offers::update))
        .route("/offers/{id}/publish", aw::post().to(offers::publish))
        .route("/offers/{id}/stop", aw::post().to(offers::stop))
        .route(
            "/offers/{id}/solution",
            aw::post().to(offers::start_solution),
        )
        .route("/solutions/{id}", aw::get().to(solutions::show))
        .route("/solutions/{id}", aw::post().to(solutions::save))
        .route(
            "/solutions/{id}/contacts.csv",
            aw::get().to(solutions::export_contacts),
        )
        .route(
            "/solutions/{id}/contacts/import",
            aw::post().to(solutions::import_contacts),
        )
        .route("/solutions/{id}/documents", aw::get().to(documents::page))
        .route(
            "/solutions/{id}/documents/{kind}",
            aw::post().to(documents::upload),
        )
        .route(
            "/solutions/{id}/documents/{kind}/download",
            aw::get().to(documents::download),
        )
        .route(
            "/solutions/{id}/documents/{kind}/thumbnail",
            aw::get().to(documents::thumbnail),
        )
        .route(
            "/solutions/{id}/documents/{kind}/versions/{version}/thumbnail",
            aw::get().to(documents::thumbnail_version),
        )
        .route(
            "/solutions/{id}/preview",
            aw::get().to(web::catalog::preview),
        )
        .route(
            "/solutions/{id}/documents/{kind}/versions/{version}/download",
            aw::get().to(documents::download_version),
        )
        .route("/templates/{name}", aw::get().to(documents::template))
        .route(
            "/solutions/{id}/technical-validation",
            aw::post().to(solutions::record_validation),
        )
        .route(
            "/organizations/{id}/dashboard",
            aw::get().to(web::dashboard::page),
        )
        .route(
            "/organizations/{id}/revenue",
            aw::get().to(web::revenue::page),
        )
        .route("/revenue/import", aw::get().to(web::revenue::import_form))
        .route("/revenue/import", aw::post().to(web::revenue::import))
        .route("/revenue/check", aw::post().to(web::revenue::check))
        .route(
            "/solutions/{id}/autosave",
            aw::post().to(solutions::autosave),
        )
        .route("/solutions/{id}/submit", aw::post().to(solutions::submit))
        .route(
            "/solutions/{id}/draft/discard",
            aw::post().to(solutions::discard_draft),
        )
        .route(
            "/solutions/{id}/withdraw",
            aw::post().to(solutions::withdraw),
        )
        .route("/review", aw::get().to(web::review::queue))
        .route("/review/{id}", aw::get().to(web::review::show))
        .route("/review/{id}/claim", aw::post().to(web::review::claim))
        .route("/review/{id}/decide", aw::post().to(web::review::decide))
        .route("/review/{id}/draft", aw::post().to(web::review::keep_draft))
        .route(
            "/review/{id}/documents/{doc}",
            aw::get().to(web::review::view_document),
        )
        .route(
            "/review/{id}/documents/{doc}/thumbnail",
            aw::get().to(web::review::document_thumbnail),
        )
        .route("/catalog", aw::get().to(web::catalog::list))
        // Before `/catalog/{id}`, which would take the name for an id.
        .route("/catalog/export.csv", aw::get().to(web::catalog::export))
        .route("/catalog/{id}", aw::get().to(web::catalog::entry))
        .route(
            "/catalog/{id}/documents/{kind}",
            aw::get().to(web::catalog::document),
        )
        .route(
            "/catalog/{id}/documents/{kind}/thumbnail",
            aw::get().to(web::catalog::document_thumbnail),
        )
        .route("/review/{id}/comments", aw::post().to(web::review::comment));
    #[cfg(feature = "bench")]
    cfg.route("/bench/reference", aw::get().to(web::bench::reference));
}
