use crate::helpers::*;
use cosell::domain::ids::UserId;
use reqwest::header::LOCATION;

#[tokio::test]
async fn a_refused_organization_form_keeps_every_value() {
    let app = spawn_app().await;
    let admin = app
        .signed_in("admin@program.example", &["program_admin"], None)
        .await;
    let csrf = app.csrf_of(&admin, "/organizations").await;
    let res = admin
        .post(app.url("/organizations"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Contoso <b>"),
            ("mpn_id", "12ab"),
            ("seller_account_active", "on"),
            ("partner_types", "services"),
            ("isv_connect_enrolled_on", "2026-02-30"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("value=\"Contoso &#60;b&#62;\"")
            || html.contains("value=\"Contoso &lt;b&gt;\""),
        "typed values come back, escaped"
    );
    assert!(html.contains("value=\"12ab\""));
    assert!(
        html.contains("id=\"isv_connect_enrolled_on-error\"")
            || html.contains("id=\"mpn_id-error\"")
    );
    assert!(html.contains(
        "id=\"seller_account_active\" name=\"seller_account_active\" type=\"checkbox\" checked"
    ));
    assert!(html.contains("value=\"services\" type=\"checkbox\" checked"));

    let res = admin
        .post(app.url("/organizations"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Contoso"),
            ("mpn_id", "12ab"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"mpn_id-error\""));

    let res = admin
        .post(app.url("/organizations"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Contoso"),
            ("mpn_id", "123456"),
            ("partner_types", "isv"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()[LOCATION].to_str().unwrap().to_string();
    assert!(location.starts_with("/organizations/"));

    let res = admin
        .post(app.url("/organizations"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Copycat"),
            ("mpn_id", "123456"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        422,
        "a duplicate MPN ID is shown next to the field"
    );
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"mpn_id-error\"") && html.contains("value=\"Copycat\""));
}

#[tokio::test]
async fn program_admin_sets_facts_and_competencies_and_partners_read_them() {
    let app = spawn_app().await;
    let admin_token = app.admin_token().await;
    let org = app.org(&admin_token, "Contoso", "123456").await;
    let admin = app
        .signed_in("pa@program.example", &["program_admin"], None)
        .await;
    let path = format!("/organizations/{org}");
    let csrf = app.csrf_of(&admin, &path).await;

    let res = admin
        .post(app.url(&format!("{path}/competencies")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("area", "data_analytics"),
            ("expires_on", "2020-01-01"),
            ("area", "devops"),
            ("expires_on", "2099-12-31"),
            ("area", ""),
            ("expires_on", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = admin
        .post(app.url(&format!("{path}/competencies")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("area", "devops"),
            ("expires_on", "not a date"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("value=\"not a date\""));

    let res = admin
        .post(app.url(&format!("{path}/facts")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", "Contoso"),
            ("mpn_id", "123456"),
            ("marketplace_account_active", "on"),
            ("partner_types", "isv"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    let dev = app
        .signed_in("dev@contoso.example", &["developer"], Some(org))
        .await;
    let html = app.html(&dev, &path).await;
    assert!(
        html.contains("Data Analytics") && html.contains("expired on"),
        "lapsed competencies are marked"
    );
    assert!(html.contains("active until"));
    assert!(
        !html.contains("action=\"/organizations/"),
        "partners get no program-fact forms"
    );
    assert!(
        html.contains("Complete the seller"),
        "a missing fact says how to obtain it"
    );
    let res = dev
        .post(app.url(&format!("{path}/facts")))
        .form(&[("csrf", "x"), ("name", "Hacked")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn the_business_profile_form_keeps_values_and_lists_what_is_missing() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let aa = app
        .signed_in("aa@contoso.example", &["account_admin"], Some(org))
        .await;
    let path = format!("/organizations/{org}/profile");
    let html = app.html(&aa, &path).await;
    assert!(
        html.contains("not complete") && html.contains("href=\"#logo\""),
        "missing fields are listed"
    );
    let csrf = hidden(&html, "csrf");

    let res = aa
        .post(app.url(&path))
        .form(&[
            ("csrf", csrf.as_str()),
            ("company_name", "Contoso Ltd"),
            ("description", "short"),
            ("website", "contoso.example"),
            ("headquarters_country", "NL"),
            ("industries", "retail"),
            ("contact_email", "sales@contoso.example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(">short</textarea>"));
    assert!(html.contains("id=\"description-error\"") && html.contains("id=\"website-error\""));
    assert!(html.contains("value=\"retail\" type=\"checkbox\" checked"));
    assert!(html.contains("<option value=\"NL\" selected>"));

    let description = "Contoso builds retail analytics for stores of every size, in the cloud.";
    let res = aa
        .post(app.url(&path))
        .form(&[
            ("csrf", csrf.as_str()),
            ("company_name", "Contoso Ltd"),
            ("description", description),
            ("website", "https://contoso.example"),
            ("headquarters_country", "NL"),
            ("industries", "retail"),
            ("contact_email", "sales@contoso.example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    // Logo upload through the page: the multipart form carries the CSRF token too.
    let upload = |csrf: &str, bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("logo.png"),
            );
        aa.post(app.url(&format!("/organizations/{org}/logo")))
            .multipart(form)
            .send()
    };
    let res = upload("forged", png(100, 40)).await.unwrap();
    assert_eq!(res.status(), 403);
    let res = upload(&csrf, png(640, 40)).await.unwrap();
    assert_eq!(res.status(), 400);
    let html = res.text().await.unwrap();
    assert!(html.contains("640 px"), "the measured width is shown");
    let res = upload(&csrf, png(100, 40)).await.unwrap();
    assert_eq!(res.status(), 303);
    let html = app.html(&aa, &path).await;
    assert!(html.contains("The business profile is complete."));
    let res = aa
        .get(app.url(&format!("/organizations/{org}/logo")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "image/png");
}

#[tokio::test]
async fn account_admins_invite_users_and_change_roles_from_the_page() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let aa = app
        .signed_in("aa@contoso.example", &["account_admin"], Some(org))
        .await;
    let path = format!("/organizations/{org}/users");
    let csrf = app.csrf_of(&aa, &path).await;

    let res = aa
        .post(app.url(&path))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "dev@contoso"),
            ("roles", "developer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("value=\"dev@contoso\"") && html.contains("id=\"email-error\""));
    assert!(html.contains(
        "id=\"role-developer\" name=\"roles\" value=\"developer\" type=\"checkbox\" checked"
    ));

    let res = aa
        .post(app.url(&path))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "dev@contoso.example"),
            ("roles", "developer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        cosell::db::users::find_by_email(&app.state.db, "dev@contoso.example")
            .await
            .unwrap()
            .is_none(),
        "invited, not created: they choose their password (invitations.rs)"
    );
    let id = app
        .user("colleague@contoso.example", &["developer"], Some(org))
        .await;
    let res = aa
        .post(app.url(&format!("/users/{id}/roles")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("roles", "manager"),
            ("roles", "cosell_admin"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let user = cosell::db::users::find(&app.state.db, UserId(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.roles.to_stored(), "manager,cosell_admin");
    let html = app.html(&aa, &path).await;
    assert!(html.contains("colleague@contoso.example"));
    assert!(
        html.contains("dev@contoso.example"),
        "the pending invitation"
    );
}

#[tokio::test]
async fn the_audit_log_page_filters_and_scopes() {
    let app = spawn_app().await;
    let admin_token = app.admin_token().await;
    let mine = app.org(&admin_token, "Mine", "111111").await;
    let theirs = app.org(&admin_token, "Theirs", "222222").await;
    app.api(&admin_token)
        .patch(
            &format!("/organizations/{theirs}"),
            serde_json::json!({"seller_account_active": false}),
        )
        .await;
    let pa = app
        .signed_in("pa@program.example", &["program_admin"], None)
        .await;
    let html = app.html(&pa, "/audit?kind=program_facts_changed").await;
    assert!(
        html.contains("Seller account active: Yes → No"),
        "the change in words: {html}"
    );
    assert!(!html.contains("<td>Organization created</td>"));
    let html = app
        .html(&pa, &format!("/audit?organization_id={mine}"))
        .await;
    assert!(
        html.contains("<td>Organization created</td>")
            && !html.contains("<td>Program facts changed</td>")
    );
    let html = app.html(&pa, "/audit?from=2000-01-01&to=2000-01-31").await;
    assert!(html.contains("No entries."));
    let html = app.html(&pa, "/audit?user=admin%40program.example").await;
    assert!(html.contains("<td>Organization created</td>"));

    let aa = app
        .signed_in("aa@mine.example", &["account_admin"], Some(mine))
        .await;
    let html = aa
        .get(app.url(&format!("/audit?organization_id={theirs}")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        html.status(),
        404,
        "another organization's log is not found"
    );
    let html = app.html(&aa, "/audit").await;
    assert!(
        html.contains("<td>Organization created</td>")
            && !html.contains("<td>Program facts changed</td>")
    );
    let dev = app
        .signed_in("dev@mine.example", &["developer"], Some(mine))
        .await;
    assert_eq!(
        dev.get(app.url("/audit")).send().await.unwrap().status(),
        403
    );
}
