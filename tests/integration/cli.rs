use crate::helpers::*;
use std::io::Write;
use std::process::{Command, Stdio};

fn cosell(database_url: &str, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cosell"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cosell");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn the_command_line_creates_the_first_admin_and_a_token() {
    let app = spawn_app().await;
    let out = cosell(&app.database_url, &["migrate"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = cosell(
        &app.database_url,
        &[
            "user",
            "add",
            "--email",
            "first@program.example",
            "--role",
            "program_admin",
            "--password-stdin",
        ],
        Some("first-admin-password\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = cosell(
        &app.database_url,
        &[
            "user",
            "add",
            "--email",
            "dev@program.example",
            "--role",
            "developer",
            "--password-stdin",
        ],
        Some("first-admin-password\n"),
    );
    assert!(!out.status.success(), "partner roles need an organization");
    assert!(String::from_utf8_lossy(&out.stderr).contains("roles"));

    let out = cosell(
        &app.database_url,
        &["token", "create", "--email", "first@program.example"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let token = stdout.lines().last().unwrap().trim();
    let me: serde_json::Value = app.api(token).get("/me").await.json().await.unwrap();
    assert_eq!(me["email"], "first@program.example");
    assert_eq!(me["roles"], serde_json::json!(["program_admin"]));

    let browser = app.browser();
    assert_eq!(
        app.login(&browser, "first@program.example", "first-admin-password")
            .await
            .status(),
        303
    );

    let out = cosell(
        &app.database_url,
        &["token", "create", "--email", "nobody@program.example"],
        None,
    );
    assert!(!out.status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_cosell"))
        .arg("migrate")
        .env("DATABASE_URL", "mysql://x")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("DATABASE_URL"),
        "a bad setting is named"
    );
}

#[tokio::test]
async fn demo_fills_an_empty_database_once() {
    let app = spawn_app().await;
    let storage = tempfile::tempdir().unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_cosell"))
            .arg("demo")
            .env("DATABASE_URL", &app.database_url)
            .env(
                "STORAGE_URL",
                format!("file://{}", storage.path().display()),
            )
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let out = run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("seller@demo.example") && stdout.contains("demo-password-1"),
        "it prints the sign-ins"
    );
    for role in ["account-admin", "developer", "manager", "cosell-admin"] {
        let email = format!("{role}@contoso.example");
        assert!(
            stdout.contains(&email),
            "one account per partner role: {email}"
        );
        let b = app.browser();
        assert_eq!(
            app.login(&b, &email, "demo-password-1").await.status(),
            303,
            "{email} signs in"
        );
    }
    let again = run();
    assert!(!again.status.success(), "only an empty database is filled");

    let seller = app.browser();
    assert_eq!(
        app.login(&seller, "seller@demo.example", "demo-password-1")
            .await
            .status(),
        303
    );
    let token = {
        let user = cosell::db::users::find_by_email(&app.state.db, "seller@demo.example")
            .await
            .unwrap()
            .unwrap();
        cosell::services::accounts::create_token(&app.state, user.id)
            .await
            .unwrap()
            .1
    };
    let catalog: serde_json::Value = app.api(&token).get("/catalog").await.json().await.unwrap();
    assert_eq!(
        catalog["items"][0]["shown_status"], "azure_ip_co_sell",
        "the demo shows every status, up to the incentive"
    );
    let reviewer = cosell::db::users::find_by_email(&app.state.db, "reviewer@demo.example")
        .await
        .unwrap()
        .unwrap();
    let rtoken = cosell::services::accounts::create_token(&app.state, reviewer.id)
        .await
        .unwrap()
        .1;
    let queue: serde_json::Value = app
        .api(&rtoken)
        .get("/review-queue")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue["items"].as_array().unwrap().len(), 2);
}
