use cosell::config::Settings;
use cosell::db::Db;
use cosell::domain::ids::{OrgId, UserId};
use cosell::services::accounts::{self, NewUserInput};
use cosell::startup::Application;
use cosell::state::AppState;
use reqwest::redirect::Policy;
use reqwest::{Client, Response};
use serde_json::{Value, json};

pub struct TestApp {
    pub base: String,
    /// Where `/metrics` is served, when the settings turned metrics on.
    pub metrics_base: Option<String>,
    pub state: AppState,
    pub database_url: String,
    pub settings: Settings,
    _dir: tempfile::TempDir,
}

/// Creates a fresh database: a new PostgreSQL database on TEST_DATABASE_URL's server, or
/// a SQLite file in a temporary folder.
pub async fn fresh_database(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(server) => {
            let name = format!("cosell_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Db::connect(&server)
                .await
                .expect("TEST_DATABASE_URL must be reachable");
            if let Db::Postgres(pool) = &admin {
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(pool)
                    .await
                    .expect("create test database");
            }
            admin.close().await;
            let mut url = url::Url::parse(&server).expect("TEST_DATABASE_URL is a URL");
            url.set_path(&name);
            url.to_string()
        }
        None => format!("sqlite://{}/cosell.db", dir.display()),
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A server whose settings `configure` changes first (a public https address, say).
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    // Thumbnails of PDFs are rendered by the real binary in a child process.
    cosell::thumbnail::set_renderer(env!("CARGO_BIN_EXE_cosell").into());
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = fresh_database(dir.path()).await;
    // TEST_STORAGE_URL (e.g. az://container against Azurite) puts each test under its own prefix.
    let storage_url = match std::env::var("TEST_STORAGE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(base) => format!(
            "{}/{}",
            base.trim_end_matches('/'),
            uuid::Uuid::new_v4().simple()
        ),
        None => format!("file://{}/documents", dir.path().display()),
    };
    let settings = Settings {
        database_url: database_url.clone(),
        storage_url,
        bind_addr: "127.0.0.1:0".parse().unwrap(),
        log: "warn".into(),
        // The tests stand in for a load balancer on loopback (see the forwarded-address test).
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        // Mails go to the log unless a test points an instance at its SMTP server.
        smtp_url: None,
        mail_from: "cosell <cosell@portal.test>".into(),
        public_url: "http://portal.test".into(),
        log_format: cosell::config::LogFormat::Text,
        metrics_addr: None,
        shutdown_drain: std::time::Duration::ZERO,
        referral_answer_days: 3,
    };
    let mut settings = settings;
    configure(&mut settings);
    let db = Db::connect(&database_url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let (base, state, metrics_base) = serve(&settings, db).await;
    TestApp {
        base,
        metrics_base,
        state,
        database_url,
        settings,
        _dir: dir,
    }
}

/// Runs an instance of the server on `db`; returns its address, state and metrics address.
async fn serve(settings: &Settings, db: Db) -> (String, AppState, Option<String>) {
    let app = Application::build_with_db(settings, db, Some(2))
        .await
        .expect("build");
    let base = format!("http://127.0.0.1:{}", app.port());
    let metrics = app
        .metrics_port()
        .map(|port| format!("http://127.0.0.1:{port}"));
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    (base, state, metrics)
}

pub const PASSWORD: &str = "a-long-test-password";

/// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// Signs in through the login form of the portal at `base`; the response to the form post.
pub async fn login_at(base: &str, client: &Client, email: &str, password: &str) -> Response {
    let csrf = csrf_at(client, &format!("{base}/login")).await;
    client
        .post(format!("{base}/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf", &csrf),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap()
}

/// Asks the portal at `base` for a password reset of `email`, through its form.
pub async fn forgot_password_at(base: &str, client: &Client, email: &str) -> Response {
    let csrf = csrf_at(client, &format!("{base}/password/forgot")).await;
    client
        .post(format!("{base}/password/forgot"))
        .form(&[("csrf", csrf.as_str()), ("email", email)])
        .send()
        .await
        .unwrap()
}

/// The CSRF token of the form on the page at `url`.
pub async fn csrf_at(client: &Client, url: &str) -> String {
    let page = client.get(url).send().await.unwrap().text().await.unwrap();
    hidden(&page, "csrf")
}

/// Waits until `check` holds (bounded: about 20 s; not a measure of time).
pub async fn eventually<F: AsyncFnMut() -> bool>(what: &str, mut check: F) {
    for _ in 0..1000 {
        if check().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("{what}: did not happen");
}

impl TestApp {
    /// Another instance of the server on the same database and document storage, as behind
    /// a load balancer; returns its address.
    pub async fn second_instance(&self) -> String {
        let db = Db::connect(&self.database_url).await.expect("connect");
        serve(&self.settings, db).await.0
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Creates a user directly (as the command line does) and returns its id.
    pub async fn user(&self, email: &str, roles: &[&str], org: Option<i64>) -> i64 {
        let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
        let input = NewUserInput {
            email,
            password: PASSWORD,
            roles: &roles,
            organization_id: org.map(OrgId),
        };
        accounts::create_user_unchecked(&self.state, &input, None)
            .await
            .expect("create user")
            .0
    }

    /// A user and an API token for it.
    pub async fn token_for(&self, email: &str, roles: &[&str], org: Option<i64>) -> String {
        let id = self.user(email, roles, org).await;
        accounts::create_token(&self.state, UserId(id))
            .await
            .expect("token")
            .1
    }

    pub async fn admin_token(&self) -> String {
        self.token_for("admin@program.example", &["program_admin"], None)
            .await
    }

    pub fn api(&self, token: &str) -> Api {
        self.api_at(&self.base, token)
    }

    /// The API of the instance at `base` (see [`TestApp::second_instance`]).
    pub fn api_at(&self, base: &str, token: &str) -> Api {
        Api {
            app_base: base.to_string(),
            token: token.to_string(),
            client: Client::new(),
        }
    }

    /// An organization created through the API by a program admin.
    pub async fn org(&self, admin: &str, name: &str, mpn: &str) -> i64 {
        let res = self
            .api(admin)
            .post(
                "/organizations",
                json!({"name": name, "mpn_id": mpn, "marketplace_account_active": true,
                   "seller_account_active": true, "partner_types": ["isv"]}),
            )
            .await;
        assert_eq!(res.status(), 201);
        res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
    pub fn browser(&self) -> Client {
        browser()
    }

    /// Signs in through the login form; returns the response to the form post.
    pub async fn login(&self, client: &Client, email: &str, password: &str) -> Response {
        login_at(&self.base, client, email, password).await
    }

    /// Posts a page's form (url-encoded) with `client`'s cookies.
    pub async fn post_form<T: serde::Serialize + ?Sized>(
        &self,
        client: &Client,
        path: &str,
        form: &T,
    ) -> Response {
        client.post(self.url(path)).form(form).send().await.unwrap()
    }

    /// A page's HTML as a reader of `lang` (Accept-Language) sees it.
    pub async fn html_in(&self, client: &Client, path: &str, lang: &str) -> String {
        client
            .get(self.url(path))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// A signed-in browser for a new user with these roles.
    pub async fn signed_in(&self, email: &str, roles: &[&str], org: Option<i64>) -> Client {
        self.user(email, roles, org).await;
        let client = self.browser();
        let res = self.login(&client, email, PASSWORD).await;
        assert_eq!(res.status(), 303, "sign-in of {email} should redirect");
        client
    }

    /// GETs a page and returns its HTML.
    pub async fn html(&self, client: &Client, path: &str) -> String {
        client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// GETs a page and returns the CSRF token from its forms.
    pub async fn csrf_of(&self, client: &Client, path: &str) -> String {
        let page = client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        hidden(&page, "csrf")
    }

    /// The language switch of a signed-in person (a form with the CSRF token): the pages'
    /// language and the stored one of their mails.
    pub async fn choose_lang(&self, client: &Client, code: &str, next: &str) -> Response {
        let csrf = self.csrf_of(client, "/account").await;
        self.post_form(
            client,
            &format!("/lang/{code}"),
            &[("csrf", csrf.as_str()), ("next", next)],
        )
        .await
    }

    /// Every mail of the outbox, newest first.
    pub async fn outbox(&self) -> Vec<cosell::db::notifications::MailRow> {
        cosell::db::notifications::outbox(&self.state.db, 1000)
            .await
            .unwrap()
    }

    /// Runs one statement the pages offer no way to (a date moved, a type changed).
    pub async fn exec(&self, statement: &str) {
        cosell::db_run!(&self.state.db, pool => sqlx::query(sqlx::AssertSqlSafe(statement.to_string()))
            .execute(pool)
            .await
            .map(|_| ()))
        .unwrap();
    }

    pub async fn audit_kinds(&self) -> Vec<String> {
        cosell::db::audit::list(
            &self.state.db,
            &cosell::db::audit::Filter::default(),
            1000,
            0,
        )
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect()
    }
}

/// The value of the first hidden input called `name` in a page.
pub fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no hidden {name} in page"))
        + marker.len();
    let end = page[start..].find('"').unwrap() + start;
    page[start..end].to_string()
}

pub struct Api {
    app_base: String,
    token: String,
    pub client: Client,
}

impl Api {
    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{}", self.app_base, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.client
            .post(self.url(path))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(&self, path: &str, body: Value) -> Response {
        self.client
            .patch(self.url(path))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put(&self, path: &str, body: Value) -> Response {
        self.client
            .put(self.url(path))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.client
            .delete(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    pub async fn put_file(&self, path: &str, bytes: Vec<u8>, file_name: &str) -> Response {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_string());
        let form = reqwest::multipart::Form::new().part("file", part);
        self.client
            .put(self.url(path))
            .bearer_auth(&self.token)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }
}

/// Reads an API error body and returns its code, checking the contract's shape.
pub async fn error_code(res: Response) -> String {
    let body: Value = res.json().await.expect("error bodies are JSON");
    assert!(
        body["error"]["message"].is_string(),
        "error has a message: {body}"
    );
    body["error"]["code"]
        .as_str()
        .expect("error has a code")
        .to_string()
}

/// A real PNG of the given size, made with the png crate.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().unwrap();
        let data: Vec<u8> = (0..width * height * 3).map(|i| (i % 251) as u8).collect();
        writer.write_image_data(&data).unwrap();
    }
    out
}

/// A PNG that is larger than 1 MiB but still narrow: incompressible noise.
pub fn big_png() -> Vec<u8> {
    let (w, h) = (300u32, 1300u32);
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_compression(png::Compression::Fast);
        let mut writer = enc.write_header().unwrap();
        let mut x: u32 = 2463534242;
        let data: Vec<u8> = (0..w * h * 3)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x & 0xff) as u8
            })
            .collect();
        writer.write_image_data(&data).unwrap();
    }
    out
}

/// A real SMTP server (aiosmtpd, tests/smtp/server.py) on a free port of loopback, which
/// keeps each message it accepts as JSON in its own folder; stopped when dropped.
pub struct SmtpServer {
    port: u16,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl SmtpServer {
    /// `refuse`: the first so many messages get a temporary failure (451).
    pub fn start(refuse: u32) -> SmtpServer {
        SmtpServer::launch(&["--refuse", &refuse.to_string()])
    }

    /// A server that takes mail only after AUTH as `user` with `password`.
    pub fn start_with_auth(user: &str, password: &str) -> SmtpServer {
        SmtpServer::launch(&["--auth", &format!("{user}:{password}")])
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    fn launch(args: &[&str]) -> SmtpServer {
        use std::io::BufRead;
        static PYTHON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let python = PYTHON.get_or_init(|| match std::env::var("TEST_SMTP_PYTHON") {
            Ok(p) if !p.is_empty() => p,
            _ => {
                let out = std::process::Command::new("bash")
                    .arg("tests/smtp/setup.sh")
                    .output()
                    .expect("tests/smtp/setup.sh makes a Python with aiosmtpd");
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                String::from_utf8(out.stdout).unwrap().trim().to_string()
            }
        });
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(python)
            .arg("tests/smtp/server.py")
            .arg("--dir")
            .arg(dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("the SMTP server starts");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .expect("the SMTP server prints its port");
        SmtpServer { port, dir, child }
    }

    /// An instance's state that sends through this server.
    pub fn state_for(&self, app: &TestApp) -> cosell::state::AppState {
        cosell::state::AppState {
            mail: std::sync::Arc::new(
                cosell::services::mail::Mailer::new(
                    Some(&format!("smtp://127.0.0.1:{}", self.port)),
                    "cosell <cosell@portal.test>",
                    "http://portal.test",
                )
                .unwrap(),
            ),
            ..app.state.clone()
        }
    }

    /// The messages accepted so far, oldest first.
    pub fn received(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort_by_key(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<u32>().ok())
        });
        files
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The link of the mail of `kind` to `to`, as it arrives: the mail is sent through a real
/// SMTP server (the token of its link is made as it is sent; the outbox keeps none).
pub async fn mailed_link(app: &TestApp, kind: &str, to: &str) -> String {
    mailed_links(app, kind, &[to]).await.remove(0)
}

/// The links of the mails of `kind` to each of `to`, sent together through a real SMTP server.
pub async fn mailed_links(app: &TestApp, kind: &str, to: &[&str]) -> Vec<String> {
    let smtp = SmtpServer::start(0);
    cosell::services::mail::deliver_due(&smtp.state_for(app))
        .await
        .unwrap();
    let got = smtp.received();
    to.iter()
        .map(|to| {
            let text = got
                .iter()
                .rev()
                .find(|m| m["envelope_to"] == serde_json::json!([to]))
                .and_then(|m| m["text"].as_str())
                .unwrap_or_else(|| panic!("no {kind} mail to {to} arrived: {got:#?}"));
            text.split("http://portal.test")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .unwrap_or_else(|| panic!("no link in {text}"))
                .to_string()
        })
        .collect()
}

/// The real binary serving (`cosell serve`) on a free port of loopback, its log (standard
/// error) kept in a file; killed when dropped. Its database is a fresh one (as
/// [`fresh_database`]) and its documents local files, unless `env` says otherwise.
pub struct Served {
    pub base: String,
    pub port: u16,
    pub database_url: String,
    env: Vec<(String, String)>,
    child: Option<std::process::Child>,
    log: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Served {
    pub async fn start(env: &[(&str, &str)]) -> Served {
        let dir = tempfile::tempdir().expect("temp dir");
        let given = |name: &str| {
            env.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        };
        let database_url = match given("DATABASE_URL") {
            Some(url) => url,
            None => fresh_database(dir.path()).await,
        };
        let mut all = vec![
            ("DATABASE_URL".to_string(), database_url.clone()),
            (
                "STORAGE_URL".into(),
                format!("file://{}/documents", dir.path().display()),
            ),
            ("BIND_ADDR".into(), "127.0.0.1:0".into()),
            ("PUBLIC_URL".into(), "http://portal.test".into()),
            ("RUST_LOG".into(), "info".into()),
            // Not the folder's cosell.toml, if one is there.
            (
                "COSELL_CONFIG".into(),
                dir.path().join("none.toml").display().to_string(),
            ),
        ];
        for (k, v) in env {
            all.retain(|(name, _)| name != k);
            all.push((k.to_string(), v.to_string()));
        }
        let log = dir.path().join("server.log");
        let mut served = Served {
            base: String::new(),
            port: 0,
            database_url,
            env: all,
            child: None,
            log,
            _dir: dir,
        };
        served.serve();
        served
    }

    /// Runs `cosell serve` again (after it stopped) on a new port, same database and files.
    pub fn serve(&mut self) {
        use std::io::BufRead;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cosell"))
            .arg("serve")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdout(std::process::Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("cosell serve starts");
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        // The rest of what it prints is read and dropped: a closed pipe would stop it.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}; log:\n{}", self.log()))
            .trim_end_matches('/')
            .to_string();
        self.port = base.rsplit(':').next().unwrap().parse().unwrap();
        self.base = base;
        self.child = Some(child);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Runs another command of the binary with the same settings.
    pub fn cosell(&self, args: &[&str], stdin: Option<&str>) -> std::process::Output {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cosell"))
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .env("RUST_LOG", "warn")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run cosell");
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "cosell {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// A user made on the command line, and an API token of theirs.
    pub fn user_with_token(&self, email: &str, roles: &[&str], org: Option<i64>) -> String {
        let mut args = vec!["user", "add", "--email", email, "--password-stdin"];
        for r in roles {
            args.extend(["--role", r]);
        }
        let org = org.map(|o| o.to_string());
        if let Some(o) = &org {
            args.extend(["--org", o]);
        }
        self.cosell(&args, Some(&format!("{PASSWORD}\n")));
        let out = self.cosell(&["token", "create", "--email", email], None);
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .last()
            .unwrap()
            .trim()
            .to_string()
    }

    pub fn api(&self, token: &str) -> Api {
        Api {
            client: Client::new(),
            app_base: self.base.clone(),
            token: token.to_string(),
        }
    }

    /// What the server has logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends the server a signal (`TERM`, `INT`).
    pub fn signal(&self, name: &str) {
        let pid = self.child.as_ref().expect("serving").id();
        let ok = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name} {pid}");
    }

    /// Waits for the server to end; its exit status.
    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.child.take().expect("serving").wait().unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
