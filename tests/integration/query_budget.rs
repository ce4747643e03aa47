//! The query budget is a contract: the server counts the statements each request runs (a
//! transaction counts as one) and reports them in `X-Query-Count` in test builds. The
//! checklist page runs at most 3, an autosave at most 4; the review page, the dashboard and the
//! catalog run as many with many rows as with one; the bell's unread count comes with the
//! session statement. Also here: edits racing reviewers and each
//! other, which the request layer must settle without losing or contradicting anything.

use crate::api_catalog::approve;
use crate::api_status::{Ready, co_sell_ready};
use crate::fixtures;
use crate::helpers::*;
use reqwest::{Client, Response};
use serde_json::{Value, json};

pub fn statements(res: &Response) -> u32 {
    res.headers()
        .get("x-query-count")
        .expect("test builds report X-Query-Count")
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// GETs a page that must answer 200 and returns the statements it ran.
async fn page_cost(app: &TestApp, client: &Client, path: &str) -> u32 {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    statements(&res)
}

fn reviewer_browser_email() -> &'static str {
    "reviewer@program.example"
}

async fn add_contacts(app: &TestApp, r: &Ready, n: usize) {
    let contacts: Vec<Value> = (0..n)
        .map(|i| {
            json!({"name": format!("Seller {i}"), "email": format!("s{i}@contoso.example"),
            "role": "partner_sales", "geographies": ["OOO"]})
        })
        .collect();
    let res = app
        .api(&r.cosell)
        .patch(
            &format!("/solutions/{}", r.solution),
            json!({"contacts": contacts}),
        )
        .await;
    assert_eq!(res.status(), 200);
}

async fn upload(app: &TestApp, token: &str, solution: i64, kind: &str) {
    let res = app
        .api(token)
        .put_file(
            &format!("/solutions/{solution}/documents/{kind}"),
            fixtures::pdf(1),
            &format!("{kind}.pdf"),
        )
        .await;
    assert_eq!(res.status(), 200, "{kind}");
}

#[tokio::test]
async fn the_checklist_page_is_one_statement_whatever_it_holds() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let b = app
        .signed_in("page@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let path = format!("/solutions/{}", r.solution);
    let small = page_cost(&app, &b, &path).await;
    // The budget is three; the user and the solution come in one statement (routes.rs,
    // `reads_solution`), so the page is one round trip to the database.
    assert_eq!(small, 1, "the checklist page ran {small} statements");

    add_contacts(&app, &r, 12).await;
    for kind in ["reference_architecture", "case_study", "other"] {
        upload(&app, &r.cosell, r.solution, kind).await;
    }
    let large = page_cost(&app, &b, &path).await;
    assert_eq!(large, small, "more contacts and documents, same statements");
    // The API's reading of the same solution and its checklist holds the same budget.
    let api = app.api(&r.cosell);
    for p in [path.clone(), format!("{path}/status")] {
        let res = api.get(&p).await;
        assert_eq!(res.status(), 200);
        assert_eq!(statements(&res), 1, "{p} ran {}", statements(&res));
    }
}

#[tokio::test]
async fn an_autosave_runs_at_most_four_statements() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    add_contacts(&app, &r, 6).await;
    let b = app
        .signed_in("auto@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let path = format!("/solutions/{}", r.solution);
    let html = app.html(&b, &path).await;
    let csrf = hidden(&html, "csrf");
    let version = hidden(&html, "version");
    let form = |pitch: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("version", version.clone()),
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
    };
    let saved = b
        .post(app.url(&format!("{path}/autosave")))
        .form(&form("Analytics for every store, saved as typed."))
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200);
    // The budget is four; the user comes with the solution, so it is three.
    assert!(
        statements(&saved) <= 3,
        "autosave ran {}",
        statements(&saved)
    );
    let text = saved.text().await.unwrap();
    assert!(
        text.contains("id=\"checklist\""),
        "the checklist comes back"
    );

    // A refused autosave (a stale version now) costs no more.
    let refused = b
        .post(app.url(&format!("{path}/autosave")))
        .form(&form("Typed after someone else saved."))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 200);
    assert!(statements(&refused) <= 4);

    // The API's save answers with the solution within the same budget.
    let res = app
        .api(&r.cosell)
        .patch(&path, json!({"pitch": "Saved through the API."}))
        .await;
    assert_eq!(res.status(), 200);
    assert!(statements(&res) <= 3, "PATCH ran {}", statements(&res));
}

#[tokio::test]
async fn the_review_page_costs_the_same_whatever_the_number_of_documents() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let cosell = app.api(&r.cosell);
    let submit = |id: i64| format!("/solutions/{id}/submit");
    assert_eq!(
        cosell.post(&submit(r.solution), json!({})).await.status(),
        200
    );
    let b = app
        .signed_in(reviewer_browser_email(), &["reviewer"], None)
        .await;
    let path = format!("/review/{}", r.solution);
    let two_documents = page_cost(&app, &b, &path).await;
    assert!(two_documents <= 4, "the review page ran {two_documents}");

    // Back to a draft, three more documents (and a replaced one), in the queue again.
    for kind in ["reference_architecture", "case_study", "one_pager", "other"] {
        upload(&app, &r.cosell, r.solution, kind).await;
    }
    assert_eq!(
        cosell.post(&submit(r.solution), json!({})).await.status(),
        200
    );
    let five_documents = page_cost(&app, &b, &path).await;
    assert_eq!(five_documents, two_documents);
}

/// A second co-sell-ready solution of the same organization.
async fn another_ready_solution(app: &TestApp, r: &Ready, n: usize) -> i64 {
    let dev = app
        .token_for(
            &format!("dev{n}@contoso.example"),
            &["developer"],
            Some(r.org),
        )
        .await;
    let offer: Value = app
        .api(&dev)
        .post(
            "/offers",
            json!({"organization_id": r.org, "name": format!("Contoso Offer {n}"), "offer_type": "saas",
                "stores": ["appsource"], "transactable": false}),
        )
        .await
        .json()
        .await
        .unwrap();
    let offer = offer["id"].as_i64().unwrap();
    app.api(&dev)
        .post(&format!("/offers/{offer}/publish"), json!({}))
        .await;
    let c = app.api(&r.cosell);
    let sol: Value = c
        .post("/solutions", json!({"offer_id": offer}))
        .await
        .json()
        .await
        .unwrap();
    let id = sol["id"].as_i64().unwrap();
    let res = c.patch(&format!("/solutions/{id}"), json!({"geographies": ["DE", "NL"], "solution_areas": ["security"],
        "industries": ["retail"], "customer_sizes": ["smb"], "pitch": format!("Offer {n} for every store."),
        "contacts": [{"name": "Bo", "email": "bo@contoso.example", "role": "partner_sales", "geographies": ["OOO"]}]})).await;
    assert_eq!(res.status(), 200);
    upload(app, &r.cosell, id, "one_pager").await;
    upload(app, &r.cosell, id, "pitch_deck").await;
    id
}

#[tokio::test]
async fn the_dashboard_and_the_catalog_cost_the_same_with_more_rows() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    let partner = app
        .signed_in("dash@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let seller = app
        .signed_in("seller@program.example", &["seller"], None)
        .await;
    let dashboard = format!("/organizations/{}/dashboard", r.org);

    approve(&app, &r.cosell, &reviewer, r.solution).await;
    let dashboard_one = page_cost(&app, &partner, &dashboard).await;
    // The first read after an approval computes and stores the new entry's shown status.
    let catalog_recomputing = page_cost(&app, &seller, "/catalog").await;
    let catalog_one = page_cost(&app, &seller, "/catalog").await;
    let entry = page_cost(&app, &seller, &format!("/catalog/{}", r.solution)).await;

    for n in 2..=3 {
        let id = another_ready_solution(&app, &r, n).await;
        approve(&app, &r.cosell, &reviewer, id).await;
    }
    assert_eq!(page_cost(&app, &partner, &dashboard).await, dashboard_one);
    assert_eq!(
        page_cost(&app, &seller, "/catalog").await,
        catalog_recomputing,
        "two new entries are recomputed in the statements one was"
    );
    assert_eq!(page_cost(&app, &seller, "/catalog").await, catalog_one);
    assert!(
        catalog_recomputing <= catalog_one + 3,
        "recomputing ran {catalog_recomputing}"
    );
    let results = app.html(&seller, "/catalog").await;
    assert!(results.contains("Contoso Offer 3"), "three entries shown");
    assert!(dashboard_one <= 4, "the dashboard ran {dashboard_one}");
    assert!(catalog_one <= 5, "the catalog ran {catalog_one}");
    assert!(entry <= 5, "a catalog entry ran {entry}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_racing_a_claim_never_leaves_a_changed_page_in_review() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    let path = format!("/solutions/{}", r.solution);
    for round in 0..8 {
        let c = app.api(&r.cosell);
        let rv = app.api(&reviewer);
        assert_eq!(
            c.post(&format!("{path}/submit"), json!({})).await.status(),
            200
        );
        let pitch = format!("Analytics for every store, round {round}.");
        let claim_path = format!("{path}/claim");
        let (edit, claim) = tokio::join!(
            c.patch(&path, json!({"pitch": pitch})),
            rv.post(&claim_path, json!({}))
        );
        assert_eq!(
            edit.status(),
            200,
            "an edit without a version always applies"
        );
        assert!(
            [200, 409].contains(&claim.status().as_u16()),
            "a claim is taken or refused cleanly, got {}",
            claim.status()
        );
        let now: Value = c.get(&path).await.json().await.unwrap();
        assert_eq!(now["pitch"], pitch.as_str());
        assert_eq!(
            now["review_state"], "draft",
            "an edited page is never left in the queue (round {round})"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_saves_without_a_version_all_apply_and_uploads_take_turns() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    let saves = (0..8).map(|i| {
        let api = app.api(&r.cosell);
        let path = path.clone();
        async move {
            api.patch(&path, json!({"pitch": format!("Pitch number {i}.")}))
                .await
                .status()
                .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(saves).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let now: Value = app.api(&r.cosell).get(&path).await.json().await.unwrap();
    assert_eq!(
        now["version"].as_i64().unwrap(),
        2 + 8,
        "every save applied in turn"
    );

    let uploads = (0..4).map(|i| {
        let api = app.api(&r.cosell);
        let path = format!("{path}/documents/case_study");
        async move {
            api.put_file(&path, fixtures::pdf(1), &format!("case-{i}.pdf"))
                .await
                .status()
                .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(uploads).await;
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{statuses:?}"
    );
    let history: Value = app
        .api(&r.cosell)
        .get(&format!("{path}/documents/case_study/versions"))
        .await
        .json()
        .await
        .unwrap();
    let items = history["items"].as_array().unwrap();
    let accepted = statuses.iter().filter(|s| **s == 200).count();
    assert_eq!(
        items.len(),
        accepted,
        "each accepted upload is in the history"
    );
    assert_eq!(
        items.iter().filter(|d| d["current"] == true).count(),
        1,
        "one current file"
    );
}

/// Puts `n` unread notifications in `email`'s bell, as events would.
async fn notify(app: &TestApp, email: &str, n: usize) {
    let user = cosell::db::users::find_by_email(&app.state.db, email)
        .await
        .unwrap()
        .unwrap();
    for _ in 0..n {
        cosell::db_run!(&app.state.db, pool => sqlx::query(
            "INSERT INTO notifications (user_id, kind, organization_id, args, created_at) \
             VALUES ($1, 'revenue_imported', $2, '{\"rows\": 3}', $3)")
            .bind(user.id)
            .bind(user.organization_id)
            .bind(chrono::Utc::now())
            .execute(pool)
            .await
            .map(|_| ()))
        .unwrap();
    }
}

#[tokio::test]
async fn the_bell_costs_no_statement_and_the_notifications_page_is_constant() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let b = app
        .signed_in("bell@contoso.example", &["manager"], Some(r.org))
        .await;
    let quiet_account = page_cost(&app, &b, "/account").await;
    let quiet_list = page_cost(&app, &b, "/notifications").await;
    notify(&app, "bell@contoso.example", 1).await;
    assert_eq!(page_cost(&app, &b, "/account").await, quiet_account);
    let one = page_cost(&app, &b, "/notifications").await;
    notify(&app, "bell@contoso.example", 30).await;
    assert_eq!(
        page_cost(&app, &b, "/account").await,
        quiet_account,
        "the unread count comes with the session"
    );
    assert!(app.html(&b, "/account").await.contains("31 unread"));
    assert_eq!(page_cost(&app, &b, "/notifications").await, one);
    assert_eq!(one, quiet_list, "the list is one statement, full or empty");
}
