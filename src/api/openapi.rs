//! The OpenAPI document of the endpoints that exist, served at `/api/v1/openapi.json`.

use actix_web::HttpResponse;
use serde_json::{Value, json};

fn op(summary: &str, body: Option<&str>) -> Value {
    let mut o = json!({
        "summary": summary,
        "responses": {
            "200": {"description": "OK"},
            "400": {"$ref": "#/components/responses/Error"},
            "401": {"$ref": "#/components/responses/Error"},
            "403": {"$ref": "#/components/responses/Error"},
            "404": {"$ref": "#/components/responses/Error"}
        }
    });
    if let Some(schema) = body {
        o["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
    }
    o
}

pub fn document_value() -> Value {
    let id_param =
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}]);
    let kinds = crate::domain::document::DocumentKind::ALL
        .iter()
        .map(|k| k.code())
        .collect::<Vec<_>>();
    let kind = json!({"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": kinds}});
    let id_kind_params = json!([id_param[0], kind]);
    let id_kind_version_params = json!([id_param[0], kind, {"name": "version", "in": "path", "required": true, "schema": {"type": "integer"}}]);
    let mut tokens_post = op(
        "Create an API token from email and password",
        Some("Credentials"),
    );
    tokens_post["security"] = json!([]);
    json!({
        "openapi": "3.0.3",
        "info": {"title": "cosell API", "version": env!("CARGO_PKG_VERSION")},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/tokens": {"post": tokens_post},
            "/tokens/{id}": {"parameters": id_param, "delete": op("Revoke one of your tokens", None)},
            "/me": {"get": op("The caller's account", None)},
            "/organizations": {"get": op("List organizations (paged)", None), "post": op("Create an organization (program_admin)", Some("ProgramFacts"))},
            "/organizations/{id}": {"parameters": id_param, "get": op("Read an organization", None), "patch": op("Change program facts (program_admin)", Some("ProgramFacts"))},
            "/organizations/{id}/business-profile": {"parameters": id_param, "put": op("Replace the business profile (account_admin)", Some("BusinessProfile"))},
            "/organizations/{id}/logo": {"parameters": id_param,
                "get": {"summary": "The organization's logo (PNG, JPEG or GIF)", "responses": {"200": {"description": "the image"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/organizations/{id}/business-profile/logo": {"parameters": id_param, "put": {"summary": "Upload the logo (multipart field `file`; PNG, JPEG or GIF, at most 1 MiB and 300 px wide)", "responses": {"200": {"description": "OK"}, "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}}}},
            "/organizations/{id}/competencies": {"parameters": id_param, "put": op("Replace gold competencies (program_admin)", Some("Competencies"))},
            "/organizations/{id}/users": {"parameters": id_param, "get": op("Users of an organization", None), "post": op("Add a user to an organization", Some("NewUser"))},
            "/users": {"get": op("Program-side users (program_admin)", None), "post": op("Add a program-side user (program_admin)", Some("NewUser"))},
            "/users/{id}/roles": {"parameters": id_param, "put": op("Replace a user's roles", Some("Roles"))},
            "/users/{id}": {"parameters": id_param, "delete": op("Remove a user", None)},
            "/audit": {"get": op("Audit log entries, newest first (program_admin; account_admin: own organization)", None)},
            "/offers": {"get": op("Offers of an organization (?organization_id=)", None), "post": op("Create an offer (developer, manager)", Some("NewOffer"))},
            "/offers/{id}": {"parameters": id_param, "get": op("Read an offer", None), "patch": op("Change an offer (developer, manager)", Some("OfferPatch"))},
            "/offers/{id}/publish": {"parameters": id_param, "post": op("Publish: state becomes live (refused with 422 while the seller account is inactive)", None)},
            "/offers/{id}/stop": {"parameters": id_param, "post": op("Stop a live offer", None)},
            "/solutions": {"get": op("Co-sell solutions of an organization (?organization_id=)", None), "post": op("Create the co-sell solution of an offer (cosell_admin)", Some("NewSolution"))},
            "/solutions/{id}": {"parameters": id_param, "get": op("The current revision of a solution", None), "patch": op("Save the solution page; a stale version gives 409 and changes nothing", Some("SolutionPatch"))},
            "/solutions/{id}/contacts.csv": {"parameters": id_param,
                "get": {"summary": "Export the contacts as CSV", "responses": {"200": {"description": "text/csv"}}},
                "put": {"summary": "Import contacts from CSV (text/csv body), all or nothing", "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string"}}}}, "responses": {"200": {"description": "OK"}, "400": {"$ref": "#/components/responses/Error"}}}},
            "/solutions/{id}/documents/{kind}": {"parameters": id_kind_params,
                "get": {"summary": "Download the current file (attachment, detected content type, nosniff)", "responses": {"200": {"description": "the file"}, "404": {"$ref": "#/components/responses/Error"}}},
                "put": {"summary": "Upload or replace (multipart field `file`); judged by content", "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}}, "responses": {"200": {"description": "OK"}, "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
            "/solutions/{id}/documents/{kind}/versions": {"parameters": id_kind_params, "get": op("Every version of one kind, newest first", None)},
            "/solutions/{id}/documents/{kind}/versions/{version}": {"parameters": id_kind_version_params,
                "get": {"summary": "Download one version of the history (attachment, detected content type, nosniff)", "responses": {"200": {"description": "the file"}, "404": {"$ref": "#/components/responses/Error"}}}},
            "/solutions/{id}/status": {"parameters": id_param, "get": op("The checklist: status, awarded_status, shown_status, as_of, requirements (?as_of=YYYY-MM-DD)", None)},
            "/solutions/{id}/technical-validation": {"parameters": id_param, "get": op("The recorded technical validation", None), "put": op("Record a technical validation (reviewer): strictly more than 50 passes", Some("TechnicalValidation"))},
            "/solutions/{id}/submit": {"parameters": id_param, "post": op("Submit for review; 422 requirements_unmet with `unmet` ids when the automated review refuses", None)},
            "/solutions/{id}/withdraw": {"parameters": id_param, "post": op("Withdraw before approval", None)},
            "/solutions/{id}/claim": {"parameters": id_param, "post": op("Claim a submitted solution (reviewer)", None)},
            "/solutions/{id}/review": {"parameters": id_param, "post": op("Approve or request changes (reviewer)", Some("Decision"))},
            "/review-queue": {"get": op("Submitted solutions, oldest first (?offer_type, status, geography, page)", None)},
            "/revenue": {"post": {"summary": "Import revenue CSV (program_admin): all or nothing, idempotent", "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string"}}}}, "responses": {"200": {"description": "OK"}, "400": {"$ref": "#/components/responses/Error"}}}},
            "/organizations/{id}/revenue": {"parameters": id_param, "get": op("Revenue per month and the trailing-window totals (manager, program_admin)", None)},
            "/catalog": {"get": op("Approved solutions (?q, industry, geography, solution_area, offer_type, status, page)", None)},
            "/catalog/{id}": {"parameters": id_param, "get": op("The last approved revision with contacts per geography and collateral", None)},
            "/catalog/{id}/documents/{kind}": {"parameters": id_kind_params,
                "get": {"summary": "Download a document as approved (sellers, reviewers, program admins)", "responses": {"200": {"description": "the file"}, "404": {"$ref": "#/components/responses/Error"}}}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {"Error": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": "string"}}}}},
                "Credentials": {"type": "object", "additionalProperties": false, "required": ["email", "password"], "properties": {"email": {"type": "string"}, "password": {"type": "string"}}},
                "ProgramFacts": {"type": "object", "additionalProperties": false, "properties": {
                    "name": {"type": "string"}, "mpn_id": {"type": "string", "nullable": true, "pattern": "^[0-9]{6,10}$"},
                    "marketplace_account_active": {"type": "boolean"}, "seller_account_active": {"type": "boolean"},
                    "partner_types": {"type": "array", "items": {"type": "string", "enum": ["isv", "services"]}},
                    "isv_connect_enrolled_on": {"type": "string", "format": "date", "nullable": true}}},
                "BusinessProfile": {"type": "object", "additionalProperties": false, "properties": {
                    "company_name": {"type": "string"}, "description": {"type": "string", "minLength": 50, "maxLength": 2500},
                    "website": {"type": "string", "format": "uri"}, "headquarters_country": {"type": "string", "minLength": 2, "maxLength": 2},
                    "industries": {"type": "array", "items": {"type": "string"}}, "contact_email": {"type": "string", "format": "email"}}},
                "Competencies": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["area", "expires_on"], "properties": {"area": {"type": "string"}, "expires_on": {"type": "string", "format": "date"}}}},
                "NewUser": {"type": "object", "additionalProperties": false, "required": ["email", "password", "roles"], "properties": {"email": {"type": "string"}, "password": {"type": "string", "minLength": 8}, "roles": {"type": "array", "items": {"type": "string"}}}},
                "Roles": {"type": "object", "additionalProperties": false, "required": ["roles"], "properties": {"roles": {"type": "array", "items": {"type": "string"}}}},
                "NewOffer": {"type": "object", "additionalProperties": false, "required": ["organization_id", "name", "offer_type", "stores"], "properties": {
                    "organization_id": {"type": "integer"}, "name": {"type": "string"}, "offer_type": {"type": "string"},
                    "stores": {"type": "array", "items": {"type": "string", "enum": ["azure_marketplace", "appsource"]}},
                    "transactable": {"type": "boolean"}, "competency_areas": {"type": "array", "items": {"type": "string"}}}},
                "OfferPatch": {"type": "object", "additionalProperties": false, "properties": {"name": {"type": "string"}, "offer_type": {"type": "string"}, "stores": {"type": "array", "items": {"type": "string"}}, "transactable": {"type": "boolean"}, "competency_areas": {"type": "array", "items": {"type": "string"}}}},
                "TechnicalValidation": {"type": "object", "additionalProperties": false, "required": ["percent_on_azure"], "properties": {"percent_on_azure": {"type": "number", "minimum": 0, "maximum": 100}, "note": {"type": "string"}}},
                "Decision": {"type": "object", "additionalProperties": false, "required": ["decision"], "properties": {"decision": {"type": "string", "enum": ["approve", "request_changes"]}, "reason": {"type": "string"}}},
                "NewSolution": {"type": "object", "additionalProperties": false, "required": ["offer_id"], "properties": {"offer_id": {"type": "integer"}}},
                "Contact": {"type": "object", "additionalProperties": false, "required": ["name", "email", "role", "geographies"], "properties": {
                    "name": {"type": "string"}, "email": {"type": "string"}, "job_title": {"type": "string", "nullable": true},
                    "role": {"type": "string", "enum": ["partner_sales", "partner_marketing", "partner_technical_sales", "customer_success"]},
                    "geographies": {"type": "array", "items": {"type": "string"}}}},
                "SolutionPatch": {"type": "object", "additionalProperties": false, "properties": {
                    "version": {"type": "integer"}, "geographies": {"type": "array", "items": {"type": "string"}},
                    "solution_areas": {"type": "array", "maxItems": 5, "items": {"type": "string"}}, "industries": {"type": "array", "items": {"type": "string"}},
                    "customer_sizes": {"type": "array", "items": {"type": "string", "enum": ["smb", "corporate", "enterprise"]}},
                    "pitch": {"type": "string", "maxLength": 1000}, "landing_page": {"type": "string", "nullable": true},
                    "contacts": {"type": "array", "items": {"$ref": "#/components/schemas/Contact"}}}}
            }
        }
    })
}

pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(document_value())
}
