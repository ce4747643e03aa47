use crate::helpers::*;
use cosell::domain::ids::UserId;
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION, SET_COOKIE};

#[tokio::test]
async fn root_sends_visitors_to_login_and_users_to_their_landing_page() {
    let app = spawn_app().await;
    let anon = app.browser();
    let res = anon.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/login");

    let admin = app
        .signed_in("admin@program.example", &["program_admin"], None)
        .await;
    let res = admin.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.headers()[LOCATION], "/organizations");
    let page = admin.get(app.url("/organizations")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("href=\"/program-users\""),
        "program admins get their navigation"
    );

    let seller = app
        .signed_in("seller@program.example", &["seller"], None)
        .await;
    assert_eq!(
        seller.get(app.url("/")).send().await.unwrap().headers()[LOCATION],
        "/catalog"
    );
    assert_eq!(
        seller
            .get(app.url("/catalog"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn protected_pages_redirect_to_login_and_come_back() {
    let app = spawn_app().await;
    let anon = app.browser();
    let res = anon.get(app.url("/account")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/login?next=%2Faccount");
}

#[tokio::test]
async fn the_session_cookie_is_host_prefixed_http_only_and_lax() {
    let app = spawn_app().await;
    app.user("rev@program.example", &["reviewer"], None).await;
    let client = app.browser();
    let res = app.login(&client, "rev@program.example", PASSWORD).await;
    assert_eq!(res.status(), 303);
    let cookie = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("__Host-cosell_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(!cookie.contains("Domain"), "{cookie}");
}

fn session_cookie(res: &reqwest::Response) -> String {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("__Host-cosell_session="))
        .expect("session cookie")
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    app.user("rev@program.example", &["reviewer"], None).await;
    let client = app.browser();
    let res = app.login(&client, "rev@program.example", PASSWORD).await;
    let stolen = session_cookie(&res);
    let csrf = app.csrf_of(&client, "/account").await;
    let res = client
        .post(app.url("/logout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/login");

    // Replaying the old cookie value no longer works: the row is gone.
    let raw = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = raw
        .get(app.url("/account"))
        .header(COOKIE, &stolen)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()[LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_and_tokens() {
    let app = spawn_app().await;
    let id = app.user("rev@program.example", &["reviewer"], None).await;
    let token = cosell::services::accounts::create_token(&app.state, UserId(id))
        .await
        .unwrap()
        .1;
    let first = app.browser();
    assert_eq!(
        app.login(&first, "rev@program.example", PASSWORD)
            .await
            .status(),
        303
    );
    let second = app.browser();
    assert_eq!(
        app.login(&second, "rev@program.example", PASSWORD)
            .await
            .status(),
        303
    );

    let csrf = app.csrf_of(&first, "/account").await;
    let res = first
        .post(app.url("/account/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", "wrong-one"),
            ("new_password", "another-long-password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("current_password-error"));

    let res = first
        .post(app.url("/account/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", "another-long-password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        first
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "this session goes on"
    );
    assert_eq!(
        second
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        303,
        "the other one ended"
    );
    assert_eq!(
        app.api(&token).get("/me").await.status(),
        401,
        "tokens are revoked"
    );
    let again = app.browser();
    assert_eq!(
        app.login(&again, "rev@program.example", "another-long-password")
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn forms_without_the_right_csrf_token_are_refused() {
    let app = spawn_app().await;
    let admin = app
        .signed_in("admin@program.example", &["program_admin"], None)
        .await;
    let res = admin
        .post(app.url("/organizations"))
        .form(&[("csrf", "forged"), ("name", "Evil Corp")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = admin
        .post(app.url("/organizations"))
        .form(&[("name", "Evil Corp")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = admin
        .post(app.url("/logout"))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        admin
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "still signed in"
    );

    // The sign-in form is protected too (double-submit cookie).
    app.user("rev@program.example", &["reviewer"], None).await;
    let fresh = app.browser();
    let res = fresh
        .post(app.url("/login"))
        .form(&[
            ("email", "rev@program.example"),
            ("password", PASSWORD),
            ("csrf", "forged"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(
        res.text().await.unwrap().contains("rev@program.example"),
        "the sign-in page keeps the typed address"
    );
    // So is the forgotten-password form: no reset is asked, the address stays on the page.
    let res = fresh
        .post(app.url("/password/forgot"))
        .form(&[("email", "rev@program.example"), ("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("rev@program.example"));
    assert!(
        app.outbox()
            .await
            .iter()
            .all(|m| m.recipient != "rev@program.example"),
        "no reset mail"
    );
    let kinds = app.audit_kinds().await;
    assert!(!kinds.contains(&"organization_created".to_string()));
}

#[tokio::test]
async fn sign_in_page_is_throttled_and_keeps_the_email() {
    let app = spawn_app().await;
    app.user("rev@program.example", &["reviewer"], None).await;
    let client = app.browser();
    for _ in 0..5 {
        let res = app
            .login(&client, "rev@program.example", "wrong-password")
            .await;
        assert_eq!(res.status(), 401);
        let html = res.text().await.unwrap();
        assert!(
            html.contains("value=\"rev@program.example\""),
            "the email stays in the form"
        );
        assert!(html.contains("role=\"alert\""));
    }
    let res = app.login(&client, "rev@program.example", PASSWORD).await;
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn pages_answer_in_english_or_dutch() {
    let app = spawn_app().await;
    let client = app.browser();
    let html = app.html(&client, "/login").await;
    assert!(html.contains("<html lang=\"en\">") && html.contains("Sign in"));

    let html = client
        .get(app.url("/login"))
        .header(ACCEPT_LANGUAGE, "nl-NL,nl;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<html lang=\"nl\">") && html.contains("Inloggen"),
        "Accept-Language picks Dutch"
    );

    let res = client
        .get(app.url("/lang/nl?next=/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/login");
    let html = app.html(&client, "/login").await;
    assert!(
        html.contains("<html lang=\"nl\">"),
        "the switch is remembered"
    );
    assert!(
        html.contains("href=\"/lang/en?next=%2Flogin\""),
        "every page has the switch"
    );

    let res = client
        .get(app.url("/lang/nl?next=//evil.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[LOCATION], "/", "no open redirect");
}

#[tokio::test]
async fn every_response_carries_security_headers() {
    let app = spawn_app().await;
    let client = app.browser();
    for path in [
        "/login",
        "/healthz",
        "/api/v1/openapi.json",
        "/no-such-page",
        "/api/v1/nope",
    ] {
        let res = client.get(app.url(path)).send().await.unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'")
                && csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
    }
    let res = client.get(app.url("/no-such-page")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(res.text().await.unwrap().contains("<h1>Not found</h1>"));
}

#[tokio::test]
async fn pages_check_roles_and_hide_other_organizations() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let mine = app.org(&admin, "Mine", "111111").await;
    let theirs = app.org(&admin, "Theirs", "222222").await;
    let dev = app
        .signed_in("dev@mine.example", &["developer"], Some(mine))
        .await;

    assert_eq!(
        dev.get(app.url("/")).send().await.unwrap().headers()[LOCATION],
        format!("/organizations/{mine}/dashboard").as_str()
    );
    assert_eq!(
        dev.get(app.url(&format!("/organizations/{mine}")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let res = dev
        .get(app.url(&format!("/organizations/{theirs}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(!res.text().await.unwrap().contains("Theirs"));
    assert_eq!(
        dev.get(app.url("/organizations"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        dev.get(app.url("/program-users"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        dev.get(app.url(&format!("/organizations/{mine}/users")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

#[tokio::test]
async fn healthz_answers_when_the_database_does() {
    let app = spawn_app().await;
    let res = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(res.status(), 200);
    app.state.db.close().await;
    let res = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(res.status(), 503);
}
