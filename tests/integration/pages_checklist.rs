use crate::helpers::*;
use serde_json::{Value, json};

/// An organization with a live SaaS offer and a solution; returns (org, solution, admin token).
async fn setup(app: &TestApp) -> (i64, i64, String) {
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let dev = app
        .token_for("dev@contoso.example", &["developer"], Some(org))
        .await;
    let offer: Value = app
        .api(&dev)
        .post(
            "/offers",
            json!({"organization_id": org, "name": "Contoso Analytics", "offer_type": "saas",
        "stores": ["azure_marketplace"], "transactable": true}),
        )
        .await
        .json()
        .await
        .unwrap();
    app.api(&dev)
        .post(&format!("/offers/{}/publish", offer["id"]), json!({}))
        .await;
    let cosell = app
        .token_for("api@contoso.example", &["cosell_admin"], Some(org))
        .await;
    let sol: Value = app
        .api(&cosell)
        .post("/solutions", json!({"offer_id": offer["id"]}))
        .await
        .json()
        .await
        .unwrap();
    (org, sol["id"].as_i64().unwrap(), admin)
}

#[tokio::test]
async fn the_solution_page_shows_the_checklist_and_a_save_updates_it_without_javascript() {
    let app = spawn_app().await;
    let (org, id, _) = setup(&app).await;
    let b = app
        .signed_in("cosell@contoso.example", &["cosell_admin"], Some(org))
        .await;
    let path = format!("/solutions/{id}");
    let html = app.html(&b, &path).await;
    assert!(html.contains("id=\"checklist\""));
    assert!(
        html.contains("id=\"req-sales_contacts\"")
            && html.contains("class=\"req unmet\" id=\"req-sales_contacts\"")
    );
    assert!(
        html.contains("href=\"/solutions/") && html.contains("#geo-h\""),
        "an unmet item links to where it is fixed"
    );
    assert!(
        html.contains("href=\"/organizations/") && html.contains("/profile\""),
        "the profile item links to the profile"
    );
    assert!(
        html.contains("Not met yet:"),
        "the state is written, not colour alone"
    );

    let csrf = hidden(&html, "csrf");
    let form = vec![
        ("csrf", csrf.clone()),
        ("version", "1".to_string()),
        ("geographies", "NL".to_string()),
        ("solution_areas", "data_ai".to_string()),
        ("industries", "retail".to_string()),
        ("customer_sizes", "smb".to_string()),
        ("pitch", "Analytics for every store.".to_string()),
        ("landing_page", String::new()),
        ("contact_name", "Ann".to_string()),
        ("contact_email", "ann@contoso.example".to_string()),
        ("contact_job_title", String::new()),
        ("contact_role", "partner_sales".to_string()),
        ("contact_geographies", "OOO".to_string()),
    ];
    let res = b.post(app.url(&path)).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let html = app
        .html(&b, res.headers()["location"].to_str().unwrap())
        .await;
    assert!(
        html.contains("class=\"req met\" id=\"req-sales_contacts\""),
        "the page comes back with the new checklist"
    );
    assert!(html.contains("class=\"req met\" id=\"req-listing_details\""));

    // What if: a date when the trailing window no longer holds the revenue.
    let html = app.html(&b, &format!("{path}?as_of=2030-01-15")).await;
    assert!(
        html.contains("What if: evaluated on")
            && html.contains("2030-01-15")
            && html.contains("2029-01")
    );
    let res = b
        .get(app.url(&format!("{path}?as_of=not-a-date")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn the_dashboard_lists_every_solution_with_its_status_and_next_step() {
    let app = spawn_app().await;
    let (org, id, _) = setup(&app).await;
    let b = app
        .signed_in("mgr@contoso.example", &["manager"], Some(org))
        .await;
    let res = b.get(app.url("/")).send().await.unwrap();
    assert_eq!(
        res.headers()["location"],
        format!("/organizations/{org}/dashboard").as_str()
    );
    let html = app
        .html(&b, &format!("/organizations/{org}/dashboard"))
        .await;
    assert!(
        html.contains(&format!("href=\"/solutions/{id}\"")) && html.contains("Contoso Analytics")
    );
    assert!(html.contains("badge status-marketplace"));
    assert!(
        html.contains("The business profile is not complete"),
        "the next thing to do is named"
    );
    let other_admin = app
        .token_for("pa2@program.example", &["program_admin"], None)
        .await;
    let other = app.org(&other_admin, "Fabrikam", "654321").await;
    assert_eq!(
        b.get(app.url(&format!("/organizations/{other}/dashboard")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn revenue_is_imported_from_a_page_and_shown_per_month() {
    let app = spawn_app().await;
    let (org, _, _) = setup(&app).await;
    let pa = app
        .signed_in("pa@program.example", &["program_admin"], None)
        .await;
    let csrf = app.csrf_of(&pa, "/revenue/import").await;
    let upload = |text: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(text.as_bytes().to_vec()).file_name("revenue.csv"),
            );
        pa.post(app.url("/revenue/import")).multipart(form).send()
    };
    let res = upload("mpn_id,month,kind,amount_usd,offer_id\n123456,2026-10,azure_consumed,10,\n999999,2026-10,azure_consumed,10,\n").await.unwrap();
    assert_eq!(res.status(), 400);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Line 3, mpn_id: No organization has this MPN ID.")
    );
    let res =
        upload("mpn_id,month,kind,amount_usd,offer_id\n123456,2026-10,azure_consumed,100000.00,\n")
            .await
            .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("One row imported.") && html.contains("USD 100,000.00"),
        "the result shows what was imported"
    );

    let mgr = app
        .signed_in("mgr@contoso.example", &["manager"], Some(org))
        .await;
    let html = app
        .html(
            &mgr,
            &format!("/organizations/{org}/revenue?as_of=2026-11-24"),
        )
        .await;
    assert!(html.contains("2025-11 – 2026-10") && html.contains("USD 100,000.00"));
    let dev = app
        .signed_in("dev2@contoso.example", &["developer"], Some(org))
        .await;
    assert_eq!(
        dev.get(app.url(&format!("/organizations/{org}/revenue")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        dev.get(app.url("/revenue/import"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

#[tokio::test]
async fn autosave_answers_with_the_checklist_fragment_and_the_new_version() {
    let app = spawn_app().await;
    let (org, id, _) = setup(&app).await;
    let b = app
        .signed_in("cosell@contoso.example", &["cosell_admin"], Some(org))
        .await;
    let path = format!("/solutions/{id}");
    let csrf = app.csrf_of(&b, &path).await;
    let res = b
        .post(app.url(&format!("{path}/autosave")))
        .header("HX-Request", "true")
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", "1"),
            ("geographies", "NL"),
            ("pitch", "Analytics."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(
        html.starts_with("<section class=\"checklist card\" id=\"checklist\""),
        "the fragment, not a page"
    );
    assert!(!html.contains("<html"));
    assert!(html.contains("id=\"version\" hx-swap-oob=\"true\"") && html.contains("value=\"2\""));
    assert!(html.contains("Saved at"));

    let res = b
        .post(app.url(&format!("{path}/autosave")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", "2"),
            ("pitch", &"x".repeat(1001)),
        ])
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Saved what was valid; the rest is kept as your draft")
            && html.contains("at most 1000 characters")
            && html.contains("value=\"3\""),
        "the valid fields are saved, the pitch is kept as a draft: {html}"
    );
    let res = b
        .post(app.url(&format!("{path}/autosave")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", "1"),
            ("pitch", "old tab"),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("someone saved this page after you opened it. What you typed is kept")
    );
    let res = b
        .post(app.url(&format!("{path}/autosave")))
        .form(&[("csrf", "forged"), ("version", "2")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}
