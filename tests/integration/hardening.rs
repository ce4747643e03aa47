//! What a black-box probe found and SPEC 7 and 8 now rule out, through the real server on
//! SQLite and PostgreSQL: redirects that leave the site, sign-in throttling that concurrency
//! slips past, control characters that reach the database, paging out of bounds.

use crate::api_status::co_sell_ready;
use crate::api_users_tokens::post_token;
use crate::helpers::*;
use futures_util::future::join_all;
use serde_json::{Value, json};

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn redirect_targets_with_control_characters_go_home() {
    let app = spawn_app().await;
    let b = app.browser();
    for next in [
        "/%09/evil.example",
        "/%0a/evil.example",
        "/account%0d%0aSet-Cookie:%20stolen=1",
        "//evil.example",
        "/%5Cevil.example",
        "https://evil.example",
    ] {
        let res = b
            .get(app.url(&format!("/lang/nl?next={next}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{next}");
        assert_eq!(location(&res), "/", "{next}");
        assert!(
            res.headers()
                .get_all("set-cookie")
                .iter()
                .all(|c| !c.to_str().unwrap_or("").contains("stolen")),
            "{next}"
        );
    }
    let res = b
        .get(app.url("/lang/en?next=/account"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/account", "a local path is kept");

    // At sign-in: the session cookie comes with the redirect home, never a 500.
    app.user("pat@contoso.example", &["reviewer"], None).await;
    for next in ["/\t/evil.example", "/account\r\nSet-Cookie: stolen=1"] {
        let b = app.browser();
        let page = app.html(&b, "/login").await;
        let res = b
            .post(app.url("/login"))
            .form(&[
                ("email", "pat@contoso.example"),
                ("password", PASSWORD),
                ("csrf", &hidden(&page, "csrf")),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{next:?}");
        assert_eq!(location(&res), "/", "{next:?}");
        assert!(
            res.headers()
                .get_all("set-cookie")
                .iter()
                .any(|c| c.to_str().unwrap().contains("session")),
            "signed in: {next:?}"
        );
    }
}

/// The status of a token request (the API's sign-in).
async fn sign_in(app: &TestApp, email: &str, password: &str) -> u16 {
    post_token(app, email, password).await.status().as_u16()
}

fn tally(statuses: &[u16]) -> (usize, usize, usize) {
    let count = |s| statuses.iter().filter(|x| **x == s).count();
    (count(201), count(401), count(429))
}

#[tokio::test]
async fn concurrent_wrong_passwords_are_throttled() {
    let app = spawn_app().await;
    app.user("target@contoso.example", &["reviewer"], None)
        .await;
    let statuses = join_all((0..40).map(|i| {
        sign_in(
            &app,
            "target@contoso.example",
            if i == 39 { PASSWORD } else { "wrong-password" },
        )
    }))
    .await;
    let (ok, wrong, throttled) = tally(&statuses);
    assert_eq!(ok + wrong + throttled, 40, "{statuses:?}");
    assert!(
        wrong <= 5 && throttled >= 34,
        "at most 5 passwords checked for one account: {statuses:?}"
    );
    // Throttled now, even with the right password.
    assert_eq!(sign_in(&app, "target@contoso.example", PASSWORD).await, 429);

    // Per address: 40 different accounts guessed at once from one address.
    let app = &app;
    let statuses = join_all((0..40).map(|i| async move {
        sign_in(app, &format!("guess{i}@contoso.example"), "wrong-password").await
    }))
    .await;
    let (_, wrong, throttled) = tally(&statuses);
    assert!(
        wrong <= 20 && wrong + throttled == 40,
        "at most 20 failures per address: {statuses:?}"
    );
}

#[tokio::test]
async fn concurrent_correct_sign_ins_are_not_throttled() {
    let app = spawn_app().await;
    app.user("busy@contoso.example", &["reviewer"], None).await;
    // Twenty at once for one account from one address, twice over: all of them get in, and
    // none of them is left counted against the next.
    for _ in 0..2 {
        let statuses =
            join_all((0..20).map(|_| sign_in(&app, "busy@contoso.example", PASSWORD))).await;
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    }
    // A few failures still count as before.
    for _ in 0..5 {
        assert_eq!(
            sign_in(&app, "busy@contoso.example", "wrong-password").await,
            401
        );
    }
    assert_eq!(sign_in(&app, "busy@contoso.example", PASSWORD).await, 429);
}

async fn refused_field(res: reqwest::Response) -> String {
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_field", "{body}");
    body["error"]["field"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn control_characters_are_refused_with_the_field_named() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let api = app.api(&r.cosell);
    let solution = format!("/solutions/{}", r.solution);

    // Before any sign-in.
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"email": "a\u{0}@contoso.example", "password": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused_field(res).await, "email");
    let b = app.browser();
    let page = app.html(&b, "/login").await;
    let res = b
        .post(app.url("/login"))
        .form(&[
            ("email", "a\u{0}@contoso.example"),
            ("password", "x"),
            ("csrf", &hidden(&page, "csrf")),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("email"));

    // JSON bodies, by member and by row.
    let before = api.get(&solution).await.json::<Value>().await.unwrap();
    let res = api
        .patch(&solution, json!({"pitch": "Retail analytics\u{0}"}))
        .await;
    assert_eq!(refused_field(res).await, "pitch");
    let res = api
        .patch(
            &solution,
            json!({"contacts": [{"name": "Ann\u{0}", "email": "ann@contoso.example",
                "role": "partner_sales", "geographies": ["OOO"]}]}),
        )
        .await;
    assert_eq!(refused_field(res).await, "name");
    let res = api
        .patch(&solution, json!({"geographies": ["N\u{1b}L"]}))
        .await;
    assert_eq!(refused_field(res).await, "geographies");
    let res = app
        .api(&r.admin)
        .post(
            "/organizations",
            json!({"name": "Fab\u{0}rikam", "marketplace_account_active": true,
                "seller_account_active": true, "partner_types": ["isv"]}),
        )
        .await;
    assert_eq!(refused_field(res).await, "name");
    let after = api.get(&solution).await.json::<Value>().await.unwrap();
    assert_eq!(before, after, "nothing changed");

    // Tab and newline are fine in a multi-line field, not in a one-line one.
    let res = api
        .patch(
            &solution,
            json!({"pitch": "Retail analytics.\r\n\tFor every store."}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = api
        .put(
            &format!("/organizations/{}/business-profile", r.org),
            json!({"company_name": "Contoso\tLtd",
                "description": "Contoso builds retail analytics for stores of every size, in the cloud.",
                "website": "https://contoso.example", "headquarters_country": "NL",
                "industries": ["retail"], "contact_email": "partners@contoso.example"}),
        )
        .await;
    // The business profile belongs to the account admin; a co-sell admin is refused first.
    assert!(
        matches!(res.status().as_u16(), 400 | 403),
        "{}",
        res.status()
    );

    // A CSV import names the line and the column.
    let res = reqwest::Client::new()
        .put(app.url(&format!("/api/v1{solution}/contacts.csv")))
        .bearer_auth(&r.cosell)
        .header("content-type", "text/csv")
        .body("name,email,job_title,role,geographies\nAnn\u{0},ann@contoso.example,,partner_sales,OOO\n")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_csv");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("line 2, name"),
        "{body}"
    );

    // Query strings: the audit filters.
    let res = app.api(&r.admin).get("/audit?user=a%00b").await;
    assert_eq!(refused_field(res).await, "user");

    // A page's form: refused before anything is stored.
    let partner = app
        .signed_in("pages@contoso.example", &["account_admin"], Some(r.org))
        .await;
    let profile = format!("/organizations/{}/profile", r.org);
    let csrf = app.csrf_of(&partner, &profile).await;
    let res = partner
        .post(app.url(&profile))
        .form(&[("csrf", csrf.as_str()), ("company_name", "Con\u{0}toso")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("company_name"));
}

#[tokio::test]
async fn paging_out_of_bounds_is_refused_naming_the_parameter() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let api = app.api(&admin);
    for (query, field) in [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=1000001", "page"),
        ("page=99999999999999999999", "page"),
        ("page=9223372036854775807", "page"),
        ("page=two", "page"),
        ("per_page=0", "per_page"),
        ("per_page=201", "per_page"),
        ("page=1&per_page=-5", "per_page"),
    ] {
        for list in ["/organizations", "/users", "/audit", "/offers"] {
            let res = api.get(&format!("{list}?{query}")).await;
            assert_eq!(res.status(), 400, "{list}?{query}");
            assert_eq!(refused_field(res).await, field, "{list}?{query}");
        }
    }
    // The last page there can be is simply empty.
    let res = api.get("/organizations?page=1000000&per_page=200").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["items"], json!([]));
    assert_eq!(body["page"], 1000000);

    // Pages too: the error page, 400, naming the parameter.
    let b = app
        .signed_in("pa@program.example", &["program_admin", "reviewer"], None)
        .await;
    for path in [
        "/organizations?page=0",
        "/audit?page=1000001",
        "/catalog?page=-1",
        "/organizations?page=99999999999999999999",
    ] {
        let res = b.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 400, "{path}");
        assert!(res.text().await.unwrap().contains("page"), "{path}");
    }
    let res = b.get(app.url("/audit?page=1000000")).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_apply_saves_and_uploads_in_turn() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let bases = [app.base.clone(), app.second_instance().await];
    let path = format!("/solutions/{}", r.solution);
    let start: Value = app.api(&r.cosell).get(&path).await.json().await.unwrap();

    // Saves without a version, spread over both instances: every one applies.
    let saves = (0..8).map(|i| {
        let api = app.api_at(&bases[i % 2], &r.cosell);
        let path = path.clone();
        async move {
            api.patch(&path, json!({"pitch": format!("Pitch number {i}.")}))
                .await
                .status()
                .as_u16()
        }
    });
    let statuses = join_all(saves).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let now: Value = app.api(&r.cosell).get(&path).await.json().await.unwrap();
    assert_eq!(now["version"], start["version"].as_i64().unwrap() + 8);

    // Uploads of one kind, spread over both: each becomes current in turn or is refused
    // with 409; never a 500, never two current files.
    let uploads = (0..6).map(|i| {
        let api = app.api_at(&bases[i % 2], &r.cosell);
        let path = format!("{path}/documents/pitch_deck");
        async move {
            api.put_file(&path, crate::fixtures::pdf(2), &format!("deck-{i}.pdf"))
                .await
                .status()
                .as_u16()
        }
    });
    let statuses = join_all(uploads).await;
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{statuses:?}"
    );
    let history: Value = app
        .api_at(&bases[1], &r.cosell)
        .get(&format!("{path}/documents/pitch_deck/versions"))
        .await
        .json()
        .await
        .unwrap();
    let items = history["items"].as_array().unwrap();
    assert_eq!(
        items.iter().filter(|d| d["current"] == true).count(),
        1,
        "{history}"
    );
    // The current file downloads from either instance.
    for base in &bases {
        let res = app
            .api_at(base, &r.cosell)
            .get(&format!("{path}/documents/pitch_deck"))
            .await;
        assert_eq!(res.status(), 200);
        assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));
    }

    // A session started on one instance is good on the other.
    let b = app
        .signed_in("both@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let res = b.get(format!("{}{path}", bases[1])).send().await.unwrap();
    assert_eq!(res.status(), 200);
}
