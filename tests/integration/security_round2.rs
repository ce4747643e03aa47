//! Issue 31, the second security probe: each finding held by a test through the real server,
//! on SQLite and on PostgreSQL (`.ci/run` runs the suite on both).

use crate::api_catalog::approve;
use crate::api_offers_solutions::{Partner, partner, solution};
use crate::api_status::co_sell_ready;
use crate::fixtures;
use crate::helpers::*;
use serde_json::{Value, json};

const MIB: usize = 1024 * 1024;

/// A partner (Contoso) with a solution, as the document tests start.
async fn partner_with_solution(app: &TestApp) -> (Partner, i64) {
    let admin = app.admin_token().await;
    let p = partner(app, &admin, "Contoso", "123456").await;
    let id = solution(app, &p).await;
    (p, id)
}

/// An invitation sent from the Users page of `org` by `inviter` (a signed-in browser).
async fn invite(
    app: &TestApp,
    inviter: &reqwest::Client,
    org: i64,
    email: &str,
) -> reqwest::Response {
    let users = format!("/organizations/{org}/users");
    let csrf = app.csrf_of(inviter, &users).await;
    app.post_form(
        inviter,
        &users,
        &[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("roles", "account_admin"),
        ],
    )
    .await
}

/// A mailed link that opens its page.
async fn assert_opens(app: &TestApp, link: &str) {
    let res = app.browser().get(app.url(link)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{link}");
}

/// A mailed link that no longer opens: its page and its form are not found.
async fn assert_closed(app: &TestApp, link: &str) {
    let b = app.browser();
    assert_eq!(b.get(app.url(link)).send().await.unwrap().status(), 404);
    let res = app
        .post_form(&b, link, &[("password", "a-long-chosen-password")])
        .await;
    assert_eq!(res.status(), 404, "{link} does nothing");
}

/// Documents stored for a solution (API view), and the rows and objects behind them.
async fn nothing_stored(app: &TestApp, api: &Api, id: i64) {
    let got: Value = api
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        got["documents"].as_array().unwrap().is_empty(),
        "nothing was stored: {got}"
    );
    let objects = app.state.storage.list("solutions").await.unwrap();
    assert!(objects.is_empty(), "no object is left behind: {objects:?}");
}

#[tokio::test]
async fn a_pdfs_pages_are_the_leaves_of_its_page_tree_not_what_it_declares() {
    let app = spawn_app().await;
    let (p, id) = partner_with_solution(&app).await;
    let api = app.api(&p.cosell);
    let path = format!("/solutions/{id}/documents/one_pager");

    let res = api
        .put_file(&path, fixtures::pdf_declaring(10, 1), "ten.pdf")
        .await;
    assert_eq!(res.status(), 422, "ten leaves declaring one page");
    let text = res.text().await.unwrap();
    assert!(text.contains("10 pages"), "{text}");

    let res = api
        .put_file(&path, fixtures::pdf_page_tree_cycle(), "cycle.pdf")
        .await;
    assert_eq!(res.status(), 415, "a page tree with a cycle does not parse");
    nothing_stored(&app, &api, id).await;

    // Declaring more than it has is no reason to refuse: two leaves are two pages.
    let res = api
        .put_file(&path, fixtures::pdf_declaring(2, 40), "two.pdf")
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["pages"], 2);
}

#[tokio::test]
async fn a_decks_slides_are_those_its_presentation_lists_and_it_has_one_at_least() {
    let app = spawn_app().await;
    let (p, id) = partner_with_solution(&app).await;
    let api = app.api(&p.cosell);
    let path = format!("/solutions/{id}/documents/pitch_deck");

    let res = api
        .put_file(&path, fixtures::pptx_listing(0, 3), "none.pptx")
        .await;
    assert_eq!(res.status(), 422, "no slide listed, three slide files");
    let text = res.text().await.unwrap();
    assert!(text.contains("no slides"), "{text}");
    nothing_stored(&app, &api, id).await;

    let res = api
        .put_file(&path, fixtures::pptx_listing(2, 3), "two.pptx")
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["slides"], 2);
}

#[tokio::test]
async fn a_zip_entry_is_judged_by_what_it_really_inflates_to_for_every_office_kind() {
    let app = spawn_app().await;
    let (p, id) = partner_with_solution(&app).await;
    let api = app.api(&p.cosell);
    // One entry declares 1,000 bytes and inflates to 300 MiB.
    let bomb = fixtures::zip_bomb_lying(300 * MIB);
    assert!(bomb.len() < 2 * MIB, "a small file: {}", bomb.len());
    for kind in [
        "pitch_deck",
        "case_study",
        "customer_win",
        "channel_pitch_deck",
        "other",
        "reference_architecture",
    ] {
        let res = api
            .put_file(
                &format!("/solutions/{id}/documents/{kind}"),
                bomb.clone(),
                "bomb.pptx",
            )
            .await;
        assert!(
            matches!(res.status().as_u16(), 415 | 422),
            "{kind}: {}",
            res.status()
        );
    }
    // Honest sizes over the limit: refused by what was inflated, naming the limit.
    let res = api
        .put_file(
            &format!("/solutions/{id}/documents/other"),
            fixtures::zip_bomb_size(),
            "big.pptx",
        )
        .await;
    assert_eq!(res.status(), 422);
    let text = res.text().await.unwrap();
    assert!(text.contains("209,715,200"), "{text}");
    nothing_stored(&app, &api, id).await;
}

/// A multipart body by hand: `parts` are (name, file name, bytes).
fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "cosell-test-boundary-7d93";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn a_multipart_request_is_capped_and_its_parts_are_counted() {
    let app = spawn_app().await;
    let (p, id) = partner_with_solution(&app).await;
    let api = app.api(&p.cosell);
    let put = async |content_type: String, body: Vec<u8>| {
        let res = reqwest::Client::new()
            .put(app.url(&format!("/api/v1/solutions/{id}/documents/one_pager")))
            .bearer_auth(&p.cosell)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (
            status,
            if status == 200 {
                String::new()
            } else {
                error_code(res).await
            },
        )
    };
    let pdf = fixtures::pdf(1);

    // A large field that is not the file, then the file: refused once the field passes the
    // allowance, the file never read.
    let junk = vec![b'x'; 4 * MIB];
    let (ct, body) = multipart(&[("note", None, &junk), ("file", Some("a.pdf"), &pdf)]);
    assert_eq!(put(ct, body).await, (413, "too_large".to_string()));

    // A hundred thousand empty parts before the file.
    let many: Vec<(&str, Option<&str>, &[u8])> = (0..100_000)
        .map(|_| ("x", None, &b""[..]))
        .chain([("file", Some("a.pdf"), &pdf[..])])
        .collect();
    let (ct, body) = multipart(&many);
    assert_eq!(put(ct, body).await, (413, "too_large".to_string()));

    // A second file part counts against the allowance too.
    let (ct, body) = multipart(&[
        ("file", Some("a.pdf"), &pdf),
        ("file", Some("b.pdf"), &junk),
    ]);
    assert_eq!(put(ct, body).await, (413, "too_large".to_string()));
    nothing_stored(&app, &api, id).await;

    // The file with a few small parts beside it still goes in.
    let (ct, body) = multipart(&[("note", None, b"hello"), ("file", Some("a.pdf"), &pdf)]);
    assert_eq!(put(ct, body).await.0, 200);
}

#[tokio::test]
async fn contacts_exports_cannot_carry_a_formula_and_import_back_unchanged() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let api = app.api(&r.cosell);
    let path = format!("/solutions/{}", r.solution);
    let before: Value = api.get(&path).await.json().await.unwrap();
    let mut contacts = before["contacts"].as_array().unwrap().clone();
    contacts[0]["name"] = json!("=HYPERLINK(\"http://evil.example\",\"Open\")");
    contacts[0]["job_title"] = json!("+31 20 000 0000");
    let res = api.patch(&path, json!({ "contacts": contacts })).await;
    assert_eq!(res.status(), 200);
    let saved: Value = api.get(&path).await.json().await.unwrap();

    let csv = api
        .get(&format!("{path}/contacts.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Open\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("'+31 20 000 0000"), "{csv}");
    assert!(!csv.lines().any(|l| l.starts_with('=')), "{csv}");

    // The page's export is the same file.
    let partner = app
        .signed_in("editor@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let page_csv = partner
        .get(app.url(&format!("{path}/contacts.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page_csv.contains("'=HYPERLINK"), "{page_csv}");

    // Imported back, the contacts are what they were, quote and all taken off.
    let res = reqwest::Client::new()
        .put(app.url(&format!("/api/v1{path}/contacts.csv")))
        .bearer_auth(&r.cosell)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let after: Value = api.get(&path).await.json().await.unwrap();
    assert_eq!(after["contacts"], saved["contacts"]);
}

#[tokio::test]
async fn an_https_portal_sends_strict_transport_security_and_a_plain_one_does_not() {
    let secure = spawn_app_with(|s| s.public_url = "https://portal.example".into()).await;
    for path in [
        "/login",
        "/healthz",
        "/api/v1/openapi.json",
        "/no-such-page",
    ] {
        let res = secure.browser().get(secure.url(path)).send().await.unwrap();
        let hsts = res.headers().get("strict-transport-security");
        assert_eq!(
            hsts.and_then(|h| h.to_str().ok()),
            Some("max-age=31536000; includeSubDomains"),
            "{path}"
        );
    }
    let plain = spawn_app().await;
    let res = plain
        .browser()
        .get(plain.url("/login"))
        .send()
        .await
        .unwrap();
    assert!(!res.headers().contains_key("strict-transport-security"));
}

#[tokio::test]
async fn documents_and_thumbnails_shown_inline_cannot_be_framed() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let reviewer = app
        .signed_in("rev@program.example", &["reviewer"], None)
        .await;
    let partner = app
        .signed_in("editor@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let (doc,): (i64,) = cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT id FROM documents WHERE kind = 'one_pager'")
        .fetch_one(pool)
        .await)
    .unwrap();
    let sid = r.solution;
    for (client, path) in [
        (
            &partner,
            format!("/solutions/{sid}/documents/one_pager/thumbnail"),
        ),
        (&reviewer, format!("/review/{sid}/documents/{doc}")),
        (
            &reviewer,
            format!("/review/{sid}/documents/{doc}/thumbnail"),
        ),
    ] {
        let res = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let csp = res.headers()["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("sandbox"),
            "{path}: {csp}"
        );
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    }
}

/// The peak resident memory of this process (the server runs in it), in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap()
}

#[tokio::test]
async fn hostile_pdfs_get_the_placeholder_and_the_server_lives_with_bounded_memory() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let partner = app
        .signed_in("editor@contoso.example", &["cosell_admin"], Some(p.org))
        .await;
    let hostile = [
        ("nested forms", fixtures::pdf_nested_forms()),
        ("a content stream bomb", fixtures::pdf_content_bomb()),
        ("a 20000x20000 image", fixtures::pdf_huge_image()),
    ];
    let id = solution(&app, &p).await;
    let before = peak_rss_kib();
    for (what, bytes) in hostile {
        assert!(bytes.len() < 8 * MIB, "{what}: {} bytes", bytes.len());
        let res = app
            .api(&p.cosell)
            .put_file(
                &format!("/solutions/{id}/documents/one_pager"),
                bytes,
                "hostile.pdf",
            )
            .await;
        assert_eq!(res.status(), 200, "{what} is a readable one-page PDF");
        // The thumbnail is made in the background: asked until it is no longer pending.
        let path = format!("/solutions/{id}/documents/one_pager/thumbnail");
        let mut settled = None;
        for _ in 0..3000 {
            let res = partner.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{what}: always an image");
            let content_type = res.headers()["content-type"].to_str().unwrap().to_string();
            let cache = res.headers()["cache-control"].to_str().unwrap().to_string();
            if cache != "no-store" {
                settled = Some(content_type);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert_eq!(
            settled.as_deref(),
            Some("image/svg+xml"),
            "{what}: the placeholder, for good"
        );
        assert_eq!(
            partner
                .get(app.url("/healthz"))
                .send()
                .await
                .unwrap()
                .status(),
            200,
            "{what}: the server lives"
        );
    }
    let grown = peak_rss_kib().saturating_sub(before);
    assert!(
        grown < 256 * 1024,
        "the server's peak memory grew by {grown} KiB rendering hostile PDFs"
    );
}

#[tokio::test]
async fn dates_outside_1900_to_9999_are_refused_and_never_break_an_organization() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let org = r.org;
    let api = app.api(&r.admin);
    for date in ["0000-01-01", "1899-12-31"] {
        let res = api
            .put(
                &format!("/organizations/{org}/competencies"),
                json!([{"area": "cloud_platform", "expires_on": date}]),
            )
            .await;
        assert_eq!(res.status(), 400, "{date}");
        let body: Value = res.json().await.unwrap();
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("expires_on"),
            "{body}"
        );
        let res = api
            .patch(
                &format!("/organizations/{org}"),
                json!({"isv_connect_enrolled_on": date}),
            )
            .await;
        assert_eq!(res.status(), 400, "{date}");
    }
    let res = api
        .put(
            &format!("/organizations/{org}/competencies"),
            json!([{"area": "cloud_platform", "expires_on": "9999-12-31"}]),
        )
        .await;
    assert_eq!(res.status(), 200, "the last year allowed");
    assert_eq!(
        api.get(&format!("/organizations/{org}")).await.status(),
        200
    );

    // A date stored before the rule (written straight into the database, as an older version
    // took it) reads back without failing any page or call about the organization.
    let year_zero = match app.state.db {
        cosell::db::Db::Postgres(_) => "DATE '0001-01-01 BC'",
        cosell::db::Db::Sqlite(_) => "'0000-01-01'",
    };
    app.exec(&format!(
        "INSERT INTO competencies (organization_id, area, expires_on) VALUES ({}, 'devops', {year_zero})",
        r.org
    ))
    .await;
    let aa = app
        .signed_in("aa2@contoso.example", &["account_admin"], Some(r.org))
        .await;
    for path in [
        format!("/organizations/{}", r.org),
        format!("/solutions/{}", r.solution),
    ] {
        let res = aa.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
    }
    let status = app
        .api(&r.cosell)
        .get(&format!("/solutions/{}/status", r.solution))
        .await;
    assert_eq!(status.status(), 200);
    let res = app
        .api(&r.cosell)
        .get(&format!(
            "/solutions/{}/status?as_of=0001-01-01",
            r.solution
        ))
        .await;
    assert_eq!(res.status(), 400, "a what-if date before 1900");
}

#[tokio::test]
async fn program_staff_read_only_the_logos_of_organizations_in_the_catalog() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let seller = app
        .token_for("seller@program.example", &["seller"], None)
        .await;
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    let logo = format!("/organizations/{}/logo", r.org);
    let missing = "/organizations/99999/logo";
    for token in [&seller, &reviewer, &r.admin] {
        let api = app.api(token);
        let (a, b) = (api.get(&logo).await, api.get(missing).await);
        assert_eq!((a.status().as_u16(), b.status().as_u16()), (404, 404));
        assert_eq!(
            a.text().await.unwrap(),
            b.text().await.unwrap(),
            "the same answer whether the organization exists or not"
        );
    }
    // Its own people read it at any time.
    let aa = app.api(
        &app.token_for("aa2@contoso.example", &["account_admin"], Some(r.org))
            .await,
    );
    assert_eq!(aa.get(&logo).await.status(), 200);

    approve(&app, &r.cosell, &reviewer, r.solution).await;
    for token in [&seller, &reviewer, &r.admin] {
        assert_eq!(app.api(token).get(&logo).await.status(), 200);
    }
}

#[tokio::test]
async fn an_invitation_ends_with_its_inviters_right_and_never_tells_of_other_accounts() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let other = app.org(&admin, "Fabrikam", "654321").await;
    app.user("taken@fabrikam.example", &["developer"], Some(other))
        .await;
    let inviter_id = app
        .user("inviter@contoso.example", &["account_admin"], Some(org))
        .await;
    let inviter = app.browser();
    app.login(&inviter, "inviter@contoso.example", PASSWORD)
        .await;
    let users = format!("/organizations/{org}/users");

    // An address with an account in another organization is answered as a new one.
    let fresh = invite(&app, &inviter, org, "fresh@contoso.example").await;
    let taken = invite(&app, &inviter, org, "taken@fabrikam.example").await;
    assert_eq!(
        (fresh.status(), taken.status()),
        (303.try_into().unwrap(), 303.try_into().unwrap())
    );
    let page = app.html(&inviter, &users).await;
    assert!(
        page.contains("taken@fabrikam.example"),
        "listed like any: {page}"
    );
    // One in the inviter's own organization is named.
    let own = invite(&app, &inviter, org, "inviter@contoso.example").await;
    assert_eq!(own.status(), 422);

    let link = mailed_link(&app, "invitation", "fresh@contoso.example").await;
    assert_opens(&app, &link).await;

    // The inviter loses the right to invite: the invitation ends with it.
    let res = app
        .api(&admin)
        .put(
            &format!("/users/{inviter_id}/roles"),
            json!({"roles": ["developer"]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_closed(&app, &link).await;
    let (made,): (i64,) = cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT COUNT(*) FROM users WHERE email = 'fresh@contoso.example'")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(made, 0);
}

#[tokio::test]
async fn an_invitation_ends_with_its_inviters_account_and_the_database_holds_no_usable_link() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let inviter_id = app
        .user("leaving@contoso.example", &["account_admin"], Some(org))
        .await;
    let inviter = app.browser();
    app.login(&inviter, "leaving@contoso.example", PASSWORD)
        .await;
    let res = invite(&app, &inviter, org, "new@contoso.example").await;
    assert_eq!(res.status(), 303);

    // Nothing the database keeps opens the invitation: not the outbox, not the invitation.
    let kept: Vec<(Option<String>, String)> =
        cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT o.link_hash, i.token_hash FROM outbox o, invitations i WHERE o.kind = 'invitation'")
        .fetch_all(pool)
        .await)
        .unwrap();
    assert_eq!(kept.len(), 1);
    let (link_hash, token_hash) = kept[0].clone();
    for value in [link_hash.unwrap(), token_hash] {
        let res = app
            .browser()
            .get(app.url(&format!("/invitations/{value}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{value} is no link");
    }
    let link = mailed_link(&app, "invitation", "new@contoso.example").await;
    assert_opens(&app, &link).await;

    // The inviter's account is removed: the invitation ends with it.
    let res = app
        .api(&admin)
        .delete(&format!("/users/{inviter_id}"))
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_closed(&app, &link).await;
    let page = app
        .html(
            &app.signed_in("aa@contoso.example", &["account_admin"], Some(org))
                .await,
            &format!("/organizations/{org}/users"),
        )
        .await;
    assert!(
        !page.contains("new@contoso.example"),
        "no longer pending: {page}"
    );
}

#[tokio::test]
async fn changing_the_password_ends_every_open_reset_link() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let person = app
        .signed_in("forgetful@contoso.example", &["developer"], Some(org))
        .await;
    let ask = app.browser();
    let csrf = hidden(&app.html(&ask, "/password/forgot").await, "csrf");
    app.post_form(
        &ask,
        "/password/forgot",
        &[
            ("csrf", csrf.as_str()),
            ("email", "forgetful@contoso.example"),
        ],
    )
    .await;
    for _ in 0..500 {
        if app
            .outbox()
            .await
            .iter()
            .any(|m| m.kind == "password_reset")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let link = mailed_link(&app, "password_reset", "forgetful@contoso.example").await;
    assert_opens(&app, &link).await;

    let csrf = app.csrf_of(&person, "/account").await;
    let res = app
        .post_form(
            &person,
            "/account/password",
            &[
                ("csrf", csrf.as_str()),
                ("current_password", PASSWORD),
                ("new_password", "another-long-password"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_closed(&app, &link).await;
    assert_eq!(
        app.login(
            &app.browser(),
            "forgetful@contoso.example",
            "another-long-password"
        )
        .await
        .status(),
        303
    );
}

async fn stored_language(app: &TestApp, email: &str) -> String {
    let (lang,): (String,) = cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT language FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(pool)
        .await)
    .unwrap();
    lang
}

#[tokio::test]
async fn only_the_switchs_form_changes_the_stored_language_a_link_changes_the_page_only() {
    let app = spawn_app().await;
    let b = app
        .signed_in("rev@program.example", &["reviewer"], None)
        .await;
    // A link (another site can make the browser follow it) sets the pages' cookie only.
    let res = b
        .get(app.url("/lang/nl?next=/review"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(res.headers()["set-cookie"].to_str().unwrap().contains("nl"));
    assert_eq!(stored_language(&app, "rev@program.example").await, "en");
    // A forged form is refused and changes nothing.
    let res = app
        .post_form(&b, "/lang/nl", &[("csrf", "forged"), ("next", "/review")])
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(stored_language(&app, "rev@program.example").await, "en");
    // The switch on the page is a form with the token.
    let page = app.html(&b, "/review").await;
    assert!(page.contains("action=\"/lang/en\""), "{page}");
    let res = app.choose_lang(&b, "nl", "/review").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/review");
    assert_eq!(stored_language(&app, "rev@program.example").await, "nl");
    // Signed out, the switch stays a link.
    let page = app.html(&app.browser(), "/login").await;
    assert!(page.contains("href=\"/lang/nl?next=%2Flogin\""), "{page}");
}

#[tokio::test]
async fn the_catalog_api_takes_per_page_like_every_list() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    approve(&app, &r.cosell, &reviewer, r.solution).await;
    let api = app.api(&reviewer);
    let res = api.get("/catalog?per_page=1").await;
    assert_eq!(res.status(), 200);
    let page: Value = res.json().await.unwrap();
    assert_eq!(page["per_page"], 1);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    for bad in ["0", "201", "x"] {
        let res = api.get(&format!("/catalog?per_page={bad}")).await;
        assert_eq!(res.status(), 400, "{bad}");
    }
}
