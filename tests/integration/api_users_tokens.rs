use crate::helpers::*;
use cosell::domain::ids::UserId;
use serde_json::{Value, json};

pub async fn post_token(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn tokens_are_created_used_and_revoked() {
    let app = spawn_app().await;
    app.user("rev@program.example", &["reviewer"], None).await;

    let res = post_token(&app, "REV@program.example", PASSWORD).await;
    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.unwrap();
    let token = body["token"].as_str().unwrap().to_string();
    let id = body["id"].as_i64().unwrap();

    let me: Value = app.api(&token).get("/me").await.json().await.unwrap();
    assert_eq!(me["email"], "rev@program.example");
    assert_eq!(me["roles"], json!(["reviewer"]));

    // Only the hash is stored.
    let stored: Vec<(String,)> = cosell::db_run!(&app.state.db, pool => sqlx::query_as("SELECT token_hash FROM api_tokens").fetch_all(pool).await).unwrap();
    assert!(stored.iter().all(|(h,)| h != &token && h.len() == 64));

    let other = app
        .token_for("other@program.example", &["reviewer"], None)
        .await;
    assert_eq!(
        app.api(&other)
            .delete(&format!("/tokens/{id}"))
            .await
            .status(),
        404,
        "another user's token is not found"
    );

    assert_eq!(
        app.api(&token)
            .delete(&format!("/tokens/{id}"))
            .await
            .status(),
        204
    );
    assert_eq!(app.api(&token).get("/me").await.status(), 401);
}

#[tokio::test]
async fn wrong_passwords_and_unknown_emails_get_401_and_are_audited() {
    let app = spawn_app().await;
    app.user("rev@program.example", &["reviewer"], None).await;
    let res = post_token(&app, "rev@program.example", "not-the-password").await;
    assert_eq!(res.status(), 401);
    assert_eq!(error_code(res).await, "bad_credentials");
    let res = post_token(&app, "nobody@program.example", PASSWORD).await;
    assert_eq!(res.status(), 401);
    let kinds = app.audit_kinds().await;
    assert_eq!(kinds.iter().filter(|k| *k == "sign_in_failed").count(), 2);
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"email": "a@b.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_account() {
    let app = spawn_app().await;
    app.user("rev@program.example", &["reviewer"], None).await;
    for _ in 0..5 {
        assert_eq!(
            post_token(&app, "rev@program.example", "wrong-password")
                .await
                .status(),
            401
        );
    }
    let res = post_token(&app, "rev@program.example", PASSWORD).await;
    assert_eq!(
        res.status(),
        429,
        "even the right password waits once the account is throttled"
    );
    assert_eq!(error_code(res).await, "too_many_attempts");
    app.user("other@program.example", &["reviewer"], None).await;
    assert_eq!(
        post_token(&app, "other@program.example", PASSWORD)
            .await
            .status(),
        201,
        "other accounts are not affected"
    );
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_address() {
    let app = spawn_app().await;
    app.user("last@program.example", &["reviewer"], None).await;
    for i in 0..20 {
        let res = post_token(&app, &format!("guess{i}@program.example"), "wrong-password").await;
        assert_eq!(res.status(), 401);
    }
    assert_eq!(
        post_token(&app, "last@program.example", PASSWORD)
            .await
            .status(),
        429
    );
}

#[tokio::test]
async fn account_admins_manage_their_own_organization_users() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let other = app.org(&admin, "Fabrikam", "654321").await;

    // The program admin creates the first account admin.
    let res = app.api(&admin).post(&format!("/organizations/{org}/users"), json!({"email": "aa@contoso.example", "password": PASSWORD, "roles": ["account_admin"]})).await;
    assert_eq!(res.status(), 201);
    let aa_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let aa = cosell::services::accounts::create_token(&app.state, UserId(aa_id))
        .await
        .unwrap()
        .1;
    let api = app.api(&aa);

    let res = api.post(&format!("/organizations/{org}/users"), json!({"email": "dev@contoso.example", "password": PASSWORD, "roles": ["developer", "cosell_admin"]})).await;
    assert_eq!(res.status(), 201);
    let dev: Value = res.json().await.unwrap();
    assert_eq!(dev["roles"], json!(["developer", "cosell_admin"]));
    assert_eq!(dev["organization_id"], org);

    let res = api
        .post(
            &format!("/organizations/{org}/users"),
            json!({"email": "dev@contoso.example", "password": PASSWORD, "roles": ["developer"]}),
        )
        .await;
    assert_eq!(res.status(), 409, "one account per email");
    let res = api
        .post(
            &format!("/organizations/{org}/users"),
            json!({"email": "x@contoso.example", "password": PASSWORD, "roles": ["program_admin"]}),
        )
        .await;
    assert_eq!(res.status(), 400, "partners cannot hand out program roles");
    let res = api
        .post(
            &format!("/organizations/{org}/users"),
            json!({"email": "x@contoso.example", "password": "short", "roles": ["developer"]}),
        )
        .await;
    assert_eq!(res.status(), 400);
    let res = api
        .post(
            &format!("/organizations/{other}/users"),
            json!({"email": "x@fabrikam.example", "password": PASSWORD, "roles": ["developer"]}),
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = api
        .post(
            "/users",
            json!({"email": "x@program.example", "password": PASSWORD, "roles": ["reviewer"]}),
        )
        .await;
    assert_eq!(res.status(), 403);

    let dev_id = dev["id"].as_i64().unwrap();
    let res = api
        .put(
            &format!("/users/{dev_id}/roles"),
            json!({"roles": ["manager"]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<Value>().await.unwrap()["roles"],
        json!(["manager"])
    );
    let res = api
        .put(
            &format!("/users/{aa_id}/roles"),
            json!({"roles": ["developer"]}),
        )
        .await;
    assert_eq!(
        res.status(),
        400,
        "an account admin cannot lock themselves out"
    );
    assert!(app.audit_kinds().await.contains(&"role_change".to_string()));

    let dev_token = cosell::services::accounts::create_token(&app.state, UserId(dev_id))
        .await
        .unwrap()
        .1;
    let res = app
        .api(&dev_token)
        .post(
            &format!("/organizations/{org}/users"),
            json!({"email": "y@contoso.example", "password": PASSWORD, "roles": ["developer"]}),
        )
        .await;
    assert_eq!(res.status(), 403);

    let fab_aa = app
        .token_for("aa@fabrikam.example", &["account_admin"], Some(other))
        .await;
    let res = app
        .api(&fab_aa)
        .put(
            &format!("/users/{dev_id}/roles"),
            json!({"roles": ["developer"]}),
        )
        .await;
    assert_eq!(
        res.status(),
        404,
        "users of another organization are not found"
    );
    assert_eq!(
        app.api(&fab_aa)
            .delete(&format!("/users/{dev_id}"))
            .await
            .status(),
        404
    );
    assert_eq!(api.delete(&format!("/users/{dev_id}")).await.status(), 204);
    assert_eq!(
        app.api(&dev_token).get("/me").await.status(),
        401,
        "a removed user's tokens end"
    );
}

#[tokio::test]
async fn program_admins_create_program_side_users() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let api = app.api(&admin);
    let res = api.post("/users", json!({"email": "rev@program.example", "password": PASSWORD, "roles": ["reviewer", "seller"]})).await;
    assert_eq!(res.status(), 201);
    let user: Value = res.json().await.unwrap();
    assert_eq!(user["organization_id"], Value::Null);
    let res = api
        .post(
            "/users",
            json!({"email": "dev@program.example", "password": PASSWORD, "roles": ["developer"]}),
        )
        .await;
    assert_eq!(res.status(), 400);
    let res = api
        .post(
            "/users",
            json!({"email": "not-an-email", "password": PASSWORD, "roles": ["reviewer"]}),
        )
        .await;
    assert_eq!(res.status(), 400);
    let res = api.post("/users", json!({"email": "x@program.example", "password": PASSWORD, "roles": ["reviewer"], "admin": true})).await;
    assert_eq!(res.status(), 400);
    let list: Value = api.get("/users").await.json().await.unwrap();
    assert_eq!(list["total"], 2);
}

#[tokio::test]
async fn audit_log_is_scoped_and_append_only() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let mine = app.org(&admin, "Mine", "111111").await;
    let theirs = app.org(&admin, "Theirs", "222222").await;
    app.api(&admin)
        .patch(
            &format!("/organizations/{theirs}"),
            json!({"seller_account_active": false}),
        )
        .await;
    let aa = app
        .token_for("aa@mine.example", &["account_admin"], Some(mine))
        .await;

    let all: Value = app.api(&admin).get("/audit").await.json().await.unwrap();
    assert!(all["items"].as_array().unwrap().len() >= 3);
    let own: Value = app.api(&aa).get("/audit").await.json().await.unwrap();
    let items = own["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i["organization_id"] == mine));
    assert_eq!(
        app.api(&aa)
            .get(&format!("/audit?organization_id={theirs}"))
            .await
            .status(),
        404
    );
    let dev = app
        .token_for("dev@mine.example", &["developer"], Some(mine))
        .await;
    assert_eq!(app.api(&dev).get("/audit").await.status(), 403);

    let update = cosell::db_run!(&app.state.db, pool => sqlx::query("UPDATE audit_log SET detail = 'x'").execute(pool).await.map(|_| ()));
    assert!(
        update.is_err(),
        "the database refuses to change the audit log"
    );
    let delete = cosell::db_run!(&app.state.db, pool => sqlx::query("DELETE FROM audit_log").execute(pool).await.map(|_| ()));
    assert!(delete.is_err());
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_is_throttled_on_its_own() {
    let app = spawn_app().await;
    app.user("last@program.example", &["reviewer"], None).await;
    let attempt = |email: String, password: &'static str, from: &'static str| {
        reqwest::Client::new()
            .post(app.url("/api/v1/tokens"))
            .header("x-forwarded-for", format!("203.0.113.9, {from}"))
            .json(&json!({"email": email, "password": password}))
            .send()
    };
    for i in 0..20 {
        assert_eq!(
            attempt(
                format!("guess{i}@program.example"),
                "wrong-password",
                "198.51.100.1"
            )
            .await
            .unwrap()
            .status(),
            401
        );
    }
    assert_eq!(
        attempt("last@program.example".into(), PASSWORD, "198.51.100.1")
            .await
            .unwrap()
            .status(),
        429
    );
    assert_eq!(
        attempt("last@program.example".into(), PASSWORD, "198.51.100.2")
            .await
            .unwrap()
            .status(),
        201,
        "another client behind the same proxy is not locked out"
    );
}
