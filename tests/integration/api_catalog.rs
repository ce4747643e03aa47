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
