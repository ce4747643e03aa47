use crate::api_status::co_sell_ready;
use crate::helpers::*;
use reqwest::header::LOCATION;
use serde_json::json;

#[tokio::test]
async fn a_solution_goes_through_review_on_the_pages() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let path = format!("/solutions/{}", r.solution);
    let html = app.html(&partner, &path).await;
    assert!(
        html.contains("action=\"/solutions/") && html.contains("/submit\""),
        "a submit button on the page"
    );
    let csrf = hidden(&html, "csrf");

    // Break a requirement: the submission is refused and says which.
    app.api(&r.cosell)
        .patch(&path, json!({"contacts": []}))
        .await;
    let res = partner
        .post(app.url(&format!("{path}/submit")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("not met yet: a partner sales contact for every geography")
    );
    app.api(&r.cosell).patch(&path, json!({"contacts": [{"name": "Ann", "email": "ann@contoso.example", "role": "partner_sales", "geographies": ["OOO"]}]})).await;
    let res = partner
        .post(app.url(&format!("{path}/submit")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    // The reviewer works the queue.
    let rev = app
        .signed_in("rev@program.example", &["reviewer"], None)
        .await;
    assert_eq!(
        rev.get(app.url("/")).send().await.unwrap().headers()[LOCATION],
        "/review"
    );
    let html = app.html(&rev, "/review").await;
    assert!(
        html.contains("Contoso Analytics") && html.contains("Azure IP co-sell incentive"),
        "the queue shows the status sought"
    );
    let rcsrf = hidden(&html, "csrf");
    let res = rev
        .post(app.url(&format!("/review/{}/claim", r.solution)))
        .form(&[("csrf", rcsrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = app.html(&rev, &format!("/review/{}", r.solution)).await;
    assert!(html.contains("Never approved before") && html.contains("id=\"checklist\""));
    assert!(
        html.contains("one.pdf") && html.contains("1 page"),
        "documents with their page counts"
    );
    let doc_link = html
        .split("href=\"/review/")
        .find(|s| s.contains("/documents/"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let res = rev
        .get(app.url(&format!("/review/{doc_link}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("sandbox"),
        "a document never runs script in the portal's origin"
    );

    let res = rev
        .post(app.url(&format!("/review/{}/comments", r.solution)))
        .form(&[
            ("csrf", rcsrf.as_str()),
            ("body", "Internal: the deck is thin."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = app.html(&rev, &format!("/review/{}", r.solution)).await;
    assert!(html.contains("Internal: the deck is thin."));

    let res = rev
        .post(app.url(&format!("/review/{}/decide", r.solution)))
        .form(&[
            ("csrf", rcsrf.as_str()),
            ("decision", "request_changes"),
            ("reason", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "a reason is required");
    let res = rev
        .post(app.url(&format!("/review/{}/decide", r.solution)))
        .form(&[
            ("csrf", rcsrf.as_str()),
            ("decision", "request_changes"),
            ("reason", "Please add a German contact."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = app.html(&partner, &path).await;
    assert!(
        html.contains("The reviewer asks for changes:")
            && html.contains("Please add a German contact.")
    );
    assert!(
        !html.contains("the deck is thin"),
        "partners never see reviewers' comments"
    );
    let dashboard = app
        .html(&partner, &format!("/organizations/{}/dashboard", r.org))
        .await;
    assert!(
        dashboard.contains("Please add a German contact."),
        "the reason shows on the dashboard too"
    );

    // Resubmit, approve; the partner's later draft does not leak into the catalog.
    app.api(&r.cosell)
        .post(&format!("/solutions/{}/submit", r.solution), json!({}))
        .await;
    app.api(
        &app.token_for("rev2@program.example", &["reviewer"], None)
            .await,
    )
    .post(&format!("/solutions/{}/claim", r.solution), json!({}))
    .await;
    let html = app.html(&rev, &format!("/review/{}", r.solution)).await;
    assert!(html.contains("Claimed by rev2@program.example"));
    let rev2 = app
        .signed_in("rev3@program.example", &["reviewer", "program_admin"], None)
        .await;
    let c2 = app.csrf_of(&rev2, "/review").await;
    let res = rev2
        .post(app.url(&format!("/review/{}/decide", r.solution)))
        .form(&[("csrf", c2.as_str()), ("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    app.api(&r.cosell)
        .patch(&path, json!({"pitch": "Draft words nobody should see."}))
        .await;

    let seller = app
        .signed_in("sel@program.example", &["seller"], None)
        .await;
    let html = app.html(&seller, "/catalog?q=store").await;
    assert!(html.contains("Contoso Analytics") && html.contains("Analytics for every store."));
    assert!(!html.contains("Draft words"));
    let html = app.html(&seller, &format!("/catalog/{}", r.solution)).await;
    assert!(
        html.contains("Netherlands (NL)") && html.contains("ann@contoso.example"),
        "contacts per geography"
    );
    assert!(html.contains(&format!("/catalog/{}/documents/one_pager", r.solution)));
    let res = seller
        .get(app.url(&format!("/catalog/{}/documents/pitch_deck", r.solution)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = app.html(&seller, "/catalog?q=banana").await;
    assert!(html.contains("No approved solution matches."));
    assert_eq!(
        partner
            .get(app.url("/catalog"))
            .send()
            .await
            .unwrap()
            .status(),
        403,
        "partners never see the catalog"
    );
    assert_eq!(
        partner
            .get(app.url("/review"))
            .send()
            .await
            .unwrap()
            .status(),
        403,
        "nor the queue"
    );
}
