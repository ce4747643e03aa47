use crate::api_status::co_sell_ready;
use crate::helpers::*;
use serde_json::{Value, json};

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    let res = app.api(token).post(path, body).await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn submission_runs_the_automated_review() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    // Break one requirement: the chosen geography loses its sales contact.
    app.api(&r.cosell)
        .patch(
            &format!("/solutions/{}", r.solution),
            json!({"contacts": []}),
        )
        .await;
    let (status, body) = post(
        &app,
        &r.cosell,
        &format!("/solutions/{}/submit", r.solution),
        json!({}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "requirements_unmet");
    assert!(
        body["error"]["unmet"]
            .as_array()
            .unwrap()
            .contains(&json!("sales_contacts"))
    );
    assert!(
        !body["error"]["unmet"]
            .as_array()
            .unwrap()
            .contains(&json!("business_profile"))
    );
    let got: Value = app
        .api(&r.cosell)
        .get(&format!("/solutions/{}", r.solution))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        got["review_state"], "draft",
        "a refused submission changes nothing"
    );
}

#[tokio::test]
async fn the_full_review_state_machine_and_the_awarded_status() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let id = r.solution;
    let rev1 = app
        .token_for("rev1@program.example", &["reviewer"], None)
        .await;
    let rev2 = app
        .token_for("rev2@program.example", &["reviewer"], None)
        .await;

    assert_eq!(
        post(
            &app,
            &r.cosell,
            &format!("/solutions/{id}/withdraw"),
            json!({})
        )
        .await
        .0,
        409,
        "nothing to withdraw"
    );
    assert_eq!(
        post(&app, &rev1, &format!("/solutions/{id}/claim"), json!({}))
            .await
            .0,
        409,
        "not submitted"
    );
    let (s, body) = post(
        &app,
        &r.cosell,
        &format!("/solutions/{id}/submit"),
        json!({}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(body["review_state"], "submitted");
    assert_eq!(
        post(
            &app,
            &r.cosell,
            &format!("/solutions/{id}/submit"),
            json!({})
        )
        .await
        .0,
        409
    );

    let queue: Value = app
        .api(&rev1)
        .get("/review-queue")
        .await
        .json()
        .await
        .unwrap();
    let item = &queue["items"][0];
    assert_eq!(item["id"], id);
    assert_eq!(item["status_sought"], "azure_ip_co_sell");
    assert!(item["waiting_seconds"].as_i64().unwrap() >= 0);
    assert_eq!(item["claimed_by"], Value::Null);

    assert_eq!(
        post(
            &app,
            &rev1,
            &format!("/solutions/{id}/review"),
            json!({"decision": "approve"})
        )
        .await
        .0,
        409,
        "claim first"
    );
    assert_eq!(
        post(&app, &rev1, &format!("/solutions/{id}/claim"), json!({}))
            .await
            .1["review_state"],
        "in_review"
    );
    let (s, body) = post(&app, &rev2, &format!("/solutions/{id}/claim"), json!({})).await;
    assert_eq!(s, 409);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("rev1@program.example"),
        "others see who has it"
    );
    let queue: Value = app
        .api(&rev2)
        .get("/review-queue")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue["items"][0]["claimed_by"], "rev1@program.example");

    let (s, body) = post(
        &app,
        &rev1,
        &format!("/solutions/{id}/review"),
        json!({"decision": "request_changes"}),
    )
    .await;
    assert_eq!(s, 400, "a reason is required");
    assert_eq!(body["error"]["field"], "reason");
    let (s, body) = post(
        &app,
        &rev1,
        &format!("/solutions/{id}/review"),
        json!({"decision": "request_changes", "reason": "Add a German sales contact."}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(body["review_state"], "changes_requested");
    let partner_view: Value = app
        .api(&r.cosell)
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        partner_view["review_reason"], "Add a German sales contact.",
        "the partner sees the reason"
    );

    // An edit makes a new draft; submit again; approve.
    app.api(&r.cosell)
        .patch(
            &format!("/solutions/{id}"),
            json!({"pitch": "Analytics for every store, now in Germany too."}),
        )
        .await;
    let got: Value = app
        .api(&r.cosell)
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["review_state"], "draft");
    post(
        &app,
        &r.cosell,
        &format!("/solutions/{id}/submit"),
        json!({}),
    )
    .await;
    post(&app, &rev2, &format!("/solutions/{id}/claim"), json!({})).await;
    let (s, body) = post(
        &app,
        &rev2,
        &format!("/solutions/{id}/review"),
        json!({"decision": "approve"}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(body["review_state"], "approved");
    assert_eq!(
        post(
            &app,
            &r.cosell,
            &format!("/solutions/{id}/withdraw"),
            json!({})
        )
        .await
        .0,
        409,
        "no withdrawal after approval"
    );

    let status: Value = app
        .api(&r.cosell)
        .get(&format!("/solutions/{id}/status"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["awarded_status"], "co_sell_ready");
    assert_eq!(status["shown_status"], "co_sell_ready");
    // A stopped offer lowers the shown status at once, without a new review.
    let dev = app
        .token_for("dev9@contoso.example", &["developer"], Some(r.org))
        .await;
    app.api(&dev)
        .post(&format!("/offers/{}/stop", r.offer), json!({}))
        .await;
    let status: Value = app
        .api(&r.cosell)
        .get(&format!("/solutions/{id}/status"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["status"], "marketplace");
    assert_eq!(status["awarded_status"], "co_sell_ready");
    assert_eq!(status["shown_status"], "marketplace");
    app.api(&dev)
        .post(&format!("/offers/{}/publish", r.offer), json!({}))
        .await;
    let kinds = app.audit_kinds().await;
    for k in [
        "solution_submitted",
        "solution_claimed",
        "changes_requested",
        "new_draft",
        "solution_approved",
    ] {
        assert!(kinds.contains(&k.to_string()), "{k} is in the audit log");
    }
}

#[tokio::test]
async fn editing_a_submitted_solution_takes_it_out_of_the_queue() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let id = r.solution;
    let rev = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    post(
        &app,
        &r.cosell,
        &format!("/solutions/{id}/submit"),
        json!({}),
    )
    .await;
    post(&app, &rev, &format!("/solutions/{id}/claim"), json!({})).await;
    app.api(&r.cosell)
        .put_file(
            &format!("/solutions/{id}/documents/one_pager"),
            crate::fixtures::pdf(2),
            "v2.pdf",
        )
        .await;
    let got: Value = app
        .api(&r.cosell)
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["review_state"], "draft", "an upload is an edit too");
    let queue: Value = app
        .api(&rev)
        .get("/review-queue")
        .await
        .json()
        .await
        .unwrap();
    assert!(queue["items"].as_array().unwrap().is_empty());
    assert!(
        app.audit_kinds()
            .await
            .contains(&"withdrawn_by_edit".to_string()),
        "the reviewer can see why it left"
    );

    post(
        &app,
        &r.cosell,
        &format!("/solutions/{id}/submit"),
        json!({}),
    )
    .await;
    let (s, body) = post(
        &app,
        &r.cosell,
        &format!("/solutions/{id}/withdraw"),
        json!({}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(body["review_state"], "withdrawn");
    assert_eq!(
        post(
            &app,
            &r.cosell,
            &format!("/solutions/{id}/submit"),
            json!({})
        )
        .await
        .0,
        200,
        "a withdrawn solution can be submitted again"
    );
}

#[tokio::test]
async fn the_queue_is_for_reviewers_and_filters() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let rev = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    post(
        &app,
        &r.cosell,
        &format!("/solutions/{}/submit", r.solution),
        json!({}),
    )
    .await;
    assert_eq!(
        app.api(&r.cosell).get("/review-queue").await.status(),
        403,
        "partners never see the queue"
    );
    assert_eq!(
        post(
            &app,
            &r.cosell,
            &format!("/solutions/{}/claim", r.solution),
            json!({})
        )
        .await
        .0,
        403
    );
    assert_eq!(
        post(
            &app,
            &rev,
            &format!("/solutions/{}/submit", r.solution),
            json!({})
        )
        .await
        .0,
        403
    );
    let seller = app
        .token_for("sel@program.example", &["seller"], None)
        .await;
    assert_eq!(app.api(&seller).get("/review-queue").await.status(), 403);

    let count = |v: Value| v["items"].as_array().unwrap().len();
    assert_eq!(
        count(
            app.api(&rev)
                .get("/review-queue?offer_type=saas")
                .await
                .json()
                .await
                .unwrap()
        ),
        1
    );
    assert_eq!(
        count(
            app.api(&rev)
                .get("/review-queue?offer_type=teams_app")
                .await
                .json()
                .await
                .unwrap()
        ),
        0
    );
    assert_eq!(
        count(
            app.api(&rev)
                .get("/review-queue?status=azure_ip_co_sell")
                .await
                .json()
                .await
                .unwrap()
        ),
        1
    );
    assert_eq!(
        count(
            app.api(&rev)
                .get("/review-queue?status=bizapps_co_sell")
                .await
                .json()
                .await
                .unwrap()
        ),
        0
    );
    assert_eq!(
        count(
            app.api(&rev)
                .get("/review-queue?geography=nl")
                .await
                .json()
                .await
                .unwrap()
        ),
        1
    );
    assert_eq!(
        count(
            app.api(&rev)
                .get("/review-queue?geography=FR")
                .await
                .json()
                .await
                .unwrap()
        ),
        0
    );
    assert_eq!(
        app.api(&rev)
            .get("/review-queue?offer_type=toaster")
            .await
            .status(),
        400
    );
}
