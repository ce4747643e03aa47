//! SPEC 7 (issue 31, point 9): a revenue file of up to 16 MiB is taken by the API and the page
//! alike, imported in time linear in its rows with the kept lists right, and other writes
//! during an import wait their turn or get a clear 503, never a 500.

use crate::api_status::{co_sell_ready, post_revenue};
use crate::facts_lists::assert_kept;
use crate::helpers::*;
use serde_json::{Value, json};

/// Azure consumption of `orgs` organizations (MPN IDs 9000001...) and marketplace revenue of
/// `offer` (organization 123456) for `months` months each, from January 1900 on.
fn revenue_csv(orgs: usize, months: usize, offer: i64) -> String {
    let mut csv = String::from("mpn_id,month,kind,amount_usd,offer_id\n");
    for m in 0..months {
        let month = format!("{}-{:02}", 1900 + m / 12, m % 12 + 1);
        for o in 0..orgs {
            csv.push_str(&format!(
                "{},{month},azure_consumed,{}.25,\n",
                9_000_001 + o,
                o + m
            ));
        }
        csv.push_str(&format!(
            "123456,{month},marketplace_billed,10.50,{offer}\n"
        ));
    }
    csv
}

#[tokio::test]
async fn a_large_file_imports_through_the_api_and_the_page_with_the_kept_lists_right() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    for o in 0..8 {
        app.org(
            &r.admin,
            &format!("Partner {o}"),
            &(9_000_001 + o).to_string(),
        )
        .await;
    }
    // 8 x 1,500 + 1,500 rows, about 500 KB: past the old limits of the API (256 KiB) and the
    // page (444 KB).
    let csv = revenue_csv(8, 1500, r.offer);
    assert!(csv.len() > 450 * 1024, "{}", csv.len());
    let res = post_revenue(&app, &r.admin, &csv).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["imported"], 13_500);
    assert_kept(&app, "a large import").await;
    let (rows,): (i64,) = cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT COUNT(*) FROM revenue").fetch_one(pool).await)
    .unwrap();
    assert_eq!(rows, 13_500);

    // Again, with other amounts: every row replaced, none added, the lists follow.
    let again = csv.replace(".25,", ".75,");
    assert_eq!(post_revenue(&app, &r.admin, &again).await.status(), 200);
    assert_kept(&app, "the same import again").await;
    let (rows, cents): (i64, i64) = cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT COUNT(*), CAST(SUM(amount_cents % 100) AS BIGINT) FROM revenue WHERE kind = 'azure_consumed'")
        .fetch_one(pool).await)
    .unwrap();
    assert_eq!((rows, cents), (12_000, 12_000 * 75));

    // The page checks and imports the same file.
    let b = app
        .signed_in("padmin@program.example", &["program_admin"], None)
        .await;
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
        html.contains("rows, checked and valid"),
        "checked on the page"
    );
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("file", hidden(&html, "file"));
    let res = b
        .post(app.url("/revenue/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_kept(&app, "the page's import").await;
}

#[tokio::test]
async fn a_file_over_16_mib_is_refused_before_it_is_read_whole() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let mut csv = String::from("mpn_id,month,kind,amount_usd,offer_id\n");
    while csv.len() <= 16 * 1024 * 1024 {
        csv.push_str("9999999,2026-01,azure_consumed,1.00,\n");
    }
    let res = post_revenue(&app, &admin, &csv).await;
    assert_eq!(res.status(), 413);
    assert_eq!(error_code(res).await, "too_large");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writes_during_an_import_wait_their_turn_or_are_told_to_retry_never_a_500() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    for o in 0..20 {
        app.org(
            &r.admin,
            &format!("Partner {o}"),
            &(9_000_001 + o).to_string(),
        )
        .await;
    }
    let csv = revenue_csv(20, 2400, r.offer);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let import = {
        let done = done.clone();
        let url = app.url("/api/v1/revenue");
        let token = r.admin.clone();
        tokio::spawn(async move {
            let status = reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("content-type", "text/csv")
                .body(csv)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16();
            done.store(true, std::sync::atomic::Ordering::SeqCst);
            status
        })
    };
    // Partner saves on other threads until the import has answered (at most 500 each).
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let url = app.url(&format!("/api/v1/solutions/{}", r.solution));
            let token = r.cosell.clone();
            let done = done.clone();
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut answers = Vec::new();
                for i in 0..500 {
                    if done.load(std::sync::atomic::Ordering::SeqCst) && i >= 3 {
                        break;
                    }
                    let res = client
                        .patch(&url)
                        .bearer_auth(&token)
                        .json(&json!({"pitch": format!("Pitch {w}-{i}: retail analytics for every store.")}))
                        .send()
                        .await
                        .unwrap();
                    let retry = res.headers().get("retry-after").is_some();
                    answers.push((res.status().as_u16(), retry));
                }
                answers
            })
        })
        .collect();
    assert_eq!(import.await.unwrap(), 200);
    for w in writers {
        for (status, retry) in w.await.unwrap() {
            assert!(
                status == 200 || (status == 503 && retry),
                "a save during the import answered {status}"
            );
        }
    }
    assert_kept(&app, "an import beside saves").await;
}
