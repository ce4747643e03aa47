use crate::helpers::*;
use serde_json::{Value, json};

/// An organization with an account admin's token, a developer and a co-sell admin.
pub struct Partner {
    pub org: i64,
    pub dev: String,
    pub cosell: String,
}

pub async fn partner(app: &TestApp, admin: &str, name: &str, mpn: &str) -> Partner {
    let org = app.org(admin, name, mpn).await;
    let slug = name.to_lowercase();
    Partner {
        org,
        dev: app
            .token_for(&format!("dev@{slug}.example"), &["developer"], Some(org))
            .await,
        cosell: app
            .token_for(
                &format!("cosell@{slug}.example"),
                &["cosell_admin"],
                Some(org),
            )
            .await,
    }
}

pub async fn offer(app: &TestApp, p: &Partner, offer_type: &str) -> i64 {
    let res = app
        .api(&p.dev)
        .post(
            "/offers",
            json!({"organization_id": p.org, "name": "Contoso Analytics", "offer_type": offer_type,
               "stores": ["azure_marketplace"], "transactable": true}),
        )
        .await;
    assert_eq!(res.status(), 201);
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

pub async fn solution(app: &TestApp, p: &Partner) -> i64 {
    let offer = offer(app, p, "saas").await;
    let res = app
        .api(&p.cosell)
        .post("/solutions", json!({"offer_id": offer}))
        .await;
    assert_eq!(res.status(), 201);
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

#[tokio::test]
async fn developers_create_edit_publish_and_stop_offers() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let api = app.api(&p.dev);

    let res = api
        .post("/offers", json!({"organization_id": p.org, "name": "Contoso Advisory", "offer_type": "consulting_service",
               "stores": ["appsource", "azure_marketplace"], "transactable": false, "competency_areas": ["devops"]}))
        .await;
    assert_eq!(res.status(), 201);
    let offer: Value = res.json().await.unwrap();
    assert_eq!(offer["state"], "draft");
    assert_eq!(offer["stores"], json!(["azure_marketplace", "appsource"]));
    assert_eq!(offer["competency_areas"], json!(["devops"]));
    let id = offer["id"].as_i64().unwrap();

    let res = api
        .patch(
            &format!("/offers/{id}"),
            json!({"name": "Contoso Advisory Plus"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<Value>().await.unwrap()["name"],
        "Contoso Advisory Plus"
    );

    let res = api.post(&format!("/offers/{id}/publish"), json!({})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["state"], "live");
    let res = api.post(&format!("/offers/{id}/publish"), json!({})).await;
    assert_eq!(res.status(), 409);
    let res = api.post(&format!("/offers/{id}/stop"), json!({})).await;
    assert_eq!(res.json::<Value>().await.unwrap()["state"], "stopped");
    let res = api.post(&format!("/offers/{id}/stop"), json!({})).await;
    assert_eq!(res.status(), 409);
    let got: Value = api
        .get(&format!("/offers/{id}"))
        .await
        .json()
        .await
        .unwrap();
    for field in [
        "id",
        "organization_id",
        "name",
        "offer_type",
        "stores",
        "transactable",
        "competency_areas",
        "state",
    ] {
        assert!(got.get(field).is_some(), "{field}");
    }
    let kinds = app.audit_kinds().await;
    assert!(
        kinds.contains(&"offer_published".to_string())
            && kinds.contains(&"offer_stopped".to_string())
    );
}

#[tokio::test]
async fn publishing_is_refused_while_the_seller_account_is_inactive() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    app.api(&admin)
        .patch(
            &format!("/organizations/{}", p.org),
            json!({"seller_account_active": false}),
        )
        .await;
    let id = offer(&app, &p, "saas").await;
    let res = app
        .api(&p.dev)
        .post(&format!("/offers/{id}/publish"), json!({}))
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "seller_account_inactive");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("seller account")
    );
}

#[tokio::test]
async fn offers_are_validated_and_scoped() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let other = partner(&app, &admin, "Fabrikam", "654321").await;
    let api = app.api(&p.dev);
    for (body, field) in [
        (
            json!({"organization_id": p.org, "name": "X", "offer_type": "toaster", "stores": ["appsource"]}),
            "offer_type",
        ),
        (
            json!({"organization_id": p.org, "name": "X", "offer_type": "saas", "stores": []}),
            "stores",
        ),
        (
            json!({"organization_id": p.org, "name": "X", "offer_type": "saas", "stores": ["appsource"], "competency_areas": ["devops"]}),
            "competency_areas",
        ),
        (
            json!({"organization_id": p.org, "name": "", "offer_type": "saas", "stores": ["appsource"]}),
            "name",
        ),
    ] {
        let res = api.post("/offers", body).await;
        assert_eq!(res.status(), 400, "{field}");
        assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], field);
    }
    let res = api.post("/offers", json!({"organization_id": other.org, "name": "X", "offer_type": "saas", "stores": ["appsource"]})).await;
    assert_eq!(
        res.status(),
        404,
        "another organization's id in the body is not found"
    );
    let theirs = offer(&app, &other, "saas").await;
    assert_eq!(api.get(&format!("/offers/{theirs}")).await.status(), 404);
    assert_eq!(
        api.post(&format!("/offers/{theirs}/publish"), json!({}))
            .await
            .status(),
        404
    );
    let res = app.api(&p.cosell).post("/offers", json!({"organization_id": p.org, "name": "X", "offer_type": "saas", "stores": ["appsource"]})).await;
    assert_eq!(res.status(), 403, "co-sell admins do not create offers");
}

#[tokio::test]
async fn a_solution_page_is_saved_with_its_contacts_and_version() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let id = solution(&app, &p).await;
    let api = app.api(&p.cosell);

    let got: Value = api
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["review_state"], "draft");
    assert_eq!(got["version"], 1);
    for field in [
        "id",
        "offer_id",
        "organization_id",
        "geographies",
        "solution_areas",
        "industries",
        "customer_sizes",
        "pitch",
        "landing_page",
        "contacts",
        "documents",
    ] {
        assert!(got.get(field).is_some(), "{field}");
    }

    let res = api
        .patch(&format!("/solutions/{id}"), json!({
            "version": 1,
            "geographies": ["NL", "de"], "solution_areas": ["data_ai"], "industries": ["retail"], "customer_sizes": ["smb"],
            "pitch": "Analytics for every store.", "landing_page": "https://contoso.example",
            "contacts": [{"name": "Ann", "email": "ann@contoso.example", "role": "partner_sales", "geographies": ["OOO"]},
                         {"name": "Bob", "email": "bob@contoso.example", "job_title": "CSM", "role": "customer_success", "geographies": ["NL"]}]
        }))
        .await;
    assert_eq!(res.status(), 200);
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["geographies"], json!(["DE", "NL"]));
    assert_eq!(
        saved["contacts"][0]["geographies"],
        json!(["OOO"]),
        "OOO is stored as given"
    );
    assert_eq!(saved["contacts"][1]["job_title"], "CSM");

    // A stale save is refused and changes nothing.
    let res = api
        .patch(
            &format!("/solutions/{id}"),
            json!({"version": 1, "pitch": "Overwritten"}),
        )
        .await;
    assert_eq!(res.status(), 409);
    assert_eq!(error_code(res).await, "stale_version");
    let got: Value = api
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["pitch"], "Analytics for every store.");
    // Without a version the save applies.
    let res = api
        .patch(
            &format!("/solutions/{id}"),
            json!({"pitch": "Better analytics."}),
        )
        .await;
    assert_eq!(res.json::<Value>().await.unwrap()["version"], 3);

    for (body, field) in [
        (json!({"pitch": "x".repeat(1001)}), "pitch"),
        (
            json!({"solution_areas": ["data_ai", "digital_app_innovation", "infrastructure", "security", "modern_work", "business_applications"]}),
            "solution_areas",
        ),
        (json!({"industries": ["space"]}), "industries"),
        (json!({"geographies": ["XX"]}), "geographies"),
        (
            json!({"landing_page": "http://contoso.example"}),
            "landing_page",
        ),
        (
            json!({"contacts": [{"name": "C", "email": "c@contoso.example", "role": "partner_sales", "geographies": ["FR"]}]}),
            "geographies",
        ),
    ] {
        let res = api.patch(&format!("/solutions/{id}"), body).await;
        assert_eq!(res.status(), 400, "{field}");
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["error"]["field"], field);
    }
    let res = api
        .patch(&format!("/solutions/{id}"), json!({"colour": "red"}))
        .await;
    assert_eq!(res.status(), 400);
    let got: Value = api
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["version"], 3, "refused saves change nothing");
}

#[tokio::test]
async fn solutions_are_one_per_offer_and_scoped() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let other = partner(&app, &admin, "Fabrikam", "654321").await;
    let id = solution(&app, &p).await;
    let offer_id: i64 = app
        .api(&p.cosell)
        .get(&format!("/solutions/{id}"))
        .await
        .json::<Value>()
        .await
        .unwrap()["offer_id"]
        .as_i64()
        .unwrap();
    let res = app
        .api(&p.cosell)
        .post("/solutions", json!({"offer_id": offer_id}))
        .await;
    assert_eq!(res.status(), 409);
    let theirs = offer(&app, &other, "saas").await;
    assert_eq!(
        app.api(&p.cosell)
            .post("/solutions", json!({"offer_id": theirs}))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.api(&other.cosell)
            .get(&format!("/solutions/{id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.api(&other.cosell)
            .patch(&format!("/solutions/{id}"), json!({"pitch": "x"}))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.api(&p.dev)
            .patch(&format!("/solutions/{id}"), json!({"pitch": "x"}))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.api(&p.dev)
            .get(&format!("/solutions/{id}"))
            .await
            .status(),
        200
    );
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    assert_eq!(
        app.api(&reviewer)
            .get(&format!("/solutions/{id}"))
            .await
            .status(),
        200
    );
    let seller = app
        .token_for("sel@program.example", &["seller"], None)
        .await;
    assert_eq!(
        app.api(&seller)
            .get(&format!("/solutions/{id}"))
            .await
            .status(),
        403
    );
}

async fn put_csv(app: &TestApp, token: &str, id: i64, csv: &str) -> reqwest::Response {
    reqwest::Client::new()
        .put(app.url(&format!("/api/v1/solutions/{id}/contacts.csv")))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn contacts_round_trip_through_csv_all_or_nothing() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "123456").await;
    let id = solution(&app, &p).await;
    let api = app.api(&p.cosell);
    api.patch(
        &format!("/solutions/{id}"),
        json!({"geographies": ["NL", "DE", "BE"]}),
    )
    .await;

    let csv = "name,email,job_title,role,geographies\n\"Vries, Ann de\",ann@contoso.example,Sales lead,partner_sales,\"NL,DE\"\nBob,bob@contoso.example,,customer_success,OOO\n";
    let res = put_csv(&app, &p.cosell, id, csv).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["imported"], 2);

    let res = api.get(&format!("/solutions/{id}/contacts.csv")).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let exported = res.text().await.unwrap();
    assert!(exported.starts_with("name,email,job_title,role,geographies"));
    let before: Value = api
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(put_csv(&app, &p.cosell, id, &exported).await.status(), 200);
    let after: Value = api
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        before["contacts"], after["contacts"],
        "export then import gives the same contacts"
    );

    let bad = "name,email,job_title,role,geographies\nCara,cara@contoso.example,,partner_sales,NL\nDan,dan@contoso,,partner_sales,NL\n";
    let res = put_csv(&app, &p.cosell, id, bad).await;
    assert_eq!(res.status(), 400);
    let msg = res.json::<Value>().await.unwrap()["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("line 3") && msg.contains("email"), "{msg}");
    let unchanged: Value = api
        .get(&format!("/solutions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        unchanged["contacts"], after["contacts"],
        "a refused import changes nothing"
    );
    let res = reqwest::Client::new()
        .put(app.url(&format!("/api/v1/solutions/{id}/contacts.csv")))
        .bearer_auth(&p.cosell)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    assert!(
        app.audit_kinds()
            .await
            .contains(&"contacts_changed".to_string())
    );
}

/// The API's lists of offers, solutions and users read one page from the database (LIMIT
/// and OFFSET, with a count beside it): every row once, in the lists' order, across pages.
#[tokio::test]
async fn the_lists_of_offers_solutions_and_users_page_in_the_database() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let p = partner(&app, &admin, "Contoso", "1234567").await;
    let mut solutions = Vec::new();
    for _ in 0..3 {
        solutions.push(solution(&app, &p).await);
    }
    offer(&app, &p, "azure_container").await;
    for i in 0..3 {
        app.user(
            &format!("u{i}@contoso.example"),
            &["developer"],
            Some(p.org),
        )
        .await;
    }
    let api = app.api(&admin);
    let read_all = async |path: &str, key: &str| {
        let mut seen = Vec::new();
        for page in 1..=4 {
            let res = api.get(&format!("{path}per_page=2&page={page}")).await;
            assert_eq!(res.status(), 200, "{path} page {page}");
            let body: Value = res.json().await.unwrap();
            assert_eq!(body["page"], page, "{path}");
            assert_eq!(body["per_page"], 2, "{path}");
            let items = body["items"].as_array().unwrap();
            assert!(items.len() <= 2, "{path} page {page}: {body}");
            seen.extend(items.iter().map(|i| i[key].clone()));
            let total = body["total"].as_i64().unwrap();
            if page == 4 {
                assert!(items.is_empty(), "{path}: past the end");
                assert_eq!(seen.len() as i64, total, "{path}: every row once");
            }
        }
        seen
    };
    let in_org = |list: &str| format!("/{list}?organization_id={}&", p.org);
    let offers = read_all(&in_org("offers"), "id").await;
    assert_eq!(offers.len(), 4);
    let listed = read_all(&in_org("solutions"), "id").await;
    assert_eq!(
        listed,
        solutions.iter().map(|s| json!(s)).collect::<Vec<_>>(),
        "by offer name, then id"
    );
    let users = read_all(&format!("/organizations/{}/users?", p.org), "email").await;
    let mut sorted = users.clone();
    sorted.sort_by_key(|e| e.as_str().unwrap().to_string());
    assert_eq!(users, sorted, "users by email");
    assert_eq!(
        users.len(),
        5,
        "the developer, the co-sell admin and three more"
    );
}
