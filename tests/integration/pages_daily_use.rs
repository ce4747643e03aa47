//! The partner's day on the pages (SPEC 4, 6 and 11): nothing withdrawn from review without
//! asking, nothing typed lost on the way.

use crate::api_status::{Ready, co_sell_ready};
use crate::helpers::*;
use serde_json::{Value, json};

/// The solution form as the page posts it, with `pitch` typed.
fn solution_form(html: &str, pitch: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", hidden(html, "csrf")),
        ("version", hidden(html, "version")),
        ("geographies", "NL".to_string()),
        ("solution_areas", "data_ai".to_string()),
        ("industries", "retail".to_string()),
        ("customer_sizes", "smb".to_string()),
        ("pitch", pitch.to_string()),
        ("landing_page", String::new()),
        ("contact_name", "Ann".to_string()),
        ("contact_email", "ann@contoso.example".to_string()),
        ("contact_job_title", String::new()),
        ("contact_role", "partner_sales".to_string()),
        ("contact_geographies", "OOO".to_string()),
    ]
}

async fn review_state(app: &TestApp, r: &Ready) -> (String, i64) {
    let v: Value = app
        .api(&r.cosell)
        .get(&format!("/solutions/{}", r.solution))
        .await
        .json()
        .await
        .unwrap();
    (
        v["review_state"].as_str().unwrap().to_string(),
        v["version"].as_i64().unwrap(),
    )
}

#[tokio::test]
async fn a_solution_waiting_for_review_is_withdrawn_only_when_the_partner_confirms() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    let res = app
        .api(&r.cosell)
        .post(&format!("{path}/submit"), serde_json::json!({}))
        .await;
    assert_eq!(res.status(), 200);
    let before = review_state(&app, &r).await;
    assert_eq!(before.0, "submitted");

    let b = app
        .signed_in("waits@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let html = app.html(&b, &path).await;
    assert!(!html.contains("hx-post"), "autosave is off while submitted");
    assert!(html.contains("Autosave is off while the solution waits for review."));
    assert!(html.contains("Save and withdraw from review"));

    // Autosave from a page opened earlier saves nothing and says why.
    let typed = "A pitch typed while the solution waits.";
    let res = app
        .post_form(
            &b,
            &format!("{path}/autosave"),
            &solution_form(&html, typed),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("waiting for review"));
    assert_eq!(review_state(&app, &r).await, before);

    // Save: the page comes back with what was typed and asks first.
    let res = app.post_form(&b, &path, &solution_form(&html, typed)).await;
    assert_eq!(res.status(), 409);
    let asked = res.text().await.unwrap();
    assert!(asked.contains(typed), "the typing is kept");
    assert!(asked.contains("name=\"leave_review\" value=\"1\""));
    assert_eq!(review_state(&app, &r).await, before, "nothing changed");

    // Confirmed: saved, and out of the queue.
    let mut confirmed = solution_form(&asked, typed);
    confirmed.push(("leave_review", "1".to_string()));
    let res = app.post_form(&b, &path, &confirmed).await;
    assert_eq!(res.status(), 303);
    let (state, version) = review_state(&app, &r).await;
    assert_eq!(state, "draft");
    assert_eq!(version, before.1 + 1);
    let html = app.html(&b, &path).await;
    assert!(html.contains("hx-post"), "autosave is back on a draft");
    assert!(html.contains("The solution is out of the review queue"));
    assert!(html.contains(typed));
}

#[tokio::test]
async fn an_approved_solution_says_the_catalog_keeps_the_approved_version() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    crate::api_catalog::approve(&app, &r.cosell, &reviewer, r.solution).await;
    let b = app
        .signed_in("keeps@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let html = app.html(&b, &path).await;
    assert!(
        html.contains(
            "the catalog keeps showing the approved version until the new one is approved"
        )
    );
    assert!(
        html.contains("hx-post"),
        "autosave stays on: a draft does not leave the catalog"
    );
}

#[tokio::test]
async fn actions_say_what_they_did_and_hard_ones_ask_first() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    let b = app
        .signed_in(
            "acts@contoso.example",
            &["cosell_admin", "account_admin"],
            Some(r.org),
        )
        .await;
    let csrf = app.csrf_of(&b, &path).await;

    // Submit: told on the page it leads to, in the reader's language.
    let res = app
        .post_form(&b, &format!("{path}/submit"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(res.status(), 303);
    let html = app.html(&b, &path).await;
    assert!(html.contains("id=\"flash\""), "{html}");
    assert!(html.contains("Submitted for review."));

    // Withdraw asks first; nothing changes until it is confirmed.
    let res = app
        .post_form(&b, &format!("{path}/withdraw"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(res.status(), 200);
    let asked = res.text().await.unwrap();
    assert!(asked.contains("from review?"), "{asked}");
    assert_eq!(review_state(&app, &r).await.0, "submitted");
    let res = app
        .post_form(
            &b,
            &format!("{path}/withdraw"),
            &[("csrf", csrf.as_str()), ("confirmed", "1")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(review_state(&app, &r).await.0, "withdrawn");
    let nl = app.html_in(&b, &path, "nl").await;
    assert!(nl.contains("Uit beoordeling gehaald."), "told in Dutch");

    // Removing a user asks first too.
    let victim = app
        .user("leaves@contoso.example", &["developer"], Some(r.org))
        .await;
    let users = format!("/organizations/{}/users", r.org);
    let remove = format!("/users/{victim}/remove");
    let res = app.post_form(&b, &remove, &[("csrf", csrf.as_str())]).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Remove leaves@contoso.example?")
    );
    assert!(
        app.html(&b, &users)
            .await
            .contains("leaves@contoso.example")
    );
    let res = app
        .post_form(&b, &remove, &[("csrf", csrf.as_str()), ("confirmed", "1")])
        .await;
    assert_eq!(res.status(), 303);
    let html = app.html(&b, &users).await;
    assert!(html.contains("User removed"));
    assert!(!html.contains("leaves@contoso.example"));
}

#[tokio::test]
async fn a_reader_without_the_role_is_told_which_role_and_who_has_it() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    app.user("editor@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let dev = app
        .signed_in("reader@contoso.example", &["developer"], Some(r.org))
        .await;

    // The solution page, read-only: why, and who edits it.
    let path = format!("/solutions/{}", r.solution);
    let html = app.html(&dev, &path).await;
    assert!(html.contains(" disabled aria-describedby=\"read-only\""));
    assert!(html.contains("only a Co-sell admin edits the co-sell solution"));
    assert!(html.contains("editor@contoso.example"));

    // A 403 page keeps the navigation and names the role and the colleagues who have it.
    let res = dev
        .get(app.url(&format!("/organizations/{}/users", r.org)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("reader@contoso.example"),
        "signed in, with the navigation"
    );
    assert!(
        html.contains("This needs the role <strong>Account admin"),
        "{html}"
    );
    assert!(html.contains("mailto:aa@contoso.example"), "{html}");
}

#[tokio::test]
async fn each_solution_has_one_status_explained() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    let dashboard = format!("/organizations/{}/dashboard", r.org);
    let b = app
        .signed_in("story@contoso.example", &["cosell_admin"], Some(r.org))
        .await;

    // Ready but not approved: one status (on the marketplace), and why.
    let html = app.html(&b, &path).await;
    assert!(html.contains("badge status-marketplace"));
    assert!(!html.contains("badge status-co_sell_ready"));
    assert!(html.contains("The facts support Co-sell ready today: submit the solution"));

    // Submitted: still not co-sell ready for sellers, and the dashboard says so too.
    app.api(&r.cosell)
        .post(&format!("{path}/submit"), serde_json::json!({}))
        .await;
    for page in [&path, &dashboard] {
        let html = app.html(&b, page).await;
        assert!(html.contains("badge status-marketplace"), "{page}");
        assert!(!html.contains("badge status-co_sell_ready"), "{page}");
        assert!(html.contains("Waiting for review"), "{page}");
    }

    // Approved: the awarded status, held by the facts.
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    app.api(&r.cosell)
        .post(&format!("{path}/withdraw"), serde_json::json!({}))
        .await;
    crate::api_catalog::approve(&app, &r.cosell, &reviewer, r.solution).await;
    let html = app.html(&b, &dashboard).await;
    assert!(html.contains("badge status-co_sell_ready"));
    assert!(html.contains("Approved as Co-sell ready, and the facts still support it."));
    let nl = app.html_in(&b, &dashboard, "nl").await;
    assert!(nl.contains("Goedgekeurd als"), "in Dutch too");
}

#[tokio::test]
async fn a_refused_import_lists_every_bad_line_at_the_top() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    let csv = "name,email,job_title,role,geographies\n\
               Ann,ann@contoso.example,,partner_sales,OOO\n\
               Bob,not-an-email,,partner_sales,OOO\n\
               Cor,cor@contoso.example,,boss,OOO\n";

    // The API names every line in its message and in the error's details.
    let res = reqwest::Client::new()
        .put(app.url(&format!("/api/v1{path}/contacts.csv")))
        .bearer_auth(&r.cosell)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("line 3, email") & message.contains("line 4, role"),
        "{message}"
    );

    // The page lists them above the form, in the reader's language.
    let b = app
        .signed_in("csv@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let csrf = app.csrf_of(&b, &path).await;
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("contacts.csv"),
    );
    let res = b
        .post(app.url(&format!("{path}/contacts/import")))
        .header("accept-language", "nl")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let html = res.text().await.unwrap();
    let top = html.find("id=\"csv-error\"").expect("the lines are listed");
    let form_at = html.find("id=\"solution-form\"").unwrap();
    assert!(top < form_at, "above the form");
    assert!(
        html.contains("Regel 3, email:") & html.contains("Regel 4, role:"),
        "{html}"
    );
    assert!(html.contains("Er is niets geïmporteerd"));
}

#[tokio::test]
async fn the_audit_page_folds_a_run_of_saves_into_one_line() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    let api = app.api(&r.cosell);
    for pitch in ["First pitch.", "Second pitch.", "Third pitch."] {
        assert_eq!(
            api.patch(&path, serde_json::json!({"pitch": pitch}))
                .await
                .status(),
            200
        );
    }
    // Every save is an entry of its own in the API, saying what changed.
    let admin = app
        .api(&r.admin)
        .get(&format!(
            "/audit?organization_id={}&kind=solution_saved",
            r.org
        ))
        .await
        .json::<Value>()
        .await
        .unwrap();
    // Three saves here, after the one that filled the page in `co_sell_ready`.
    let items = admin["items"].as_array().unwrap();
    assert_eq!(items.len(), 4, "{admin}");
    assert!(
        items[0]["detail"]
            .as_str()
            .unwrap()
            .contains("pitch changed"),
        "{admin}"
    );
    assert_eq!(items[0]["solution_id"], r.solution);

    // The page shows them as one line, in words.
    let b = app
        .signed_in("auditor@contoso.example", &["account_admin"], Some(r.org))
        .await;
    let html = app.html(&b, "/audit?kind=solution_saved").await;
    assert_eq!(html.matches("<details>").count(), 1, "{html}");
    assert!(html.contains("4 entries by the same person on this solution within 10 minutes"));
    assert!(html.contains("<td>Solution saved</td>"));
    assert!(
        !html.contains("<code>solution_saved</code>"),
        "words, not codes"
    );
}

#[tokio::test]
async fn a_refused_submission_names_requirements_in_words() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let dev = app
        .token_for("maker2@contoso.example", &["developer"], Some(r.org))
        .await;
    let offer: Value = app
        .api(&dev)
        .post(
            "/offers",
            serde_json::json!({"organization_id": r.org, "name": "Contoso Draft",
                "offer_type": "saas", "stores": ["appsource"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let solution: Value = app
        .api(&r.cosell)
        .post("/solutions", serde_json::json!({"offer_id": offer["id"]}))
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/solutions/{}", solution["id"]);
    let b = app
        .signed_in("words@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let csrf = app.csrf_of(&b, &path).await;
    let res = app
        .post_form(&b, &format!("{path}/submit"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("a live offer") & html.contains("a one-pager"),
        "{html}"
    );
    assert!(
        !html.contains(": offer_live"),
        "no requirement ids in the sentence"
    );
}

async fn shown_status(app: &TestApp, token: &str, solution: i64) -> String {
    let s: Value = app
        .api(token)
        .get(&format!("/solutions/{solution}/status"))
        .await
        .json()
        .await
        .unwrap();
    s["shown_status"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn the_revenue_check_shows_what_would_change_before_anything_is_imported() {
    let app = spawn_app().await;
    cosell::demo::run(&app.state).await.unwrap();
    let admin = cosell::db::users::find_by_email(&app.state.db, "admin@demo.example")
        .await
        .unwrap()
        .unwrap();
    let token = cosell::services::accounts::create_token(&app.state, admin.id)
        .await
        .unwrap()
        .1;
    let retail: i64 = {
        let list: Value = app
            .api(&token)
            .get("/solutions?organization_id=1")
            .await
            .json()
            .await
            .unwrap();
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["offer_name"] == "Contoso Retail Insights")
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(shown_status(&app, &token, retail).await, "azure_ip_co_sell");

    // Two months of Azure consumption set to zero: below the threshold.
    let last = cosell::domain::money::Month::of(chrono::Utc::now().date_naive());
    let csv = format!(
        "mpn_id,month,kind,amount_usd,offer_id\n4412345,{},azure_consumed,0,\n4412345,{},azure_consumed,0,\n",
        last.minus(1),
        last.minus(2)
    );
    let b = app.browser();
    assert_eq!(
        app.login(&b, "admin@demo.example", "demo-password-1")
            .await
            .status(),
        303
    );
    let csrf = app.csrf_of(&b, "/revenue/import").await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.clone().into_bytes()).file_name("revenue.csv"),
        );
    let res = b
        .post(app.url("/revenue/check"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("2 rows, checked and valid. Nothing is imported yet."),
        "{html}"
    );
    assert!(html.contains("Contoso Retail Insights"));
    assert!(
        html.contains("Azure IP co-sell incentive → Co-sell ready"),
        "{html}"
    );
    assert_eq!(
        shown_status(&app, &token, retail).await,
        "azure_ip_co_sell",
        "nothing written yet"
    );

    // Importing from the check page: the file comes back as a form field.
    let carried = hidden(&html, "file");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("file", carried);
    let res = b
        .post(app.url("/revenue/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        shown_status(&app, &token, retail).await,
        "co_sell_ready",
        "imported: the status fell"
    );
}

#[tokio::test]
async fn half_a_contact_row_is_kept_as_a_draft_and_the_rest_is_saved() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    let b = app
        .signed_in("drafts@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let html = app.html(&b, &path).await;

    // Another edit (the pitch) and half a contact row (a name, no email yet).
    let mut typed = solution_form(&html, "A pitch typed after the half row.");
    typed.push(("contact_name", "Half Row".to_string()));
    typed.push(("contact_email", String::new()));
    typed.push(("contact_job_title", String::new()));
    typed.push(("contact_role", "partner_sales".to_string()));
    typed.push(("contact_geographies", "NL".to_string()));
    let res = app.post_form(&b, &format!("{path}/autosave"), &typed).await;
    assert_eq!(res.status(), 200);
    assert!(
        crate::query_budget::statements(&res) <= 4,
        "autosave within its budget"
    );
    assert!(res.text().await.unwrap().contains("Saved what was valid"));
    let saved: Value = app.api(&r.cosell).get(&path).await.json().await.unwrap();
    assert_eq!(
        saved["pitch"], "A pitch typed after the half row.",
        "the valid part is saved"
    );
    assert_eq!(
        saved["contacts"].as_array().unwrap().len(),
        1,
        "the contacts wait for the fix"
    );

    // Coming back (in another language even): everything typed is there, with the error.
    let res = b
        .get(app.url(&path))
        .header("accept-language", "nl")
        .send()
        .await
        .unwrap();
    assert!(
        crate::query_budget::statements(&res) <= 3,
        "the draft comes with the facts"
    );
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"draft\""), "{html}");
    assert!(html.contains("value=\"Half Row\""));
    assert!(html.contains("A pitch typed after the half row."));
    assert!(
        html.contains("aria-invalid=\"true\""),
        "the error is next to its field"
    );
    // Only its author sees a draft.
    let other = app
        .signed_in("colleague@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    assert!(!app.html(&other, &path).await.contains("id=\"draft\""));

    // A stale autosave saves nothing and keeps the typing.
    let stale = solution_form(&html, "Typed in an old tab.");
    let mut stale: Vec<(&str, String)> = stale
        .into_iter()
        .map(|(k, v)| {
            if k == "version" {
                (k, "1".to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    stale.push(("contact_name", "Old Tab".to_string()));
    let res = app.post_form(&b, &format!("{path}/autosave"), &stale).await;
    assert!(res.text().await.unwrap().contains("is kept as your draft"));
    let now: Value = app.api(&r.cosell).get(&path).await.json().await.unwrap();
    assert_eq!(
        now["pitch"], "A pitch typed after the half row.",
        "nothing saved"
    );
    assert!(app.html(&b, &path).await.contains("Typed in an old tab."));

    // Discarded: the stored values show again, and no draft.
    let csrf = app.csrf_of(&b, &path).await;
    let res = app
        .post_form(
            &b,
            &format!("{path}/draft/discard"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let html = app.html(&b, &path).await;
    assert!(!html.contains("id=\"draft\"") && !html.contains("Typed in an old tab."));
    assert!(html.contains("Your draft is discarded"));

    // A full save clears a draft too.
    let res = app.post_form(&b, &format!("{path}/autosave"), &typed).await;
    assert_eq!(res.status(), 200);
    let html = app.html(&b, &path).await;
    let mut fixed = solution_form(&html, "A pitch typed after the half row.");
    fixed.push(("contact_name", "Half Row".to_string()));
    fixed.push(("contact_email", "half@contoso.example".to_string()));
    fixed.push(("contact_job_title", String::new()));
    fixed.push(("contact_role", "partner_sales".to_string()));
    fixed.push(("contact_geographies", "NL".to_string()));
    let res = app.post_form(&b, &path, &fixed).await;
    assert_eq!(res.status(), 303);
    let html = app.html(&b, &path).await;
    assert!(!html.contains("id=\"draft\""));
    let saved: Value = app.api(&r.cosell).get(&path).await.json().await.unwrap();
    assert_eq!(saved["contacts"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn countries_are_named_in_the_readers_language() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    let b = app
        .signed_in("landen@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let nl = app.html_in(&b, &path, "nl").await;
    assert!(nl.contains("Duitsland (DE)") && nl.contains("Nederland (NL)"));
    assert!(
        !nl.contains("Germany (DE)"),
        "no English country names in Dutch"
    );
    let en = app.html_in(&b, &path, "en").await;
    assert!(en.contains("Germany (DE)"));
    let profile = app
        .html_in(&b, &format!("/organizations/{}/profile", r.org), "nl")
        .await;
    assert!(!profile.contains(">Germany<"), "the headquarters list too");
}

#[tokio::test]
async fn an_offer_that_is_not_live_says_who_can_publish_it() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = crate::api_offers_solutions::partner(&app, &admin, "Contoso", "123456").await;
    let res = app
        .api(&p.dev)
        .post(
            "/offers",
            json!({"organization_id": p.org, "name": "Contoso Draft", "offer_type": "saas",
               "stores": ["azure_marketplace"], "transactable": true}),
        )
        .await;
    let offer = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let cosell = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(p.org))
        .await;
    let page = app.html(&cosell, &format!("/offers/{offer}")).await;
    assert!(
        page.contains("Only a Developer or Manager can publish this offer: dev@contoso.example."),
        "{page}"
    );
    let page = app
        .html_in(&cosell, &format!("/offers/{offer}"), "nl")
        .await;
    assert!(
        page.contains("Alleen een Ontwikkelaar of Manager kan deze aanbieding publiceren"),
        "{page}"
    );
    // Whoever can publish sees the button, not the sentence.
    let dev = app
        .signed_in("dev2@contoso.example", &["developer"], Some(p.org))
        .await;
    let page = app.html(&dev, &format!("/offers/{offer}")).await;
    assert!(page.contains(&format!("action=\"/offers/{offer}/publish\"")));
    assert!(!page.contains("can publish this offer"));
    // Nobody who can: who can give the role.
    app.exec("DELETE FROM users WHERE email IN ('dev@contoso.example', 'dev2@contoso.example')")
        .await;
    let page = app.html(&cosell, &format!("/offers/{offer}")).await;
    assert!(
        page.contains("nobody in your organization has that role yet"),
        "{page}"
    );
}
