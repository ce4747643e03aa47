//! Issue 32: the partner's and the reviewer's day, round 2. Each test walks one point through
//! the real server, as the pages are used.

use crate::api_status::{Ready, co_sell_ready, ready_org};
use crate::fixtures;
use crate::helpers::*;
use reqwest::header::LOCATION;
use serde_json::{Value, json};

async fn review_state(app: &TestApp, r: &Ready) -> String {
    let sol: Value = app
        .api(&r.cosell)
        .get(&format!("/solutions/{}", r.solution))
        .await
        .json()
        .await
        .unwrap();
    sol["review_state"].as_str().unwrap().to_string()
}

async fn submit(app: &TestApp, r: &Ready) {
    let res = app
        .api(&r.cosell)
        .post(&format!("/solutions/{}/submit", r.solution), json!({}))
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// Submitted, claimed and approved through the API; the reviewer's token.
async fn approved(app: &TestApp, r: &Ready) -> String {
    submit(app, r).await;
    let rev = app
        .token_for("rev-api@program.example", &["reviewer"], None)
        .await;
    let id = r.solution;
    let api = app.api(&rev);
    assert_eq!(
        api.post(&format!("/solutions/{id}/claim"), json!({}))
            .await
            .status(),
        200
    );
    let res = api
        .post(
            &format!("/solutions/{id}/review"),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    rev
}

fn upload_form(csrf: &str, leave_review: bool, bytes: Vec<u8>) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf.to_string());
    if leave_review {
        form = form.text("leave_review", "1");
    }
    form.part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name("one-pager-v2.pdf"),
    )
}

/// Point 1: on the pages, an upload to a submitted solution asks first; the API acts at once.
#[tokio::test]
async fn an_upload_to_a_solution_waiting_for_review_asks_first() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    submit(&app, &r).await;
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let path = format!("/solutions/{}/documents", r.solution);
    let html = app.html(&partner, &path).await;
    assert!(
        html.contains("id=\"review-state\"") && html.contains("<strong>Submitted</strong>"),
        "the documents page shows the review state"
    );
    assert!(
        html.contains("id=\"waiting-note\"")
            && html.contains("name=\"leave_review\" value=\"1\" required")
            && html.contains("Upload and withdraw from review"),
        "each upload form asks first"
    );
    let csrf = hidden(&html, "csrf");

    // Without the box ticked (a browser without the `required` check): refused, nothing stored.
    let res = partner
        .post(app.url(&format!("{path}/one_pager")))
        .multipart(upload_form(&csrf, false, fixtures::pdf(2)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let page = res.text().await.unwrap();
    let error = page
        .find("id=\"one_pager-error\"")
        .expect("by the one-pager");
    assert!(page[error..].contains("waiting for review"), "{page}");
    assert_eq!(
        review_state(&app, &r).await,
        "submitted",
        "still in the queue"
    );
    assert!(
        !app.audit_kinds()
            .await
            .contains(&"document_replaced".to_string())
    );

    // Ticked: stored, and the solution is a draft again, told by the page.
    let res = partner
        .post(app.url(&format!("{path}/one_pager")))
        .multipart(upload_form(&csrf, true, fixtures::pdf(2)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(review_state(&app, &r).await, "draft");
    let kinds = app.audit_kinds().await;
    assert!(
        kinds.contains(&"withdrawn_by_edit".to_string())
            && kinds.contains(&"document_replaced".to_string())
    );
    let html = app.html(&partner, &path).await;
    assert!(html.contains("<strong>Draft</strong>") && !html.contains("name=\"leave_review\""));

    // The API keeps SPEC 7's rule: an upload withdraws at once.
    submit(&app, &r).await;
    let res = app
        .api(&r.cosell)
        .put_file(
            &format!("/solutions/{}/documents/one_pager", r.solution),
            fixtures::pdf(1),
            "v3.pdf",
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(review_state(&app, &r).await, "draft");
}

/// Point 2: technical validation in a panel of the review page; a bad value stays as typed
/// with its message beside it; afterwards the reviewer is back in the review.
#[tokio::test]
async fn technical_validation_is_recorded_in_the_review_itself() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    submit(&app, &r).await;
    let rev = app
        .signed_in("rev@program.example", &["reviewer"], None)
        .await;
    let review = format!("/review/{}", r.solution);
    let html = app.html(&rev, &review).await;
    let action = format!("action=\"{review}/technical-validation#validation\"");
    assert!(html.contains(&action), "the panel posts to the review");
    let csrf = hidden(&html, "csrf");
    for typed in ["about 60", "150"] {
        let res = rev
            .post(app.url(&format!("{review}/technical-validation")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("percent_on_azure", typed),
                ("note", "Checked the templates"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(
            page.contains(&format!("value=\"{typed}\"")) && page.contains("Checked the templates"),
            "what was typed is kept: {typed}"
        );
        let field = page.find("id=\"percent_on_azure\"").unwrap();
        let message = page
            .find("id=\"percent_on_azure-error\"")
            .expect("by the field");
        assert!(
            message > field && message - field < 1200,
            "next to the field"
        );
        assert!(
            !page.contains("id=\"form-errors\""),
            "not at the top of the page"
        );
        assert!(page.contains("id=\"decision-h\""), "still the review page");
    }
    let res = rev
        .post(app.url(&format!("{review}/technical-validation")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("percent_on_azure", "72,5 %"),
            ("note", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], format!("{review}#validation"));
    let html = app.html(&rev, &review).await;
    assert!(
        html.contains("72.5% of the infrastructure on Azure"),
        "a decimal comma and a % sign are read as meant"
    );
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let page = app
        .html(&partner, &format!("/solutions/{}", r.solution))
        .await;
    assert!(page.contains("class=\"req met\" id=\"req-technical_validation\""));
    let nl = app.html_in(&rev, &review, "nl").await;
    assert!(
        nl.contains("72,5% van de infrastructuur op Azure"),
        "Dutch decimals"
    );
    // The solution page sends reviewers to the review to record it.
    let html = app.html(&rev, &format!("/solutions/{}", r.solution)).await;
    assert!(html.contains(&format!("href=\"{review}#validation\"")));
}

/// Point 3: one truthful status and one truthful save message at every moment.
#[tokio::test]
async fn the_page_never_contradicts_itself() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let path = format!("/solutions/{}", r.solution);

    // An approved solution edited by autosave: the answer replaces the review box (Draft,
    // with its submit button) and the title's state, so the page stops saying "Approved".
    approved(&app, &r).await;
    let html = app.html(&partner, &path).await;
    assert!(html.contains("id=\"title-state\">Approved<"));
    let csrf = hidden(&html, "csrf");
    let version = hidden(&html, "version");
    let res = partner
        .post(app.url(&format!("{path}/autosave")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("geographies", "NL"),
            ("solution_areas", "data_ai"),
            ("industries", "retail"),
            ("customer_sizes", "smb"),
            ("pitch", "Analytics for every store, now weekly."),
            ("contact_name", "Ann"),
            ("contact_email", "ann@contoso.example"),
            ("contact_job_title", ""),
            ("contact_role", "partner_sales"),
            ("contact_geographies", "OOO"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let fragment = res.text().await.unwrap();
    let rb = fragment
        .find("id=\"review\" aria-labelledby=\"review-h\" hx-swap-oob=\"true\"")
        .expect("the review box, replaced in place");
    assert!(fragment[rb..].contains("Review: Draft") && fragment[rb..].contains("/submit\""));
    assert!(fragment.contains("id=\"title-state\" hx-swap-oob=\"true\">Draft<"));
    assert!(fragment.contains("Saved at"));
    assert!(
        fragment.contains("<div id=\"form-errors-slot\" hx-swap-oob=\"true\"></div>"),
        "no older banner stays beside the new save message"
    );

    // A partial save says what was saved; the page shown later does not say "Nothing was saved".
    let version = (version.parse::<i64>().unwrap() + 1).to_string();
    let res = partner
        .post(app.url(&format!("{path}/autosave")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("geographies", "NL"),
            ("pitch", &"x".repeat(1001)),
        ])
        .send()
        .await
        .unwrap();
    let fragment = res.text().await.unwrap();
    assert!(fragment.contains("Saved what was valid"));
    assert!(!fragment.contains("Nothing was saved"));
    let html = app.html(&partner, &path).await;
    assert!(
        html.contains("id=\"draft\"") && !html.contains("Nothing was saved"),
        "{html}"
    );

    // An offer that is not live: one status, which does not claim the marketplace.
    let dev = app
        .token_for("dev2@contoso.example", &["developer"], Some(r.org))
        .await;
    let res = app
        .api(&dev)
        .post(&format!("/offers/{}/stop", r.offer), json!({}))
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let html = app.html(&partner, &path).await;
    assert!(!html.contains("On the marketplace"));
    assert!(html.contains("status-marketplace\">Not co-sell ready<"));
}

/// Point 5: the partner's "Fix this" for technical validation says who records it and what
/// to do meanwhile.
#[tokio::test]
async fn a_partner_is_told_who_records_technical_validation() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let path = format!("/solutions/{}", r.solution);
    let html = app.html(&partner, &path).await;
    assert!(
        html.contains(&format!("href=\"{path}#validation\"")),
        "a Fix this link leads to the section"
    );
    let section = &html[html.find("id=\"validation-none\"").expect("explained")..];
    assert!(
        section.contains("reviewers record it after you submit") && section.contains("Meanwhile"),
        "{section}"
    );
    assert!(
        !html.contains("action=\"/review/"),
        "no reviewer's form for partners"
    );
}

/// Point 6: removing one's own last account-admin role is refused in that user's row, with
/// the boxes as they were sent; the invitation form stays clean.
#[tokio::test]
async fn a_refused_role_change_is_told_in_its_own_row() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let aa = app
        .signed_in(
            "aa@contoso.example",
            &["account_admin", "manager"],
            Some(org),
        )
        .await;
    let users = format!("/organizations/{org}/users");
    let html = app.html(&aa, &users).await;
    let csrf = hidden(&html, "csrf");
    let me: i64 = html
        .split("action=\"/users/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap()
        .parse()
        .unwrap();
    let res = aa
        .post(app.url(&format!("/users/{me}/roles")))
        .form(&[("csrf", csrf.as_str()), ("roles", "manager")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    let page = res.text().await.unwrap();
    let row = page.find(&format!("id=\"user-{me}\"")).expect("the row");
    let error = page
        .find(&format!("id=\"roles-{me}-error\""))
        .expect("the message in the row");
    let invite = page.find("id=\"invite-h\"").unwrap_or(page.len());
    assert!(row < error && error < invite, "next to the role change");
    let row_html = &page[row..error];
    assert!(
        row_html.contains("value=\"manager\" type=\"checkbox\" checked")
            && !row_html.contains("value=\"account_admin\" type=\"checkbox\" checked"),
        "the boxes as they were sent"
    );
    assert!(
        !page.contains("id=\"form-errors\""),
        "nothing in the invite form"
    );
}

/// Point 7: a replaced document is shown old beside new, and the decision panel names the
/// status an approval awards.
#[tokio::test]
async fn the_review_shows_a_replaced_document_beside_the_approved_one() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    approved(&app, &r).await;
    app.api(&r.cosell)
        .put_file(
            &format!("/solutions/{}/documents/one_pager", r.solution),
            fixtures::pdf(2),
            "one-pager-2027.pdf",
        )
        .await;
    submit(&app, &r).await;
    let rev = app
        .signed_in("rev@program.example", &["reviewer"], None)
        .await;
    let review = format!("/review/{}", r.solution);
    let html = app.html(&rev, &review).await;
    let change = &html[html
        .find("id=\"change-one_pager-h\"")
        .expect("a section for the replaced one-pager")..];
    let change = &change[..change.find("</section>").unwrap()];
    assert!(
        change.contains("one.pdf") && change.contains("1 page"),
        "the approved version: {change}"
    );
    assert!(
        change.contains("one-pager-2027.pdf") && change.contains("2 pages"),
        "the new version: {change}"
    );
    assert_eq!(change.matches("/thumbnail\"").count(), 2, "both thumbnails");
    for link in change
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
    {
        let res = rev.get(app.url(link)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{link}");
    }
    assert!(
        !html.contains("id=\"change-pitch_deck-h\""),
        "unchanged ones are not"
    );
    // Claimed, the decision panel names the award.
    let csrf = hidden(&html, "csrf");
    rev.post(app.url(&format!("{review}/claim")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let html = app.html(&rev, &review).await;
    let engine = crate::api_status::status(&app, &r.cosell, r.solution, None).await;
    let words = match engine["status"].as_str().unwrap() {
        "co_sell_ready" => "Co-sell ready",
        "azure_ip_co_sell" => "Azure IP co-sell incentive",
        other => panic!("a ready solution supports more than {other}"),
    };
    assert!(
        html.contains(&format!(
            "id=\"approve-awards\">Approving now awards the status {words}."
        )),
        "{html}"
    );
}

/// Point 8: the audit log in words and names, revenue pages naming offers and organizations,
/// counts in number.
#[tokio::test]
async fn the_audit_log_and_revenue_pages_speak_in_words_and_names() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    submit(&app, &r).await;
    let aa = app
        .token_for("aa2@contoso.example", &["account_admin"], Some(r.org))
        .await;
    let res = app
        .api(&aa)
        .post(
            &format!("/organizations/{}/users", r.org),
            json!({"email": "new@contoso.example", "password": "correct horse battery",
                "roles": ["cosell_admin"]}),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    let pa = app
        .signed_in("pa@program.example", &["program_admin"], None)
        .await;
    for lang in ["en", "nl"] {
        let html = app.html_in(&pa, "/audit", lang).await;
        let body = &html[html.find("<tbody>").unwrap()..];
        let numbers = [
            format!("solution {}", r.solution),
            format!("offer {}", r.offer),
        ];
        let codes = ["cosell_admin", "draft -&gt; submitted", "draft → submitted"];
        for code in codes
            .iter()
            .copied()
            .chain(numbers.iter().map(String::as_str))
        {
            assert!(!body.contains(code), "{lang}: {code} in {body}");
        }
        assert!(body.contains(">Contoso</a>"), "the organization by name");
        assert!(
            body.contains("“Contoso Analytics”"),
            "the solution by its offer"
        );
    }
    let nl = app.html_in(&pa, "/audit", "nl").await;
    assert!(nl.contains("Concept → Ingediend"), "states in Dutch");
    // Every detail told in Dutch: none of the stored English is left.
    let body = &nl[nl.find("<tbody>").unwrap()..nl.find("</tbody>").unwrap()];
    let details: Vec<&str> = body
        .split("<tr>")
        .skip(1)
        .map(|row| row.rsplit("<td>").next().unwrap_or(row))
        .collect();
    for english in [
        " created",
        " changed",
        "version ",
        "saved",
        "replaced by",
        "uploaded",
        "roles ",
        "offer ",
        " by ",
        "true",
        "false",
        "(none)",
    ] {
        let found: Vec<&&str> = details.iter().filter(|d| d.contains(english)).collect();
        assert!(
            found.is_empty(),
            "English {english:?} in Dutch details: {found:#?}"
        );
    }

    // Revenue: one row, the offer by its name.
    let csv = format!(
        "mpn_id,month,kind,amount_usd,offer_id\n123456,2026-10,marketplace_billed,114000.00,{}\n",
        r.offer
    );
    let html = app.html(&pa, "/revenue/import").await;
    let csrf = hidden(&html, "csrf");
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("revenue.csv"),
    );
    let res = pa
        .post(app.url("/revenue/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("One row imported."), "{html}");
    assert!(html.contains(">Contoso</a>") && html.contains("Contoso Analytics"));
    let page = app
        .html(&pa, &format!("/organizations/{}/revenue", r.org))
        .await;
    assert!(page.contains(&format!(
        "<a href=\"/offers/{}\">Contoso Analytics</a>",
        r.offer
    )));
    // Dutch amounts, in the checklist too.
    let sol = app
        .html_in(&pa, &format!("/solutions/{}", r.solution), "nl")
        .await;
    assert!(
        sol.contains("USD 114.000,00") && !sol.contains("USD 114,000.00"),
        "{sol}"
    );
}

/// Point 9: the queue sorts, "claim and open the next" takes the next unclaimed one, and a
/// reviewer's notification of a submission is done once decided, never twice unread.
#[tokio::test]
async fn the_queue_sorts_claims_the_next_and_closes_its_notifications() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let rev = app
        .signed_in("rev@program.example", &["reviewer"], None)
        .await;
    // Submitted, withdrawn by an edit, submitted again: one unread notification.
    submit(&app, &r).await;
    app.api(&r.cosell)
        .patch(
            &format!("/solutions/{}", r.solution),
            json!({"pitch": "Analytics for every store, weekly."}),
        )
        .await;
    submit(&app, &r).await;
    // Unread notifications about Contoso's solution.
    let unread = |html: &str| {
        html.split("<li class=\"card")
            .skip(1)
            .filter(|item| item.starts_with(" unread\"") && item.contains("Contoso Analytics"))
            .count()
    };
    let html = app.html(&rev, "/notifications").await;
    assert_eq!(unread(&html), 1, "{html}");

    // A second organization, submitted later, whose name sorts first.
    let other = ready_org(&app, &r.admin, "Adatum", "654321", "Adatum Insights").await;
    submit(&app, &other).await;
    let order = |html: &str| {
        let (c, a) = (html.find("Contoso Analytics"), html.find("Adatum Insights"));
        c.unwrap() < a.unwrap()
    };
    assert!(
        order(&app.html(&rev, "/review").await),
        "waiting longest first"
    );
    let html = app.html(&rev, "/review?sort=organization").await;
    assert!(!order(&html), "by organization: Adatum first");
    assert!(html.contains("<option value=\"organization\" selected>"));
    assert!(
        order(&app.html(&rev, "/review?sort=status").await),
        "ties keep the waiting order"
    );
    let csrf = hidden(&html, "csrf");
    let res = rev
        .post(app.url("/review/next"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("sort", "status"),
            ("offer_type", ""),
            ("status", ""),
            ("geography", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], format!("/review/{}", r.solution));
    let next = |sort: &'static str| {
        rev.post(app.url("/review/next"))
            .form(&[("csrf", csrf.clone()), ("sort", sort.to_string())])
            .send()
    };
    let res = next("status").await.unwrap();
    assert_eq!(
        res.headers()[LOCATION],
        format!("/review/{}", other.solution),
        "the one after"
    );
    let res = next("status").await.unwrap();
    assert_eq!(res.status(), 303);
    let back = res.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(
        back.starts_with("/review?") && back.contains("sort=status"),
        "{back}"
    );
    let html = app.html(&rev, &back).await;
    assert!(html.contains("Nothing is waiting to be claimed here"));

    let res = rev
        .post(app.url(&format!("/review/{}/decide", r.solution)))
        .form(&[("csrf", csrf.as_str()), ("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = app.html(&rev, "/notifications").await;
    assert_eq!(unread(&html), 0, "decided: the submission needs nobody now");
}
