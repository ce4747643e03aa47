//! Co-sell referrals (SPEC 13, issue 35): the API on the real server, who sees what (customer
//! contacts above all), the guarded changes under a race, and the jobs on a clock the test
//! moves.

use crate::api_status::{Ready, co_sell_ready};
use crate::helpers::*;
use serde_json::{Value, json};

struct Deal {
    r: Ready,
    seller: String,
    partner: String,
    manager: String,
    developer: String,
    reviewer: String,
}

/// An approved co-sell-ready solution, a seller, the partner's co-sell admin and manager.
async fn deal(app: &TestApp) -> Deal {
    let r = co_sell_ready(app).await;
    let reviewer = app
        .token_for("rita@program.example", &["reviewer"], None)
        .await;
    crate::api_catalog::approve(app, &r.cosell, &reviewer, r.solution).await;
    let seller = app
        .token_for("sam@program.example", &["seller"], None)
        .await;
    let manager = app
        .token_for("mia@contoso.example", &["manager"], Some(r.org))
        .await;
    let developer = app
        .token_for("dev2@contoso.example", &["developer"], Some(r.org))
        .await;
    Deal {
        partner: r.cosell.clone(),
        r,
        seller,
        manager,
        developer,
        reviewer,
    }
}

fn customer() -> Value {
    json!({"company_name": "Fabrikam Pharma", "country": "nl", "industry": "healthcare",
        "size": "enterprise", "contact_name": "Anna de Vries",
        "contact_email": "anna@fabrikam-pharma.example", "contact_phone": "+31 20 123 4567"})
}

async fn refer(app: &TestApp, token: &str, solution: i64, extra: Value) -> reqwest::Response {
    let mut body = json!({"solution_id": solution, "customer": customer(),
        "need": "Move the trial data platform to Azure."});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    app.api(token).post("/referrals", body).await
}

async fn created(app: &TestApp, token: &str, solution: i64, extra: Value) -> Value {
    let res = refer(app, token, solution, extra).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

/// A POST or PATCH as `token`, its answer's status checked; the JSON answer.
async fn send(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Value,
    status: u16,
) -> Value {
    let api = app.api(token);
    let res = match method {
        "patch" => api.patch(path, body).await,
        _ => api.post(path, body).await,
    };
    json_of(res, status).await
}

/// A GET as `token`, its answer's status checked; the JSON answer.
async fn read(app: &TestApp, token: &str, path: &str, status: u16) -> Value {
    json_of(app.api(token).get(path).await, status).await
}

async fn json_of(res: reqwest::Response, status: u16) -> Value {
    let code = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(code, status, "{body}");
    body
}

#[tokio::test]
async fn a_seller_refers_the_partner_accepts_and_both_work_the_deal_to_won() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let r = created(
        &app,
        &d.seller,
        d.r.solution,
        json!({"deal_value_usd": "250000.00"}),
    )
    .await;
    let id = r["id"].as_i64().unwrap();
    assert_eq!(r["origin"], "program");
    assert_eq!(r["state"], "new");
    assert_eq!(r["waiting_for"], "partner", "who must act next");
    assert_eq!(r["deal_value_usd"], "250000.00", "money as a string");
    assert_eq!(r["customer"]["country"], "NL");
    assert_eq!(r["open_duplicates"], 0);
    let created_at: chrono::DateTime<chrono::Utc> =
        r["created_at"].as_str().unwrap().parse().unwrap();
    let answer_by: chrono::DateTime<chrono::Utc> =
        r["answer_by"].as_str().unwrap().parse().unwrap();
    assert_eq!(answer_by - created_at, chrono::Duration::hours(72));

    // The partner's co-sell admin sees it, contacts included, and accepts it.
    let list = read(&app, &d.partner, "/referrals?tab=x", 400).await;
    assert_eq!(
        list["error"]["code"], "invalid_query",
        "unknown parameters are named"
    );
    let list = read(&app, &d.partner, "/referrals?state=new", 200).await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        list["items"][0]["customer"]["contact_email"],
        "anna@fabrikam-pharma.example"
    );
    let bad = app
        .api(&d.partner)
        .post(
            &format!("/referrals/{id}/accept"),
            json!({"deal_value_usd": 250000, "target_close_date": "2099-03-31"}),
        )
        .await;
    assert_eq!(bad.status(), 400, "a number is not money");
    let past = send(
        &app,
        &d.partner,
        "post",
        &format!("/referrals/{id}/accept"),
        json!({"deal_value_usd": "1.00", "target_close_date": "2020-01-01"}),
        400,
    )
    .await;
    assert!(
        past["error"]["message"]
            .as_str()
            .unwrap()
            .contains("target_close_date"),
        "{past}"
    );
    // The seller is not the receiver of its own referral.
    let theirs = app
        .api(&d.seller)
        .post(
            &format!("/referrals/{id}/accept"),
            json!({"deal_value_usd": "1.00", "target_close_date": "2099-03-31"}),
        )
        .await;
    assert_eq!(theirs.status(), 403);
    let accepted = send(
        &app,
        &d.partner,
        "post",
        &format!("/referrals/{id}/accept"),
        json!({"deal_value_usd": "240000.5", "target_close_date": "2099-03-31"}),
        200,
    )
    .await;
    assert_eq!(accepted["state"], "accepted");
    assert_eq!(accepted["stage"], "qualified");
    assert_eq!(accepted["deal_value_usd"], "240000.50");
    assert!(accepted.get("answer_by").is_none() && accepted.get("waiting_for").is_none());
    let v = accepted["version"].as_i64().unwrap();
    assert_eq!(v, 2);
    // Accepting twice is the wrong state.
    let again = send(
        &app,
        &d.partner,
        "post",
        &format!("/referrals/{id}/accept"),
        json!({"deal_value_usd": "1.00", "target_close_date": "2099-03-31"}),
        409,
    )
    .await;
    assert_eq!(again["error"]["code"], "wrong_state");

    // Either party moves the stage, skipping allowed; a stale version changes nothing.
    let moved = send(
        &app,
        &d.seller,
        "patch",
        &format!("/referrals/{id}"),
        json!({"stage": "committed", "next_steps": "Sign in January.", "version": v}),
        200,
    )
    .await;
    assert_eq!(moved["stage"], "committed");
    let stale = send(
        &app,
        &d.manager,
        "patch",
        &format!("/referrals/{id}"),
        json!({"stage": "qualified", "version": v}),
        409,
    )
    .await;
    assert_eq!(stale["error"]["code"], "stale_version");
    let back = send(
        &app,
        &d.manager,
        "patch",
        &format!("/referrals/{id}"),
        json!({"stage": "technical_validation"}),
        200,
    )
    .await;
    assert_eq!(back["stage"], "technical_validation", "back is allowed too");
    // Won, from any stage; then frozen but for comments.
    let lost_other = send(
        &app,
        &d.partner,
        "post",
        &format!("/referrals/{id}/lost"),
        json!({"lost_reason": "other"}),
        400,
    )
    .await;
    assert!(
        lost_other["error"]["message"]
            .as_str()
            .unwrap()
            .contains("reason")
    );
    let won = send(&app, &d.partner, "post", &format!("/referrals/{id}/won"), json!({"contract_value_usd": "230000.00", "won_on": chrono::Utc::now().date_naive().to_string()}), 200).await;
    assert_eq!(won["state"], "won");
    assert_eq!(won["contract_value_usd"], "230000.00");
    assert!(won["closed_at"].is_string());
    for (token, path, body) in [
        (
            &d.seller,
            format!("/referrals/{id}/lost"),
            json!({"lost_reason": "price"}),
        ),
        (
            &d.partner,
            format!("/referrals/{id}/decline"),
            json!({"reason": "no"}),
        ),
    ] {
        let res = send(&app, token, "post", &path, body, 409).await;
        assert_eq!(res["error"]["code"], "wrong_state", "{path}");
    }
    let frozen = send(
        &app,
        &d.seller,
        "patch",
        &format!("/referrals/{id}"),
        json!({"next_steps": "More"}),
        409,
    )
    .await;
    assert_eq!(frozen["error"]["code"], "wrong_state");
    let commented = send(
        &app,
        &d.seller,
        "post",
        &format!("/referrals/{id}/comments"),
        json!({"body": "Congratulations!"}),
        201,
    )
    .await;
    assert_eq!(commented["comments"][0]["body"], "Congratulations!");

    // Every change is audited, without contact details, amounts or reasons.
    let audit: Vec<cosell::db::audit::Row> =
        cosell::db::audit::list(&app.state.db, &cosell::db::audit::Filter::default(), 100, 0)
            .await
            .unwrap();
    let kinds: Vec<&str> = audit
        .iter()
        .map(|e| e.kind.as_str())
        .filter(|k| k.starts_with("referral"))
        .collect();
    assert_eq!(
        kinds,
        [
            "referral_commented",
            "referral_won",
            "referral_updated",
            "referral_updated",
            "referral_accepted",
            "referral_created"
        ]
    );
    for e in audit.iter().filter(|e| e.kind.starts_with("referral")) {
        for secret in [
            "anna", "Anna", "+31", "240000", "250000", "230000", "Sign in",
        ] {
            assert!(!e.detail.contains(secret), "{}: {}", e.kind, e.detail);
        }
    }
    // The other party is told, in the app and by mail in their language, without contacts.
    let mails = app.outbox().await;
    let told: Vec<(&str, &str)> = mails
        .iter()
        .filter(|m| m.kind.starts_with("referral"))
        .map(|m| (m.kind.as_str(), m.recipient.as_str()))
        .collect();
    assert!(
        told.contains(&("referral_created", "cosell@contoso.example")),
        "{told:?}"
    );
    assert!(
        told.contains(&("referral_created", "mia@contoso.example")),
        "{told:?}"
    );
    assert!(
        told.contains(&("referral_accepted", "sam@program.example")),
        "{told:?}"
    );
    assert!(
        told.contains(&("referral_won", "sam@program.example")),
        "{told:?}"
    );
    assert!(
        told.contains(&("referral_commented", "cosell@contoso.example")),
        "the partner owner: {told:?}"
    );
    assert!(
        !told
            .iter()
            .any(|(_, to)| *to == "dev2@contoso.example" || *to == "rita@program.example")
    );
    for m in mails.iter().filter(|m| m.kind.starts_with("referral")) {
        let composed = cosell::services::mail::compose("http://portal.test", m, None);
        for secret in ["anna", "+31", "240000", "250000"] {
            assert!(
                !composed.text.contains(secret),
                "{}: {}",
                m.kind,
                composed.text
            );
        }
        assert!(
            composed.text.contains(&format!("/referrals/{id}")),
            "{}",
            composed.text
        );
    }
    // Roles without referrals: 403; another organization's referral: 404.
    for token in [&d.developer, &d.reviewer] {
        assert_eq!(
            app.api(token)
                .get(&format!("/referrals/{id}"))
                .await
                .status(),
            403
        );
    }
    let other =
        crate::api_status::ready_org(&app, &d.r.admin, "Northwind", "7654321", "Northwind BI")
            .await;
    assert_eq!(
        app.api(&other.cosell)
            .get(&format!("/referrals/{id}"))
            .await
            .status(),
        404
    );
    let theirs = read(&app, &other.cosell, "/referrals", 200).await;
    assert_eq!(theirs["total"], 0);
}

#[tokio::test]
async fn a_partner_request_is_open_to_every_seller_without_contacts_until_one_takes_it() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let other_seller = app
        .token_for("sid@program.example", &["seller"], None)
        .await;
    // Contact details need the customer's consent.
    let refused = json_of(refer(&app, &d.partner, d.r.solution, json!({})).await, 400).await;
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("contacts_consent"),
        "{refused}"
    );
    let r = created(
        &app,
        &d.partner,
        d.r.solution,
        json!({"contacts_consent": true}),
    )
    .await;
    let id = r["id"].as_i64().unwrap();
    assert_eq!(
        (r["origin"].as_str(), r["waiting_for"].as_str()),
        (Some("partner"), Some("program"))
    );
    // A second referral for the same company and solution is allowed, and says so.
    let twin = created(
        &app,
        &d.manager,
        d.r.solution,
        json!({"customer": {"company_name": " fabrikam   PHARMA ", "country": "NL", "industry": "healthcare", "size": "smb"}}),
    )
    .await;
    assert_eq!(twin["open_duplicates"], 1);
    // Every seller sees the request, without the customer's contacts or comments.
    for seller in [&d.seller, &other_seller] {
        let seen = read(&app, seller, &format!("/referrals/{id}"), 200).await;
        assert_eq!(seen["customer"]["company_name"], "Fabrikam Pharma");
        for field in ["contact_name", "contact_email", "contact_phone"] {
            assert!(seen["customer"].get(field).is_none(), "{field}: {seen}");
        }
        assert!(seen.get("comments").is_none());
        let csv = app
            .api(seller)
            .get("/referrals.csv")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            csv.contains("Fabrikam Pharma") && !csv.contains("anna"),
            "{csv}"
        );
        let seen_list = read(&app, seller, "/referrals?state=new", 200).await;
        assert_eq!(seen_list["total"], 2);
        // Working it needs taking it first (accepting takes it).
        let early = app
            .api(seller)
            .post(&format!("/referrals/{id}/comments"), json!({"body": "Hi"}))
            .await;
        assert_eq!(early.status(), 409);
    }
    // The first to accept takes it: its seller now, contacts and all; the other loses sight.
    let taken = send(
        &app,
        &other_seller,
        "post",
        &format!("/referrals/{id}/accept"),
        json!({"deal_value_usd": "90000.00", "target_close_date": "2099-06-30"}),
        200,
    )
    .await;
    assert_eq!(
        taken["customer"]["contact_email"],
        "anna@fabrikam-pharma.example"
    );
    assert!(taken["seller_id"].is_i64());
    assert_eq!(
        app.api(&d.seller)
            .get(&format!("/referrals/{id}"))
            .await
            .status(),
        404
    );
    let csv = app
        .api(&other_seller)
        .get("/referrals.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("id,origin,state,stage"),
        "{csv}"
    );
    assert!(
        csv.contains("anna@fabrikam-pharma.example") && csv.contains(",accepted,qualified,"),
        "{csv}"
    );
    // The partner hears who took it.
    let mails = app.outbox().await;
    assert!(
        mails
            .iter()
            .any(|m| m.kind == "referral_accepted" && m.recipient == "cosell@contoso.example")
    );
    // Reassigning within the side: the taker gives it to the first seller, who sees it again.
    let sam = cosell::db::users::find_by_email(&app.state.db, "sam@program.example")
        .await
        .unwrap()
        .unwrap()
        .id;
    let wrong_side = send(
        &app,
        &other_seller,
        "patch",
        &format!("/referrals/{id}"),
        json!({"partner_owner_id": sam.0}),
        403,
    )
    .await;
    assert_eq!(wrong_side["error"]["code"], "forbidden");
    let not_a_seller = send(
        &app,
        &other_seller,
        "patch",
        &format!("/referrals/{id}"),
        json!({"seller_id": 1}),
        400,
    )
    .await;
    assert!(
        not_a_seller["error"]["message"]
            .as_str()
            .unwrap()
            .contains("seller_id")
    );
    let given = send(
        &app,
        &other_seller,
        "patch",
        &format!("/referrals/{id}"),
        json!({"seller_id": sam.0}),
        200,
    )
    .await;
    assert_eq!(given["seller_email"], "sam@program.example");
    assert_eq!(
        app.api(&d.seller)
            .get(&format!("/referrals/{id}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.api(&other_seller)
            .get(&format!("/referrals/{id}"))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn only_a_solution_shown_as_co_sell_ready_can_be_referred_and_money_is_exact() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let seller = app
        .token_for("sam@program.example", &["seller"], None)
        .await;
    // Not approved: not in the catalog for a seller, and not co-sell ready for its partner.
    assert_eq!(
        refer(&app, &seller, r.solution, json!({})).await.status(),
        404
    );
    let partner = json_of(
        refer(
            &app,
            &r.cosell,
            r.solution,
            json!({"contacts_consent": true}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(partner["error"]["code"], "not_co_sell_ready");
    let reviewer = app
        .token_for("rita@program.example", &["reviewer"], None)
        .await;
    crate::api_catalog::approve(&app, &r.cosell, &reviewer, r.solution).await;
    for (value, expected) in [
        (json!(12.5), 400),
        (json!("12.345"), 400),
        (json!("-1.00"), 400),
        (json!("1e5"), 400),
        (json!("0.1"), 201),
    ] {
        let res = refer(&app, &seller, r.solution, json!({"deal_value_usd": value})).await;
        assert_eq!(res.status(), expected, "{value}");
        if expected == 201 {
            let body: Value = res.json().await.unwrap();
            assert_eq!(body["deal_value_usd"], "0.10");
        }
    }
    // Every field's rule at once, named.
    let bad = send(&app, &seller, "post", "/referrals", json!({"solution_id": r.solution, "customer": {"company_name": " ", "country": "XX",
                "industry": "mining", "size": "enterprise", "contact_phone": "call me"}, "need": ""}), 400).await;
    let message = bad["error"]["message"].as_str().unwrap();
    for field in [
        "customer.company_name",
        "customer.country",
        "customer.industry",
        "customer.contact_phone",
        "need",
    ] {
        assert!(message.contains(field), "{field}: {message}");
    }
    let unknown = app
        .api(&seller)
        .post(
            "/referrals",
            json!({"solution_id": r.solution, "customer": customer(), "need": "x", "budget": 1}),
        )
        .await;
    assert_eq!(unknown.status(), 400);
}

/// Accept and decline of one referral at the same moment, from two threads, on many
/// referrals: each time exactly one wins and the other gets 409.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_and_decline_at_once_one_wins_and_the_other_gets_409() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let mut ids = Vec::new();
    for _ in 0..12 {
        ids.push(
            created(&app, &d.seller, d.r.solution, json!({})).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    for id in ids {
        let accept = {
            let api = app.api(&d.partner);
            tokio::spawn(async move {
                api.post(
                    &format!("/referrals/{id}/accept"),
                    json!({"deal_value_usd": "10.00", "target_close_date": "2099-01-01"}),
                )
                .await
                .status()
                .as_u16()
            })
        };
        let decline = {
            let api = app.api(&d.manager);
            tokio::spawn(async move {
                api.post(
                    &format!("/referrals/{id}/decline"),
                    json!({"reason": "Not for us"}),
                )
                .await
                .status()
                .as_u16()
            })
        };
        let (a, b) = (accept.await.unwrap(), decline.await.unwrap());
        let mut got = [a, b];
        got.sort();
        assert_eq!(got, [200, 409], "referral {id}: accept {a}, decline {b}");
        let now = read(&app, &d.partner, &format!("/referrals/{id}"), 200).await;
        let expected = if a == 200 { "accepted" } else { "declined" };
        assert_eq!(now["state"], expected);
        assert_eq!(now["version"], 2, "one change written");
    }
}

#[tokio::test]
async fn reminders_expiry_and_blanking_act_once_with_two_instances_on_a_moved_clock() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let r = created(&app, &d.seller, d.r.solution, json!({})).await;
    let id = r["id"].as_i64().unwrap();
    let closed = created(&app, &d.seller, d.r.solution, json!({})).await["id"]
        .as_i64()
        .unwrap();
    send(
        &app,
        &d.partner,
        "post",
        &format!("/referrals/{closed}/decline"),
        json!({"reason": "Not our market"}),
        200,
    )
    .await;
    let second = cosell::state::AppState {
        db: cosell::db::Db::connect(&app.database_url).await.unwrap(),
        ..app.state.clone()
    };
    let both = |at: chrono::DateTime<chrono::Utc>| {
        let (a, b) = (app.state.clone(), second.clone());
        async move {
            let (x, y) = tokio::join!(
                cosell::services::referrals::run_jobs(&a, at),
                cosell::services::referrals::run_jobs(&b, at)
            );
            let (x, y) = (x.unwrap(), y.unwrap());
            (
                x.reminded + y.reminded,
                x.expired + y.expired,
                x.blanked + y.blanked,
            )
        }
    };
    // A day and a half in: nothing due.
    app.state.clock.advance(chrono::Duration::hours(36));
    assert_eq!(both(app.state.clock.now()).await, (0, 0, 0));
    // 49 hours in (a day before the end): the reminder, once, to the receiver.
    app.state.clock.advance(chrono::Duration::hours(13));
    assert_eq!(both(app.state.clock.now()).await, (1, 0, 0));
    assert_eq!(both(app.state.clock.now()).await, (0, 0, 0));
    let reminders: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.kind == "referral_reminder")
        .collect();
    let to: Vec<&str> = reminders.iter().map(|m| m.recipient.as_str()).collect();
    assert!(
        to.contains(&"cosell@contoso.example")
            && to.contains(&"mia@contoso.example")
            && to.len() == 2,
        "{to:?}"
    );
    // At 72 hours the time to answer has ended: accept is refused before the job has run.
    app.state.clock.advance(chrono::Duration::hours(23));
    let late = send(
        &app,
        &d.partner,
        "post",
        &format!("/referrals/{id}/accept"),
        json!({"deal_value_usd": "1.00", "target_close_date": "2099-01-01"}),
        409,
    )
    .await;
    assert_eq!(late["error"]["code"], "wrong_state");
    assert_eq!(both(app.state.clock.now()).await, (0, 1, 0));
    let expired = read(&app, &d.seller, &format!("/referrals/{id}"), 200).await;
    assert_eq!(expired["state"], "expired");
    assert!(
        app.outbox()
            .await
            .iter()
            .any(|m| m.kind == "referral_expired" && m.recipient == "sam@program.example")
    );
    // 365 days after closing the contacts are blanked, once, and audited; the rest stays.
    // The declined one closed at the start, the expired one three days later.
    app.state.clock.advance(chrono::Duration::days(361));
    assert_eq!(both(app.state.clock.now()).await, (0, 0, 0));
    app.state.clock.advance(chrono::Duration::days(1));
    assert_eq!(both(app.state.clock.now()).await, (0, 0, 1));
    assert_eq!(both(app.state.clock.now()).await, (0, 0, 0));
    app.state.clock.advance(chrono::Duration::days(3));
    assert_eq!(both(app.state.clock.now()).await, (0, 0, 1));
    assert_eq!(both(app.state.clock.now()).await, (0, 0, 0));
    for referral in [id, closed] {
        let blanked = read(&app, &d.seller, &format!("/referrals/{referral}"), 200).await;
        assert_eq!(blanked["customer"]["contacts_blanked"], true);
        assert!(blanked["customer"].get("contact_email").is_none());
        assert_eq!(blanked["customer"]["company_name"], "Fabrikam Pharma");
    }
    let entries = cosell::db::audit::list(
        &app.state.db,
        &cosell::db::audit::Filter {
            kind: Some("referral_contacts_blanked".into()),
            ..Default::default()
        },
        10,
        0,
    )
    .await
    .unwrap();
    assert_eq!(entries.len(), 2);
}

#[tokio::test]
async fn the_csv_export_stops_at_five_thousand_rows() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let one = created(&app, &d.seller, d.r.solution, json!({})).await;
    // 5,000 more rows as the database would hold them (the API's way takes minutes).
    let sql = "INSERT INTO referrals (origin, state, solution_id, organization_id, seller_id, customer_company, \
        customer_company_key, customer_country, customer_industry, customer_size, contact_email, need, answer_by, created_at, updated_at) \
        SELECT origin, state, solution_id, organization_id, seller_id, customer_company, customer_company_key, customer_country, \
        customer_industry, customer_size, contact_email, need, answer_by, created_at, updated_at FROM referrals WHERE id = $1";
    let id = one["id"].as_i64().unwrap();
    for _ in 0..4999 {
        match &app.state.db {
            cosell::db::Db::Sqlite(p) => sqlx::query(sql).bind(id).execute(p).await.map(|_| ()),
            cosell::db::Db::Postgres(p) => sqlx::query(sql).bind(id).execute(p).await.map(|_| ()),
        }
        .unwrap();
    }
    let csv = app.api(&d.seller).get("/referrals.csv").await;
    assert_eq!(csv.status(), 200);
    assert_eq!(
        csv.text().await.unwrap().lines().count(),
        5001,
        "a header and 5,000 rows"
    );
    let csv = app.api(&d.partner).get("/referrals.csv?state=closed").await;
    assert_eq!(
        csv.text().await.unwrap().lines().count(),
        1,
        "filtered: only the header"
    );
    created(&app, &d.seller, d.r.solution, json!({})).await;
    let over = read(&app, &d.seller, "/referrals.csv", 422).await;
    assert_eq!(over["error"]["code"], "too_many_rows");
    // A formula typed as a company never runs in a spreadsheet.
    created(
        &app,
        &d.seller,
        d.r.solution,
        json!({"customer": {"company_name": "=HYPERLINK(\"http://evil\")", "country": "BE", "industry": "retail", "size": "smb"}}),
    )
    .await;
    let csv = app
        .api(&d.seller)
        .get(&format!(
            "/referrals.csv?state=open&country=be&solution_id={}",
            d.r.solution
        ))
        .await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("'=HYPERLINK"), "{text}");
}

/// Who reads a customer's contact details, role by role, in the API (one referral and the
/// list), the CSV export and the mails: the two parties and program admins, nobody else.
#[tokio::test]
async fn customer_contacts_reach_exactly_the_roles_that_may_read_them() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let program_admin = app
        .token_for("pat@program.example", &["program_admin"], None)
        .await;
    let account_admin = app
        .token_for("aa2@contoso.example", &["account_admin"], Some(d.r.org))
        .await;
    let other_seller = app
        .token_for("sid@program.example", &["seller"], None)
        .await;
    let other_org =
        crate::api_status::ready_org(&app, &d.r.admin, "Northwind", "7654321", "Northwind BI")
            .await;
    // A seller's referral, accepted by the partner; and a partner's request nobody took.
    let referred = created(&app, &d.seller, d.r.solution, json!({})).await["id"]
        .as_i64()
        .unwrap();
    send(
        &app,
        &d.partner,
        "post",
        &format!("/referrals/{referred}/accept"),
        json!({"deal_value_usd": "1.00", "target_close_date": "2099-01-01"}),
        200,
    )
    .await;
    let requested = created(
        &app,
        &d.manager,
        d.r.solution,
        json!({"contacts_consent": true}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    const EMAIL: &str = "anna@fabrikam-pharma.example";
    // (who, the seller's referral: status and contacts, the partner's untaken request: status
    //  and contacts, whether the list and CSV hold contact details)
    type Case<'a> = (&'a str, &'a String, (u16, bool), (u16, bool), bool);
    let cases: Vec<Case> = vec![
        (
            "the referral's seller",
            &d.seller,
            (200, true),
            (200, false),
            true,
        ),
        (
            "another seller",
            &other_seller,
            (404, false),
            (200, false),
            false,
        ),
        (
            "the co-sell admin",
            &d.partner,
            (200, true),
            (200, true),
            true,
        ),
        ("the manager", &d.manager, (200, true), (200, true), true),
        (
            "a program admin",
            &program_admin,
            (200, true),
            (200, true),
            true,
        ),
        (
            "an account admin",
            &account_admin,
            (403, false),
            (403, false),
            false,
        ),
        (
            "a developer",
            &d.developer,
            (403, false),
            (403, false),
            false,
        ),
        ("a reviewer", &d.reviewer, (403, false), (403, false), false),
        (
            "another organization",
            &other_org.cosell,
            (404, false),
            (404, false),
            false,
        ),
    ];
    for (who, token, first, second, lists_contacts) in cases {
        for (id, (status, contacts)) in [(referred, first), (requested, second)] {
            let res = app.api(token).get(&format!("/referrals/{id}")).await;
            assert_eq!(res.status(), status, "{who} reading {id}");
            let text = res.text().await.unwrap();
            assert_eq!(text.contains(EMAIL), contacts, "{who} reading {id}: {text}");
        }
        for path in ["/referrals", "/referrals.csv"] {
            let res = app.api(token).get(path).await;
            let text = res.text().await.unwrap();
            assert_eq!(text.contains(EMAIL), lists_contacts, "{who} {path}: {text}");
            assert_eq!(text.contains("+31"), lists_contacts, "{who} {path}");
        }
    }
    // Mails name the customer company, never its contact; they go to the parties only.
    let mails: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.kind.starts_with("referral"))
        .collect();
    assert!(!mails.is_empty());
    for m in &mails {
        let composed = cosell::services::mail::compose("http://portal.test", m, None);
        assert!(
            composed.text.contains("Fabrikam Pharma"),
            "{}",
            composed.text
        );
        for secret in [EMAIL, "Anna de Vries", "+31 20"] {
            assert!(!composed.text.contains(secret) && !composed.subject.contains(secret));
        }
        assert!(
            [
                "sam@program.example",
                "sid@program.example",
                "cosell@contoso.example",
                "mia@contoso.example"
            ]
            .contains(&m.recipient.as_str()),
            "{} to {}",
            m.kind,
            m.recipient
        );
    }
}

/// The other party is told in the language they chose, in the app and by mail.
#[tokio::test]
async fn the_other_party_is_told_in_their_own_language() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let partner = cosell::db::users::find_by_email(&app.state.db, "cosell@contoso.example")
        .await
        .unwrap()
        .unwrap();
    cosell::db::notifications::set_language(&app.state.db, partner.id, "nl")
        .await
        .unwrap();
    let bell = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(d.r.org))
        .await;
    created(&app, &d.seller, d.r.solution, json!({})).await;
    let mails = app.outbox().await;
    let dutch = mails
        .iter()
        .find(|m| m.kind == "referral_created" && m.recipient == "cosell@contoso.example")
        .expect("a mail to the co-sell admin");
    let english = mails
        .iter()
        .find(|m| m.kind == "referral_created" && m.recipient == "mia@contoso.example")
        .expect("a mail to the manager");
    let subject = |m| cosell::services::mail::compose("http://portal.test", m, None).subject;
    assert_eq!(
        subject(dutch),
        "Nieuwe doorverwijzing: Fabrikam Pharma voor Contoso Analytics"
    );
    assert_eq!(
        subject(english),
        "New referral: Fabrikam Pharma for Contoso Analytics"
    );
    let page = app.html(&bell, "/notifications").await;
    assert!(
        page.contains("New referral: Fabrikam Pharma for Contoso Analytics"),
        "{page}"
    );
}

/// A solution whose shown status drops below co-sell ready keeps its open referrals; both
/// parties read the status it shows now and since when, and no new referral can be made.
#[tokio::test]
async fn an_open_referral_stays_when_the_solution_drops_and_both_parties_see_since_when() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let id = created(&app, &d.seller, d.r.solution, json!({})).await["id"]
        .as_i64()
        .unwrap();
    let before = read(&app, &d.seller, &format!("/referrals/{id}"), 200).await;
    assert_eq!(before["solution_status"], "co_sell_ready");
    assert!(before.get("solution_status_lowered_at").is_none());
    // No sales contact left: the solution supports less than co-sell ready at once.
    let res = app
        .api(&d.partner)
        .patch(
            &format!("/solutions/{}", d.r.solution),
            json!({"contacts": []}),
        )
        .await;
    assert_eq!(res.status(), 200);
    for token in [&d.seller, &d.partner] {
        let after = read(&app, token, &format!("/referrals/{id}"), 200).await;
        assert_eq!(after["state"], "new", "the referral stays");
        assert_eq!(after["solution_status"], "marketplace");
        assert!(after["solution_status_lowered_at"].is_string(), "{after}");
    }
    let refused = json_of(refer(&app, &d.seller, d.r.solution, json!({})).await, 422).await;
    assert_eq!(refused["error"]["code"], "not_co_sell_ready");
    // It can still be answered and worked.
    send(
        &app,
        &d.partner,
        "post",
        &format!("/referrals/{id}/accept"),
        json!({"deal_value_usd": "5.00", "target_close_date": "2099-01-01"}),
        200,
    )
    .await;
}

/// The metrics count referrals by state and the answers overdue (past `answer_by`, not yet
/// closed by the expiry job), as the operator's scrape reads them.
#[tokio::test]
async fn the_metrics_count_referrals_by_state_and_answers_overdue() {
    let app = spawn_app_with(|s| s.metrics_addr = Some("127.0.0.1:0".parse().unwrap())).await;
    let metrics = app.metrics_base.clone().expect("metrics are on");
    let d = deal(&app).await;
    created(&app, &d.seller, d.r.solution, json!({})).await;
    created(&app, &d.seller, d.r.solution, json!({})).await;
    let scrape = || async {
        reqwest::get(format!("{metrics}/metrics"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let text = scrape().await;
    assert!(text.contains("cosell_referrals{state=\"new\"} 2"), "{text}");
    assert!(text.contains("cosell_referrals{state=\"won\"} 0"), "{text}");
    assert!(text.contains("cosell_referral_answers_overdue 0"), "{text}");
    app.state.clock.advance(chrono::Duration::hours(73));
    assert!(scrape().await.contains("cosell_referral_answers_overdue 2"));
    cosell::services::referrals::run_jobs(&app.state, app.state.clock.now())
        .await
        .unwrap();
    let text = scrape().await;
    assert!(text.contains("cosell_referral_answers_overdue 0"), "{text}");
    assert!(
        text.contains("cosell_referrals{state=\"expired\"} 2"),
        "{text}"
    );
}

/// A program admin may act on any referral; answering one, they answer for the receiver, and
/// the side that shared it hears.
#[tokio::test]
async fn a_program_admin_answers_for_the_receiver_and_the_sender_hears() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let admin = app
        .token_for("pat@program.example", &["program_admin"], None)
        .await;
    let request = created(
        &app,
        &d.partner,
        d.r.solution,
        json!({"contacts_consent": true}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let referred = created(&app, &d.seller, d.r.solution, json!({})).await["id"]
        .as_i64()
        .unwrap();
    let accepted = send(
        &app,
        &admin,
        "post",
        &format!("/referrals/{request}/accept"),
        json!({"deal_value_usd": "3.00", "target_close_date": "2099-01-01"}),
        200,
    )
    .await;
    assert_eq!(
        accepted["seller_email"], "pat@program.example",
        "taken by the admin"
    );
    send(
        &app,
        &admin,
        "post",
        &format!("/referrals/{referred}/decline"),
        json!({"reason": "Outside the program"}),
        200,
    )
    .await;
    let mails = app.outbox().await;
    let told = |kind: &str, to: &str| mails.iter().any(|m| m.kind == kind && m.recipient == to);
    assert!(
        told("referral_accepted", "cosell@contoso.example"),
        "the partner that asked"
    );
    let all: Vec<(&str, &str)> = mails
        .iter()
        .map(|m| (m.kind.as_str(), m.recipient.as_str()))
        .collect();
    assert!(
        told("referral_declined", "sam@program.example"),
        "the seller that referred: {all:?}"
    );
    assert!(!told("referral_declined", "cosell@contoso.example"));
}
