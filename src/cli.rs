//! The `cosell` command line (SPEC section 10).

use crate::config::Settings;
use crate::db::{Db, users};
use crate::domain::ids::OrgId;
use crate::services::accounts::{self, NewUserInput};
use crate::startup::Application;
use crate::state::AppState;
use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use std::io::BufRead;

#[derive(Parser)]
#[command(name = "cosell", version, about = "Partner portal for co-selling")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database if needed and serve on BIND_ADDR (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Fill an empty database with a realistic demo and print the sign-ins.
    Demo,
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Copy the database and the documents into a new or empty folder.
    Backup { dir: std::path::PathBuf },
    /// Delete stored files that no document row points at and that are older than the grace
    /// period (the server does this every hour with an hour's grace).
    Sweep {
        /// Only files older than this many seconds (uploads in flight are younger).
        #[arg(long, default_value_t = 3600)]
        older_than_seconds: i64,
    },
    /// Bring a backup back into an empty database and an empty document store.
    Restore { dir: std::path::PathBuf },
    /// Render page 1 of a PDF into a PNG file, in a process limited in memory and CPU time
    /// (the server runs this for thumbnails; not for people).
    #[command(hide = true)]
    RenderThumbnail {
        input: std::path::PathBuf,
        output: std::path::PathBuf,
    },
    /// Fill an empty database with synthetic solutions for bench/scale.sh (bench builds only).
    #[cfg(feature = "bench")]
    BenchFill {
        #[arg(long, default_value_t = 1000)]
        solutions: usize,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user; the password is read from the first line of standard input.
    Add {
        #[arg(long)]
        email: String,
        /// A role code; repeat for several (program side: program_admin, reviewer, seller).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// The organization id, for partner-side roles.
        #[arg(long)]
        org: Option<i64>,
        /// Read the password from standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Print a new API token for a user, alone on the last line.
    Create {
        #[arg(long)]
        email: String,
    },
}

pub async fn run() -> anyhow::Result<()> {
    crate::private_files::owner_only_from_now_on();
    let cli = Cli::parse();
    // The renderer's child process needs no settings, logs or database.
    if let Some(Command::RenderThumbnail { input, output }) = &cli.command {
        let rendered = crate::thumbnail::render_child_main(input, output);
        std::process::exit(if rendered { 0 } else { 1 });
    }
    let settings = Settings::load()?;
    crate::telemetry::init_logging(&settings.log, settings.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&settings).await,
        Command::Demo => {
            let state = offline_state(&settings).await?;
            crate::demo::run(&state).await
        }
        Command::Backup { dir } => {
            let db = connect(&settings).await?;
            let storage = crate::storage::Storage::from_url(&settings.storage_url)?;
            let m = crate::backup::backup(&db, &settings.database_url, &storage, &dir).await?;
            println!(
                "backed up the {} database and {} documents ({} bytes) into {}",
                m.backend,
                m.documents,
                m.document_bytes,
                dir.display()
            );
            Ok(())
        }
        Command::Sweep { older_than_seconds } => {
            let state = offline_state(&settings).await?;
            let deleted = crate::services::documents::sweep_orphans(
                &state,
                chrono::Duration::seconds(older_than_seconds),
            )
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
            println!("deleted {deleted} stored files without a document");
            Ok(())
        }
        #[cfg(feature = "bench")]
        Command::BenchFill { solutions } => {
            crate::bench_fill::run(&offline_state(&settings).await?, solutions).await
        }
        Command::RenderThumbnail { .. } => Ok(()),
        Command::Restore { dir } => {
            let storage = crate::storage::Storage::from_url(&settings.storage_url)?;
            let m = crate::backup::restore(&settings.database_url, &storage, &dir).await?;
            println!(
                "restored the backup of {} ({} documents) into {}",
                m.created_at.to_rfc3339(),
                m.documents,
                crate::config::redact_url(&settings.database_url)
            );
            Ok(())
        }
        Command::Migrate => {
            let db = connect(&settings).await?;
            println!(
                "migrations applied to {} ({})",
                crate::config::redact_url(&settings.database_url),
                db.backend()
            );
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    roles,
                    org,
                    password_stdin,
                },
        } => {
            if !password_stdin {
                bail!("--password-stdin is required: pass the password on standard input");
            }
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .context("reading the password from standard input")?;
            let password = password.trim_end_matches(['\r', '\n']);
            let state = offline_state(&settings).await?;
            let input = NewUserInput {
                email: &email,
                password,
                roles: &roles,
                organization_id: org.map(OrgId),
            };
            let id = accounts::create_user_unchecked(&state, &input, None)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
            println!(
                "created user {id} ({}) with roles {}",
                email.trim().to_lowercase(),
                roles.join(", ")
            );
            Ok(())
        }
        Command::Token {
            command: TokenCommand::Create { email },
        } => {
            let state = offline_state(&settings).await?;
            let user = users::find_by_email(&state.db, &email.trim().to_lowercase())
                .await?
                .with_context(|| format!("no user has the email {email}"))?;
            let (id, token) = accounts::create_token(&state, user.id)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
            println!(
                "token {id} for {}; keep it secret, it is shown once:",
                user.email
            );
            println!("{token}");
            Ok(())
        }
    }
}

async fn connect(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    Ok(db)
}

async fn offline_state(settings: &Settings) -> anyhow::Result<AppState> {
    Ok(AppState {
        db: connect(settings).await?,
        storage: crate::storage::Storage::from_url(&settings.storage_url)?,
        trusted_proxies: std::sync::Arc::new(settings.trusted_proxies.clone()),
        hasher: crate::auth::password::Hasher::new(1),
        mail: std::sync::Arc::new(crate::mailer::Mailer::from_settings(settings)?),
        clock: Default::default(),
        referral_answer_days: settings.referral_answer_days,
    })
}

async fn serve(settings: &Settings) -> anyhow::Result<()> {
    let app = Application::build(settings).await?;
    let addr = format!("{}:{}", settings.bind_addr.ip(), app.port());
    tracing::info!(
        "cosell listening on http://{addr} ({}, {})",
        app.state.db.backend(),
        settings.storage_url
    );
    println!("cosell is serving on http://{addr}/ (sign in at http://{addr}/login)");
    if settings.smtp_url.is_none() {
        tracing::warn!(
            "SMTP_URL is not set: mails, links included, are written to this log (for development only)"
        );
    }
    if let (Some(at), Some(port)) = (settings.metrics_addr, app.metrics_port()) {
        tracing::info!("metrics on http://{}:{port}/metrics", at.ip());
    }
    if users::count(&app.state.db).await? == 0 {
        println!("No users yet. Create the first program administrator with:");
        println!(
            "  echo 'choose-a-long-password' | cargo run --release -- user add --email you@example.com --role program_admin --password-stdin"
        );
    }
    // Housekeeping: objects left by an upload that crashed before its row was written.
    every(&app.state, 6 * 3600, |state| async move {
        if let Err(e) =
            crate::services::documents::sweep_orphans(&state, chrono::Duration::hours(1)).await
        {
            tracing::warn!(error = %e, "document sweep skipped");
        }
    });
    // The catalog's stored shown statuses, recomputed where they may have lapsed (a day or a
    // month has turned), so a query seldom finds many to recompute first.
    every(&app.state, 15 * 60, |state| async move {
        let today = chrono::Utc::now().date_naive();
        if let Err(e) = crate::services::catalog::refresh_shown(&state, today).await {
            tracing::warn!(error = %e, "catalog status refresh skipped");
        }
    });
    // The lapse forecast: once a day (and at start), each approved solution 30 days ahead;
    // a cause already warned about is not warned about again, by this or another instance.
    // The same daily turn prunes old mails, notifications and links.
    every(&app.state, 24 * 3600, |state| async move {
        let today = chrono::Utc::now().date_naive();
        if let Err(e) = crate::services::forecast::run_daily(&state, today).await {
            tracing::warn!(error = %e, "lapse forecast skipped");
        }
        // Sent mails, read notifications and closed links are kept 90 days.
        let before = chrono::Utc::now() - chrono::Duration::days(90);
        if let Err(e) = crate::db::notifications::prune(&state.db, before).await {
            tracing::warn!(error = %e, "notification housekeeping skipped");
        }
    });
    // Referrals: reminders a day before the time to answer ends, expiry after it, and the
    // customer's contact details blanked a year after closing; each act is guarded, so
    // several instances running this act once.
    every(&app.state, 3600, |state| async move {
        if let Err(e) = crate::services::referrals::run_jobs(&state, state.clock.now()).await {
            tracing::warn!(error = %e, "referral jobs skipped");
        }
    });
    // The outbox: mails written with their events, sent (or logged) every few seconds.
    let mail =
        crate::services::mail::spawn_sender(app.state.clone(), std::time::Duration::from_secs(5));
    let stopper = app.stopper();
    let drain = settings.shutdown_drain;
    actix_web::rt::spawn(async move {
        let signal = stop_signal().await;
        tracing::info!(signal, "stopping");
        // Ctrl-C is a person at a terminal: no load balancer to wait for.
        stopper
            .stop(if signal == "SIGTERM" {
                drain
            } else {
                Default::default()
            })
            .await;
    });
    app.run_until_stopped().await?;
    mail.stop().await;
    tracing::info!("stopped");
    Ok(())
}

/// Waits for SIGTERM (an orchestrator stopping the instance) or SIGINT (Ctrl-C); its name.
async fn stop_signal() -> &'static str {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => tokio::select! {
            _ = term.recv() => "SIGTERM",
            () = ctrl_c() => "SIGINT",
        },
        Err(e) => {
            tracing::warn!(error = %e, "SIGTERM cannot be caught; only Ctrl-C stops cleanly");
            ctrl_c().await;
            "SIGINT"
        }
    }
}

/// Ctrl-C; never, when it cannot be caught (a failure to listen is no reason to stop).
async fn ctrl_c() {
    if let Err(e) = tokio::signal::ctrl_c().await {
        tracing::warn!(error = %e, "Ctrl-C cannot be caught");
        std::future::pending::<()>().await;
    }
}

/// Runs `job` at start and then every `seconds`, one run at a time, and afterwards hands
/// back the memory the run freed (a batch over every solution would otherwise stay in the
/// allocator's arenas while the server idles).
fn every<F, Fut>(state: &AppState, seconds: u64, job: F)
where
    F: Fn(AppState) -> Fut + 'static,
    Fut: std::future::Future<Output = ()> + 'static,
{
    let state = state.clone();
    actix_web::rt::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(seconds));
        loop {
            tick.tick().await;
            job(state.clone()).await;
            crate::memory::release_freed();
        }
    });
}
