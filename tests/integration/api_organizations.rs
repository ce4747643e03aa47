use crate::helpers::*;
use serde_json::{Value, json};

#[tokio::test]
async fn program_admin_creates_reads_and_patches_an_organization() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let api = app.api(&admin);

    let res = api
        .post("/organizations", json!({"name": "Contoso", "mpn_id": "1234567", "marketplace_account_active": true,
               "seller_account_active": false, "partner_types": ["services", "isv"], "isv_connect_enrolled_on": "2026-01-15"}))
        .await;
    assert_eq!(res.status(), 201);
    let org: Value = res.json().await.unwrap();
    let id = org["id"].as_i64().unwrap();
    assert_eq!(org["mpn_id"], "1234567");
    assert_eq!(org["partner_types"], json!(["isv", "services"]));
    assert_eq!(org["isv_connect_enrolled_on"], "2026-01-15");
    assert_eq!(org["business_profile"]["complete"], false);

    let res = api
        .patch(
            &format!("/organizations/{id}"),
            json!({"seller_account_active": true, "mpn_id": null}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let org: Value = res.json().await.unwrap();
    assert_eq!(org["seller_account_active"], true);
    assert_eq!(org["mpn_id"], Value::Null);
    assert_eq!(org["name"], "Contoso", "fields not sent stay as they were");

    let got: Value = api
        .get(&format!("/organizations/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["seller_account_active"], true);
    let kinds = app.audit_kinds().await;
    assert!(kinds.contains(&"organization_created".to_string()));
    assert!(kinds.contains(&"program_facts_changed".to_string()));
}

#[tokio::test]
async fn mpn_ids_are_checked_and_unique() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let api = app.api(&admin);
    app.org(&admin, "First", "123456").await;

    let res = api
        .post(
            "/organizations",
            json!({"name": "Second", "mpn_id": "123456"}),
        )
        .await;
    assert_eq!(res.status(), 409);
    assert_eq!(error_code(res).await, "mpn_id_taken");

    for bad in ["12345", "12345678901", "12a456"] {
        let res = api
            .post("/organizations", json!({"name": "Bad", "mpn_id": bad}))
            .await;
        assert_eq!(res.status(), 400, "{bad}");
        let body: Value = res.json().await.unwrap();
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("mpn_id"),
            "{body}"
        );
    }
    let second = app.org(&admin, "Second", "654321").await;
    let res = api
        .patch(
            &format!("/organizations/{second}"),
            json!({"mpn_id": "123456"}),
        )
        .await;
    assert_eq!(res.status(), 409);
}

#[tokio::test]
async fn bad_json_is_refused_with_the_field_named() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let api = app.api(&admin);
    let res = api
        .post("/organizations", json!({"name": "X", "colour": "blue"}))
        .await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("colour"),
        "{body}"
    );

    let res = api
        .post("/organizations", json!({"mpn_id": "123456"}))
        .await;
    assert_eq!(res.status(), 400, "name is required");

    let res = api
        .post(
            "/organizations",
            json!({"name": "X", "partner_types": ["reseller"]}),
        )
        .await;
    assert_eq!(res.status(), 400);

    let res = api
        .client
        .post(app.url("/api/v1/organizations"))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(error_code(res).await, "invalid_json");

    let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(400 * 1024));
    let res = api
        .client
        .post(app.url("/api/v1/organizations"))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(error_code(res).await, "too_large");
}

#[tokio::test]
async fn roles_are_enforced_with_403() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let dev = app
        .token_for("dev@contoso.example", &["developer"], Some(org))
        .await;
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    let seller = app
        .token_for("sel@program.example", &["seller"], None)
        .await;

    let res = app
        .api(&dev)
        .post("/organizations", json!({"name": "Mine"}))
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(error_code(res).await, "forbidden");
    let res = app
        .api(&dev)
        .patch(
            &format!("/organizations/{org}"),
            json!({"seller_account_active": true}),
        )
        .await;
    assert_eq!(
        res.status(),
        403,
        "partners read program facts but never set them"
    );
    let res = app
        .api(&reviewer)
        .patch(&format!("/organizations/{org}"), json!({"name": "Renamed"}))
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.api(&reviewer)
            .get(&format!("/organizations/{org}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.api(&seller)
            .get(&format!("/organizations/{org}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.api(&dev)
            .get(&format!("/organizations/{org}"))
            .await
            .status(),
        200
    );
    let res = app
        .api(&dev)
        .put(&format!("/organizations/{org}/competencies"), json!([]))
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .api(&dev)
        .put(
            &format!("/organizations/{org}/business-profile"),
            json!({"company_name": "X"}),
        )
        .await;
    assert_eq!(
        res.status(),
        403,
        "only the account admin edits the profile"
    );
}

#[tokio::test]
async fn partners_never_see_another_organization() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let mine = app.org(&admin, "Mine", "111111").await;
    let theirs = app.org(&admin, "Theirs", "222222").await;
    let aa = app
        .token_for("aa@mine.example", &["account_admin"], Some(mine))
        .await;
    let api = app.api(&aa);

    assert_eq!(
        api.get(&format!("/organizations/{mine}")).await.status(),
        200
    );
    let res = api.get(&format!("/organizations/{theirs}")).await;
    assert_eq!(res.status(), 404);
    let body = res.text().await.unwrap();
    assert!(
        !body.contains("Theirs") && !body.contains("222222"),
        "no data leaks: {body}"
    );
    assert_eq!(
        api.get("/organizations/999999").await.status(),
        404,
        "same answer as for a missing id"
    );
    let res = api
        .put(
            &format!("/organizations/{theirs}/business-profile"),
            json!({"company_name": "Hijack"}),
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = api
        .put_file(
            &format!("/organizations/{theirs}/business-profile/logo"),
            png(100, 50),
            "l.png",
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = api
        .post(
            &format!("/organizations/{theirs}/users"),
            json!({"email": "x@theirs.example", "password": PASSWORD, "roles": ["developer"]}),
        )
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(
        api.get(&format!("/organizations/{theirs}/users"))
            .await
            .status(),
        404
    );
    assert_eq!(
        api.get("/organizations").await.status(),
        403,
        "partners cannot list organizations"
    );
}

#[tokio::test]
async fn business_profile_completeness_is_shown_field_by_field() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let aa = app
        .token_for("aa@contoso.example", &["account_admin"], Some(org))
        .await;
    let api = app.api(&aa);
    let path = format!("/organizations/{org}/business-profile");

    let res = api
        .put(
            &path,
            json!({"company_name": "Contoso Ltd", "description": "Too short"}),
        )
        .await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["field"], "description");

    let res = api
        .put(
            &path,
            json!({"company_name": "Contoso Ltd", "industries": ["retail"]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["complete"], false);
    assert_eq!(
        p["missing"],
        json!([
            "description",
            "website",
            "headquarters_country",
            "contact_email",
            "logo"
        ])
    );

    let res = api
        .put(&path, json!({"company_name": "Contoso Ltd", "description": "Contoso builds retail analytics for stores of every size, in the cloud.",
             "website": "https://contoso.example", "headquarters_country": "NL", "industries": ["retail", "distribution"],
             "contact_email": "Partners@Contoso.example"}))
        .await;
    assert_eq!(res.status(), 200);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["missing"], json!(["logo"]));
    assert_eq!(p["contact_email"], "partners@contoso.example");

    let res = api
        .put_file(&format!("{path}/logo"), png(200, 80), "logo.png")
        .await;
    assert_eq!(res.status(), 200);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["complete"], true);
    assert_eq!(p["logo"]["width"], 200);

    for (field, value) in [
        ("website", json!("http://contoso.example")),
        ("headquarters_country", json!("XX")),
        ("industries", json!(["space"])),
    ] {
        let mut body = json!({"company_name": "Contoso Ltd"});
        body[field] = value;
        let res = api.put(&path, body).await;
        assert_eq!(res.status(), 400, "{field}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["field"], field);
    }
}

#[tokio::test]
async fn logos_are_checked_by_content_and_size() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let aa = app
        .token_for("aa@contoso.example", &["account_admin"], Some(org))
        .await;
    let api = app.api(&aa);
    let path = format!("/organizations/{org}/business-profile/logo");

    let res = api.put_file(&path, png(120, 60), "renamed.pdf").await;
    assert_eq!(
        res.status(),
        200,
        "the name does not matter, the content does"
    );

    let res = api.put_file(&path, png(400, 100), "wide.png").await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    let msg = body["error"]["message"].as_str().unwrap();
    assert!(msg.contains("400 px") && msg.contains("300"), "{msg}");

    let big = big_png();
    assert!(big.len() > 1024 * 1024);
    let res = api.put_file(&path, big.clone(), "big.png").await;
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.unwrap();
    let msg = body["error"]["message"].as_str().unwrap();
    let measured = cosell::domain::field::group_digits(big.len() as u64);
    assert!(
        msg.contains(&measured),
        "message gives the measured size {measured}: {msg}"
    );

    let res = api
        .put_file(&path, b"%PDF-1.4 not an image".to_vec(), "logo.png")
        .await;
    assert_eq!(res.status(), 415);
    assert_eq!(error_code(res).await, "unsupported_media_type");

    let res = api.put_file(&path, Vec::new(), "empty.png").await;
    assert_eq!(res.status(), 400);

    let org_view: Value = api
        .get(&format!("/organizations/{org}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        org_view["business_profile"]["logo"]["width"], 120,
        "refusals leave the previous logo"
    );
    let res = api.get(&format!("/organizations/{org}/logo")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert!(
        app.audit_kinds()
            .await
            .contains(&"logo_uploaded".to_string())
    );
}

#[tokio::test]
async fn gold_competencies_are_replaced_as_a_list() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let api = app.api(&admin);
    let org = app.org(&admin, "Contoso", "123456").await;
    let path = format!("/organizations/{org}/competencies");

    let res = api.put(&path, json!([{"area": "data_analytics", "expires_on": "2027-03-31"}, {"area": "devops", "expires_on": "2026-01-01"}])).await;
    assert_eq!(res.status(), 200);
    let list: Value = res.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);

    let res = api
        .put(
            &path,
            json!([{"area": "cooking", "expires_on": "2027-03-31"}]),
        )
        .await;
    assert_eq!(res.status(), 400);
    let res = api.put(&path, json!([{"area": "devops", "expires_on": "2027-03-31"}, {"area": "devops", "expires_on": "2027-04-01"}])).await;
    assert_eq!(res.status(), 400);
    let res = api
        .put(
            &path,
            json!([{"area": "devops", "expires_on": "31-03-2027"}]),
        )
        .await;
    assert_eq!(res.status(), 400);

    let org_view: Value = api
        .get(&format!("/organizations/{org}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(org_view["competencies"][0]["area"], "data_analytics");
    assert_eq!(org_view["competencies"][0]["expires_on"], "2027-03-31");
    assert!(
        app.audit_kinds()
            .await
            .contains(&"competencies_changed".to_string())
    );
}

#[tokio::test]
async fn api_errors_keep_the_json_shape_outside_handlers() {
    let app = spawn_app().await;
    let client = reqwest::Client::new();
    let res = client
        .get(app.url("/api/v1/organizations/1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(error_code(res).await, "unauthorized");
    let res = client
        .get(app.url("/api/v1/organizations/1"))
        .bearer_auth("cst_forged")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = client
        .get(app.url("/api/v1/no-such-thing"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(error_code(res).await, "not_found");
    let res = client
        .get(app.url("/api/v1/organizations/abc"))
        .bearer_auth("x")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error());
    error_code(res).await;
    let res = client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/organizations/{id}/business-profile"].is_object());
    for path in [
        "/solutions/{id}/status",
        "/review-queue",
        "/catalog",
        "/revenue",
        "/solutions/{id}/documents/{kind}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
}
