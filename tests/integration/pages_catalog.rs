//! What sellers see (counts, logos, mail links, a CSV of the results) and what partners
//! preview of it.

use crate::api_status::co_sell_ready;
use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn sellers_see_a_count_logos_mail_links_and_can_take_the_results_along() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let path = format!("/solutions/{}", r.solution);
    // A partner's pitch that would run in a spreadsheet.
    app.api(&r.cosell)
        .patch(&path, json!({"pitch": "=HYPERLINK(\"http://evil.example\",\"Open\") analytics for every store."}))
        .await;
    let reviewer = app
        .token_for("approver@program.example", &["reviewer"], None)
        .await;
    crate::api_catalog::approve(&app, &r.cosell, &reviewer, r.solution).await;
    let seller = app
        .signed_in("sel@program.example", &["seller"], None)
        .await;

    let html = app.html(&seller, "/catalog").await;
    assert!(html.contains("One solution matches."), "a count");
    assert!(
        html.contains(&format!("src=\"/organizations/{}/logo\"", r.org)),
        "the logo"
    );
    assert!(html.contains("alt=\"Logo of Contoso Ltd\""));
    let html = app.html_in(&seller, "/catalog?q=banana", "nl").await;
    assert!(
        html.contains("Geen") || html.contains("geen"),
        "nothing found, in Dutch"
    );
    let html = app.html(&seller, &format!("/catalog/{}", r.solution)).await;
    assert!(
        html.contains("href=\"mailto:ann@contoso.example\""),
        "mail links on contacts"
    );

    // The export: every result, in the reader's words, with no cell that runs as a formula.
    let res = seller
        .get(app.url("/catalog/export.csv?industry=retail"))
        .header("accept-language", "nl")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let text = res.text().await.unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header[0], "Aanbieding");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(&row[0], "Contoso Analytics");
    assert!(
        row[7].contains("Nederland"),
        "geographies by name, in Dutch: {}",
        &row[7]
    );
    assert!(
        row[8].starts_with("'="),
        "the pitch is text, not a formula: {}",
        &row[8]
    );
    assert!(row[9].ends_with(&format!("/catalog/{}", r.solution)));
    for filters in ["industry=education", "q=banana", "status=bizapps_co_sell"] {
        let text = app
            .html(&seller, &format!("/catalog/export.csv?{filters}"))
            .await;
        assert_eq!(
            text.trim_start_matches('\u{feff}').lines().count(),
            1,
            "{filters}: the header only"
        );
    }
    let res = seller
        .get(app.url("/catalog/export.csv?status=nonsense"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let res = partner
        .get(app.url("/catalog/export.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "partners never see the catalog");
}

#[tokio::test]
async fn partners_preview_their_entry_beside_what_sellers_see_now() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let preview = format!("/solutions/{}/preview", r.solution);
    let html = app.html(&partner, &preview).await;
    assert!(html.contains("not yet approved"));
    assert!(html.contains("Not in the catalog yet"));
    assert!(html.contains("Analytics for every store."));

    let reviewer = app
        .token_for("approver@program.example", &["reviewer"], None)
        .await;
    crate::api_catalog::approve(&app, &r.cosell, &reviewer, r.solution).await;
    let html = app.html(&partner, &preview).await;
    assert!(html.contains("Nothing here waits for an approval"));
    app.api(&r.cosell)
        .patch(
            &format!("/solutions/{}", r.solution),
            json!({"pitch": "A newer pitch, waiting for its approval."}),
        )
        .await;
    let html = app.html(&partner, &preview).await;
    let now_at = html.find("id=\"now-h\"").unwrap();
    let next_at = html.find("id=\"next-h\"").unwrap();
    assert!(html.contains("not yet approved") && !html.contains("Nothing here waits"));
    let newer = html.find("A newer pitch").unwrap();
    let approved = html.find("Analytics for every store.").unwrap();
    assert!(
        next_at < newer && newer < now_at && now_at < approved,
        "the new page beside the approved one"
    );
    // The approved documents come through the partner's own document pages.
    let thumb = html[now_at..]
        .split("src=\"")
        .find(|s| s.contains("/thumbnail"))
        .and_then(|s| s.split('"').next())
        .expect("a thumbnail of an approved document")
        .to_string();
    assert!(
        thumb.contains("/versions/") && !thumb.contains("/versions/0/"),
        "{thumb}"
    );
    let res = partner.get(app.url(&thumb)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    // Another organization cannot look.
    let other = app
        .signed_in(
            "cosell@fabrikam.example",
            &["cosell_admin"],
            Some(app.org(&r.admin, "Fabrikam", "7654321").await),
        )
        .await;
    let res = other.get(app.url(&preview)).send().await.unwrap();
    assert!(matches!(res.status().as_u16(), 403 | 404));
}
