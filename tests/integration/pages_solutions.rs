use crate::fixtures;
use crate::helpers::*;
use reqwest::header::LOCATION;
use serde_json::json;

/// An organization (seller account active) and a browser signed in with both offer and
/// co-sell roles.
async fn setup(app: &TestApp) -> (i64, reqwest::Client) {
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let browser = app
        .signed_in(
            "maker@contoso.example",
            &["developer", "cosell_admin"],
            Some(org),
        )
        .await;
    (org, browser)
}

fn location(res: &reqwest::Response) -> String {
    res.headers()[LOCATION].to_str().unwrap().to_string()
}

#[tokio::test]
async fn offers_are_created_published_and_stopped_from_the_pages() {
    let app = spawn_app().await;
    let (org, b) = setup(&app).await;
    let list = format!("/organizations/{org}/offers");
    let csrf = app.csrf_of(&b, &list).await;

    let res = b
        .post(app.url(&list))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Contoso Analytics"),
            ("offer_type", "saas"),
            ("competency_areas", "devops"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("value=\"Contoso Analytics\"")
            && html.contains("<option value=\"saas\" selected>")
    );
    assert!(html.contains("id=\"stores-error\"") || html.contains("Choose at least one store."));

    let res = b
        .post(app.url(&list))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Contoso Analytics"),
            ("offer_type", "saas"),
            ("stores", "appsource"),
            ("transactable", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let offer_path = location(&res);
    let html = app.html(&b, &list).await;
    assert!(
        html.contains("Contoso Analytics") && html.contains("Draft"),
        "the state shows on the list"
    );

    let res = b
        .post(app.url(&format!("{offer_path}/publish")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = app.html(&b, &offer_path).await;
    assert!(
        html.contains("Published: the offer is live on the marketplace."),
        "the action says what it did, once"
    );
    assert!(!app.html(&b, &offer_path).await.contains("Published:"));
    let html = app.html(&b, &list).await;
    assert!(html.contains("state-live"));
    // Stopping asks first: the first post only shows what would happen.
    let res = b
        .post(app.url(&format!("{offer_path}/stop")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let asked = res.text().await.unwrap();
    assert!(asked.contains("Stop selling “Contoso Analytics” on the marketplace?"));
    assert!(asked.contains("name=\"confirmed\" value=\"1\""));
    assert!(
        app.html(&b, &list).await.contains("state-live"),
        "still live"
    );
    let res = b
        .post(app.url(&format!("{offer_path}/stop")))
        .form(&[("csrf", csrf.as_str()), ("confirmed", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        app.html(&b, &offer_path)
            .await
            .contains("Stopped: the offer is no longer sold")
    );

    // Seller account inactive: the refusal is explained on the offer page.
    let admin = app
        .token_for("pa2@program.example", &["program_admin"], None)
        .await;
    app.api(&admin)
        .patch(
            &format!("/organizations/{org}"),
            json!({"seller_account_active": false}),
        )
        .await;
    let res = b
        .post(app.url(&format!("{offer_path}/publish")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("seller account is not active")
    );
}

async fn start_solution(app: &TestApp, b: &reqwest::Client, org: i64) -> (String, String) {
    let api_token = app
        .token_for("api@contoso.example", &["developer"], Some(org))
        .await;
    let res = app
        .api(&api_token)
        .post("/offers", json!({"organization_id": org, "name": "Contoso Analytics", "offer_type": "saas", "stores": ["appsource"]}))
        .await;
    let offer: serde_json::Value = res.json().await.unwrap();
    let offer_path = format!("/offers/{}", offer["id"]);
    let csrf = app.csrf_of(b, &offer_path).await;
    let res = b
        .post(app.url(&format!("{offer_path}/solution")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    (location(&res), csrf)
}

#[tokio::test]
async fn the_solution_form_keeps_every_value_on_errors_and_refuses_stale_saves() {
    let app = spawn_app().await;
    let (org, b) = setup(&app).await;
    let (path, csrf) = start_solution(&app, &b, org).await;
    let html = app.html(&b, &path).await;
    assert!(html.contains("name=\"version\" value=\"1\""));
    assert_eq!(
        html.matches("<input type=checkbox name=geographies value=")
            .count(),
        249,
        "every ISO country is offered"
    );
    assert!(html.contains("value=NL> Netherlands (NL)</label>"));

    let long_pitch = "p".repeat(1001);
    let form = vec![
        ("csrf", csrf.clone()),
        ("version", "1".into()),
        ("geographies", "NL".into()),
        ("geographies", "DE".into()),
        ("solution_areas", "data_ai".into()),
        ("industries", "retail".into()),
        ("customer_sizes", "smb".into()),
        ("pitch", long_pitch.clone()),
        ("landing_page", "https://contoso.example".into()),
        ("contact_name", "Ann".into()),
        ("contact_email", "ann@contoso.example".into()),
        ("contact_job_title", "".into()),
        ("contact_role", "partner_sales".into()),
        ("contact_geographies", "NL, DE".into()),
        ("contact_name", "Bob".into()),
        ("contact_email", "not-an-email".into()),
        ("contact_job_title", "".into()),
        ("contact_role", "partner_sales".into()),
        ("contact_geographies", "FR".into()),
    ];
    let res = b.post(app.url(&path)).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!(">{long_pitch}</textarea>")),
        "the pitch as typed"
    );
    assert!(html.contains("id=\"pitch-error\""));
    assert!(
        html.contains("id=\"ce-1-error\"") && html.contains("id=\"cg-1-error\""),
        "errors sit next to the row's fields"
    );
    assert!(html.contains("value=\"not-an-email\"") && html.contains("value=\"NL, DE\""));
    assert!(html.contains("<input type=checkbox name=geographies value=DE checked>"));

    let mut good = form.clone();
    good[7].1 = "Analytics for every store.".into();
    good[15].1 = "bob@contoso.example".into();
    good[18].1 = "OOO".into();
    let res = b.post(app.url(&path)).form(&good).send().await.unwrap();
    assert_eq!(res.status(), 303);

    // Another tab still holds version 1: its save is refused and its values stay on screen.
    let mut stale = good.clone();
    stale[7].1 = "A pitch typed in an old tab.".into();
    let res = b.post(app.url(&path)).form(&stale).send().await.unwrap();
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("Someone saved this page after you opened it"));
    assert!(html.contains(">A pitch typed in an old tab.</textarea>"));
    let html = app.html(&b, &path).await;
    assert!(
        html.contains(">Analytics for every store.</textarea>")
            && html.contains("name=\"version\" value=\"2\"")
    );

    // Removing a row without JavaScript.
    let csrf = hidden(&html, "csrf");
    let mut remove = good.clone();
    remove[0].1 = csrf;
    remove[1].1 = "2".into();
    remove.push(("contact_remove", "1".into()));
    let res = b.post(app.url(&path)).form(&remove).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let id = path.trim_start_matches("/solutions/");
    let token = app
        .token_for("reader@contoso.example", &["developer"], Some(org))
        .await;
    let sol: serde_json::Value = app
        .api(&token)
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sol["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(sol["version"], 3);
}

#[tokio::test]
async fn contacts_import_and_export_from_the_page() {
    let app = spawn_app().await;
    let (org, b) = setup(&app).await;
    let (path, csrf) = start_solution(&app, &b, org).await;
    let save = vec![
        ("csrf", csrf.clone()),
        ("version", "1".to_string()),
        ("geographies", "NL".to_string()),
    ];
    assert_eq!(
        b.post(app.url(&path))
            .form(&save)
            .send()
            .await
            .unwrap()
            .status(),
        303
    );

    let import = |text: &'static str, csrf: String| {
        let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
            "file",
            reqwest::multipart::Part::bytes(text.as_bytes().to_vec()).file_name("contacts.csv"),
        );
        b.post(app.url(&format!("{path}/contacts/import")))
            .multipart(form)
            .send()
    };
    let res = import("name,email,job_title,role,geographies\nAnn,ann@contoso.example,,partner_sales,NL\nBob,bob@,,partner_sales,NL\n", csrf.clone()).await.unwrap();
    assert_eq!(res.status(), 400);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Line 3, email:") && html.contains("Nothing was imported"),
        "the error names the line and field"
    );

    let res = import(
        "name,email,job_title,role,geographies\nAnn,ann@contoso.example,,partner_sales,NL\n",
        csrf.clone(),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("#contacts"));
    assert!(
        app.html(&b, &path)
            .await
            .contains("Imported one contact; it replaces the earlier list.")
    );
    let res = b
        .get(app.url(&format!("{path}/contacts.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.text().await.unwrap(),
        "name,email,job_title,role,geographies\nAnn,ann@contoso.example,,partner_sales,NL\n"
    );
    assert_eq!(import("x", "forged".into()).await.unwrap().status(), 403);
}

#[tokio::test]
async fn documents_upload_from_the_page_with_history_and_templates() {
    let app = spawn_app().await;
    let (org, b) = setup(&app).await;
    let (path, csrf) = start_solution(&app, &b, org).await;
    let docs = format!("{path}/documents");
    let upload = |kind: &str, bytes: Vec<u8>, name: &str, csrf: &str| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            );
        b.post(app.url(&format!("{docs}/{kind}")))
            .multipart(form)
            .send()
    };

    // The project's own templates are real files that pass the checks.
    let one_pager = b
        .get(app.url("/templates/one-pager-template.pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        one_pager.headers()["content-disposition"],
        "attachment; filename=\"one-pager-template.pdf\""
    );
    let one_pager = one_pager.bytes().await.unwrap().to_vec();
    let deck = b
        .get(app.url("/templates/pitch-deck-template.pptx"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    assert_eq!(
        upload("one_pager", one_pager, "one-pager.pdf", &csrf)
            .await
            .unwrap()
            .status(),
        303
    );
    let res = upload("pitch_deck", deck, "deck.pptx", &csrf)
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("?uploaded=pitch_deck#pitch_deck"));

    let res = upload("one_pager", fixtures::pdf(3), "long.pdf", &csrf)
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"one_pager-error\"")
            && html.contains("The PDF has 3 pages; at most 2 are allowed.")
    );
    assert_eq!(
        upload("one_pager", fixtures::pdf(1), "x.pdf", "forged")
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        upload("one_pager", fixtures::pdf(2), "second.pdf", &csrf)
            .await
            .unwrap()
            .status(),
        303
    );

    let html = app.html(&b, &docs).await;
    assert!(
        html.contains("8 slides"),
        "the slide count of the template deck is shown"
    );
    assert!(html.contains("second.pdf") && html.contains("2 pages"));
    assert!(html.contains("Earlier versions (1)") && html.contains("one-pager.pdf"));
    let res = b
        .get(app.url(&format!("{docs}/one_pager/download")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );

    let html = app.html(&b, &path).await;
    assert!(
        html.contains("second.pdf"),
        "the solution page lists the key documents"
    );
}
