//! The lists kept on solution, organization and offer rows (migration 14, read by the facts
//! statement) hold what their tables hold after every kind of change: through the portal,
//! by hand in SQL, and when changes to the same list race.

use crate::api_status::{co_sell_ready, post_revenue, req, status};
use crate::fixtures;
use crate::helpers::*;
use serde_json::{Value, json};

/// Each kept list: the table whose rows carry it, its column, and the view that says what it holds.
const KEPT: [(&str, &str, &str); 5] = [
    ("solutions", "contacts_json", "facts_contacts"),
    ("solutions", "documents_json", "facts_documents"),
    ("organizations", "competencies_json", "facts_competencies"),
    ("organizations", "azure_revenue_json", "facts_azure_revenue"),
    (
        "offers",
        "marketplace_revenue_json",
        "facts_marketplace_revenue",
    ),
];

/// The members of a JSON array, in a fixed order (the kept arrays are unordered).
fn members(json: &str) -> Vec<String> {
    let list: Vec<Value> = serde_json::from_str(json).expect("a JSON array");
    let mut members: Vec<String> = list.iter().map(Value::to_string).collect();
    members.sort();
    members
}

/// Checks every kept list against its table; answers the number of members kept per list.
pub async fn assert_kept(app: &TestApp, after: &str) -> [usize; 5] {
    let mut counts = [0; 5];
    for (i, (table, column, view)) in KEPT.into_iter().enumerate() {
        let sql = format!(
            "SELECT t.id, t.{column}, COALESCE(v.list, '[]') FROM {table} t LEFT JOIN {view} v ON v.id = t.id"
        );
        let rows: Vec<(i64, String, String)> = cosell::db_run!(&app.state.db, pool =>
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
        .unwrap();
        for (id, kept, truth) in rows {
            let kept = members(&kept);
            assert_eq!(
                kept,
                members(&truth),
                "after {after}: {table}.{column} of {id}"
            );
            counts[i] += kept.len();
        }
    }
    counts
}

async fn checklist_of(app: &TestApp, token: &str, solution: i64) -> Value {
    status(app, token, solution, Some("2026-11-24")).await
}

fn requirement<'a>(status: &'a Value, id: &str) -> &'a str {
    req(status, id)["state"].as_str().unwrap()
}

#[tokio::test]
async fn kept_lists_follow_every_change_through_the_portal_and_by_hand() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    assert_eq!(assert_kept(&app, "a ready solution").await, [1, 2, 0, 0, 0]);

    let sol = app.api(&r.cosell);
    let path = format!("/solutions/{}", r.solution);
    let two = json!({"contacts": [
        {"name": "Ann", "email": "ann@contoso.example", "role": "partner_sales", "geographies": ["OOO"]},
        {"name": "Bob", "email": "bob@contoso.example", "role": "partner_technical_sales", "geographies": ["NL"]}]});
    assert_eq!(sol.patch(&path, two).await.status(), 200);
    assert_eq!(assert_kept(&app, "two contacts").await[0], 2);
    let res = sol
        .put_file(
            &format!("{path}/documents/one_pager"),
            fixtures::pdf(2),
            "new.pdf",
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        assert_kept(&app, "a replaced one-pager").await[1],
        2,
        "the replaced document is no longer current"
    );

    let admin = app.api(&r.admin);
    let competencies = format!("/organizations/{}/competencies", r.org);
    let res = admin
        .put(
            &competencies,
            json!([{"area": "data_analytics", "expires_on": "2027-03-31"}]),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(assert_kept(&app, "a competency").await[2], 1);

    let csv = format!(
        "mpn_id,month,kind,amount_usd,offer_id\n123456,2026-10,azure_consumed,50000.00,\n\
         123456,2025-11,azure_consumed,49999.99,\n123456,2026-09,marketplace_billed,100000,{}\n",
        r.offer
    );
    assert_eq!(post_revenue(&app, &r.admin, &csv).await.status(), 200);
    assert_eq!(assert_kept(&app, "a revenue import").await, [2, 2, 1, 2, 1]);
    let status = checklist_of(&app, &r.cosell, r.solution).await;
    assert_eq!(requirement(&status, "revenue_threshold"), "met", "{status}");

    // By hand, as an operator fixing data would: the lists follow too.
    app.exec("UPDATE revenue SET amount_cents = 100").await;
    assert_kept(&app, "amounts changed by hand").await;
    let status = checklist_of(&app, &r.cosell, r.solution).await;
    assert_eq!(
        requirement(&status, "revenue_threshold"),
        "unmet",
        "{status}"
    );
    let other = app.org(&r.admin, "Fabrikam", "654321").await;
    app.exec(&format!(
        "UPDATE revenue SET organization_id = {other} WHERE kind = 'azure_consumed'"
    ))
    .await;
    assert_eq!(
        assert_kept(&app, "revenue moved to another organization").await,
        [2, 2, 1, 2, 1]
    );
    app.exec("DELETE FROM revenue").await;
    app.exec("DELETE FROM solution_contacts").await;
    app.exec("DELETE FROM competencies").await;
    assert_eq!(
        assert_kept(&app, "rows deleted by hand").await,
        [0, 2, 0, 0, 0]
    );
    let status = checklist_of(&app, &r.cosell, r.solution).await;
    assert_eq!(requirement(&status, "sales_contacts"), "unmet", "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kept_lists_hold_every_row_when_changes_to_one_list_race() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    // Eight imports at once into one organization's Azure consumption and one offer's
    // marketplace revenue, each its own month: every row must end up in the kept lists.
    let url = app.url("/api/v1/revenue");
    let imports: Vec<_> = (1..=8)
        .map(|month| {
            let azure = format!("123456,2026-{month:02},azure_consumed,100.00,\n");
            let billed = format!(
                "123456,2026-{month:02},marketplace_billed,10.00,{}\n",
                r.offer
            );
            // Half the files list the offer's revenue first.
            let rows = if month % 2 == 0 {
                azure + &billed
            } else {
                billed + &azure
            };
            let csv = format!("mpn_id,month,kind,amount_usd,offer_id\n{rows}");
            let (url, token) = (url.clone(), r.admin.clone());
            tokio::spawn(async move {
                let res = reqwest::Client::new()
                    .post(url)
                    .bearer_auth(token)
                    .header("content-type", "text/csv")
                    .body(csv)
                    .send()
                    .await
                    .unwrap();
                (res.status(), res.text().await.unwrap())
            })
        })
        .collect();
    for import in imports {
        let (status, body) = import.await.unwrap();
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(assert_kept(&app, "racing imports").await[3..], [8, 8]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_change_that_waits_for_another_keeps_the_other_ones_rows() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let insert = |month: &str| {
        format!(
            "INSERT INTO revenue (organization_id, offer_key, month, kind, amount_cents, imported_at) \
             VALUES ({}, 0, '{month}', 'azure_consumed', 100, CURRENT_TIMESTAMP)",
            r.org
        )
    };
    // The first transaction adds a row and stays open; the second adds another meanwhile and
    // has to wait for it. Whatever the order they end in, both rows are in the kept list.
    cosell::db_run!(&app.state.db, pool => {
        let mut first = pool.begin().await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(insert("2026-01")))
            .execute(&mut *first)
            .await
            .unwrap();
        let (pool, sql) = (pool.clone(), insert("2026-02"));
        let second = tokio::spawn(async move {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await.map(|_| ())
        });
        // Time for the second to reach the first one's lock (should it not, it runs after the
        // commit, and the check below holds all the same).
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        first.commit().await.unwrap();
        second.await.unwrap().unwrap();
    });
    assert_eq!(assert_kept(&app, "a change that waited").await[3], 2);
}
