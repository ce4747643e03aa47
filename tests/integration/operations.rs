//! SPEC 16, what operators need: a log line per request with its id, the id on every answer
//! and error page, `/readyz`, metrics on their own address, a clean stop on SIGTERM, and no
//! secret in any log line. The stop and the log are the real binary's.

use crate::fixtures;
use crate::helpers::*;
use serde_json::{Value, json};
use std::io::{Read, Write};

#[tokio::test]
async fn every_answer_carries_a_request_id_kept_when_valid_and_shown_on_error_pages() {
    let app = spawn_app().await;
    let client = reqwest::Client::new();
    let id_of = |res: &reqwest::Response| {
        res.headers()
            .get("x-request-id")
            .expect("every answer has an id")
            .to_str()
            .unwrap()
            .to_string()
    };
    let res = client
        .get(app.url("/healthz"))
        .header("x-request-id", "lb-7f3a.2_x")
        .send()
        .await
        .unwrap();
    assert_eq!(id_of(&res), "lb-7f3a.2_x", "a valid id is kept");
    for bad in ["", "has space", &"a".repeat(65), "<script>"] {
        let res = client
            .get(app.url("/healthz"))
            .header("x-request-id", bad)
            .send()
            .await
            .unwrap();
        let made = id_of(&res);
        assert_ne!(made, bad);
        assert_eq!(made.len(), 32, "a new id instead of {bad:?}");
    }
    // Two requests without one get different ids.
    let a = id_of(&client.get(app.url("/login")).send().await.unwrap());
    let b = id_of(&client.get(app.url("/login")).send().await.unwrap());
    assert_ne!(a, b);

    // The error page shows the id to quote, in the reader's language.
    for (lang, words) in [("en", "quote it"), ("nl", "noem deze")] {
        let res = client
            .get(app.url("/solutions/999999/nothing-here"))
            .header("accept-language", lang)
            .header("x-request-id", format!("quote-me-{lang}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let page = res.text().await.unwrap();
        assert!(
            page.contains(&format!("quote-me-{lang}")) && page.contains(words),
            "{page}"
        );
    }
    // The API's errors keep their JSON; the id is in the header.
    let res = client
        .get(app.url("/api/v1/solutions/1"))
        .header("x-request-id", "api-call-1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(id_of(&res), "api-call-1");
    assert_eq!(error_code(res).await, "unauthorized");
}

/// `/readyz`'s 503 and its text.
async fn not_ready(readyz: &str) -> String {
    let res = reqwest::get(readyz).await.unwrap();
    assert_eq!(res.status(), 503);
    res.text().await.unwrap()
}

#[tokio::test]
async fn readyz_is_ready_and_names_migrations_or_a_database_that_are_not() {
    let app = spawn_app().await;
    let res = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ready\n");

    // A migration of this build that failed (or is missing: a restore of an older database).
    let newest = "version = (SELECT MAX(version) FROM _sqlx_migrations)";
    app.exec(&format!(
        "UPDATE _sqlx_migrations SET success = FALSE WHERE {newest}"
    ))
    .await;
    let text = not_ready(&app.url("/readyz")).await;
    assert!(
        text.contains("migrations: 1 migration(s) of this build not applied"),
        "{text}"
    );
    app.exec(&format!(
        "UPDATE _sqlx_migrations SET success = TRUE WHERE {newest}"
    ))
    .await;
    assert_eq!(
        reqwest::get(app.url("/readyz")).await.unwrap().status(),
        200
    );
    // One the build does not know (a newer build migrated the database).
    app.exec(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         SELECT 99990101000000, 'from a newer build', success, checksum, execution_time \
         FROM _sqlx_migrations WHERE version = (SELECT MIN(version) FROM _sqlx_migrations)",
    )
    .await;
    let text = not_ready(&app.url("/readyz")).await;
    assert!(
        text.contains("migrations: 1 applied migration(s) unknown to this build"),
        "{text}"
    );

    // The database gone: every connection of the pool closed.
    app.state.db.close().await;
    let text = not_ready(&app.url("/readyz")).await;
    assert!(text.contains("database: "), "{text}");
    assert!(
        !text.contains("document store"),
        "the store is fine: {text}"
    );
}

#[tokio::test]
async fn readyz_names_a_document_store_that_does_not_answer() {
    // An S3 store behind a port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let served = Served::start(&[
        ("STORAGE_URL", "s3://nowhere/prefix"),
        ("AWS_ENDPOINT", &endpoint),
        ("AWS_ALLOW_HTTP", "true"),
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test-secret"),
        ("AWS_REGION", "us-east-1"),
    ])
    .await;
    let health = reqwest::get(served.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), 200, "alive, only not ready");
    let text = not_ready(&served.url("/readyz")).await;
    assert!(text.contains("document store: "), "{text}");
    assert!(!text.contains("database"), "{text}");
}

#[tokio::test]
async fn metrics_are_served_on_their_own_address_with_route_patterns() {
    let app = spawn_app_with(|s| s.metrics_addr = Some("127.0.0.1:0".parse().unwrap())).await;
    let metrics = app.metrics_base.clone().expect("metrics are on");
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let api = app.api(&admin);
    assert_eq!(api.get("/me").await.status(), 200);
    assert_eq!(
        api.get(&format!("/organizations/{org}")).await.status(),
        200
    );
    let browser = app.browser();
    let refused = app
        .login(&browser, "nobody@x.example", "wrong-password")
        .await;
    assert!(refused.status().is_client_error());
    // A mail waiting in the outbox: an invitation (this instance sends only when told to).
    let aa = app
        .signed_in("aa@contoso.example", &["account_admin"], Some(org))
        .await;
    let users = format!("/organizations/{org}/users");
    let csrf = app.csrf_of(&aa, &users).await;
    let res = app
        .post_form(
            &aa,
            &users,
            &[
                ("csrf", csrf.as_str()),
                ("email", "new@contoso.example"),
                ("roles", "developer"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);

    let text = reqwest::get(format!("{metrics}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for wanted in [
        "http_server_request_duration_seconds_bucket{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/api/v1/me\"",
        "http_route=\"/api/v1/organizations/{id}\"",
        "http_route=\"/login\"",
        "cosell_signin_failures_total{reason=\"credentials\"}",
        "db_client_connection_count{db_client_connection_state=\"idle\"}",
        "db_client_connection_max ",
        "cosell_outbox_backlog{channel=\"mail\"} 1",
        "cosell_outbox_oldest_age_seconds{channel=\"mail\"}",
        "cosell_thumbnails_pending ",
        "cosell_solutions{status=\"co_sell_ready\"}",
        "process_resident_memory_bytes ",
        "process_cpu_seconds_total ",
    ] {
        assert!(text.contains(wanted), "{wanted} missing:\n{text}");
    }
    assert!(
        !text.contains(&format!("/organizations/{org}\"")),
        "paths are never labels"
    );
    // Never on the public address.
    assert_eq!(
        reqwest::get(app.url("/metrics")).await.unwrap().status(),
        404
    );
}

/// A partner's solution on a served binary: the token of its co-sell admin and its id.
async fn served_solution(served: &Served) -> (String, i64) {
    let admin = served.user_with_token("admin@program.example", &["program_admin"], None);
    let org = served
        .api(&admin)
        .post(
            "/organizations",
            json!({"name": "Contoso", "mpn_id": "123456", "seller_account_active": true}),
        )
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let maker = served.user_with_token(
        "maker@contoso.example",
        &["developer", "cosell_admin"],
        Some(org),
    );
    let api = served.api(&maker);
    let offer: Value = api
        .post(
            "/offers",
            json!({"organization_id": org, "name": "Contoso Cloud", "offer_type": "saas", "stores": ["appsource"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let solution: Value = api
        .post("/solutions", json!({"offer_id": offer["id"]}))
        .await
        .json()
        .await
        .unwrap();
    (maker, solution["id"].as_i64().unwrap())
}

#[tokio::test]
async fn on_sigterm_an_upload_in_flight_is_stored_nothing_new_is_taken_and_leases_go_back() {
    // An SMTP server that takes connections and never answers: the mail being sent when the
    // signal comes is stuck, as on a slow relay.
    let black_hole = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let smtp = format!("smtp://{}", black_hole.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in black_hole.incoming() {
            held.push(conn);
        }
    });
    // A second of draining after the signal: long enough to be seen, short for a test.
    let mut served = Served::start(&[("SMTP_URL", &smtp), ("SHUTDOWN_DRAIN_SECONDS", "1")]).await;
    let (maker, id) = served_solution(&served).await;

    // A mail in the outbox: a reset asked for; the sender takes it and hangs on the relay.
    let res = forgot_password_at(&served.base, &browser(), "maker@contoso.example").await;
    assert_eq!(res.status(), 200);
    let db = cosell::db::Db::connect(&served.database_url).await.unwrap();
    let leased = async || -> Vec<(Option<chrono::DateTime<chrono::Utc>>, i32)> {
        match &db {
            cosell::db::Db::Sqlite(p) => {
                sqlx::query_as("SELECT locked_until, attempts FROM outbox")
                    .fetch_all(p)
                    .await
                    .unwrap()
            }
            cosell::db::Db::Postgres(p) => {
                sqlx::query_as("SELECT locked_until, attempts FROM outbox")
                    .fetch_all(p)
                    .await
                    .unwrap()
            }
        }
    };
    eventually("the sender takes the mail", async || {
        leased()
            .await
            .iter()
            .any(|(until, attempts)| until.is_some() && *attempts == 1)
    })
    .await;

    // A large deck on its way: half of it sent when the signal comes.
    let deck = fixtures::pptx_with_media(3, 6 * 1024 * 1024 + 4321);
    let boundary = "cosell-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"deck.pptx\"\r\n\
         Content-Type: application/vnd.openxmlformats-officedocument.presentationml.presentation\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&deck);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut upload = std::net::TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    write!(
        upload,
        "PUT /api/v1/solutions/{id}/documents/pitch_deck HTTP/1.1\r\nHost: portal.test\r\n\
         Authorization: Bearer {maker}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    let half = body.len() / 2;
    upload.write_all(&body[..half]).unwrap();
    // Each probe on a new connection, as a load balancer's.
    let probe = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let readyz = served.url("/readyz");
    assert_eq!(probe.get(&readyz).send().await.unwrap().status(), 200);

    served.signal("TERM");
    // Not ready from then on (while new requests are still taken for the drain)...
    let mut said = String::new();
    eventually("/readyz answers 503", async || {
        match probe.get(&readyz).send().await {
            Ok(res) if res.status() == 503 => {
                said = res.text().await.unwrap();
                true
            }
            _ => false,
        }
    })
    .await;
    assert!(said.contains("shutdown: "), "{said}");
    // ... then no new connection is taken.
    eventually("new connections are refused", async || {
        std::net::TcpStream::connect(("127.0.0.1", served.port)).is_err()
    })
    .await;

    // The rest of the deck arrives, and the upload is answered and stored.
    upload.write_all(&body[half..]).unwrap();
    let mut answer = String::new();
    upload.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let status = served.wait();
    assert_eq!(status.code(), Some(0), "log:\n{}", served.log());
    let log = served.log();
    assert!(log.contains("mails handed back"), "{log}");

    // The mail is due again for any sender, its try not counted.
    let rows = leased().await;
    assert_eq!(rows, vec![(None, 0)], "{log}");

    // Started again, the deck comes back byte for byte.
    served.serve();
    let res = served
        .api(&maker)
        .get(&format!("/solutions/{id}/documents/pitch_deck"))
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().as_ref() == deck.as_slice());
}

#[tokio::test]
async fn json_log_lines_carry_the_request_and_its_id_in_every_line() {
    let served = Served::start(&[("LOG_FORMAT", "json"), ("RUST_LOG", "debug")]).await;
    let (maker, _) = served_solution(&served).await;
    let res = served
        .api(&maker)
        .client
        .get(served.url("/api/v1/solutions"))
        .bearer_auth(&maker)
        .header("x-request-id", "trace-me-1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let mut lines = Vec::new();
    eventually("the request's line is written", async || {
        lines = served
            .log()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        lines.iter().any(|l| l["request_id"] == "trace-me-1")
    })
    .await;
    let line = lines
        .iter()
        .find(|l| l["request_id"] == "trace-me-1")
        .unwrap();
    assert_eq!(line["target"], "cosell::request");
    assert_eq!(line["level"], "INFO");
    assert_eq!(line["method"], "GET");
    assert_eq!(line["path"], "/api/v1/solutions");
    assert_eq!(line["route"], "/api/v1/solutions");
    assert_eq!(line["status"], 200);
    assert!(line["duration_ms"].as_f64().unwrap() >= 0.0);
    assert!(line["size"].as_u64().unwrap() > 100, "{line}");
    assert!(line["user_id"].as_i64().unwrap() > 0, "{line}");
    // The lines written while the request ran (sqlx's statements at debug) carry its id.
    let inside: Vec<&Value> = lines
        .iter()
        .filter(|l| {
            l["spans"]
                .as_array()
                .is_some_and(|s| s.iter().any(|s| s["request_id"] == "trace-me-1"))
        })
        .collect();
    assert!(!inside.is_empty(), "no line inside the request: {lines:#?}");
    // The service's span ends with the time spent in it.
    assert!(
        inside.iter().any(|l| l["message"] == "close"
            && l["time.busy"].is_string()
            && l["span"]["name"] == "solutions::list"),
        "no timing of the service: {inside:#?}"
    );
}

#[tokio::test]
async fn no_secret_reaches_the_log_even_at_trace() {
    let smtp_password = "smtp-Pa55word-Zq9";
    let smtp = SmtpServer::start_with_auth("cosell-mailer", smtp_password);
    let smtp_url = format!(
        "smtp://cosell-mailer:{smtp_password}@127.0.0.1:{}",
        smtp.port()
    );
    // On PostgreSQL, a password in the database URL (trust authentication takes any).
    let db_password = "pg-Pa55word-Xw4";
    let dir = tempfile::tempdir().unwrap();
    let mut database_url = fresh_database(dir.path()).await;
    if database_url.starts_with("postgres") {
        let mut url = url::Url::parse(&database_url).unwrap();
        url.set_password(Some(db_password)).unwrap();
        database_url = url.to_string();
    }
    let served = Served::start(&[
        ("RUST_LOG", "trace"),
        ("SMTP_URL", &smtp_url),
        ("DATABASE_URL", &database_url),
    ])
    .await;
    let admin_token = served.user_with_token("admin@program.example", &["program_admin"], None);
    let org = served
        .api(&admin_token)
        .post(
            "/organizations",
            json!({"name": "Contoso", "mpn_id": "123456"}),
        )
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    // A session: signed in through the form.
    let admin = browser();
    let res = login_at(&served.base, &admin, "admin@program.example", PASSWORD).await;
    assert_eq!(res.status(), 303);
    let session = res
        .cookies()
        .find(|c| c.name().contains("session"))
        .expect("a session cookie")
        .value()
        .to_string();
    // An invitation, and a reset asked for.
    let users = format!("/organizations/{org}/users");
    let csrf = csrf_at(&admin, &served.url(&users)).await;
    let res = admin
        .post(served.url(&users))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "invited@contoso.example"),
            ("roles", "developer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    forgot_password_at(&served.base, &browser(), "admin@program.example").await;
    let mut received = Vec::new();
    eventually(
        "both mails arrive through the signed-in relay",
        async || {
            received = smtp.received();
            received.len() == 2
        },
    )
    .await;
    let token_in = |m: &Value| -> String {
        let text = m["text"].as_str().unwrap();
        let link = text
            .split("http://portal.test")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        link.rsplit('/').next().unwrap().to_string()
    };
    let tokens: Vec<String> = received.iter().map(token_in).collect();
    // The links opened: their paths must be logged without the token.
    for m in &received {
        let link = m["text"]
            .as_str()
            .unwrap()
            .split("http://portal.test")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        let res = reqwest::get(served.url(&link)).await.unwrap();
        assert_eq!(res.status(), 200, "{link}");
    }
    // The API token used.
    assert_eq!(served.api(&admin_token).get("/me").await.status(), 200);

    let mut log = String::new();
    eventually("the links' requests are logged", async || {
        log = served.log();
        log.contains("/invitations/{token}") && log.contains("/password/reset/{token}")
    })
    .await;
    let plain_auth = base64_of(&format!("\0cosell-mailer\0{smtp_password}"));
    let mut secrets = vec![
        ("the SMTP password", smtp_password.to_string()),
        ("the SMTP sign-in as sent", plain_auth),
        ("the session id", session),
        ("the API token", admin_token.clone()),
        ("a user's password", PASSWORD.to_string()),
    ];
    if database_url.starts_with("postgres") {
        secrets.push(("the database password", db_password.to_string()));
    }
    for (n, token) in tokens.into_iter().enumerate() {
        secrets.push((
            if n == 0 {
                "the first link's token"
            } else {
                "the second link's token"
            },
            token,
        ));
    }
    for (what, secret) in &secrets {
        assert!(secret.len() >= 12, "{what} is a real secret");
        assert!(!log.contains(secret.as_str()), "{what} is in the log");
    }
    assert!(log.contains("TRACE"), "the log is at trace");
}

fn base64_of(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}
