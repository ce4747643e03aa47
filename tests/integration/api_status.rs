use crate::fixtures;
use crate::helpers::*;
use serde_json::{Value, json};

pub struct Ready {
    pub admin: String,
    pub org: i64,
    pub offer: i64,
    pub solution: i64,
    pub cosell: String,
}

/// An organization and a transactable SaaS solution that meets every co-sell-ready requirement.
pub async fn co_sell_ready(app: &TestApp) -> Ready {
    let admin = app.admin_token().await;
    ready_org(app, &admin, "Contoso", "123456", "Contoso Analytics").await
}

/// Another organization like [`co_sell_ready`]'s, its people's addresses at its own domain
/// (the organization's name in lower case, `.example`).
pub async fn ready_org(app: &TestApp, admin: &str, name: &str, mpn: &str, offer: &str) -> Ready {
    let admin = admin.to_string();
    let domain = format!("{}.example", name.to_lowercase());
    let org = app.org(&admin, name, mpn).await;
    let aa = app
        .token_for(&format!("aa@{domain}"), &["account_admin"], Some(org))
        .await;
    let api = app.api(&aa);
    api.put(&format!("/organizations/{org}/business-profile"), json!({"company_name": format!("{name} Ltd"),
        "description": format!("{name} builds retail analytics for stores of every size, in the cloud."), "website": format!("https://{domain}"),
        "headquarters_country": "NL", "industries": ["retail"], "contact_email": format!("partners@{domain}")})).await;
    api.put_file(
        &format!("/organizations/{org}/business-profile/logo"),
        png(120, 60),
        "logo.png",
    )
    .await;
    let dev = app
        .token_for(&format!("dev@{domain}"), &["developer"], Some(org))
        .await;
    let offer: Value = app
        .api(&dev)
        .post(
            "/offers",
            json!({"organization_id": org, "name": offer, "offer_type": "saas",
        "stores": ["azure_marketplace"], "transactable": true}),
        )
        .await
        .json()
        .await
        .unwrap();
    let offer = offer["id"].as_i64().unwrap();
    app.api(&dev)
        .post(&format!("/offers/{offer}/publish"), json!({}))
        .await;
    let cosell = app
        .token_for(&format!("cosell@{domain}"), &["cosell_admin"], Some(org))
        .await;
    let sol: Value = app
        .api(&cosell)
        .post("/solutions", json!({"offer_id": offer}))
        .await
        .json()
        .await
        .unwrap();
    let solution = sol["id"].as_i64().unwrap();
    let c = app.api(&cosell);
    let res = c.patch(&format!("/solutions/{solution}"), json!({"geographies": ["NL"], "solution_areas": ["data_ai"], "industries": ["retail"],
        "customer_sizes": ["smb"], "pitch": "Analytics for every store.",
        "contacts": [{"name": "Ann", "email": format!("ann@{domain}"), "role": "partner_sales", "geographies": ["OOO"]}]})).await;
    assert_eq!(res.status(), 200);
    c.put_file(
        &format!("/solutions/{solution}/documents/one_pager"),
        fixtures::pdf(1),
        "one.pdf",
    )
    .await;
    c.put_file(
        &format!("/solutions/{solution}/documents/pitch_deck"),
        fixtures::pptx(5),
        "deck.pptx",
    )
    .await;
    Ready {
        admin,
        org,
        offer,
        solution,
        cosell,
    }
}

pub async fn status(app: &TestApp, token: &str, solution: i64, as_of: Option<&str>) -> Value {
    let path = match as_of {
        Some(d) => format!("/solutions/{solution}/status?as_of={d}"),
        None => format!("/solutions/{solution}/status"),
    };
    let res = app.api(token).get(&path).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

pub fn req<'a>(s: &'a Value, id: &str) -> &'a Value {
    s["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
}

pub async fn post_revenue(app: &TestApp, token: &str, csv: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/v1/revenue"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_status_endpoint_has_the_contract_shape() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let s = status(&app, &r.cosell, r.solution, Some("2026-11-24")).await;
    let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "status",
        "awarded_status",
        "shown_status",
        "as_of",
        "requirements",
    ] {
        assert!(keys.contains(&k), "{k}");
    }
    assert_eq!(s["as_of"], "2026-11-24");
    assert_eq!(s["status"], "co_sell_ready");
    assert_eq!(s["awarded_status"], Value::Null);
    assert_eq!(s["shown_status"], "marketplace", "never approved");
    let reqs = s["requirements"].as_array().unwrap();
    assert_eq!(reqs.len(), 13);
    for r in reqs {
        let obj = r.as_object().unwrap();
        assert_eq!(obj.len(), 4);
        assert!(["co_sell_ready", "azure_ip_co_sell"].contains(&r["group"].as_str().unwrap()));
        assert!(["met", "unmet", "not_applicable"].contains(&r["state"].as_str().unwrap()));
        assert!(!r["detail"].as_str().unwrap().is_empty());
    }
    assert_eq!(req(&s, "revenue_threshold")["state"], "unmet");
    assert!(
        req(&s, "revenue_threshold")["detail"]
            .as_str()
            .unwrap()
            .contains("2025-11")
    );

    let today = status(&app, &r.cosell, r.solution, None).await;
    assert_eq!(today["as_of"], chrono::Utc::now().date_naive().to_string());
    let res = app
        .api(&r.cosell)
        .get(&format!(
            "/solutions/{}/status?as_of=24-11-2026",
            r.solution
        ))
        .await;
    assert_eq!(res.status(), 400);
    let other = app.org(&r.admin, "Fabrikam", "654321").await;
    let stranger = app
        .token_for("x@fabrikam.example", &["cosell_admin"], Some(other))
        .await;
    assert_eq!(
        app.api(&stranger)
            .get(&format!("/solutions/{}/status", r.solution))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn the_checklist_follows_the_facts_live() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let dev = app
        .token_for("dev2@contoso.example", &["developer"], Some(r.org))
        .await;
    app.api(&dev)
        .post(&format!("/offers/{}/stop", r.offer), json!({}))
        .await;
    let s = status(&app, &r.cosell, r.solution, Some("2026-11-24")).await;
    assert_eq!(
        s["status"], "marketplace",
        "a stopped offer lowers the status at once"
    );
    assert_eq!(req(&s, "offer_live")["state"], "unmet");
    app.api(&dev)
        .post(&format!("/offers/{}/publish", r.offer), json!({}))
        .await;

    app.api(&r.cosell)
        .patch(
            &format!("/solutions/{}", r.solution),
            json!({"geographies": ["NL", "DE"]}),
        )
        .await;
    let s = status(&app, &r.cosell, r.solution, Some("2026-11-24")).await;
    assert_eq!(s["status"], "co_sell_ready", "OOO covers a new geography");
    app.api(&r.cosell).patch(&format!("/solutions/{}", r.solution), json!({"contacts": [
        {"name": "Ann", "email": "ann@contoso.example", "role": "partner_sales", "geographies": ["NL"]}]})).await;
    let s = status(&app, &r.cosell, r.solution, Some("2026-11-24")).await;
    assert_eq!(req(&s, "sales_contacts")["state"], "unmet");
    assert!(
        req(&s, "sales_contacts")["detail"]
            .as_str()
            .unwrap()
            .contains("DE")
    );
}

#[tokio::test]
async fn revenue_import_is_all_or_nothing_idempotent_and_reaches_the_incentive() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let header = "mpn_id,month,kind,amount_usd,offer_id\n";
    let bad = format!(
        "{header}123456,2026-10,azure_consumed,50000.00,\n123456,2026-09,marketplace_billed,10,\n"
    );
    let res = post_revenue(&app, &r.admin, &bad).await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    let msg = body["error"]["message"].as_str().unwrap();
    assert!(msg.contains("line 3") && msg.contains("offer_id"), "{msg}");
    let view: Value = app
        .api(&r.admin)
        .get(&format!(
            "/organizations/{}/revenue?as_of=2026-11-24",
            r.org
        ))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        view["months"].as_array().unwrap().is_empty(),
        "nothing was imported"
    );

    let good = format!(
        "{header}123456,2026-10,azure_consumed,50000.00,\n123456,2025-11,azure_consumed,49999.99,\n123456,2026-09,marketplace_billed,100000,{}\n",
        r.offer
    );
    let res = post_revenue(&app, &r.admin, &good).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["imported"], 3);
    assert_eq!(
        post_revenue(&app, &r.admin, &good).await.status(),
        200,
        "importing again changes nothing"
    );
    let view: Value = app
        .api(&r.admin)
        .get(&format!(
            "/organizations/{}/revenue?as_of=2026-11-24",
            r.org
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["months"].as_array().unwrap().len(), 3);
    assert_eq!(view["azure_consumed_cents"], 9_999_999);
    assert_eq!(view["window_from"], "2025-11");
    assert_eq!(view["window_to"], "2026-10");

    let s = status(&app, &r.cosell, r.solution, Some("2026-11-24")).await;
    assert_eq!(
        req(&s, "revenue_threshold")["state"],
        "met",
        "billed revenue of a transactable offer counts"
    );
    // A row replaces the same org/offer/month/kind.
    let lower = format!(
        "{header}123456,2026-09,marketplace_billed,99999.99,{}\n",
        r.offer
    );
    assert_eq!(post_revenue(&app, &r.admin, &lower).await.status(), 200);
    let s = status(&app, &r.cosell, r.solution, Some("2026-11-24")).await;
    assert_eq!(
        req(&s, "revenue_threshold")["state"],
        "unmet",
        "USD 99,999.99 is below, and consumed is not added"
    );
    let top_up = format!("{header}123456,2025-11,azure_consumed,50000.00,\n");
    post_revenue(&app, &r.admin, &top_up).await;
    let s = status(&app, &r.cosell, r.solution, Some("2026-11-24")).await;
    assert_eq!(
        req(&s, "revenue_threshold")["state"],
        "met",
        "USD 100,000.00 consumed"
    );
    let s = status(&app, &r.cosell, r.solution, Some("2026-12-01")).await;
    assert_eq!(
        req(&s, "revenue_threshold")["state"],
        "unmet",
        "what if: the window rolls past 2025-11"
    );

    // Technical validation and the reference architecture complete the incentive.
    let reviewer = app
        .token_for("rev@program.example", &["reviewer"], None)
        .await;
    let res = app
        .api(&reviewer)
        .put(
            &format!("/solutions/{}/technical-validation", r.solution),
            json!({"percent_on_azure": 50, "note": "half"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["passed"], false);
    let s = status(&app, &r.cosell, r.solution, Some("2026-11-24")).await;
    assert_eq!(
        req(&s, "technical_validation")["state"],
        "unmet",
        "50% is not more than 50%"
    );
    let res = app
        .api(&reviewer)
        .put(
            &format!("/solutions/{}/technical-validation", r.solution),
            json!({"percent_on_azure": 50.01, "note": "checked the ARM templates"}),
        )
        .await;
    let tv: Value = res.json().await.unwrap();
    assert_eq!(tv["passed"], true);
    assert_eq!(tv["percent_on_azure"], json!(50.01));
    app.api(&r.cosell)
        .put_file(
            &format!("/solutions/{}/documents/reference_architecture", r.solution),
            png(800, 600),
            "arch.png",
        )
        .await;
    let s = status(&app, &r.cosell, r.solution, Some("2026-11-24")).await;
    assert_eq!(s["status"], "azure_ip_co_sell");

    assert_eq!(
        app.api(&r.cosell)
            .put(
                &format!("/solutions/{}/technical-validation", r.solution),
                json!({"percent_on_azure": 90})
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        app.api(&reviewer)
            .put(
                &format!("/solutions/{}/technical-validation", r.solution),
                json!({"percent_on_azure": 101})
            )
            .await
            .status(),
        400
    );
    assert_eq!(post_revenue(&app, &reviewer, &good).await.status(), 403);
    let kinds = app.audit_kinds().await;
    assert!(
        kinds.contains(&"revenue_imported".to_string())
            && kinds.contains(&"technical_validation".to_string())
    );
}

#[tokio::test]
async fn revenue_is_shown_to_managers_of_the_organization_only() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let manager = app
        .token_for("mgr@contoso.example", &["manager"], Some(r.org))
        .await;
    assert_eq!(
        app.api(&manager)
            .get(&format!("/organizations/{}/revenue", r.org))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.api(&r.cosell)
            .get(&format!("/organizations/{}/revenue", r.org))
            .await
            .status(),
        403
    );
    let other = app.org(&r.admin, "Fabrikam", "654321").await;
    assert_eq!(
        app.api(&manager)
            .get(&format!("/organizations/{other}/revenue"))
            .await
            .status(),
        404
    );
}
