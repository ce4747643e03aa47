//! Use cases around organizations: program facts (program admins), the business profile
//! and logo (account admins), gold competencies, and the read model both sides see.

use crate::auth::CurrentUser;
use crate::db::orgs;
use crate::domain::codes::CodeList;
use crate::domain::field::{FieldError, FieldErrors};
use crate::domain::ids::OrgId;
use crate::domain::org::{self as rules, BusinessProfile, Competency, MpnId, ProfileInput};
use crate::domain::reference::{CompetencyArea, PartnerType};
use crate::domain::roles::Role;
use crate::error::{AppError, AppResult, Problem};
use crate::state::AppState;
use chrono::NaiveDate;
use serde::Serialize;

/// What a program admin submits to create or change an organization; None = unchanged
/// (for an update) or the default (for a create). `mpn_id: Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct FactsInput {
    pub name: Option<String>,
    pub mpn_id: Option<Option<String>>,
    pub marketplace_account_active: Option<bool>,
    pub seller_account_active: Option<bool>,
    pub partner_types: Option<Vec<String>>,
    pub isv_connect_enrolled_on: Option<Option<NaiveDate>>,
}

/// Applies `input` over `base`, validating every field it touches.
pub fn apply_facts(
    base: &orgs::ProgramFacts,
    input: &FactsInput,
) -> Result<orgs::ProgramFacts, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut facts = base.clone();
    if let Some(name) = &input.name {
        match rules::validate_org_name(name) {
            Ok(n) => facts.name = n,
            Err(e) => errors.push(e),
        }
    }
    if let Some(mpn) = &input.mpn_id {
        match mpn.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => facts.mpn_id = None,
            Some(raw) => match MpnId::parse(raw) {
                Ok(id) => facts.mpn_id = Some(id.as_str().to_string()),
                Err(e) => errors.push(e),
            },
        }
    }
    if let Some(v) = input.marketplace_account_active {
        facts.marketplace_account_active = v;
    }
    if let Some(v) = input.seller_account_active {
        facts.seller_account_active = v;
    }
    if let Some(types) = &input.partner_types {
        match rules::validate_partner_types(types) {
            Ok(t) => facts.partner_types = CodeList(t),
            Err(e) => errors.push(e),
        }
    }
    match input.isv_connect_enrolled_on {
        Some(Some(on)) => {
            match crate::domain::field::date_in_range("isv_connect_enrolled_on", on) {
                Ok(on) => facts.isv_connect_enrolled_on = Some(on),
                Err(e) => errors.push(e),
            }
        }
        Some(None) => facts.isv_connect_enrolled_on = None,
        None => {}
    }
    errors.into_result(facts)
}

/// "field: old -> new" for each program fact that changed, for the audit log.
pub fn describe_changes(before: &orgs::ProgramFacts, after: &orgs::ProgramFacts) -> String {
    fn opt<T: ToString>(v: &Option<T>) -> String {
        v.as_ref().map_or("(none)".to_string(), T::to_string)
    }
    let mut changes = Vec::new();
    let mut diff = |field: &str, a: String, b: String| {
        if a != b {
            changes.push(format!("{field}: {a} -> {b}"));
        }
    };
    diff("name", before.name.clone(), after.name.clone());
    diff("mpn_id", opt(&before.mpn_id), opt(&after.mpn_id));
    diff(
        "marketplace_account_active",
        before.marketplace_account_active.to_string(),
        after.marketplace_account_active.to_string(),
    );
    diff(
        "seller_account_active",
        before.seller_account_active.to_string(),
        after.seller_account_active.to_string(),
    );
    diff(
        "partner_types",
        before.partner_types.to_stored(),
        after.partner_types.to_stored(),
    );
    diff(
        "isv_connect_enrolled_on",
        opt(&before.isv_connect_enrolled_on),
        opt(&after.isv_connect_enrolled_on),
    );
    changes.join("; ")
}

pub async fn create(state: &AppState, actor: &CurrentUser, input: &FactsInput) -> AppResult<OrgId> {
    actor.require(&[Role::ProgramAdmin])?;
    let mut errors = FieldErrors::default();
    if input.name.is_none() {
        errors.push(FieldError::new("name", "err-required"));
    }
    let blank = orgs::ProgramFacts {
        name: String::new(),
        mpn_id: None,
        marketplace_account_active: false,
        seller_account_active: false,
        partner_types: CodeList::default(),
        isv_connect_enrolled_on: None,
    };
    let facts = match apply_facts(&blank, input) {
        Ok(f) if errors.is_empty() => f,
        Ok(_) => return Err(errors.into()),
        Err(mut more) => {
            errors.0.append(&mut more.0);
            return Err(errors.into());
        }
    };
    let detail = format!(
        "organization {:?} created; {}",
        facts.name,
        describe_changes(&blank, &facts)
    );
    orgs::insert(
        &state.db,
        &facts,
        actor.audit(None, "organization_created", detail),
    )
    .await
    .map_err(AppError::from)
}

#[tracing::instrument(name = "orgs::update_facts", level = "debug", skip_all)]
pub async fn update_facts(
    state: &AppState,
    actor: &CurrentUser,
    id: OrgId,
    input: &FactsInput,
) -> AppResult<()> {
    actor.require(&[Role::ProgramAdmin])?;
    let org = orgs::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let before = org.program_facts();
    let after = apply_facts(&before, input)?;
    if after == before {
        return Ok(());
    }
    let detail = describe_changes(&before, &after);
    orgs::update_program_facts(
        &state.db,
        id,
        &after,
        &actor.audit(Some(id), "program_facts_changed", detail),
    )
    .await
    .map_err(AppError::from)
}

/// The organization as its users and the program see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgView {
    pub id: OrgId,
    pub name: String,
    pub mpn_id: Option<String>,
    pub marketplace_account_active: bool,
    pub seller_account_active: bool,
    #[schema(schema_with = crate::domain::openapi::partner_types)]
    pub partner_types: Vec<PartnerType>,
    #[schema(schema_with = crate::domain::openapi::nullable_date)]
    pub isv_connect_enrolled_on: Option<NaiveDate>,
    pub competencies: Vec<Competency>,
    pub business_profile: ProfileView,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProfileView {
    #[serde(flatten)]
    pub profile: BusinessProfile,
    pub logo: Option<LogoView>,
    pub complete: bool,
    pub missing: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LogoView {
    pub width: i64,
    pub height: i64,
    pub size: i64,
    pub url: String,
}

impl OrgView {
    fn build(row: orgs::OrgRow, competencies: Vec<(CompetencyArea, NaiveDate)>) -> OrgView {
        let profile = BusinessProfile {
            company_name: row.company_name,
            description: row.description,
            website: row.website,
            headquarters_country: row.headquarters_country,
            industries: row.industries.0,
            contact_email: row.contact_email,
        };
        let logo = match (row.logo_size, row.logo_width, row.logo_height) {
            (Some(size), Some(width), Some(height)) => Some(LogoView {
                width,
                height,
                size,
                url: format!("/organizations/{}/logo", row.id),
            }),
            _ => None,
        };
        let missing = profile.missing_fields(logo.is_some());
        OrgView {
            id: row.id,
            name: row.name,
            mpn_id: row.mpn_id,
            marketplace_account_active: row.marketplace_account_active,
            seller_account_active: row.seller_account_active,
            partner_types: row.partner_types.0,
            isv_connect_enrolled_on: row.isv_connect_enrolled_on,
            competencies: competencies
                .into_iter()
                .map(|(area, expires_on)| Competency { area, expires_on })
                .collect(),
            business_profile: ProfileView {
                profile,
                logo,
                complete: missing.is_empty(),
                missing,
            },
        }
    }
}

pub use crate::db::orgs::OrgRow;

/// The name of an organization the actor may read (partners: only their own, else 404).
pub async fn name(state: &AppState, actor: &CurrentUser, id: OrgId) -> AppResult<String> {
    super::access::may_read_organization(actor, id)?;
    Ok(orgs::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?
        .name)
}

/// Reads an organization the actor may see (partners: only their own, else 404).
#[tracing::instrument(name = "orgs::view", level = "debug", skip_all)]
pub async fn view(state: &AppState, actor: &CurrentUser, id: OrgId) -> AppResult<OrgView> {
    actor.scope_org(id)?;
    if actor.is_program_side() {
        actor.require(&[Role::ProgramAdmin, Role::Reviewer])?;
    }
    let row = orgs::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let competencies = orgs::competencies(&state.db, id).await?;
    Ok(OrgView::build(row, competencies))
}

pub async fn list(
    state: &AppState,
    actor: &CurrentUser,
    window: super::Window,
) -> AppResult<(Vec<orgs::OrgRow>, i64)> {
    actor.require(&[Role::ProgramAdmin, Role::Reviewer])?;
    let rows = orgs::list(&state.db, window.limit, window.offset).await?;
    let total = orgs::count(&state.db).await?;
    Ok((rows, total))
}

pub async fn update_profile(
    state: &AppState,
    actor: &CurrentUser,
    id: OrgId,
    input: &ProfileInput,
) -> AppResult<()> {
    actor.scope_org(id)?;
    actor.require(&[Role::AccountAdmin])?;
    orgs::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let p = BusinessProfile::validate(input)?;
    let cols = orgs::ProfileColumns {
        company_name: p.company_name.as_deref(),
        description: p.description.as_deref(),
        website: p.website.as_deref(),
        headquarters_country: p.headquarters_country.as_deref(),
        industries: CodeList(p.industries.clone()),
        contact_email: p.contact_email.as_deref(),
    };
    orgs::update_profile(&state.db, id, &cols).await?;
    Ok(())
}

/// A logo over the limit, refused with its measured size in the message.
fn logo_too_large(total: usize) -> Option<AppError> {
    let max = crate::domain::org::LOGO_MAX_BYTES;
    (total > max).then(|| {
        let e = crate::domain::field::FieldError::new("logo", "err-logo-too-large")
            .arg("size", crate::domain::field::group_digits(total as u64))
            .arg("max", crate::domain::field::group_digits(max as u64));
        AppError::TooLarge(Problem::of_field("too_large", &e))
    })
}

/// Checks the logo by content and stores it; a refused logo leaves the previous one.
/// `total` is the size of the whole upload, of which
/// `bytes` holds at most one byte more than the limit.
pub async fn put_logo(
    state: &AppState,
    actor: &CurrentUser,
    id: OrgId,
    bytes: &[u8],
    total: usize,
) -> AppResult<()> {
    actor.scope_org(id)?;
    actor.require(&[Role::AccountAdmin])?;
    if let Some(e) = logo_too_large(total) {
        return Err(e);
    }
    orgs::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let facts = rules::inspect_logo(bytes).map_err(|e| match e.key {
        "err-logo-too-large" => AppError::TooLarge(Problem::of_field("too_large", &e)),
        "err-logo-format" => AppError::Unsupported(Problem::of_field("unsupported_media_type", &e)),
        _ => AppError::field(&e),
    })?;
    let logo = orgs::Logo {
        content: bytes,
        content_type: facts.content_type,
        width: facts.width as i64,
        height: facts.height as i64,
    };
    let detail = format!(
        "logo uploaded: {}, {}x{} px, {} bytes",
        facts.content_type,
        facts.width,
        facts.height,
        bytes.len()
    );
    orgs::put_logo(
        &state.db,
        id,
        &logo,
        &actor.audit(Some(id), "logo_uploaded", detail),
    )
    .await?;
    Ok(())
}

/// The logo for anyone who may see the organization.
pub async fn logo(
    state: &AppState,
    actor: &CurrentUser,
    id: OrgId,
) -> AppResult<(Vec<u8>, String)> {
    // SPEC 8: partners read their own logo; program staff the logo of an organization with a
    // solution in the catalog. Any other is the same 404 whether the organization exists,
    // has a logo or not.
    let own = actor.organization_id == Some(id);
    if !own && !actor.is_program_side() {
        return Err(AppError::not_found());
    }
    orgs::logo(&state.db, id, !own)
        .await?
        .ok_or_else(AppError::not_found)
}

pub async fn replace_competencies(
    state: &AppState,
    actor: &CurrentUser,
    id: OrgId,
    list: &[(String, NaiveDate)],
) -> AppResult<()> {
    actor.require(&[Role::ProgramAdmin])?;
    orgs::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let valid = rules::validate_competencies(list)?;
    let before = orgs::competencies(&state.db, id).await?;
    let pairs: Vec<(CompetencyArea, NaiveDate)> =
        valid.iter().map(|c| (c.area, c.expires_on)).collect();
    if pairs == before {
        return Ok(());
    }
    let fmt = |l: &[(CompetencyArea, NaiveDate)]| {
        l.iter()
            .map(|(a, d)| format!("{a} until {d}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let detail = format!("gold competencies: [{}] -> [{}]", fmt(&before), fmt(&pairs));
    orgs::replace_competencies(
        &state.db,
        id,
        &pairs,
        &actor.audit(Some(id), "competencies_changed", detail),
    )
    .await?;
    Ok(())
}
