//! Thumbnails of collateral on the documents page, the review page and the catalog entry:
//! made once per version in the background, kept beside the document, never an error.

use crate::api_status::co_sell_ready;
use crate::fixtures;
use crate::helpers::*;
use reqwest::Client;

/// Asks for a thumbnail until it is made (the first answers may be the placeholder while it
/// renders in the background); returns its media type and bytes.
async fn made(app: &TestApp, client: &Client, path: &str) -> (String, Vec<u8>) {
    for _ in 0..400 {
        let res = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path} is always an image");
        let content_type = res.headers()["content-type"].to_str().unwrap().to_string();
        let cache = res.headers()["cache-control"].to_str().unwrap().to_string();
        let bytes = res.bytes().await.unwrap().to_vec();
        if content_type != "image/svg+xml" {
            assert!(
                cache.contains("max-age"),
                "a made thumbnail is kept: {cache}"
            );
            return (content_type, bytes);
        }
        assert_eq!(
            cache, "no-store",
            "a placeholder for one being made is not kept"
        );
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("{path}: no thumbnail was made");
}

#[tokio::test]
async fn page_one_and_the_decks_own_thumbnail_show_on_every_page_that_lists_documents() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let api = app.api(&r.cosell);
    let deck = api
        .put_file(
            &format!("/solutions/{}/documents/pitch_deck", r.solution),
            fixtures::pptx_with_thumbnail(3),
            "deck.pptx",
        )
        .await;
    assert_eq!(deck.status(), 200);
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let base = format!("/solutions/{}/documents", r.solution);
    let html = app.html(&partner, &base).await;
    assert!(html.contains(&format!("{base}/one_pager/thumbnail")));

    let (content_type, png) = made(&app, &partner, &format!("{base}/one_pager/thumbnail")).await;
    assert_eq!(content_type, "image/png");
    assert!(png.starts_with(b"\x89PNG"));
    let (content_type, jpeg) = made(&app, &partner, &format!("{base}/pitch_deck/thumbnail")).await;
    assert_eq!(
        (content_type.as_str(), jpeg.as_slice()),
        ("image/jpeg", fixtures::JPEG)
    );

    // Another organization sees nothing; a kind without a document is not found.
    let stranger = app
        .signed_in(
            "stranger@fabrikam.example",
            &["cosell_admin"],
            Some(app.org(&r.admin, "Fabrikam", "7654321").await),
        )
        .await;
    let res = stranger
        .get(app.url(&format!("{base}/one_pager/thumbnail")))
        .send()
        .await
        .unwrap();
    assert!(
        matches!(res.status().as_u16(), 403 | 404),
        "{}",
        res.status()
    );
    let res = partner
        .get(app.url(&format!("{base}/case_study/thumbnail")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // Reviewers and sellers see the same thumbnails.
    let reviewer = app
        .token_for("approver@program.example", &["reviewer"], None)
        .await;
    crate::api_catalog::approve(&app, &r.cosell, &reviewer, r.solution).await;
    let rev = app
        .signed_in("rev@program.example", &["reviewer"], None)
        .await;
    let html = app.html(&rev, &format!("/review/{}", r.solution)).await;
    let thumb = html
        .split("src=\"")
        .find(|s| s.contains("/thumbnail"))
        .and_then(|s| s.split('"').next())
        .expect("a thumbnail on the review page")
        .to_string();
    assert_eq!(made(&app, &rev, &thumb).await.0, "image/png");
    let seller = app
        .signed_in("sel@program.example", &["seller"], None)
        .await;
    let html = app.html(&seller, &format!("/catalog/{}", r.solution)).await;
    assert!(html.contains(&format!(
        "/catalog/{}/documents/pitch_deck/thumbnail",
        r.solution
    )));
    let (content_type, _) = made(
        &app,
        &seller,
        &format!("/catalog/{}/documents/pitch_deck/thumbnail", r.solution),
    )
    .await;
    assert_eq!(content_type, "image/jpeg");
}

#[tokio::test]
async fn a_deck_without_its_own_thumbnail_shows_the_placeholder_and_the_sweep_keeps_thumbnails() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    let path = format!("/solutions/{}/documents/pitch_deck/thumbnail", r.solution);
    // The fixture's deck has no thumbnail: once the render ran, the placeholder is kept.
    let mut settled = false;
    for _ in 0..400 {
        let res = partner.get(app.url(&path)).send().await.unwrap();
        assert_eq!(res.headers()["content-type"], "image/svg+xml");
        if res.headers()["cache-control"] != "no-store" {
            settled = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(
        settled,
        "the deck was looked at once and is not rendered again"
    );

    let one_pager = format!("/solutions/{}/documents/one_pager/thumbnail", r.solution);
    made(&app, &partner, &one_pager).await;
    let keys = || async {
        app.state
            .storage
            .list("solutions")
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.key)
            .collect::<Vec<_>>()
    };
    let thumbs: Vec<String> = keys()
        .await
        .into_iter()
        .filter(|k| k.ends_with(".thumb"))
        .collect();
    assert_eq!(thumbs.len(), 2, "one per document: {thumbs:?}");
    // An orphan and its thumbnail go; the documents' thumbnails stay.
    let orphan = format!("solutions/{}/one_pager/orphan.pdf", r.solution);
    for key in [orphan.clone(), format!("{orphan}.thumb")] {
        app.state
            .storage
            .put_bytes(&key, bytes::Bytes::from_static(b"%PDF-1.4"))
            .await
            .unwrap();
    }
    let deleted =
        cosell::services::documents::sweep_orphans(&app.state, chrono::Duration::seconds(-5))
            .await
            .unwrap();
    assert_eq!(deleted, 2);
    let left = keys().await;
    assert!(thumbs.iter().all(|t| left.contains(t)), "{left:?}");
    assert!(!left.iter().any(|k| k.contains("orphan")));
}

/// A live offer of `offer_type` with a co-sell solution; returns the solution's id.
async fn solution_of_type(app: &TestApp, r: &crate::api_status::Ready, offer_type: &str) -> i64 {
    let dev = app
        .token_for(
            &format!("dev-{offer_type}@contoso.example"),
            &["developer"],
            Some(r.org),
        )
        .await;
    let offer: serde_json::Value = app
        .api(&dev)
        .post(
            "/offers",
            serde_json::json!({"organization_id": r.org, "name": format!("Contoso {offer_type}"),
                "offer_type": offer_type, "stores": ["appsource"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let offer = offer["id"].as_i64().unwrap();
    app.api(&dev)
        .post(&format!("/offers/{offer}/publish"), serde_json::json!({}))
        .await;
    let sol: serde_json::Value = app
        .api(&r.cosell)
        .post("/solutions", serde_json::json!({"offer_id": offer}))
        .await
        .json()
        .await
        .unwrap();
    sol["id"].as_i64().unwrap()
}

#[tokio::test]
async fn the_documents_page_puts_what_this_solution_needs_first_and_marks_nothing_optional_as_missing()
 {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let dynamics = solution_of_type(&app, &r, "dynamics_365_business_central").await;
    let partner = app
        .signed_in("cosell2@contoso.example", &["cosell_admin"], Some(r.org))
        .await;
    // Table: the solution, and the kinds required for it (the rest are optional).
    let cases = [
        (
            r.solution,
            vec![
                ("one_pager", "co-sell ready"),
                ("pitch_deck", "co-sell ready"),
                ("reference_architecture", "Azure IP co-sell incentive"),
            ],
        ),
        (
            dynamics,
            vec![
                ("one_pager", "co-sell ready"),
                ("pitch_deck", "co-sell ready"),
            ],
        ),
    ];
    for (id, required) in cases {
        let html = app
            .html(&partner, &format!("/solutions/{id}/documents"))
            .await;
        let optional_at = html.find("id=\"optional-h\"").expect("an optional section");
        for kind in [
            "one_pager",
            "pitch_deck",
            "reference_architecture",
            "case_study",
            "customer_win",
            "channel_pitch_deck",
            "other",
        ] {
            let at = html
                .find(&format!("id=\"{kind}\""))
                .unwrap_or_else(|| panic!("{kind}"));
            let section = &html[at..];
            let section = &section[..section[1..]
                .find("id=\"")
                .map_or(section.len(), |e| e + 1)
                .min(section.len())];
            match required.iter().find(|(k, _)| *k == kind) {
                Some((_, group)) => {
                    assert!(at < optional_at, "{id}: {kind} comes first");
                    let rest = &html[at..optional_at];
                    assert!(
                        rest.contains(&format!("Required for {group}."))
                            || rest.contains(&format!("Required for the {group}.")),
                        "{id}: {kind} says what needs it"
                    );
                }
                None => {
                    assert!(at > optional_at, "{id}: {kind} is optional");
                    assert!(
                        !section.contains('✖'),
                        "{id}: an optional {kind} is never marked missing"
                    );
                }
            }
        }
        if id == dynamics {
            assert!(
                !html.contains("Azure IP"),
                "no Azure IP wording where it cannot apply"
            );
        }
    }
}
