//! Program-side pages: the organizations list with the create form, and program users.

use super::{CsrfForm, Done, Flash, FormErrors, PageCtx, form_outcome, form_status, render};
use crate::auth::CurrentUser;
use crate::domain::codes::code_strings;
use crate::domain::field::FieldError;
use crate::domain::ids::InvitationId;
use crate::domain::ids::UserId;
use crate::domain::reference::PartnerType;
use crate::domain::roles::{PROGRAM_ROLES, Role};
use crate::error::{AppError, AppResult};
use crate::http::extract::Query;
use crate::i18n::Tr;
use crate::services::Window;
use crate::services::accounts::UserRow;
use crate::services::orgs::OrgRow;
use crate::services::{accounts, invitations, orgs};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

pub const PAGE_SIZE: i64 = 50;

/// The program-facts form as typed, so a refused form comes back with every value.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct FactsForm {
    pub csrf: String,
    pub name: String,
    pub mpn_id: String,
    pub marketplace_account_active: Option<String>,
    pub seller_account_active: Option<String>,
    pub partner_types: Vec<String>,
    pub isv_connect_enrolled_on: String,
}

impl FactsForm {
    pub fn from_view(v: &orgs::OrgView) -> FactsForm {
        FactsForm {
            csrf: String::new(),
            name: v.name.clone(),
            mpn_id: v.mpn_id.clone().unwrap_or_default(),
            marketplace_account_active: v.marketplace_account_active.then(|| "on".into()),
            seller_account_active: v.seller_account_active.then(|| "on".into()),
            partner_types: code_strings(&v.partner_types),
            isv_connect_enrolled_on: v
                .isv_connect_enrolled_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }

    pub fn to_input(&self) -> Result<orgs::FactsInput, AppError> {
        let isv = match self.isv_connect_enrolled_on.trim() {
            "" => None,
            s => Some(parse_date("isv_connect_enrolled_on", s)?),
        };
        Ok(orgs::FactsInput {
            name: Some(self.name.clone()),
            mpn_id: Some(Some(self.mpn_id.clone())),
            marketplace_account_active: Some(self.marketplace_account_active.is_some()),
            seller_account_active: Some(self.seller_account_active.is_some()),
            partner_types: Some(self.partner_types.clone()),
            isv_connect_enrolled_on: Some(isv),
        })
    }

    pub fn has_type(&self, code: &str) -> bool {
        super::contains(&self.partner_types, code)
    }
}

pub fn parse_date(field: &'static str, s: &str) -> Result<NaiveDate, AppError> {
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field(&FieldError::new(field, "err-date")))?;
    crate::domain::field::date_in_range(field, date).map_err(|e| AppError::field(&e))
}

#[derive(Template)]
#[template(path = "organizations.html")]
struct OrganizationsPage {
    p: PageCtx,
    orgs: Vec<OrgRow>,
    total: i64,
    page: i64,
    pages: i64,
    can_create: bool,
    form: FactsForm,
    errors: FormErrors,
    partner_types: &'static [PartnerType],
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

async fn organizations_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    page: i64,
    form: FactsForm,
    err: Option<&AppError>,
) -> AppResult<HttpResponse> {
    let page = page.max(1);
    let (orgs, total) = orgs::list(
        state,
        user,
        Window {
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
        },
    )
    .await?;
    let p = PageCtx::new(req, Some(user));
    let (errors, status) = FormErrors::shown(p.tr, err);
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = OrganizationsPage {
        p,
        orgs,
        total,
        page,
        pages,
        can_create: user.has(Role::ProgramAdmin),
        form,
        errors,
        partner_types: PartnerType::ALL,
    };
    render(status, &page)
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<PageQuery>,
) -> AppResult<HttpResponse> {
    organizations_page(
        &req,
        &state,
        &user,
        q.page.unwrap_or(1),
        FactsForm::default(),
        None,
    )
    .await
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<FactsForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let result = async { orgs::create(&state, &user, &form.to_input()?).await }.await;
    form_outcome(
        result,
        |id| Done::to(format!("/organizations/{id}")).told(Flash::OrganizationCreated),
        async |e| organizations_page(&req, &state, &user, 1, form, Some(&e)).await,
    )
    .await
}

/// The form for inviting a user, as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct UserForm {
    pub csrf: String,
    pub email: String,
    pub roles: Vec<String>,
}

/// An open invitation for the users pages.
pub struct InvitationLine {
    pub id: InvitationId,
    pub email: String,
    pub roles: Vec<&'static str>,
    pub invited_by: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

pub fn invitation_lines(
    rows: Vec<crate::services::invitations::Invitation>,
) -> Vec<InvitationLine> {
    rows.into_iter()
        .map(|i| InvitationLine {
            id: i.id,
            roles: i.roles.codes(),
            email: i.email,
            invited_by: i.invited_by,
            expires_at: i.expires_at,
        })
        .collect()
}

impl UserForm {
    pub fn has_role(&self, code: &str) -> bool {
        super::contains(&self.roles, code)
    }
}

/// A user row for the tables, with role labels.
pub struct UserLine {
    pub id: UserId,
    pub email: String,
    pub roles: Vec<&'static str>,
    /// A refused role change of this row: the roles as sent, and why it was refused.
    pub refused: Option<(Vec<String>, String)>,
}

impl UserLine {
    /// Ticked in the row's role boxes: what was sent when the change was refused, else the
    /// roles the user has.
    pub fn ticks(&self, role: &str) -> bool {
        match &self.refused {
            Some((sent, _)) => super::contains(sent, role),
            None => self.roles.contains(&role),
        }
    }
}

/// A role change refused on a users page: shown in that user's row, with what was sent.
pub struct RolesRefused<'a> {
    pub user_id: UserId,
    pub sent: Vec<String>,
    pub err: &'a AppError,
}

/// The table's rows; a refused role change goes into its own row.
pub fn user_lines(tr: &Tr, rows: Vec<UserRow>, refused: Option<RolesRefused<'_>>) -> Vec<UserLine> {
    let mut refused = refused;
    rows.into_iter()
        .map(|u| UserLine {
            id: u.id,
            roles: u.roles.clone().codes(),
            refused: refused
                .take_if(|r| r.user_id == u.id)
                .map(|r| (r.sent, r.err.message_in(tr))),
            email: u.email,
        })
        .collect()
}

/// The status of a users page shown again: the invitation's or the role change's refusal.
pub fn users_status(invite: Option<&AppError>, roles: Option<&RolesRefused<'_>>) -> StatusCode {
    invite
        .or(roles.map(|r| r.err))
        .map_or(StatusCode::OK, form_status)
}

#[derive(Template)]
#[template(path = "program_users.html")]
struct ProgramUsersPage {
    p: PageCtx,
    users: Vec<UserLine>,
    pending: Vec<InvitationLine>,
    days: i64,
    form: UserForm,
    errors: FormErrors,
    roles: Vec<&'static str>,
}

pub async fn program_users_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    form: UserForm,
    err: Option<&AppError>,
    roles_refused: Option<RolesRefused<'_>>,
) -> AppResult<HttpResponse> {
    let p = PageCtx::new(req, Some(user));
    let status = users_status(err, roles_refused.as_ref());
    let users = user_lines(
        &p.tr,
        accounts::list_users(state, user, None, Window::ALL).await?,
        roles_refused,
    );
    let pending = invitation_lines(invitations::pending(state, user, None).await?);
    let errors = FormErrors::shown(p.tr, err).0;
    let roles = PROGRAM_ROLES.iter().map(|r| r.code()).collect();
    render(
        status,
        &ProgramUsersPage {
            p,
            users,
            pending,
            days: invitations::INVITATION_DAYS,
            form,
            errors,
            roles,
        },
    )
}

pub async fn program_users(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    program_users_page(&req, &state, &user, UserForm::default(), None, None).await
}

pub async fn add_program_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<UserForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let lang = super::lang_of(&req);
    form_outcome(
        invitations::invite(&state, &user, None, &form.email, &form.roles, lang).await,
        |()| Done::to("/program-users").told(Flash::InvitationSent),
        async |e| program_users_page(&req, &state, &user, form, Some(&e), None).await,
    )
    .await
}
