//! An organization's pages: program facts and competencies (set by program admins, read by
//! its users), the business profile with its logo (account admins), and its users.

use super::admin::{
    FactsForm, InvitationLine, RolesRefused, UserForm, UserLine, invitation_lines, parse_date,
    user_lines, users_status,
};
use super::confirm::{self, Ask, Confirmation};
use super::{
    CsrfForm, Done, Flash, FormErrors, PageCtx, form_outcome, form_status, render, see_other,
};
use crate::auth::CurrentUser;
use crate::domain::codes::code_strings;
use crate::domain::field::FieldError;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::org::ProfileInput;
use crate::domain::reference::{self, CompetencyArea, Industry, PartnerType};
use crate::domain::roles::{PARTNER_ROLES, Role};
use crate::error::{AppError, AppResult};
use crate::services::Window;
use crate::services::orgs::{self, OrgView};
use crate::services::{accounts, invitations};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

/// One row of the competencies form, as typed.
#[derive(Clone, Default)]
pub struct CompetencyRow {
    pub area: String,
    pub expires_on: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrganizationPage {
    p: PageCtx,
    org: OrgView,
    is_program_admin: bool,
    is_account_admin: bool,
    facts: FactsForm,
    facts_errors: FormErrors,
    competencies: Vec<CompetencyRow>,
    competency_errors: FormErrors,
    partner_types: &'static [PartnerType],
    areas: &'static [CompetencyArea],
    today: NaiveDate,
}

impl OrganizationPage {
    fn area_label(&self, area: &CompetencyArea) -> &'static str {
        reference::competency_label(*area)
    }

    fn active_today(&self, c: &crate::domain::org::Competency) -> bool {
        c.is_active(self.today)
    }
}

struct Refused<'a, T> {
    form: T,
    err: &'a AppError,
}

async fn organization_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    id: OrgId,
    facts: Option<Refused<'_, FactsForm>>,
    comps: Option<Refused<'_, Vec<CompetencyRow>>>,
) -> AppResult<HttpResponse> {
    let org = orgs::view(state, user, id).await?;
    let p = PageCtx::new(req, Some(user));
    let today = Utc::now().date_naive();
    let status = facts
        .as_ref()
        .map(|r| form_status(r.err))
        .or(comps.as_ref().map(|r| form_status(r.err)))
        .unwrap_or(StatusCode::OK);
    let (facts_form, facts_errors) = match facts {
        Some(r) => (r.form, FormErrors::from_app(p.tr, r.err)),
        None => (FactsForm::from_view(&org), FormErrors::none(p.tr)),
    };
    let (mut competencies, competency_errors) = match comps {
        Some(r) => (r.form, FormErrors::from_app(p.tr, r.err)),
        None => (
            org.competencies
                .iter()
                .map(|c| CompetencyRow {
                    area: c.area.code().to_string(),
                    expires_on: c.expires_on.to_string(),
                    active: c.is_active(today),
                })
                .collect(),
            FormErrors::none(p.tr),
        ),
    };
    let is_program_admin = user.has(Role::ProgramAdmin);
    if is_program_admin {
        // Blank rows to add competencies without JavaScript.
        competencies.extend(std::iter::repeat_n(CompetencyRow::default(), 3));
    }
    let page = OrganizationPage {
        p,
        is_program_admin,
        is_account_admin: user.has(Role::AccountAdmin),
        facts: facts_form,
        facts_errors,
        competencies,
        competency_errors,
        partner_types: PartnerType::ALL,
        areas: CompetencyArea::ALL,
        today,
        org,
    };
    render(status, &page)
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    organization_page(&req, &state, &user, *path, None, None).await
}

pub async fn update_facts(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    form: CsrfForm<FactsForm>,
) -> AppResult<HttpResponse> {
    let id = *path;
    let form = form.into_inner();
    let result = async { orgs::update_facts(&state, &user, id, &form.to_input()?).await }.await;
    form_outcome(
        result,
        |()| Done::to(format!("/organizations/{id}")).told(Flash::OrganizationSaved),
        async |e| {
            organization_page(
                &req,
                &state,
                &user,
                id,
                Some(Refused { form, err: &e }),
                None,
            )
            .await
        },
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CompetenciesForm {
    csrf: String,
    area: Vec<String>,
    expires_on: Vec<String>,
}

pub async fn update_competencies(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    form: CsrfForm<CompetenciesForm>,
) -> AppResult<HttpResponse> {
    let id = *path;
    let form = form.into_inner();
    let rows: Vec<CompetencyRow> = form
        .area
        .iter()
        .zip(
            form.expires_on
                .iter()
                .chain(std::iter::repeat(&String::new())),
        )
        .map(|(a, d)| CompetencyRow {
            area: a.trim().to_string(),
            expires_on: d.trim().to_string(),
            active: false,
        })
        .filter(|r| !(r.area.is_empty() && r.expires_on.is_empty()))
        .collect();
    let mut list = Vec::new();
    let mut failure = None;
    for row in &rows {
        if row.area.is_empty() {
            failure = Some(AppError::field(&FieldError::new("area", "err-required")));
            break;
        }
        match parse_date("expires_on", &row.expires_on) {
            Ok(d) => list.push((row.area.clone(), d)),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let result = match failure {
        Some(e) => Err(e),
        None => orgs::replace_competencies(&state, &user, id, &list).await,
    };
    form_outcome(
        result,
        |()| Done::to(format!("/organizations/{id}#competencies")).told(Flash::CompetenciesSaved),
        async |e| {
            organization_page(
                &req,
                &state,
                &user,
                id,
                None,
                Some(Refused {
                    form: rows,
                    err: &e,
                }),
            )
            .await
        },
    )
    .await
}

/// The business profile form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ProfileForm {
    pub csrf: String,
    pub company_name: String,
    pub description: String,
    pub website: String,
    pub headquarters_country: String,
    pub industries: Vec<String>,
    pub contact_email: String,
}

impl ProfileForm {
    fn from_view(v: &OrgView) -> ProfileForm {
        let p = &v.business_profile.profile;
        ProfileForm {
            csrf: String::new(),
            company_name: p.company_name.clone().unwrap_or_default(),
            description: p.description.clone().unwrap_or_default(),
            website: p.website.clone().unwrap_or_default(),
            headquarters_country: p.headquarters_country.clone().unwrap_or_default(),
            industries: code_strings(&p.industries),
            contact_email: p.contact_email.clone().unwrap_or_default(),
        }
    }

    fn to_input(&self) -> ProfileInput {
        ProfileInput {
            company_name: self.company_name.clone(),
            description: self.description.clone(),
            website: self.website.clone(),
            headquarters_country: self.headquarters_country.clone(),
            industries: self.industries.clone(),
            contact_email: self.contact_email.clone(),
        }
    }

    pub fn has_industry(&self, code: &str) -> bool {
        super::contains(&self.industries, code)
    }
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    p: PageCtx,
    org: OrgView,
    form: ProfileForm,
    errors: FormErrors,
    logo_errors: FormErrors,
    can_edit: bool,
    industries: &'static [Industry],
    countries: Vec<(&'static str, &'static str)>,
    description_count: usize,
    logo_size: String,
}

async fn profile_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    id: OrgId,
    refused: Option<Refused<'_, ProfileForm>>,
    logo_err: Option<&AppError>,
) -> AppResult<HttpResponse> {
    let org = orgs::view(state, user, id).await?;
    let p = PageCtx::new(req, Some(user));
    let status = refused
        .as_ref()
        .map(|r| form_status(r.err))
        .or(logo_err.map(|e| e.status()))
        .unwrap_or(StatusCode::OK);
    let (form, errors) = match refused {
        Some(r) => (r.form, FormErrors::from_app(p.tr, r.err)),
        None => (ProfileForm::from_view(&org), FormErrors::none(p.tr)),
    };
    let logo_errors = FormErrors::shown(p.tr, logo_err).0;
    let logo_size = org
        .business_profile
        .logo
        .as_ref()
        .map(|l| p.tr.number(l.size as u64))
        .unwrap_or_default();
    let countries = p.tr.countries();
    let page = ProfilePage {
        p,
        description_count: form.description.chars().count(),
        form,
        errors,
        logo_errors,
        can_edit: user.has(Role::AccountAdmin),
        industries: Industry::ALL,
        countries,
        logo_size,
        org,
    };
    render(status, &page)
}

pub async fn profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    profile_page(&req, &state, &user, *path, None, None).await
}

pub async fn update_profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    form: CsrfForm<ProfileForm>,
) -> AppResult<HttpResponse> {
    let id = *path;
    let form = form.into_inner();
    form_outcome(
        orgs::update_profile(&state, &user, id, &form.to_input()).await,
        |()| Done::to(format!("/organizations/{id}/profile")).told(Flash::ProfileSaved),
        async |e| {
            profile_page(
                &req,
                &state,
                &user,
                id,
                Some(Refused { form, err: &e }),
                None,
            )
            .await
        },
    )
    .await
}

pub async fn upload_logo(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = *path;
    // The CSRF token is checked as it arrives, before any byte of the file is kept.
    let outcome = async {
        let (bytes, total) = crate::http::upload::read_logo(payload, &user).await?;
        orgs::put_logo(&state, &user, id, &bytes, total).await
    }
    .await;
    form_outcome(
        outcome,
        |()| Done::to(format!("/organizations/{id}/profile#logo")).told(Flash::LogoSaved),
        async |e| profile_page(&req, &state, &user, id, None, Some(&e)).await,
    )
    .await
}

pub async fn logo(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    let (bytes, content_type) = orgs::logo(&state, &user, *path).await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .body(bytes))
}

#[derive(Template)]
#[template(path = "org_users.html")]
struct UsersPage {
    p: PageCtx,
    org: OrgView,
    users: Vec<UserLine>,
    pending: Vec<InvitationLine>,
    days: i64,
    form: UserForm,
    errors: FormErrors,
    roles: Vec<&'static str>,
    /// The reader, whose own row offers no removal (0 on the program's page: none is theirs).
    self_id: i64,
}

async fn users_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    id: OrgId,
    form: UserForm,
    err: Option<&AppError>,
    roles_refused: Option<RolesRefused<'_>>,
) -> AppResult<HttpResponse> {
    let org = orgs::view(state, user, id).await?;
    let p = PageCtx::new(req, Some(user));
    let status = users_status(err, roles_refused.as_ref());
    let users = user_lines(
        &p.tr,
        accounts::list_users(state, user, Some(id), Window::ALL).await?,
        roles_refused,
    );
    let pending = invitation_lines(invitations::pending(state, user, Some(id)).await?);
    let errors = FormErrors::shown(p.tr, err).0;
    let roles = PARTNER_ROLES.iter().map(|r| r.code()).collect();
    render(
        status,
        &UsersPage {
            p,
            org,
            users,
            pending,
            days: invitations::INVITATION_DAYS,
            form,
            errors,
            roles,
            self_id: user.id.0,
        },
    )
}

pub async fn users(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    users_page(&req, &state, &user, *path, UserForm::default(), None, None).await
}

pub async fn add_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    form: CsrfForm<UserForm>,
) -> AppResult<HttpResponse> {
    let id = *path;
    let form = form.into_inner();
    let lang = super::lang_of(&req);
    form_outcome(
        invitations::invite(&state, &user, Some(id), &form.email, &form.roles, lang).await,
        |()| Done::to(format!("/organizations/{id}/users")).told(Flash::InvitationSent),
        async |e| users_page(&req, &state, &user, id, form, Some(&e), None).await,
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RolesForm {
    csrf: String,
    roles: Vec<String>,
}

/// The users page a user is listed on: their organization's, or the program users.
fn users_path(organization_id: Option<OrgId>) -> String {
    match organization_id {
        Some(org) => format!("/organizations/{org}/users"),
        None => "/program-users".into(),
    }
}

pub async fn set_roles(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<UserId>,
    form: CsrfForm<RolesForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let target = accounts::managed_user(&state, &user, *path).await?;
    // A refused change comes back in the user's own row, with the boxes as they were sent.
    form_outcome(
        accounts::set_roles(&state, &user, *path, &form.roles).await,
        |()| Done::to(users_path(target.organization_id)).told(Flash::RolesChanged),
        async |e| {
            let refused = RolesRefused {
                user_id: target.id,
                sent: form.roles,
                err: &e,
            };
            match target.organization_id {
                Some(org) => {
                    let blank = UserForm::default();
                    users_page(&req, &state, &user, org, blank, None, Some(refused)).await
                }
                None => {
                    let blank = UserForm::default();
                    super::admin::program_users_page(
                        &req,
                        &state,
                        &user,
                        blank,
                        None,
                        Some(refused),
                    )
                    .await
                }
            }
        },
    )
    .await
}

/// Removing a user cannot be undone: asked first.
pub async fn remove_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<UserId>,
    form: CsrfForm<Confirmation>,
) -> AppResult<HttpResponse> {
    let target = accounts::managed_user(&state, &user, *path).await?;
    if !form.0.given() {
        let tr = &PageCtx::new(&req, Some(&user)).tr;
        let ask = Ask {
            sentence: tr.t_args("confirm-remove-user", &[("email", target.email.clone())]),
            action: format!("/users/{}/remove", target.id),
            button_key: "confirm-remove-user-button",
            back: users_path(target.organization_id),
        };
        return confirm::page(&req, &user, ask);
    }
    accounts::remove_user(&state, &user, *path).await?;
    Ok(Done::to(users_path(target.organization_id))
        .told(Flash::UserRemoved)
        .response())
}

pub async fn my_organization(user: CurrentUser) -> AppResult<HttpResponse> {
    match user.organization_id {
        Some(id) => Ok(see_other(&format!("/organizations/{id}"))),
        None => Err(AppError::not_found()),
    }
}
