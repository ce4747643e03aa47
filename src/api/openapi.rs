//! The OpenAPI 3.1 document, served at `/api/v1/openapi.json`, generated from the handlers'
//! `#[utoipa::path]` annotations and the types they read and answer with. What every operation
//! shares is added here from the route table and the operation's shape, so it cannot be
//! forgotten on one: who may call it (and so 401 and 403), 404 for ids, 400 for input, 413 and
//! 415 for bodies, 503 when the database or storage does not answer.

use super::{catalog, offers, orgs, referrals, review, solutions, status, tokens, users};
use crate::domain::roles::Who;
use crate::error::ErrorBody;
use actix_web::{HttpResponse, web};
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cosell API",
        description = "The partner portal for co-selling: organizations, offers, co-sell solutions and \
            their collateral, the live checklist, review and the catalog. Every answer is JSON except \
            downloads and CSV; every refusal is `{\"error\": {\"code\", \"message\"}}`. Create a token \
            with `POST /tokens` and send it as `Authorization: Bearer <token>`.",
    ),
    servers((url = "/api/v1")),
    security(("bearer" = [])),
    paths(
        tokens::create, tokens::revoke, users::me,
        orgs::create, orgs::list, orgs::get, orgs::patch, orgs::put_profile, orgs::put_logo,
        orgs::get_logo, orgs::put_competencies,
        users::create_in_org, users::list_in_org, users::create_program_user,
        users::list_program_users, users::put_roles, users::delete, users::audit,
        offers::create, offers::list, offers::get, offers::patch, offers::publish, offers::stop,
        solutions::create, solutions::list, solutions::get, solutions::patch,
        solutions::export_contacts, solutions::import_contacts, solutions::put_document,
        solutions::get_document, solutions::versions, solutions::get_version,
        status::get_status, status::put_validation, status::get_validation,
        status::import_revenue, status::get_revenue,
        review::submit, review::withdraw, review::claim, review::decide, review::queue,
        catalog::list, catalog::get, catalog::document,
        referrals::create, referrals::list, referrals::export, referrals::get, referrals::patch,
        referrals::accept, referrals::decline, referrals::won, referrals::lost, referrals::comment,
    ),
    components(schemas(ErrorBody, crate::domain::document::DocumentKind)),
    tags(
        (name = "accounts", description = "Tokens, users and the audit log"),
        (name = "organizations", description = "Program facts, business profile, logo, competencies"),
        (name = "offers", description = "Marketplace offers"),
        (name = "solutions", description = "Co-sell solutions and their checklist"),
        (name = "documents", description = "Collateral: upload, download, history"),
        (name = "revenue", description = "Azure consumed and marketplace billed revenue"),
        (name = "review", description = "Submission, the queue, decisions, technical validation"),
        (name = "catalog", description = "Approved solutions, for sellers"),
        (name = "referrals", description = "Co-sell referrals: customer deals shared between sellers and partners"),
    ),
)]
pub struct ApiDoc;

/// Who may call an operation, by its method and path (the route table says; see
/// `routes::api_who`). Passed in, so the document and the table do not import each other.
pub type WhoOf<'a> = &'a dyn Fn(&str, &str) -> Option<Who>;

/// What every operation shares, added from the route table and the operation's shape.
struct Conventions<'a> {
    who_of: WhoOf<'a>,
}

impl Modify for Conventions<'_> {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
        for (path, item) in doc.paths.paths.iter_mut() {
            for (method, op) in operations(item) {
                let who = (self.who_of)(method, path);
                complete(method, path, op, who);
            }
        }
    }
}

fn operations(item: &mut PathItem) -> Vec<(&'static str, &mut Operation)> {
    [
        ("get", item.get.as_mut()),
        ("post", item.post.as_mut()),
        ("put", item.put.as_mut()),
        ("patch", item.patch.as_mut()),
        ("delete", item.delete.as_mut()),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.map(|op| (method, op)))
    .collect()
}

/// The words for who may call an operation.
fn who_words(who: Who) -> String {
    match who {
        Who::Anyone => "Anyone, without a token.".into(),
        Who::SignedIn => "Any signed-in user.".into(),
        Who::Roles(roles) => {
            let codes: Vec<String> = roles.iter().map(|r| format!("`{}`", r.code())).collect();
            format!(
                "Roles: {}. Partner roles reach their own organization's things only; another \
                 organization's ids answer 404.",
                codes.join(", ")
            )
        }
    }
}

fn complete(method: &str, path: &str, op: &mut Operation, who: Option<Who>) {
    let has_path_params = path.contains('{');
    let has_query = op.parameters.as_ref().is_some_and(|list| {
        list.iter().any(|p| {
            matches!(p, RefOr::T(p) if p.parameter_in == utoipa::openapi::path::ParameterIn::Query)
        })
    });
    // An organization named in the query is another's for a partner: 404, like one in the path.
    let names_organization = op.parameters.as_ref().is_some_and(|list| {
        list.iter()
            .any(|p| matches!(p, RefOr::T(p) if p.name == "organization_id"))
    });
    let has_body = op.request_body.is_some();
    op.operation_id = Some(operation_id(method, path));
    name_download_types(op);
    let_empty_mean_absent(op);
    let mut errors: Vec<(&str, &str)> = Vec::new();
    if let Some(who) = who {
        let words = who_words(who);
        op.description = Some(match op.description.take() {
            Some(d) if !d.is_empty() => format!("{d}\n\n{words}"),
            _ => words,
        });
        if who != Who::Anyone {
            errors.push((
                "401",
                "`unauthorized`: no token, or an unknown or revoked one",
            ));
        }
        if matches!(who, Who::Roles(_)) {
            errors.push((
                "403",
                "`forbidden`: the caller has none of the roles this needs",
            ));
        }
    }
    if has_query || has_body {
        errors.push((
            "400",
            "`invalid_field`, `invalid_json`, `invalid_query`, `invalid_csv`...: input the \
             server cannot take; `field` names it",
        ));
    }
    if has_path_params || has_body || names_organization {
        errors.push((
            "404",
            "`not_found`: no such thing, or another organization's (an id in the path or the body)",
        ));
    }
    if has_body {
        errors.push(("413", "`too_large`: the body is over its limit"));
        errors.push((
            "415",
            "`unsupported_media_type`: the body is not of the content type this takes",
        ));
    }
    errors.push((
        "503",
        "`unavailable`: the database or the document storage does not answer; try again",
    ));
    for (status, description) in errors {
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| error_response(description));
    }
}

/// A download answers with its file's detected type: the handlers say `application/octet-stream`
/// and the document lists each format a document can have.
fn name_download_types(op: &mut Operation) {
    let Some(RefOr::T(ok)) = op.responses.responses.get_mut("200") else {
        return;
    };
    let Some(binary) = ok.content.shift_remove("application/octet-stream") else {
        return;
    };
    for format in crate::domain::document::Format::ALL {
        ok.content
            .insert(format.content_type().to_string(), binary.clone());
    }
}

/// A query parameter given empty (`?organization_id=`) counts as not given, as a form's empty
/// field does: each optional one also takes "" (but paging, which is a number or absent).
fn let_empty_mean_absent(op: &mut Operation) {
    use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Schema, Type};
    for param in op.parameters.iter_mut().flatten() {
        let RefOr::T(param) = param else { continue };
        if param.parameter_in != utoipa::openapi::path::ParameterIn::Query
            || param.required == utoipa::openapi::Required::True
            || crate::http::input::PAGING.contains(&param.name.as_str())
        {
            continue;
        }
        let Some(schema) = param.schema.take() else {
            continue;
        };
        let takes_text = matches!(&schema, RefOr::T(Schema::Object(o))
            if o.schema_type == utoipa::openapi::schema::SchemaType::Type(Type::String));
        param.schema = Some(if takes_text {
            schema
        } else {
            let empty = ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some([""]));
            AnyOfBuilder::new().item(schema).item(empty).into()
        });
    }
}

/// `get /solutions/{id}/status` -> `get_solutions_id_status`: unique, since the route table
/// has one handler per method and path.
fn operation_id(method: &str, path: &str) -> String {
    let words: Vec<&str> = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    format!("{method}_{}", words.join("_"))
}

fn error_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(ErrorBody::name())))
                .build(),
        )
        .build()
        .into()
}

/// The document, built once at start-up (`startup`) and served as it is.
pub struct ApiDocument(pub serde_json::Value);

pub fn document_value(who_of: WhoOf<'_>) -> serde_json::Value {
    let mut doc = ApiDoc::openapi();
    Conventions { who_of }.modify(&mut doc);
    serde_json::to_value(doc).unwrap_or_default()
}

pub async fn document(doc: web::Data<ApiDocument>) -> HttpResponse {
    HttpResponse::Ok().json(&doc.0)
}
