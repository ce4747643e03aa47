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
    assert!(
        !html.contains(&format!("action=\"/solutions/{}/withdraw\"", r.solution)),
        "nothing to withdraw while changes are requested (issue 32)"
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

/// The text of a textarea in a page (the first with that id).
fn textarea(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("<textarea id=\"{id}\""))
        .unwrap_or_else(|| panic!("a textarea #{id}"));
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let close = open_end + html[open_end..].find("</textarea>").unwrap();
    html[open_end..close].to_string()
}

/// Follows a redirect with the same client: the page it leads to, with its flash message.
async fn follow(app: &TestApp, client: &reqwest::Client, res: reqwest::Response) -> String {
    assert_eq!(res.status(), 303, "a redirect");
    let to = res.headers()[LOCATION].to_str().unwrap().to_string();
    app.html(client, &to).await
}

#[tokio::test]
async fn a_reviewers_unsent_reason_and_comment_are_kept_until_sent() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    app.api(&r.cosell)
        .post(&format!("/solutions/{}/submit", r.solution), json!({}))
        .await;
    let rev = app
        .signed_in("rev@program.example", &["reviewer"], None)
        .await;
    let page = format!("/review/{}", r.solution);
    let html = app.html(&rev, &page).await;
    let claim = html.find("/claim\"").expect("a claim button");
    assert!(
        claim < html.find("id=\"submitted-h\"").unwrap()
            && claim < html.find("id=\"diff-h\"").unwrap(),
        "the claim comes first, above the page as submitted"
    );
    let csrf = hidden(&html, "csrf");
    let res = app
        .post_form(&rev, &format!("{page}/claim"), &[("csrf", csrf.as_str())])
        .await;
    let html = follow(&app, &rev, res).await;
    assert!(html.contains("Claimed: the solution is yours to review."));
    let approve = html.find("value=\"approve\"").expect("an approve button");
    assert!(
        approve < html.find("id=\"submitted-h\"").unwrap(),
        "the decision sits on top"
    );
    assert_eq!(textarea(&html, "reason"), "");

    // What the page's script sends while the reviewer types.
    for form in [
        [
            ("csrf", csrf.as_str()),
            ("decision", "request_changes"),
            ("reason", "Half a <thought>"),
        ],
        [("csrf", csrf.as_str()), ("body", "Note to self"), ("x", "")],
    ] {
        let res = app.post_form(&rev, &format!("{page}/draft"), &form).await;
        assert_eq!(res.status(), 204);
    }
    let html = app.html(&rev, &page).await;
    assert_eq!(
        textarea(&html, "reason"),
        "Half a &#60;thought&#62;",
        "kept, escaped"
    );
    assert_eq!(textarea(&html, "comment-body"), "Note to self");

    // Kept for that reviewer only; partners cannot keep anything here.
    let other = app
        .signed_in("rev2@program.example", &["reviewer"], None)
        .await;
    let html = app.html(&other, &page).await;
    assert!(!html.contains("Half a") && !html.contains("Note to self"));
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let pcsrf = app
        .csrf_of(&partner, &format!("/solutions/{}", r.solution))
        .await;
    let res = app
        .post_form(
            &partner,
            &format!("{page}/draft"),
            &[("csrf", pcsrf.as_str()), ("reason", "x")],
        )
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .post_form(&rev, &format!("{page}/draft"), &[("reason", "no token")])
        .await;
    assert_eq!(res.status(), 403, "the token is checked");

    // Sending the comment empties its box, not the reason's.
    let res = app
        .post_form(
            &rev,
            &format!("{page}/comments"),
            &[("csrf", csrf.as_str()), ("body", "Note to self")],
        )
        .await;
    let html = follow(&app, &rev, res).await;
    assert!(html.contains("Comment added."));
    assert_eq!(textarea(&html, "comment-body"), "");
    assert_eq!(textarea(&html, "reason"), "Half a &#60;thought&#62;");

    // A refused decision shows what was sent, with the error beside the box.
    let long = "x".repeat(4001);
    let res = app
        .post_form(
            &rev,
            &format!("{page}/decide"),
            &[
                ("csrf", csrf.as_str()),
                ("decision", "request_changes"),
                ("reason", long.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(textarea(&html, "reason"), long);
    assert!(html.contains("id=\"reason-error\""));

    let res = app
        .post_form(
            &rev,
            &format!("{page}/decide"),
            &[
                ("csrf", csrf.as_str()),
                ("decision", "request_changes"),
                ("reason", "Add a German contact."),
            ],
        )
        .await;
    let html = follow(&app, &rev, res).await;
    assert!(
        html.contains("Changes requested: the partner sees your reason"),
        "the queue tells what the decision did"
    );

    // Once decided, the unsent reason is gone: the next review starts empty.
    app.api(&r.cosell)
        .post(&format!("/solutions/{}/submit", r.solution), json!({}))
        .await;
    let res = app
        .post_form(&rev, &format!("{page}/claim"), &[("csrf", csrf.as_str())])
        .await;
    let html = follow(&app, &rev, res).await;
    assert_eq!(textarea(&html, "reason"), "");
    let res = app
        .post_form(
            &rev,
            &format!("{page}/decide"),
            &[("csrf", csrf.as_str()), ("decision", "approve")],
        )
        .await;
    let html = follow(&app, &rev, res).await;
    assert!(html.contains("Approved: the solution is in the catalog"));
}

#[tokio::test]
async fn the_diff_sets_order_aside_and_says_what_came_and_went() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let reviewer = app
        .token_for("approver@program.example", &["reviewer"], None)
        .await;
    let path = format!("/solutions/{}", r.solution);
    app.api(&r.cosell)
        .patch(&path, json!({"industries": ["retail", "education"]}))
        .await;
    crate::api_catalog::approve(&app, &r.cosell, &reviewer, r.solution).await;
    // The same industries in another order, one geography more (with its contact).
    app.api(&r.cosell)
        .patch(&path, json!({"industries": ["education", "retail"], "geographies": ["NL", "BE"], "contacts": [
            {"name": "Ann", "email": "ann@contoso.example", "role": "partner_sales", "geographies": ["OOO"]}]}))
        .await;
    app.api(&r.cosell)
        .post(&format!("{path}/submit"), json!({}))
        .await;
    let rev = app
        .signed_in("rev@program.example", &["reviewer"], None)
        .await;
    let html = app.html(&rev, &format!("/review/{}", r.solution)).await;
    let row = |label: &str| {
        let start = html
            .find(&format!("<th scope=\"row\">{label}"))
            .unwrap_or_else(|| panic!("a row {label}"));
        html[start..start + html[start..].find("</tr>").unwrap()].to_string()
    };
    let geo = row("Geographies");
    assert!(
        geo.contains("(changed)") && geo.contains("Added: Belgium"),
        "{geo}"
    );
    assert!(!geo.contains("Removed:"));
    let industries = row("Target industries");
    assert!(
        !industries.contains("(changed)") && industries.contains("Only the order differs"),
        "{industries}"
    );
    assert!(
        !row("Sales contacts").contains("(changed)"),
        "{}",
        row("Sales contacts")
    );
}
