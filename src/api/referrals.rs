//! Co-sell referrals (SPEC 13): create, list, read, answer, work, close, comment, export.

use super::{Page, schema};
use crate::auth::CurrentUser;
use crate::domain::field::{FieldError, FieldErrors};
use crate::domain::ids::{ReferralId, SolutionId, UserId};
use crate::domain::money::Usd;
use crate::domain::referral::ReferralState;
use crate::domain::referral::{CustomerInput, Stage};
use crate::error::AppError;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{Json, Query, json_body};
use crate::services::referrals::{self, Changes, Filter, NewReferralInput, ReferralView};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// A new referral: a seller's (origin `program`) or a partner's request for co-sell help
/// (origin `partner`), for a solution shown as co-sell ready or higher.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"solution_id": 1, "customer": {"company_name": "Contoso Pharma", "country": "NL",
    "industry": "healthcare", "size": "enterprise", "contact_name": "Anna de Vries",
    "contact_email": "anna@contoso-pharma.example"}, "need": "Move the trial data platform to Azure.",
    "deal_value_usd": "250000.00", "target_close_date": "2027-03-31", "contacts_consent": true}))]
pub struct NewReferralBody {
    solution_id: SolutionId,
    customer: CustomerInput,
    #[schema(schema_with = schema::referral_need)]
    need: String,
    deal_value_usd: Option<Usd>,
    /// Not in the past.
    #[schema(schema_with = schema::nullable_date)]
    target_close_date: Option<NaiveDate>,
    /// A partner confirms that the customer agreed to share the contact details (needed
    /// when a partner sends any).
    contacts_consent: Option<bool>,
}

/// Create a referral. The answer says, in `open_duplicates`, how many open referrals of the
/// solution name the same customer company (allowed; the pages warn first).
#[utoipa::path(post, path = "/referrals", tag = "referrals", request_body = NewReferralBody,
    responses(
        (status = 201, description = "The referral, `new`", body = ReferralView),
        (status = 422, description = "`not_co_sell_ready`: the solution is not shown as co-sell ready or higher", body = ErrorBody),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<NewReferralBody>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let input = NewReferralInput {
        solution_id: b.solution_id,
        customer: b.customer,
        need: b.need,
        deal_value: b.deal_value_usd,
        target_close_date: b.target_close_date,
        contacts_consent: b.contacts_consent.unwrap_or(false),
    };
    let view = referrals::create(&state, &user, &input).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Which referrals to list (all filters together; empty is any) and which page.
#[derive(Deserialize, Default, IntoParams)]
#[serde(deny_unknown_fields, default)]
#[into_params(parameter_in = Query)]
pub struct ReferralQuery {
    /// A state, or `open` (new, accepted) or `closed` (declined, expired, won, lost).
    #[param(schema_with = schema::referral_state_filter)]
    state: String,
    #[param(schema_with = schema::referral_stage_filter)]
    stage: String,
    solution_id: Option<SolutionId>,
    /// The customer's country.
    #[param(schema_with = schema::country_filter)]
    country: String,
    seller_id: Option<UserId>,
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    per_page: Option<i64>,
}

impl ReferralQuery {
    fn filter(&self) -> AppResult<Filter> {
        filter(
            &self.state,
            &self.stage,
            &self.country,
            self.solution_id,
            self.seller_id,
        )
    }
}

/// A list's filters as sent (codes; empty is any) as the database reads them; an unknown
/// code is 400 naming the parameter.
fn filter(
    state: &str,
    stage: &str,
    country: &str,
    solution_id: Option<SolutionId>,
    seller_id: Option<UserId>,
) -> AppResult<Filter> {
    let mut errors = FieldErrors::default();
    let mut unknown = |field: &'static str, code: &str| {
        errors.push(FieldError::new(field, "err-unknown-code").arg("code", code));
    };
    let states = match state.trim() {
        "" => Vec::new(),
        "closed" => ReferralState::CLOSED.to_vec(),
        "open" => vec![ReferralState::New, ReferralState::Accepted],
        code => ReferralState::parse(code).map_or_else(
            || {
                unknown("state", code);
                Vec::new()
            },
            |s| vec![s],
        ),
    };
    let stage = match stage.trim() {
        "" => None,
        code => Stage::parse(code).or_else(|| {
            unknown("stage", code);
            None
        }),
    };
    let country = match country.trim() {
        "" => None,
        code => crate::domain::reference::country(&code.to_ascii_uppercase())
            .map(|c| c.alpha2.to_string())
            .or_else(|| {
                unknown("country", code);
                None
            }),
    };
    if !errors.is_empty() {
        return Err(AppError::fields(&errors));
    }
    Ok(Filter {
        states,
        stage,
        solution_id,
        country,
        seller_id,
    })
}

/// The referrals the caller may see, newest first: a seller's own and the partners' requests
/// waiting for a seller; an organization's; every one for a program admin. Customer contact
/// details are left out for a seller who has not taken a request.
#[utoipa::path(get, path = "/referrals", tag = "referrals", params(ReferralQuery),
    responses((status = 200, description = "A page of referrals", body = Page<ReferralView>)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<ReferralQuery>,
) -> AppResult<HttpResponse> {
    let window = super::Paging {
        page: q.page,
        per_page: q.per_page,
    }
    .window();
    let (items, total) = referrals::list(&state, &user, &q.filter()?, window).await?;
    Ok(HttpResponse::Ok().json(Page::at(items, Some(total), window)))
}

/// The filtered list as CSV, in codes, at most 5,000 rows (cells never run as formulas).
#[derive(Deserialize, Default, IntoParams)]
#[serde(deny_unknown_fields, default)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    #[param(schema_with = schema::referral_state_filter)]
    state: String,
    #[param(schema_with = schema::referral_stage_filter)]
    stage: String,
    solution_id: Option<SolutionId>,
    #[param(schema_with = schema::country_filter)]
    country: String,
    seller_id: Option<UserId>,
}

#[utoipa::path(get, path = "/referrals.csv", tag = "referrals", params(ExportQuery),
    responses(
        (status = 200, description = "The referrals", content_type = "text/csv", body = String),
        (status = 422, description = "`too_many_rows`: more than 5,000 referrals match; narrow the filters", body = ErrorBody),
    ))]
pub async fn export(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let filter = filter(&q.state, &q.stage, &q.country, q.solution_id, q.seller_id)?;
    let views = referrals::export(&state, &user, &filter).await?;
    Ok(crate::http::csv::attachment(
        "referrals.csv",
        referrals::csv_in_codes(&views)?,
    ))
}

/// One referral, with its comments.
#[utoipa::path(get, path = "/referrals/{id}", tag = "referrals",
    params(("id" = ReferralId, Path, description = "The referral")),
    responses((status = 200, description = "The referral", body = ReferralView)))]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReferralId>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(referrals::get(&state, &user, *path).await?))
}

/// The body of a call about referral `id`, read once the caller is known to see it (another
/// organization's id is 404 whatever the body).
async fn seen_body<T: serde::de::DeserializeOwned>(
    state: &AppState,
    user: &CurrentUser,
    id: ReferralId,
    req: &HttpRequest,
    bytes: &[u8],
) -> AppResult<T> {
    referrals::seen(state, user, id).await?;
    json_body(req, bytes)
}

/// Accepting: the deal's value and when it should close (not in the past).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"deal_value_usd": "250000.00", "target_close_date": "2027-03-31"}))]
pub struct AcceptBody {
    deal_value_usd: Usd,
    #[schema(schema_with = schema::date)]
    target_close_date: NaiveDate,
}

const WRONG_STATE: &str = "`wrong_state`: not possible in the referral's state, its time to answer ended, or it changed meanwhile";

/// The receiver accepts (the stage becomes `qualified`; a seller answering a partner's
/// request becomes its seller).
#[utoipa::path(post, path = "/referrals/{id}/accept", tag = "referrals",
    params(("id" = ReferralId, Path, description = "The referral")),
    request_body = AcceptBody,
    responses(
        (status = 200, description = "The referral, `accepted`", body = ReferralView),
        (status = 409, description = WRONG_STATE, body = ErrorBody),
    ))]
pub async fn accept(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReferralId>,
    req: HttpRequest,
    bytes: web::Bytes,
) -> AppResult<HttpResponse> {
    let body: AcceptBody = seen_body(&state, &user, *path, &req, &bytes).await?;
    let view = referrals::accept(
        &state,
        &user,
        *path,
        body.deal_value_usd,
        body.target_close_date,
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Declining needs a reason (the other party reads it; it is never published).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "We do not sell in this country."}))]
pub struct DeclineBody {
    #[schema(schema_with = schema::referral_reason)]
    reason: String,
}

#[utoipa::path(post, path = "/referrals/{id}/decline", tag = "referrals",
    params(("id" = ReferralId, Path, description = "The referral")),
    request_body = DeclineBody,
    responses(
        (status = 200, description = "The referral, `declined`", body = ReferralView),
        (status = 409, description = WRONG_STATE, body = ErrorBody),
    ))]
pub async fn decline(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReferralId>,
    req: HttpRequest,
    bytes: web::Bytes,
) -> AppResult<HttpResponse> {
    let body: DeclineBody = seen_body(&state, &user, *path, &req, &bytes).await?;
    Ok(HttpResponse::Ok().json(referrals::decline(&state, &user, *path, &body.reason).await?))
}

/// Changes to an accepted referral; what is left out stays. `seller_id` and
/// `partner_owner_id` give one's own side to another person of it (while open).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"stage": "technical_validation", "next_steps": "Workshop on 12 January.", "version": 3}))]
pub struct ReferralPatch {
    stage: Option<Stage>,
    deal_value_usd: Option<Usd>,
    /// A new date may not be in the past.
    #[schema(schema_with = schema::nullable_date)]
    target_close_date: Option<NaiveDate>,
    #[schema(schema_with = schema::referral_next_steps_or_null)]
    next_steps: Option<String>,
    seller_id: Option<UserId>,
    partner_owner_id: Option<UserId>,
    /// The version the change was made on: a stale one is 409 and nothing changes.
    version: Option<i64>,
}

#[utoipa::path(patch, path = "/referrals/{id}", tag = "referrals",
    params(("id" = ReferralId, Path, description = "The referral")),
    request_body = ReferralPatch,
    responses(
        (status = 200, description = "The referral", body = ReferralView),
        (status = 409, description = "`stale_version`: changed since `version`; or `wrong_state`: not accepted (owners: not closed)", body = ErrorBody),
    ))]
pub async fn patch(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReferralId>,
    req: HttpRequest,
    bytes: web::Bytes,
) -> AppResult<HttpResponse> {
    let body: ReferralPatch = seen_body(&state, &user, *path, &req, &bytes).await?;
    let b = body;
    let changes = Changes {
        stage: b.stage,
        deal_value: b.deal_value_usd,
        target_close_date: b.target_close_date,
        next_steps: b.next_steps,
        seller_id: b.seller_id,
        partner_owner_id: b.partner_owner_id,
        version: b.version,
    };
    Ok(HttpResponse::Ok().json(referrals::update(&state, &user, *path, &changes).await?))
}

/// A won deal: the contract's value and the day it was won (not ahead).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"contract_value_usd": "240000.00", "won_on": "2027-03-20"}))]
pub struct WonBody {
    contract_value_usd: Usd,
    #[schema(schema_with = schema::date)]
    won_on: NaiveDate,
}

#[utoipa::path(post, path = "/referrals/{id}/won", tag = "referrals",
    params(("id" = ReferralId, Path, description = "The referral")),
    request_body = WonBody,
    responses(
        (status = 200, description = "The referral, `won`", body = ReferralView),
        (status = 409, description = WRONG_STATE, body = ErrorBody),
    ))]
pub async fn won(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReferralId>,
    req: HttpRequest,
    bytes: web::Bytes,
) -> AppResult<HttpResponse> {
    let body: WonBody = seen_body(&state, &user, *path, &req, &bytes).await?;
    let view = referrals::won(&state, &user, *path, body.contract_value_usd, body.won_on).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A lost deal: a reason code, and words when it is `other`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"lost_reason": "lost_to_competitor"}))]
pub struct LostBody {
    #[schema(schema_with = schema::lost_reason)]
    lost_reason: String,
    #[schema(schema_with = schema::referral_lost_note_or_null)]
    reason: Option<String>,
}

#[utoipa::path(post, path = "/referrals/{id}/lost", tag = "referrals",
    params(("id" = ReferralId, Path, description = "The referral")),
    request_body = LostBody,
    responses(
        (status = 200, description = "The referral, `lost`", body = ReferralView),
        (status = 409, description = WRONG_STATE, body = ErrorBody),
    ))]
pub async fn lost(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReferralId>,
    req: HttpRequest,
    bytes: web::Bytes,
) -> AppResult<HttpResponse> {
    let body: LostBody = seen_body(&state, &user, *path, &req, &bytes).await?;
    let view = referrals::lost(
        &state,
        &user,
        *path,
        &body.lost_reason,
        body.reason.as_deref(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"body": "The customer asked for a demo next week."}))]
pub struct CommentBody {
    #[schema(schema_with = schema::referral_comment)]
    body: String,
}

/// A comment, in any state (the only change once a referral is closed).
#[utoipa::path(post, path = "/referrals/{id}/comments", tag = "referrals",
    params(("id" = ReferralId, Path, description = "The referral")),
    request_body = CommentBody,
    responses((status = 201, description = "The referral with its comments", body = ReferralView)))]
pub async fn comment(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReferralId>,
    req: HttpRequest,
    bytes: web::Bytes,
) -> AppResult<HttpResponse> {
    let body: CommentBody = seen_body(&state, &user, *path, &req, &bytes).await?;
    let view = referrals::comment(&state, &user, *path, &body.body).await?;
    Ok(HttpResponse::Created().json(view))
}
