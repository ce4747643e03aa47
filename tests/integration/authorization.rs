//! The authorization walk (issue 13, OWASP ASVS V8): every route of `cosell::routes`, called
//! as each of the seven roles, anonymously, and by a user holding every partner role in
//! another organization. Whoever the table does not name gets 401, 403 or 404 (a page sends
//! the anonymous to the sign-in page); whoever it names gets through (what follows, a 2xx, a
//! validation error or a conflict, is the route's own business).

use crate::api_status::co_sell_ready;
use crate::helpers::*;
use cosell::domain::roles::Role;
use cosell::routes::{API, PAGES, Route, Who};
use reqwest::{Client, Method, StatusCode};

const ROLES: [(Role, &str); 7] = [
    (Role::AccountAdmin, "account_admin"),
    (Role::Developer, "developer"),
    (Role::Manager, "manager"),
    (Role::CosellAdmin, "cosell_admin"),
    (Role::Reviewer, "reviewer"),
    (Role::ProgramAdmin, "program_admin"),
    (Role::Seller, "seller"),
];

fn is_partner(role: Role) -> bool {
    matches!(
        role,
        Role::AccountAdmin | Role::Developer | Role::Manager | Role::CosellAdmin
    )
}

/// Who calls: nobody, one role of the partner (organization A) or the program, or a user with
/// every partner role in organization B.
#[derive(Clone, Copy, Debug)]
enum Caller {
    Anonymous,
    As(Role),
    OtherOrganization,
}

impl Caller {
    /// `scoped`: the call names organization A or one of its things.
    fn allowed(self, who: Who, scoped: bool) -> bool {
        match (self, who) {
            (_, Who::Anyone) => true,
            (Caller::Anonymous, _) => false,
            (_, Who::SignedIn) => true,
            (Caller::As(role), Who::Roles(list)) => list.contains(&role),
            // Another organization's things are never theirs; routes without such an id
            // are decided by their partner roles.
            (Caller::OtherOrganization, Who::Roles(list)) => {
                !scoped && list.iter().any(|r| is_partner(*r))
            }
        }
    }
}

struct Fixture {
    org: i64,
    offer: i64,
    solution: i64,
    document: i64,
    referral: i64,
    asset: String,
}

impl Fixture {
    /// The route's path with the fixture's ids (organization A's things), and the query
    /// a list of the API needs (organization A).
    async fn fill(&self, app: &TestApp, path: &str, api_list: bool) -> String {
        let mut out = Vec::new();
        let parts: Vec<&str> = path.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            let value = match *part {
                "{id}" => match parts[i - 1] {
                    "organizations" => self.org.to_string(),
                    "offers" => self.offer.to_string(),
                    "solutions" | "review" | "catalog" => self.solution.to_string(),
                    "referrals" => self.referral.to_string(),
                    // A user of organization A made for this call (a removal takes it away).
                    "users" => app
                        .user(
                            &format!("victim-{}@contoso.example", uuid::Uuid::new_v4().simple()),
                            &["developer"],
                            Some(self.org),
                        )
                        .await
                        .to_string(),
                    "tokens" | "notifications" | "invitations" => "999999".into(),
                    other => panic!("no id for {other}"),
                },
                "{kind}" => "one_pager".into(),
                "{token}" => "not-a-link-token".into(),
                "{doc}" | "{version}" => self.document.to_string(),
                "{code}" => "en".into(),
                "{hash}" => self.asset.split('/').next().unwrap().to_string(),
                "{name}" if parts[1] == "static" => {
                    self.asset.split('/').nth(1).unwrap().to_string()
                }
                "{name}" => "one-pager-template.pdf".into(),
                plain => plain.to_string(),
            };
            out.push(value);
        }
        let query = if api_list {
            format!("?organization_id={}", self.org)
        } else {
            String::new()
        };
        format!("{}{query}", out.join("/"))
    }
}

/// A signed-in browser and an API token for a caller.
struct Identity {
    browser: Client,
    csrf: Option<String>,
    token: Option<String>,
}

async fn identity(app: &TestApp, caller: Caller, org_a: i64, org_b: i64) -> Identity {
    let (slug, roles, org): (String, Vec<&str>, Option<i64>) = match caller {
        Caller::Anonymous => {
            let browser = app.browser();
            return Identity {
                browser,
                csrf: None,
                token: None,
            };
        }
        Caller::As(role) => {
            let code = ROLES.iter().find(|(r, _)| *r == role).unwrap().1;
            (
                code.replace('_', "-"),
                vec![code],
                is_partner(role).then_some(org_a),
            )
        }
        Caller::OtherOrganization => (
            "other-org".into(),
            vec!["account_admin", "developer", "manager", "cosell_admin"],
            Some(org_b),
        ),
    };
    let browser = app
        .signed_in(&format!("page-{slug}@walk.example"), &roles, org)
        .await;
    let csrf = Some(app.csrf_of(&browser, "/account").await);
    let token = Some(
        app.token_for(&format!("api-{slug}@walk.example"), &roles, org)
            .await,
    );
    Identity {
        browser,
        csrf,
        token,
    }
}

/// Calls a route; returns its status and where a redirect goes.
async fn call(
    app: &TestApp,
    id: &Identity,
    route: &Route,
    path: &str,
    api: bool,
) -> (StatusCode, String) {
    let method = Method::from_bytes(route.method.to_uppercase().as_bytes()).unwrap();
    let url = app.url(&if api {
        format!("/api/v1{path}")
    } else {
        path.to_string()
    });
    let mut req = id.browser.request(method.clone(), url);
    if api {
        if let Some(token) = &id.token {
            req = req.bearer_auth(token);
        }
        if method != Method::GET && method != Method::DELETE {
            req = req.json(&serde_json::json!({}));
        }
    } else if route.path == "/login" && method == Method::POST {
        // The sign-in form's own token, from the sign-in page.
        let page = app.html(&id.browser, "/login").await;
        let csrf = if page.contains("name=\"csrf\"") {
            hidden(&page, "csrf")
        } else {
            id.csrf.clone().unwrap_or_default()
        };
        req = req.form(&[
            ("csrf", csrf.as_str()),
            ("email", "nobody@walk.example"),
            ("password", "wrong"),
        ]);
    } else if method == Method::POST {
        let csrf = id.csrf.clone().unwrap_or_default();
        req = req.form(&[("csrf", csrf)]);
    }
    let res = req.send().await.unwrap();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (res.status(), location)
}

#[tokio::test]
async fn every_route_lets_in_exactly_whom_the_route_table_names() {
    let app = spawn_app().await;
    let r = co_sell_ready(&app).await;
    let approver = app
        .token_for("approver@walk.example", &["reviewer"], None)
        .await;
    crate::api_catalog::approve(&app, &r.cosell, &approver, r.solution).await;
    let org_b = app.org(&r.admin, "Fabrikam", "7654321").await;
    let document = cosell::db::documents::history(
        &app.state.db,
        cosell::domain::ids::SolutionId(r.solution),
        cosell::domain::document::DocumentKind::OnePager,
    )
    .await
    .unwrap()[0]
        .id;
    // A validation on record, so that reading it is not "not found" for those who may.
    let validated = app
        .api(&approver)
        .put(
            &format!("/solutions/{}/technical-validation", r.solution),
            serde_json::json!({"percent_on_azure": 60}),
        )
        .await;
    assert_eq!(
        validated.status(),
        200,
        "{}",
        validated.text().await.unwrap()
    );
    let login = app.html(&app.browser(), "/login").await;
    let asset = login
        .split("/static/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a static asset")
        .to_string();
    // A partner's request for co-sell help, still new: its organization's co-sell admins and
    // managers, every seller and program admins may see it.
    let referral: serde_json::Value = app
        .api(&r.cosell)
        .post(
            "/referrals",
            serde_json::json!({"solution_id": r.solution, "need": "A data platform",
                "customer": {"company_name": "Fabrikam", "country": "NL", "industry": "retail", "size": "smb"}}),
        )
        .await
        .json()
        .await
        .unwrap();
    let fixture = Fixture {
        org: r.org,
        offer: r.offer,
        solution: r.solution,
        document: document.0,
        referral: referral["id"].as_i64().expect("a referral"),
        asset,
    };

    let mut callers = vec![Caller::Anonymous, Caller::OtherOrganization];
    callers.extend(ROLES.iter().map(|(role, _)| Caller::As(*role)));
    let mut wrong = Vec::new();
    let mut calls = 0;
    for caller in callers {
        let id = identity(&app, caller, r.org, org_b).await;
        // Signing out ends the session the other calls use: it goes last.
        let mut tables: Vec<(&Route, bool)> = PAGES.iter().map(|r| (r, false)).collect();
        tables.extend(API.iter().map(|r| (r, true)));
        tables.sort_by_key(|(r, _)| r.path == "/logout");
        for (route, api) in tables {
            let api_list =
                api && route.method == "get" && matches!(route.path, "/offers" | "/solutions");
            let path = fixture.fill(&app, route.path, api_list).await;
            let (status, location) = call(&app, &id, route, &path, api).await;
            calls += 1;
            let to_sign_in = status == StatusCode::SEE_OTHER && location.starts_with("/login");
            let refused = matches!(status.as_u16(), 401 | 403 | 404) || (!api && to_sign_in);
            let allowed = caller.allowed(route.who, route.path.contains("{id}") || api_list);
            // Revoking a token, opening a notification or revoking an invitation that is not
            // one's own is "not found" for everyone, and so is a link's token that does not
            // exist (notifications and invitations test their own); a wrong password is 401
            // for everyone; signing out leads to the sign-in page.
            let not_theirs = route.path.contains("{token}")
                || matches!(
                    route.path,
                    "/tokens/{id}" | "/notifications/{id}/open" | "/invitations/{id}/revoke"
                );
            let own_business = (not_theirs && status == StatusCode::NOT_FOUND)
                // The forgotten-password form, like the sign-in form, wants its own token.
                || (route.path == "/password/forgot" && status == StatusCode::FORBIDDEN)
                || (route.path == "/" && to_sign_in)
                // The sign-in form's own answers: a wrong password, a signed-in browser's
                // post without the form's token (its sign-in page sends it home instead).
                || (route.path == "/login" && matches!(status.as_u16(), 401 | 403))
                || (route.path == "/logout" && to_sign_in);
            let ok = if allowed {
                !refused || own_business
            } else {
                refused
            };
            if !ok {
                wrong.push(format!(
                    "{caller:?} {} {}{path} -> {status}{} (table: {:?})",
                    route.method.to_uppercase(),
                    if api { "/api/v1" } else { "" },
                    if location.is_empty() {
                        String::new()
                    } else {
                        format!(" to {location}")
                    },
                    route.who
                ));
            }
        }
    }
    assert!(calls > 9 * 100, "every route, every caller: {calls}");
    assert!(
        wrong.is_empty(),
        "{} calls disagree with the route table:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[tokio::test]
async fn a_known_path_asked_with_another_method_is_405_and_an_unknown_one_404() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let client = reqwest::Client::new();
    for (method, path, expected, allow) in [
        (Method::DELETE, "/api/v1/offers", 405, Some("POST, GET")),
        (Method::PUT, "/api/v1/me", 405, Some("GET")),
        (
            Method::TRACE,
            "/api/v1/solutions/1",
            405,
            Some("GET, PATCH"),
        ),
        (Method::GET, "/api/v1/no-such-thing", 404, None),
    ] {
        let res = client
            .request(method.clone(), app.url(path))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), expected, "{method} {path}");
        assert_eq!(
            res.headers()
                .get("allow")
                .map(|v| v.to_str().unwrap().to_string()),
            allow.map(str::to_string),
            "{method} {path}: the methods there are (RFC 9110)"
        );
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(
            body["error"]["code"].is_string(),
            "the API's error shape: {body}"
        );
    }
    let res = app
        .browser()
        .delete(app.url("/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET, POST");
    assert!(
        res.text().await.unwrap().contains("<html"),
        "a page answers with the error page"
    );
}

#[tokio::test]
async fn the_openapi_document_is_generated_with_schemas_statuses_and_who_may_call() {
    let app = spawn_app().await;
    let doc = openapi_document(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let schemas = &doc["components"]["schemas"];
    // The constraints the server enforces, from the same constants.
    let body = &schemas["SolutionBody"];
    assert_eq!(body["additionalProperties"], false);
    let pitch = &body["properties"]["pitch"]["oneOf"][0];
    assert!(
        pitch["pattern"].as_str().unwrap().contains("{0,998}"),
        "1000 characters at most: {body}"
    );
    let sizes = &body["properties"]["customer_sizes"]["oneOf"][0]["items"]["enum"];
    assert_eq!(
        sizes,
        &serde_json::json!(["smb", "corporate", "enterprise"])
    );
    let user = &schemas["NewProgramUser"];
    assert_eq!(user["properties"]["password"]["minLength"], 8);
    assert_eq!(
        user["properties"]["roles"]["items"]["enum"],
        serde_json::json!(["reviewer", "program_admin", "seller"])
    );
    assert_eq!(
        schemas["DecisionBody"]["oneOf"][1]["required"],
        serde_json::json!(["decision", "reason"]),
        "request_changes needs a reason"
    );
    // Every operation: a unique id, the roles in words, the error statuses it can answer.
    let mut ids = std::collections::HashSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().expect("operationId");
            assert!(ids.insert(id.to_string()), "{id} twice");
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("503"), "{method} {path}");
            if path.contains('{') {
                assert!(responses.contains_key("404"), "{method} {path}");
            }
            if path != "/tokens" {
                assert!(responses.contains_key("401"), "{method} {path}");
                let said = op["description"].as_str().unwrap_or_default();
                assert!(
                    said.contains("Roles:") || said.contains("Any signed-in"),
                    "{method} {path}"
                );
            }
            for (status, response) in responses {
                if !status.starts_with('2') {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
    let submit = &doc["paths"]["/solutions/{id}/submit"]["post"]["responses"];
    assert!(
        submit["422"]["description"]
            .as_str()
            .unwrap()
            .contains("requirements_unmet")
    );
    let download = &doc["paths"]["/solutions/{id}/documents/{kind}"]["get"]["responses"]["200"];
    assert!(
        download["content"]["application/pdf"].is_object(),
        "{download}"
    );
}

async fn openapi_document(app: &TestApp) -> serde_json::Value {
    reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_openapi_document_lists_exactly_the_api_routes_of_the_table() {
    let app = spawn_app().await;
    let doc = openapi_document(&app).await;
    let mut documented: Vec<String> = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                documented.push(format!("{} {path}", method.to_uppercase()));
            }
        }
        // Every `{parameter}` of a path is defined, on the path or on each of its operations.
        for name in path
            .split('/')
            .filter_map(|p| p.strip_prefix('{')?.strip_suffix('}'))
        {
            let defined = |params: &serde_json::Value| {
                params
                    .as_array()
                    .is_some_and(|list| list.iter().any(|p| p["name"] == name && p["in"] == "path"))
            };
            let on_all = ["get", "post", "put", "patch", "delete"]
                .iter()
                .filter_map(|m| item.get(*m))
                .all(|op| defined(&op["parameters"]));
            assert!(
                defined(&item["parameters"]) || on_all,
                "{path}: {{{name}}} is not defined"
            );
        }
    }
    let mut routed: Vec<String> = API
        .iter()
        .filter(|r| r.path != "/openapi.json")
        .map(|r| format!("{} {}", r.method.to_uppercase(), r.path))
        .collect();
    documented.sort();
    routed.sort();
    let missing: Vec<_> = routed.iter().filter(|r| !documented.contains(r)).collect();
    let extra: Vec<_> = documented.iter().filter(|d| !routed.contains(d)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not documented: {missing:?}; documented but not routed: {extra:?}"
    );
}

#[tokio::test]
async fn the_api_reference_page_serves_the_vendored_swagger_ui_and_only_it_allows_inline_styles() {
    let app = spawn_app().await;
    let res = reqwest::get(app.url("/api/docs")).await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("style-src 'self' 'unsafe-inline'"), "{csp}");
    assert!(
        csp.contains("script-src 'self';"),
        "scripts stay our own: {csp}"
    );
    let page = res.text().await.unwrap();
    assert!(page.contains("/api/v1/openapi.json"), "{page}");
    for asset in ["swagger-ui-bundle.js", "swagger-ui.css", "api-docs.js"] {
        let start = page.find(asset).expect(asset);
        let href_start = page[..start].rfind('"').unwrap() + 1;
        let href = &page[href_start..start + asset.len()];
        assert!(href.starts_with("/static/"), "{href}");
        let res = reqwest::get(app.url(href)).await.unwrap();
        assert_eq!(res.status(), 200, "{href}");
        assert!(res.bytes().await.unwrap().len() > 100, "{href}");
    }
    // Every other page keeps inline styles out.
    let login = reqwest::get(app.url("/login")).await.unwrap();
    let csp = login.headers()["content-security-policy"].to_str().unwrap();
    assert!(!csp.contains("unsafe-inline"), "{csp}");
}
