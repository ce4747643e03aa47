//! The layer between the rules and people: CSRF before any file byte, pages that ignore
//! parameters they do not know while the API refuses them.

use crate::api_status::co_sell_ready;
use crate::fixtures;
use crate::helpers::*;
use reqwest::multipart::{Form, Part};

fn pdf_part() -> Part {
    Part::bytes(fixtures::pdf(1))
        .file_name("case.pdf")
        .mime_str("application/pdf")
        .unwrap()
}

#[tokio::test]
async fn a_page_upload_needs_its_csrf_token_before_the_file() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let b = app
        .signed_in("up@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let docs = format!("/solutions/{}/documents", r.solution);
    let csrf = app.csrf_of(&b, &docs).await;
    let url = app.url(&format!("{docs}/case_study"));

    // The file first, the (right) token after it: refused before the file is kept.
    let file_first = Form::new()
        .part("file", pdf_part())
        .text("csrf", csrf.clone());
    let res = b.post(&url).multipart(file_first).send().await.unwrap();
    assert_eq!(res.status(), 403);
    // No token at all, and a forged one: refused the same way.
    let none = Form::new().part("file", pdf_part());
    assert_eq!(
        b.post(&url).multipart(none).send().await.unwrap().status(),
        403
    );
    let forged = Form::new().text("csrf", "forged").part("file", pdf_part());
    assert_eq!(
        b.post(&url)
            .multipart(forged)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let history = app
        .api(&r.cosell)
        .get(&format!(
            "/solutions/{}/documents/case_study/versions",
            r.solution
        ))
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(
        history["items"].as_array().unwrap().len(),
        0,
        "nothing was stored"
    );

    // The token first: taken.
    let right = Form::new().text("csrf", csrf).part("file", pdf_part());
    assert_eq!(
        b.post(&url).multipart(right).send().await.unwrap().status(),
        303
    );
}

#[tokio::test]
async fn the_catalog_page_ignores_unknown_parameters_and_the_api_names_them() {
    let app = spawn_app().await;
    let b = app
        .signed_in("seller@program.example", &["seller"], None)
        .await;
    let res = b
        .get(app.url("/catalog?utm_source=newsletter&q=analytics"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "a campaign link still opens the page");
    let token = app
        .token_for("seller-api@program.example", &["seller"], None)
        .await;
    let res = app.api(&token).get("/catalog?utm_source=newsletter").await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("utm_source"),
        "the API names the parameter: {body}"
    );
}
