//! SPEC 12: events reach the people they concern, in the app (the bell) and through the
//! outbox, in each person's language; mails can be turned off per kind; senders never send a
//! mail twice at once and a failed try is retried, never lost.

use crate::api_status::co_sell_ready;
use crate::helpers::*;
use cosell::db::notifications::{self, MailRow};
use cosell::services::mail;
use serde_json::json;

/// The number in the bell of a page, or 0 when it shows none.
fn bell(page: &str) -> u32 {
    let Some(start) = page.find("class=\"bell\"") else {
        panic!("no bell on the page");
    };
    let link = &page[start..start + page[start..].find("</a>").unwrap()];
    link.split("class=\"badge\" aria-hidden=\"true\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .map_or(0, |n| n.parse().unwrap())
}

fn to<'a>(mails: &'a [MailRow], recipient: &str) -> Vec<&'a MailRow> {
    mails.iter().filter(|m| m.recipient == recipient).collect()
}

/// The `open` forms' notification ids on the notifications page, newest first.
fn open_ids(page: &str) -> Vec<i64> {
    page.split("action=\"/notifications/")
        .skip(1)
        .filter_map(|rest| rest.split("/open\"").next()?.parse().ok())
        .collect()
}

#[tokio::test]
async fn a_review_reaches_reviewers_and_co_sell_admins_in_the_app_and_by_mail_in_their_language() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let reviewer = app
        .token_for("reviewer@program.example", &["reviewer"], None)
        .await;
    let second_reviewer = app
        .signed_in("second-reviewer@program.example", &["reviewer"], None)
        .await;
    // A second co-sell admin, who reads Dutch: the switch decides her mails' language.
    let dutch = app
        .signed_in("nl-admin@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let res = app.choose_lang(&dutch, "nl", "/account").await;
    assert_eq!(res.status(), 303);
    assert_eq!(bell(&app.html(&dutch, "/account").await), 0);

    let sid = r.solution;
    app.api(&r.cosell)
        .post(&format!("/solutions/{sid}/submit"), json!({}))
        .await;
    // Reviewers hear of the submission; the organization's admins do not.
    assert_eq!(bell(&app.html(&second_reviewer, "/review").await), 1);
    assert_eq!(bell(&app.html(&dutch, "/account").await), 0);
    let page = app.html(&second_reviewer, "/notifications").await;
    assert!(
        page.contains("Contoso Analytics was submitted for review"),
        "{page}"
    );

    app.api(&reviewer)
        .post(&format!("/solutions/{sid}/claim"), json!({}))
        .await;
    let reason = "Add the pitch deck in English, please.";
    let res = app
        .api(&reviewer)
        .post(
            &format!("/solutions/{sid}/review"),
            json!({"decision": "request_changes", "reason": reason}),
        )
        .await;
    assert_eq!(res.status(), 200);

    // The Dutch admin's bell counts the claim and the decision, in Dutch, with the reason.
    assert_eq!(bell(&app.html(&dutch, "/account").await), 2);
    let page = app.html(&dutch, "/notifications").await;
    assert!(
        page.contains("Wijzigingen gevraagd voor Contoso Analytics"),
        "{page}"
    );
    assert!(page.contains(reason), "{page}");
    assert!(
        page.contains("Contoso Analytics wordt beoordeeld"),
        "{page}"
    );

    // One mail per person per event, in their language: 2 reviewers, then 2 admins twice.
    let mails = app.outbox().await;
    assert_eq!(mails.len(), 6, "{mails:#?}");
    assert_eq!(to(&mails, "second-reviewer@program.example").len(), 1);
    assert_eq!(to(&mails, "cosell@contoso.example").len(), 2);
    let theirs = to(&mails, "nl-admin@contoso.example");
    assert_eq!(theirs.len(), 2);
    assert!(theirs.iter().all(|m| m.language == "nl"));
    let decision = theirs
        .iter()
        .find(|m| m.kind == "changes_requested")
        .unwrap();
    let composed = mail::compose("http://portal.test", decision, None);
    assert_eq!(
        composed.subject,
        "Wijzigingen gevraagd voor Contoso Analytics"
    );
    assert!(composed.text.contains(reason));
    assert!(
        composed
            .text
            .contains(&format!("http://portal.test/solutions/{sid}"))
    );
    assert!(composed.text.contains("http://portal.test/account#mails"));
    // Each notice is built from its event (SPEC 15's data: ids, codes, states) and the words
    // beside it, written in the transaction of the change.
    let submitted = &to(&mails, "second-reviewer@program.example")[0];
    let args: serde_json::Value = serde_json::from_str(&submitted.args).unwrap();
    assert_eq!(args["solution_id"], json!(sid), "{args}");
    assert!(args["offer_id"].is_i64(), "{args}");
    assert_eq!(args["offer"], "Contoso Analytics", "{args}");
    let args: serde_json::Value = serde_json::from_str(&decision.args).unwrap();
    assert_eq!(args["solution_id"], json!(sid), "{args}");
    assert_eq!(args["reason"], reason, "{args}");

    // Without SMTP_URL the mails go to the log, each once, and stay on the outbox page.
    assert_eq!(mail::deliver_due(&app.state).await.unwrap(), 6);
    assert_eq!(mail::deliver_due(&app.state).await.unwrap(), 0);
    assert!(app.outbox().await.iter().all(|m| m.sent_at.is_some()));
    let admin = app
        .signed_in("outbox-reader@program.example", &["program_admin"], None)
        .await;
    let page = app.html(&admin, "/outbox").await;
    assert!(
        page.contains("Changes requested for Contoso Analytics"),
        "{page}"
    );
    assert!(
        page.contains("Wijzigingen gevraagd voor Contoso Analytics"),
        "{page}"
    );
    assert!(page.contains("Written to the log"), "{page}");
    let res = dutch.get(app.url("/outbox")).send().await.unwrap();
    assert_eq!(res.status(), 403, "the outbox is for program admins");

    // Opening a notification marks it read and goes to its page; another's is not found.
    let page = app.html(&dutch, "/notifications").await;
    let ids = open_ids(&page);
    assert_eq!(ids.len(), 2);
    let csrf = hidden(&page, "csrf");
    let res = app
        .post_form(
            &dutch,
            &format!("/notifications/{}/open", ids[0]),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/solutions/{sid}")
    );
    assert_eq!(bell(&app.html(&dutch, "/account").await), 1);
    let others = open_ids(&app.html(&second_reviewer, "/notifications").await);
    let res = app
        .post_form(
            &dutch,
            &format!("/notifications/{}/open", others[0]),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = app
        .post_form(&dutch, "/notifications/read", &[("csrf", &csrf)])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(bell(&app.html(&dutch, "/notifications").await), 0);
    // The other reviewer's notice of the submission is done: the solution was decided.
    assert_eq!(bell(&app.html(&second_reviewer, "/review").await), 0);
}

#[tokio::test]
async fn a_kind_of_mail_turned_off_is_not_sent_but_still_shown_in_the_app() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let reviewer = app
        .token_for("reviewer@program.example", &["reviewer"], None)
        .await;
    let admin = app
        .signed_in("quiet@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let page = app.html(&admin, "/account").await;
    for kind in ["solution_claimed", "changes_requested", "solution_approved"] {
        assert!(
            page.contains(&format!("value=\"{kind}\" checked")),
            "{page}"
        );
    }
    assert!(!page.contains("value=\"solution_submitted\""), "not theirs");
    let csrf = hidden(&page, "csrf");
    // Keeps claims on, turns every other kind off.
    let res = app
        .post_form(
            &admin,
            "/account/mails",
            &[("csrf", csrf.as_str()), ("on", "solution_claimed")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = app.html(&admin, "/account").await;
    assert!(
        page.contains("value=\"solution_claimed\" checked"),
        "{page}"
    );
    assert!(
        !page.contains("value=\"solution_approved\" checked"),
        "{page}"
    );

    crate::api_catalog::approve(&app, &r.cosell, &reviewer, r.solution).await;
    let kinds: Vec<String> = to(&app.outbox().await, "quiet@contoso.example")
        .iter()
        .map(|m| m.kind.clone())
        .collect();
    assert_eq!(kinds, vec!["solution_claimed".to_string()]);
    let page = app.html(&admin, "/notifications").await;
    assert!(page.contains("Contoso Analytics was approved"), "{page}");
    assert!(
        page.contains("Co-sell ready"),
        "the status in words: {page}"
    );
}

/// Puts `n` mails due now into the outbox, as the events would.
async fn queue_mails(app: &TestApp, n: usize) {
    let now = chrono::Utc::now();
    for i in 0..n {
        cosell::db_run!(&app.state.db, pool => sqlx::query(
            "INSERT INTO outbox (recipient, language, kind, args, created_at, next_attempt_at) \
             VALUES ($1, 'en', 'revenue_imported', '{\"rows\": 3}', $2, $2)")
            .bind(format!("manager{i}@contoso.example"))
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ()))
        .unwrap();
    }
}

#[tokio::test]
async fn two_senders_at_once_send_each_mail_once() {
    let app = spawn_app().await;
    queue_mails(&app, 45).await;
    let other = cosell::state::AppState {
        db: cosell::db::Db::connect(&app.database_url).await.unwrap(),
        ..app.state.clone()
    };
    let (mut a, mut b) = (0, 0);
    // Passes on two threads, each taking up to a batch at a time, until the outbox is empty.
    loop {
        let first = app.state.clone();
        let second = other.clone();
        let (x, y) = tokio::join!(
            tokio::spawn(async move { mail::deliver_due(&first).await.unwrap() }),
            tokio::spawn(async move { mail::deliver_due(&second).await.unwrap() })
        );
        let (x, y) = (x.unwrap(), y.unwrap());
        if x + y == 0 {
            break;
        }
        a += x;
        b += y;
    }
    assert_eq!(a + b, 45, "each mail sent exactly once ({a} + {b})");
    let mails = app.outbox().await;
    assert!(mails.iter().all(|m| m.sent_at.is_some() && m.attempts == 1));
}

#[tokio::test]
async fn a_failing_smtp_server_leads_to_retries_not_loss() {
    let app = spawn_app().await;
    queue_mails(&app, 2).await;
    // Nothing listens on port 9 of loopback: the connection is refused.
    let failing = cosell::state::AppState {
        mail: std::sync::Arc::new(
            mail::Mailer::new(
                Some("smtp://127.0.0.1:9"),
                "cosell <cosell@portal.test>",
                "http://portal.test",
            )
            .unwrap(),
        ),
        ..app.state.clone()
    };
    assert_eq!(mail::deliver_due(&failing).await.unwrap(), 0);
    let mails = app.outbox().await;
    assert_eq!(mails.len(), 2);
    for m in &mails {
        assert!(m.sent_at.is_none());
        assert_eq!(m.attempts, 1);
        assert!(m.last_error.is_some(), "{m:?}");
        assert!(
            m.next_attempt_at > chrono::Utc::now(),
            "waits before the next try"
        );
    }
    // Not due yet: the next pass leaves them alone.
    assert_eq!(mail::deliver_due(&app.state).await.unwrap(), 0);
    let admin = app
        .signed_in("outbox-reader@program.example", &["program_admin"], None)
        .await;
    let page = app.html(&admin, "/outbox").await;
    assert!(page.contains("Try 1 failed"), "{page}");

    // Once due again, they go out.
    app.exec("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z'")
        .await;
    assert_eq!(mail::deliver_due(&app.state).await.unwrap(), 2);
    let mails = app.outbox().await;
    assert!(
        mails
            .iter()
            .all(|m| m.sent_at.is_some() && m.attempts == 2 && m.last_error.is_none())
    );
}

#[tokio::test]
async fn a_mail_arrives_through_smtp_once_in_the_recipients_language_with_a_working_link() {
    let app = spawn_app().await;
    let smtp = SmtpServer::start(0);
    let r = co_sell_ready(&app).await;
    let reviewer = app
        .signed_in("nl-reviewer@program.example", &["reviewer"], None)
        .await;
    app.choose_lang(&reviewer, "nl", "/review").await;
    let sid = r.solution;
    app.api(&r.cosell)
        .post(&format!("/solutions/{sid}/submit"), json!({}))
        .await;

    let sender = smtp.state_for(&app);
    assert_eq!(mail::deliver_due(&sender).await.unwrap(), 1);
    // A second instance finds nothing left to send.
    let second = cosell::state::AppState {
        db: cosell::db::Db::connect(&app.database_url).await.unwrap(),
        ..sender.clone()
    };
    assert_eq!(mail::deliver_due(&second).await.unwrap(), 0);
    let got = smtp.received();
    assert_eq!(got.len(), 1, "{got:#?}");
    let m = &got[0];
    assert_eq!(m["envelope_to"], json!(["nl-reviewer@program.example"]));
    assert_eq!(m["from"], "cosell <cosell@portal.test>");
    assert_eq!(m["content_type"], "multipart/alternative");
    assert_eq!(
        m["subject"],
        "Contoso Analytics is ingediend ter beoordeling"
    );
    let text = m["text"].as_str().unwrap();
    let html = m["html"].as_str().unwrap();
    let link = format!("http://portal.test/review/{sid}");
    assert!(text.contains(&link), "{text}");
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    assert!(
        text.contains("U beoordeelt co-sell-oplossingen."),
        "why: {text}"
    );
    assert!(text.contains("http://portal.test/account#mails"), "{text}");
    // The link leads to the page (on this instance's address).
    let page = reviewer
        .get(app.url(link.trim_start_matches("http://portal.test")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn a_mail_refused_for_a_moment_is_sent_on_the_next_try() {
    let app = spawn_app().await;
    let smtp = SmtpServer::start(1);
    queue_mails(&app, 1).await;
    let sender = smtp.state_for(&app);
    assert_eq!(mail::deliver_due(&sender).await.unwrap(), 0);
    let mails = app.outbox().await;
    assert!(
        mails[0].last_error.as_deref().unwrap_or("").contains("451"),
        "{mails:?}"
    );
    assert!(smtp.received().is_empty());
    app.exec("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z'")
        .await;
    assert_eq!(mail::deliver_due(&sender).await.unwrap(), 1);
    let got = smtp.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["envelope_to"], json!(["manager0@contoso.example"]));
    assert_eq!(got[0]["subject"], "Revenue imported");
}

/// A co-sell-ready services solution, approved, whose gold competency in DevOps expires in
/// `days` days; returns it with the co-sell admin's token.
async fn approved_services_solution(
    app: &TestApp,
    days: i64,
) -> (crate::api_status::Ready, chrono::NaiveDate) {
    let r = co_sell_ready(app).await;
    // The fixture's offer is SaaS; made a services offer that needs DevOps (the pages offer
    // no way to change a published offer's type).
    cosell::db_run!(&app.state.db, pool => sqlx::query(
        "UPDATE offers SET offer_type = 'consulting_service', competency_areas = 'devops' WHERE id = $1")
        .bind(r.offer)
        .execute(pool)
        .await
        .map(|_| ()))
    .unwrap();
    let expires = chrono::Utc::now().date_naive() + chrono::Duration::days(days);
    let res = app
        .api(&r.admin)
        .put(
            &format!("/organizations/{}/competencies", r.org),
            json!([{"area": "devops", "expires_on": expires.to_string()}]),
        )
        .await;
    assert_eq!(res.status(), 200);
    let reviewer = app
        .token_for("approver@program.example", &["reviewer"], None)
        .await;
    crate::api_catalog::approve(app, &r.cosell, &reviewer, r.solution).await;
    (r, expires)
}

#[tokio::test]
async fn a_lapse_ahead_is_told_once_per_cause_and_shown_on_the_dashboard() {
    let app = spawn_app().await;
    let (r, expires) = approved_services_solution(&app, 10).await;
    let admin = app
        .signed_in("watcher@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let today = chrono::Utc::now().date_naive();
    let lapse_on = expires + chrono::Duration::days(1);
    let tr = cosell::i18n::Tr::new(cosell::i18n::Lang::En);

    // Two instances run the daily job at once: one warning in all.
    let other = cosell::state::AppState {
        db: cosell::db::Db::connect(&app.database_url).await.unwrap(),
        ..app.state.clone()
    };
    let (a, b) = tokio::join!(
        cosell::services::forecast::run_daily(&app.state, today),
        cosell::services::forecast::run_daily(&other, today)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(
        cosell::services::forecast::run_daily(&app.state, today)
            .await
            .unwrap(),
        0,
        "the same cause is not told twice"
    );

    let title = format!(
        "Contoso Analytics: Co-sell ready drops on {}",
        tr.date(&lapse_on)
    );
    let reason = format!(
        "the gold competency in DevOps expires on {}.",
        tr.date(&expires)
    );
    let page = app.html(&admin, "/notifications").await;
    assert!(page.contains(&title), "{page}");
    assert!(page.contains(&reason), "{page}");
    let mails: Vec<MailRow> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.kind == "lapse_forecast")
        .collect();
    assert_eq!(mails.len(), 2, "both co-sell admins: {mails:#?}");
    let composed = mail::compose("http://portal.test", &mails[0], None);
    assert_eq!(composed.subject, title);
    assert!(composed.text.contains(&reason));
    assert!(
        composed
            .text
            .contains(&format!("http://portal.test/solutions/{}", r.solution))
    );

    // The dashboard shows the same forecast.
    let page = app
        .html(&admin, &format!("/organizations/{}/dashboard", r.org))
        .await;
    assert!(page.contains("Ahead in the next 30 days"), "{page}");
    assert!(page.contains(&title), "{page}");
    assert!(page.contains(&reason), "{page}");
}

#[tokio::test]
async fn nothing_is_forecast_when_the_competency_holds_beyond_thirty_days() {
    let app = spawn_app().await;
    let (r, _) = approved_services_solution(&app, 45).await;
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        cosell::services::forecast::run_daily(&app.state, today)
            .await
            .unwrap(),
        0
    );
    let admin = app
        .signed_in("watcher@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let page = app
        .html(&admin, &format!("/organizations/{}/dashboard", r.org))
        .await;
    assert!(
        page.contains("No status will drop in the next 30 days"),
        "{page}"
    );
}

#[tokio::test]
async fn a_lowered_status_and_imported_revenue_reach_the_organization() {
    let app = spawn_app().await;
    let (r, _) = approved_services_solution(&app, 10).await;
    let admin = app
        .signed_in("watcher@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let manager = app
        .signed_in("money@contoso.example", &["manager"], Some(r.org))
        .await;

    // The competency is taken away: the next catalog read lowers what is shown.
    let res = app
        .api(&r.admin)
        .put(&format!("/organizations/{}/competencies", r.org), json!([]))
        .await;
    assert_eq!(res.status(), 200);
    let today = chrono::Utc::now().date_naive();
    cosell::services::catalog::refresh_shown(&app.state, today)
        .await
        .unwrap();
    let page = app.html(&admin, "/notifications").await;
    assert!(
        page.contains("Contoso Analytics now shows Not co-sell ready"),
        "{page}"
    );
    assert!(
        page.contains("The catalog showed Contoso Analytics as Co-sell ready"),
        "{page}"
    );
    assert_eq!(
        bell(&app.html(&manager, "/account").await),
        0,
        "not a manager's"
    );

    let csv = "mpn_id,month,kind,amount_usd,offer_id\n123456,2026-10,azure_consumed,50000.00,\n";
    let res = crate::api_status::post_revenue(&app, &r.admin, csv).await;
    assert_eq!(res.status(), 200);
    let page = app.html(&manager, "/notifications").await;
    assert!(page.contains("Revenue imported"), "{page}");
    assert!(
        page.contains("Revenue rows of your organization imported: 1."),
        "{page}"
    );
    assert!(
        to(&app.outbox().await, "money@contoso.example")
            .iter()
            .any(|m| m.kind == "revenue_imported")
    );
}

#[tokio::test]
async fn an_invitation_arrives_through_smtp_in_the_inviters_language_and_its_link_works_once() {
    let app = spawn_app().await;
    let smtp = SmtpServer::start(0);
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let aa = app
        .signed_in("aa@contoso.example", &["account_admin"], Some(org))
        .await;
    let users = format!("/organizations/{org}/users");
    let csrf = app.csrf_of(&aa, &users).await;
    let res = aa
        .post(app.url(&users))
        .header("accept-language", "nl")
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "new@contoso.example"),
            ("roles", "developer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    assert_eq!(mail::deliver_due(&smtp.state_for(&app)).await.unwrap(), 1);
    let got = smtp.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["envelope_to"], json!(["new@contoso.example"]));
    assert_eq!(got[0]["subject"], "U bent uitgenodigd voor cosell");
    let text = got[0]["text"].as_str().unwrap();
    assert!(
        text.contains("aa@contoso.example nodigt u uit voor Contoso"),
        "{text}"
    );
    assert!(
        !text.contains("/account#mails"),
        "an invitation cannot be turned off: {text}"
    );
    let link = text
        .split("http://portal.test")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    assert!(link.starts_with("/invitations/"), "{link}");
    // The outbox holds no token, only the hash the invitation is stored under now.
    let token = link.strip_prefix("/invitations/").unwrap();
    assert!(
        app.outbox()
            .await
            .iter()
            .all(|m| m.link_hash.as_deref() != Some(token) && !m.args.contains(token))
    );

    let invitee = app.browser();
    let res = app
        .post_form(&invitee, &link, &[("password", "a-long-chosen-password")])
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            &app.browser(),
            &link,
            &[("password", "a-long-chosen-password")],
        )
        .await;
    assert_eq!(res.status(), 404, "the link works once");
}

#[tokio::test]
async fn housekeeping_keeps_what_is_unsent_or_unread() {
    let app = spawn_app().await;
    queue_mails(&app, 2).await;
    assert_eq!(mail::deliver_due(&app.state).await.unwrap(), 2);
    queue_mails(&app, 1).await;
    let later = chrono::Utc::now() + chrono::Duration::seconds(5);
    notifications::prune(&app.state.db, later).await.unwrap();
    let left = app.outbox().await;
    assert_eq!(left.len(), 1, "the unsent mail stays: {left:#?}");
    assert!(left[0].sent_at.is_none());
}
