use crate::api_offers_solutions::{partner, solution};
use crate::fixtures;
use crate::helpers::*;
use serde_json::Value;

#[tokio::test]
async fn documents_are_judged_by_content_with_pages_and_slides() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let id = solution(&app, &p).await;
    let api = app.api(&p.cosell);
    let put = |kind: &str, bytes: Vec<u8>, name: &str| {
        let path = format!("/solutions/{id}/documents/{kind}");
        let name = name.to_string();
        let api = &api;
        async move { api.put_file(&path, bytes, &name).await }
    };

    let res = put("one_pager", fixtures::pdf(1), "One pager.pdf").await;
    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["pages"], 1);
    assert_eq!(doc["content_type"], "application/pdf");
    assert_eq!(doc["file_name"], "One_pager.pdf");

    let res = put("one_pager", fixtures::pdf(3), "three.pdf").await;
    assert_eq!(res.status(), 422, "a one-pager has at most 2 pages");
    let msg = res.json::<Value>().await.unwrap()["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains('3') && msg.contains('2'), "{msg}");

    let res = put("one_pager", png(50, 50), "renamed.pdf").await;
    assert_eq!(res.status(), 415, "a PNG named .pdf is not a PDF");
    let full = fixtures::pdf(1);
    let res = put(
        "one_pager",
        full[..full.len() / 2].to_vec(),
        "truncated.pdf",
    )
    .await;
    assert_eq!(res.status(), 415, "a truncated PDF does not parse");
    let res = put("one_pager", Vec::new(), "empty.pdf").await;
    assert!(res.status().is_client_error());

    let res = put("pitch_deck", fixtures::pptx(7), "deck.pptx").await;
    assert_eq!(res.status(), 200);
    let deck: Value = res.json().await.unwrap();
    assert_eq!(deck["slides"], 7);
    assert_eq!(
        deck["content_type"],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    );
    let res = put("pitch_deck", fixtures::pdf(3), "deck.pdf").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["pages"], 3);
    let res = put("pitch_deck", fixtures::docx(), "deck.pptx").await;
    assert_eq!(res.status(), 415, "a DOCX renamed .pptx is refused");
    let res = put("pitch_deck", fixtures::plain_zip(), "deck.pptx").await;
    assert_eq!(res.status(), 415);

    assert_eq!(
        put("case_study", fixtures::docx(), "story.docx")
            .await
            .status(),
        200
    );
    assert_eq!(
        put("reference_architecture", png(800, 600), "arch.png")
            .await
            .status(),
        200
    );
    let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#.to_vec();
    assert_eq!(
        put("reference_architecture", svg, "arch.svg")
            .await
            .status(),
        200
    );
    assert_eq!(
        put(
            "reference_architecture",
            b"<html><body>no</body></html>".to_vec(),
            "arch.svg"
        )
        .await
        .status(),
        415
    );
    assert_eq!(
        put("no_such_kind", fixtures::pdf(1), "x.pdf")
            .await
            .status(),
        404
    );

    let got: Value = api
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let kinds: Vec<&str> = got["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec![
            "case_study",
            "one_pager",
            "pitch_deck",
            "reference_architecture"
        ]
    );
    let one_pager = got["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "one_pager")
        .unwrap();
    assert_eq!(
        one_pager["pages"], 1,
        "refused uploads leave the previous document current"
    );
}

#[tokio::test]
async fn zip_bombs_and_oversize_bodies_are_refused() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let id = solution(&app, &p).await;
    let api = app.api(&p.cosell);
    let res = api
        .put_file(
            &format!("/solutions/{id}/documents/pitch_deck"),
            fixtures::zip_bomb_entries(),
            "bomb.pptx",
        )
        .await;
    assert_eq!(res.status(), 422);
    let text = res.text().await.unwrap();
    assert!(text.contains("1,004") && text.contains("1,000"), "{text}");
    let res = api
        .put_file(
            &format!("/solutions/{id}/documents/pitch_deck"),
            fixtures::zip_bomb_size(),
            "bomb.pptx",
        )
        .await;
    assert_eq!(res.status(), 422);

    let big = vec![b'%'; 10 * 1024 * 1024 + 1];
    let res = api
        .put_file(
            &format!("/solutions/{id}/documents/one_pager"),
            big,
            "big.pdf",
        )
        .await;
    assert_eq!(res.status(), 413);
    assert_eq!(error_code(res).await, "too_large");

    let got: Value = api
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        got["documents"].as_array().unwrap().is_empty(),
        "nothing was stored"
    );
    let rows: Vec<(i64,)> = cosell::db_run!(&app.state.db, pool => sqlx::query_as("SELECT id FROM documents").fetch_all(pool).await).unwrap();
    assert!(rows.is_empty(), "no row is left behind");
    // A refused body never reaches the store, whichever store it is.
    let objects = app.state.storage.list("solutions").await.unwrap();
    assert!(objects.is_empty(), "no object is left behind: {objects:?}");
}

#[tokio::test]
async fn replacing_keeps_history_and_downloads_are_safe() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let other = partner(&app, &admin, "Fabrikam", "654321").await;
    let id = solution(&app, &p).await;
    let api = app.api(&p.cosell);
    let first = fixtures::pdf(1);
    let second = fixtures::pdf(2);
    assert_eq!(
        api.put_file(
            &format!("/solutions/{id}/documents/one_pager"),
            first.clone(),
            "v1.pdf"
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        api.put_file(
            &format!("/solutions/{id}/documents/one_pager"),
            second.clone(),
            "\"quoted\" name.pdf"
        )
        .await
        .status(),
        200
    );

    let res = api
        .get(&format!("/solutions/{id}/documents/one_pager"))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let cd = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(cd, "attachment; filename=\"quoted_name.pdf\"");
    assert_eq!(
        res.bytes().await.unwrap().to_vec(),
        second,
        "the current file comes back byte for byte"
    );

    let res = api
        .get(&format!("/solutions/{id}/documents/one_pager/versions"))
        .await;
    let list: Value = res.json().await.unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["current"], true);
    assert_eq!(items[0]["pages"], 2);
    assert_eq!(items[1]["pages"], 1);
    assert_eq!(items[1]["uploaded_by"], "cosell@contoso.example");
    let old_url = items[1]["download_url"]
        .as_str()
        .unwrap()
        .trim_start_matches("/api/v1")
        .to_string();
    let res = api.get(&old_url).await;
    assert_eq!(
        res.bytes().await.unwrap().to_vec(),
        first,
        "older versions stay downloadable"
    );

    let theirs = app.api(&other.cosell);
    assert_eq!(
        theirs
            .get(&format!("/solutions/{id}/documents/one_pager"))
            .await
            .status(),
        404
    );
    assert_eq!(theirs.get(&old_url).await.status(), 404);
    assert_eq!(
        theirs
            .get(&format!("/solutions/{id}/documents/one_pager/versions"))
            .await
            .status(),
        404
    );
    assert_eq!(
        theirs
            .put_file(
                &format!("/solutions/{id}/documents/one_pager"),
                fixtures::pdf(1),
                "x.pdf"
            )
            .await
            .status(),
        404
    );
    assert_eq!(
        app.api(&p.dev)
            .put_file(
                &format!("/solutions/{id}/documents/one_pager"),
                fixtures::pdf(1),
                "x.pdf"
            )
            .await
            .status(),
        403
    );
    let kinds = app.audit_kinds().await;
    assert!(
        kinds.contains(&"document_uploaded".to_string())
            && kinds.contains(&"document_replaced".to_string())
    );
}

#[tokio::test]
async fn objects_without_a_row_are_swept_and_documents_stay() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let id = solution(&app, &p).await;
    let api = app.api(&p.cosell);
    assert_eq!(
        api.put_file(
            &format!("/solutions/{id}/documents/one_pager"),
            fixtures::pdf(1),
            "one.pdf"
        )
        .await
        .status(),
        200
    );
    // What a crash between storing the bytes and writing the row would leave behind.
    let mut tmp = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut tmp, b"%PDF-1.4 orphan").unwrap();
    let orphan = format!("solutions/{id}/one_pager/orphan.pdf");
    app.state
        .storage
        .put_file(&orphan, tmp.path())
        .await
        .unwrap();

    let deleted =
        cosell::services::documents::sweep_orphans(&app.state, chrono::Duration::hours(1))
            .await
            .unwrap();
    assert_eq!(deleted, 0, "a recent object may be an upload in flight");
    let deleted =
        cosell::services::documents::sweep_orphans(&app.state, chrono::Duration::seconds(-5))
            .await
            .unwrap();
    assert_eq!(deleted, 1);
    let keys: Vec<String> = app
        .state
        .storage
        .list("solutions")
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.key)
        .collect();
    assert!(!keys.contains(&orphan));
    let res = api
        .get(&format!("/solutions/{id}/documents/one_pager"))
        .await;
    assert_eq!(res.status(), 200, "documents with rows stay");
}

#[tokio::test]
async fn two_instances_sweeping_at_once_both_finish_and_keep_every_document() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let id = solution(&app, &p).await;
    let api = app.api(&p.cosell);
    let res = api
        .put_file(
            &format!("/solutions/{id}/documents/one_pager"),
            fixtures::pdf(1),
            "one.pdf",
        )
        .await;
    assert_eq!(res.status(), 200);
    let orphans: Vec<String> = (0..20)
        .map(|i| format!("solutions/{id}/one_pager/orphan-{i}.pdf"))
        .collect();
    for key in &orphans {
        app.state
            .storage
            .put_bytes(key, bytes::Bytes::from_static(b"%PDF-1.4 orphan"))
            .await
            .unwrap();
    }
    // A second instance: its own pool and store client on the same database and store.
    let other = cosell::state::AppState {
        db: cosell::db::Db::connect(&app.database_url).await.unwrap(),
        storage: cosell::storage::Storage::from_url(&app.settings.storage_url).unwrap(),
        ..app.state.clone()
    };
    let grace = chrono::Duration::seconds(-5);
    let (a, b) = tokio::join!(
        cosell::services::documents::sweep_orphans(&app.state, grace),
        cosell::services::documents::sweep_orphans(&other, grace)
    );
    let (a, b) = (
        a.expect("the first sweep finishes"),
        b.expect("the second too"),
    );
    assert!(a + b >= 20, "between them every orphan went: {a} + {b}");
    let left: Vec<String> = app
        .state
        .storage
        .list("solutions")
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.key)
        .collect();
    assert!(!left.iter().any(|k| k.contains("orphan")), "{left:?}");
    let res = api
        .get(&format!("/solutions/{id}/documents/one_pager"))
        .await;
    assert_eq!(res.status(), 200, "the document stays");
}

#[tokio::test]
async fn the_sweep_removes_what_an_upload_cut_in_the_middle_left_on_local_files() {
    let app = spawn_app().await;
    let Some(root) = app.settings.storage_url.strip_prefix("file://") else {
        return; // Azure and S3 discard uncommitted parts themselves.
    };
    // What a crash during a multipart write leaves: the part, never renamed into place.
    let folder = std::path::Path::new(root).join("solutions/7/pitch_deck");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("abc.pdf#1"), b"%PDF-1.4 half").unwrap();
    let kept = cosell::services::documents::sweep_orphans(&app.state, chrono::Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(
        kept, 0,
        "a part younger than the grace may be an upload in flight"
    );
    let deleted =
        cosell::services::documents::sweep_orphans(&app.state, chrono::Duration::seconds(-5))
            .await
            .unwrap();
    assert_eq!(deleted, 1);
    assert!(!folder.join("abc.pdf#1").exists());
}

#[tokio::test]
async fn large_decks_uploaded_at_once_arrive_whole_and_leave_nothing_behind() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let (a, b) = (solution(&app, &p).await, solution(&app, &p).await);
    let api = app.api(&p.cosell);
    // Over two of the writeback steps (4 MiB) and many write blocks (256 KiB), with a
    // remainder that fills neither; two different files, sent at the same time.
    let first = fixtures::pptx_with_media(3, 9 * 1024 * 1024 + 12_345);
    let second = fixtures::pptx_with_media(5, 5 * 1024 * 1024 + 777);
    let (to_a, to_b) = (
        format!("/solutions/{a}/documents/pitch_deck"),
        format!("/solutions/{b}/documents/pitch_deck"),
    );
    let (ra, rb) = tokio::join!(
        api.put_file(&to_a, first.clone(), "first.pptx"),
        api.put_file(&to_b, second.clone(), "second.pptx"),
    );
    assert_eq!((ra.status().as_u16(), rb.status().as_u16()), (200, 200));
    for (id, sent, slides) in [(a, &first, 3), (b, &second, 5)] {
        let res = api
            .get(&format!("/solutions/{id}/documents/pitch_deck"))
            .await;
        assert_eq!(res.status(), 200);
        let got = res.bytes().await.unwrap();
        assert_eq!(got.len(), sent.len());
        assert!(
            got.as_ref() == sent.as_slice(),
            "solution {id}: the deck comes back byte for byte"
        );
        let list: Value = api
            .get(&format!("/solutions/{id}/documents/pitch_deck/versions"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"][0]["slides"], slides);
        assert_eq!(list["items"][0]["size"], sent.len());
    }
    if let Some(root) = app.settings.storage_url.strip_prefix("file://") {
        let incoming = std::path::Path::new(root).join("solutions/.incoming");
        let left: Vec<_> = std::fs::read_dir(&incoming)
            .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert!(left.is_empty(), "nothing is left on its way in: {left:?}");
    }
}
