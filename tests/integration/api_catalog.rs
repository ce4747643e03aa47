use crate::api_status::co_sell_ready;
use crate::helpers::*;
use serde_json::{Value, json};

pub async fn approve(app: &TestApp, cosell: &str, reviewer: &str, id: i64) {
    assert_eq!(
        app.api(cosell)
            .post(&format!("/solutions/{id}/submit"), json!({}))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.api(reviewer)
            .post(&format!("/solutions/{id}/claim"), json!({}))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.api(reviewer)
            .post(
                &format!("/solutions/{id}/review"),
                json!({"decision": "approve"})
            )
            .await
            .status(),
        200
    );
}

fn ids(v: &Value) -> Vec<i64> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_catalog_shows_the_approved_revision_while_a_draft_exists() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    let seller = app
        .token_for("sel@program.example", &["seller"], None)
        .await;
    let s = app.api(&seller);
    assert!(
        ids(&s.get("/catalog").await.json().await.unwrap()).is_empty(),
        "nothing approved yet"
    );

    approve(&app, &r.cosell, &reviewer, r.solution).await;
    let list: Value = s.get("/catalog").await.json().await.unwrap();
    assert_eq!(ids(&list), vec![r.solution]);
    assert_eq!(list["items"][0]["awarded_status"], "co_sell_ready");
    assert_eq!(list["items"][0]["shown_status"], "co_sell_ready");

    // The partner edits: a new draft that must not leak into the catalog.
    app.api(&r.cosell)
        .patch(
            &format!("/solutions/{}", r.solution),
            json!({"pitch": "A secret new pitch, still a draft."}),
        )
        .await;
    let entry: Value = s
        .get(&format!("/catalog/{}", r.solution))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(entry["revision"]["pitch"], "Analytics for every store.");
    assert!(
        !s.get("/catalog?q=secret")
            .await
            .text()
            .await
            .unwrap()
            .contains("secret")
    );
    assert_eq!(
        entry["contacts_by_geography"]["NL"][0]["email"],
        "ann@contoso.example"
    );
    let doc = s
        .get(&format!("/catalog/{}/documents/one_pager", r.solution))
        .await;
    assert_eq!(doc.status(), 200);
    assert_eq!(doc.headers()["content-type"], "application/pdf");

    // Search and filters.
    let count = |path: &str| {
        let s = app.api(&seller);
        let path = path.to_string();
        async move { ids(&s.get(&path).await.json::<Value>().await.unwrap()).len() }
    };
    assert_eq!(
        count("/catalog?q=analytics").await,
        1,
        "words of the offer name"
    );
    assert_eq!(
        count("/catalog?q=STORE").await,
        1,
        "words of the pitch, any case, as a prefix"
    );
    assert_eq!(count("/catalog?q=banana").await, 0);
    assert_eq!(count("/catalog?industry=retail").await, 1);
    assert_eq!(count("/catalog?industry=education").await, 0);
    assert_eq!(count("/catalog?geography=nl").await, 1);
    assert_eq!(count("/catalog?geography=FR").await, 0);
    assert_eq!(count("/catalog?solution_area=data_ai").await, 1);
    assert_eq!(count("/catalog?solution_area=security").await, 0);
    assert_eq!(count("/catalog?offer_type=saas").await, 1);
    assert_eq!(count("/catalog?offer_type=azure_container").await, 0);
    assert_eq!(count("/catalog?status=co_sell_ready").await, 1);
    assert_eq!(count("/catalog?status=azure_ip_co_sell").await, 0);
    assert_eq!(
        count("/catalog?q=analytics%20\"%20*%20(%20-%20&industry=retail").await,
        1,
        "quotes and operators are not syntax"
    );
    assert_eq!(s.get("/catalog?industry=space").await.status(), 400);

    // A stopped offer lowers the shown status at once.
    let dev = app
        .token_for("dev7@contoso.example", &["developer"], Some(r.org))
        .await;
    app.api(&dev)
        .post(&format!("/offers/{}/stop", r.offer), json!({}))
        .await;
    assert_eq!(count("/catalog?status=co_sell_ready").await, 0);
    assert_eq!(count("/catalog?status=marketplace").await, 1);
}

#[tokio::test]
async fn partners_never_see_the_catalog() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    assert_eq!(app.api(&r.cosell).get("/catalog").await.status(), 403);
    assert_eq!(
        app.api(&r.cosell)
            .get(&format!("/catalog/{}", r.solution))
            .await
            .status(),
        403
    );
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    assert_eq!(app.api(&reviewer).get("/catalog").await.status(), 200);
    assert_eq!(
        app.api(&reviewer)
            .get(&format!("/catalog/{}", r.solution))
            .await
            .status(),
        404,
        "not approved: not in the catalog"
    );
}

/// A co-sell-ready solution, approved, and a seller's token.
async fn approved_with_seller(app: &TestApp) -> (crate::api_status::Ready, String) {
    let r = co_sell_ready(app).await;
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    let seller = app
        .token_for("sel@program.example", &["seller"], None)
        .await;
    approve(app, &r.cosell, &reviewer, r.solution).await;
    (r, seller)
}

/// The catalog's stored shown status of `id` and the day until which it holds, as stored.
async fn stored_shown(app: &TestApp, id: i64) -> (String, String) {
    let row: (String, chrono::NaiveDate) = cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT shown_status, shown_until FROM catalog_entries WHERE solution_id = $1")
        .bind(id)
        .fetch_one(pool)
        .await)
    .unwrap();
    (row.0, row.1.to_string())
}

async fn set_stored_shown(app: &TestApp, id: i64, status: &str, until: chrono::NaiveDate) {
    cosell::db_run!(&app.state.db, pool => sqlx::query(
        "UPDATE catalog_entries SET shown_status = $1, shown_until = $2 WHERE solution_id = $3")
        .bind(status)
        .bind(until)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ()))
    .unwrap();
}

#[tokio::test]
async fn the_shown_status_is_stored_until_its_day_comes_and_then_recomputed() {
    let app = spawn_app().await;
    let (r, seller) = approved_with_seller(&app).await;
    let shown = |path: &'static str| {
        let s = app.api(&seller);
        async move {
            let list: Value = s.get(path).await.json().await.unwrap();
            list["items"][0]["shown_status"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    assert_eq!(shown("/catalog").await, "co_sell_ready");

    // Stored with the first of next month: no competency expires or enrolment comes sooner.
    let today = chrono::Utc::now().date_naive();
    let next_month = cosell::domain::money::Month::of(today)
        .minus(-1)
        .first_day();
    assert_eq!(
        stored_shown(&app, r.solution).await,
        ("co_sell_ready".to_string(), next_month.to_string())
    );

    // Until that day the stored status is what queries read and filter by (here a wrong one,
    // written behind the portal's back, proves it); once the day has come it is recomputed.
    let tomorrow = today.succ_opt().unwrap();
    set_stored_shown(&app, r.solution, "marketplace", tomorrow).await;
    assert_eq!(shown("/catalog").await, "marketplace");
    assert_eq!(shown("/catalog?status=marketplace").await, "marketplace");
    set_stored_shown(&app, r.solution, "marketplace", today).await;
    assert_eq!(
        shown("/catalog?status=co_sell_ready").await,
        "co_sell_ready"
    );
    assert_eq!(
        stored_shown(&app, r.solution).await.1,
        next_month.to_string()
    );
    assert!(
        !app.audit_kinds()
            .await
            .contains(&"shown_status_lowered".to_string()),
        "a status that rises is no lapse"
    );
}

#[tokio::test]
async fn a_fact_change_that_lowers_the_shown_status_is_recorded_as_a_lapse_once() {
    let app = spawn_app().await;
    let (r, seller) = approved_with_seller(&app).await;
    let s = app.api(&seller);
    assert_eq!(
        ids(&s
            .get("/catalog?status=co_sell_ready")
            .await
            .json()
            .await
            .unwrap()),
        vec![r.solution]
    );

    // No sales contact left: the facts support less than was awarded, at once.
    let res = app
        .api(&r.cosell)
        .patch(
            &format!("/solutions/{}", r.solution),
            json!({"contacts": []}),
        )
        .await;
    assert_eq!(res.status(), 200);
    for _ in 0..2 {
        assert!(
            ids(&s
                .get("/catalog?status=co_sell_ready")
                .await
                .json()
                .await
                .unwrap())
            .is_empty()
        );
        assert_eq!(
            ids(&s
                .get("/catalog?status=marketplace")
                .await
                .json()
                .await
                .unwrap()),
            vec![r.solution]
        );
    }
    let lapses: Vec<(Option<i64>, Option<i64>, String)> = cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT organization_id, solution_id, detail FROM audit_log WHERE kind = 'shown_status_lowered'")
        .fetch_all(pool)
        .await)
    .unwrap();
    assert_eq!(
        lapses.len(),
        1,
        "one lapse, however often the catalog is read"
    );
    assert_eq!((lapses[0].0, lapses[0].1), (Some(r.org), Some(r.solution)));
    assert!(
        lapses[0].2.contains("co_sell_ready to marketplace"),
        "{}",
        lapses[0].2
    );
    // The audit page names the kind in words.
    let admin = app
        .signed_in("audit@program.example", &["program_admin"], None)
        .await;
    let page = app.html(&admin, "/audit").await;
    assert!(page.contains("Shown status lowered"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fact_changes_racing_catalog_reads_never_leave_a_stale_shown_status() {
    let app = spawn_app().await;
    let (r, seller) = approved_with_seller(&app).await;
    let contacts = |with: bool| {
        if with {
            json!({"contacts": [{"name": "Ann", "email": "ann@contoso.example",
                "role": "partner_sales", "geographies": ["OOO"]}]})
        } else {
            json!({"contacts": []})
        }
    };
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let s = app.api(&seller);
            let done = done.clone();
            tokio::spawn(async move {
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    assert_eq!(s.get("/catalog?status=marketplace").await.status(), 200);
                }
            })
        })
        .collect();
    let editor = app.api(&r.cosell);
    for i in 0..15 {
        let res = editor
            .patch(&format!("/solutions/{}", r.solution), contacts(i % 2 == 1))
            .await;
        assert_eq!(res.status(), 200);
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for reader in readers {
        reader.await.unwrap();
    }
    // The last edit (i = 14) removed the contact again.
    let status: Value = app
        .api(&r.cosell)
        .get(&format!("/solutions/{}/status", r.solution))
        .await
        .json()
        .await
        .unwrap();
    let list: Value = app.api(&seller).get("/catalog").await.json().await.unwrap();
    assert_eq!(list["items"][0]["shown_status"], status["shown_status"]);
    assert_eq!(status["shown_status"], "marketplace");
}
