//! Offer pages: the organization's offers with the create form, one offer's edit form with
//! publish and stop, and starting its co-sell solution.

use super::confirm::{self, Ask, Confirmation};
use super::{
    CsrfForm, Done, Flash, FormErrors, NoFields, PageCtx, form_outcome, form_status, render,
    see_other,
};
use crate::auth::CurrentUser;
use crate::domain::codes::code_strings;
use crate::domain::ids::{OfferId, OrgId};
use crate::domain::offer::{OfferInput, OfferState, OfferType, Store};
use crate::domain::reference::{CompetencyArea, competency_label};
use crate::domain::roles::OFFER_EDITORS;
use crate::domain::roles::Role;
use crate::error::{AppError, AppResult};
use crate::services::Window;
use crate::services::offers::{self, OfferView};
use crate::services::solutions;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// The offer form as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct OfferForm {
    pub csrf: String,
    pub name: String,
    pub offer_type: String,
    pub stores: Vec<String>,
    pub transactable: Option<String>,
    pub competency_areas: Vec<String>,
}

impl OfferForm {
    fn from_view(v: &OfferView) -> OfferForm {
        OfferForm {
            csrf: String::new(),
            name: v.name.clone(),
            offer_type: v.offer_type.code().to_string(),
            stores: code_strings(&v.stores),
            transactable: v.transactable.then(|| "on".into()),
            competency_areas: code_strings(&v.competency_areas),
        }
    }

    fn to_input(&self) -> OfferInput {
        OfferInput {
            name: self.name.clone(),
            offer_type: self.offer_type.clone(),
            stores: self.stores.clone(),
            transactable: self.transactable.is_some(),
            competency_areas: self.competency_areas.clone(),
        }
    }

    pub fn has_store(&self, code: &str) -> bool {
        super::contains(&self.stores, code)
    }

    pub fn has_area(&self, code: &str) -> bool {
        super::contains(&self.competency_areas, code)
    }
}

/// Choices shared by the offer templates.
pub struct OfferChoices {
    pub types: Vec<&'static str>,
    pub stores: Vec<&'static str>,
    pub areas: Vec<(&'static str, String)>,
}

impl OfferChoices {
    fn new() -> OfferChoices {
        OfferChoices {
            types: OfferType::ALL.iter().map(|t| t.code()).collect(),
            stores: Store::ALL.iter().map(|s| s.code()).collect(),
            areas: CompetencyArea::ALL
                .iter()
                .map(|a| (a.code(), competency_label(*a).to_string()))
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "offers.html")]
struct OffersPage {
    p: PageCtx,
    org_id: OrgId,
    org_name: String,
    offers: Vec<OfferView>,
    can_edit: bool,
    can_cosell: bool,
    form: OfferForm,
    errors: FormErrors,
    choices: OfferChoices,
}

async fn offers_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    org_id: OrgId,
    form: OfferForm,
    err: Option<&AppError>,
) -> AppResult<HttpResponse> {
    let offers = offers::list(state, user, org_id, Window::ALL).await?;
    let org_name = crate::services::orgs::name(state, user, org_id).await?;
    let p = PageCtx::new(req, Some(user));
    let (errors, status) = FormErrors::shown(p.tr, err);
    let page = OffersPage {
        p,
        org_id,
        org_name,
        offers,
        can_edit: OFFER_EDITORS.iter().any(|r| user.has(*r)),
        can_cosell: user.has(Role::CosellAdmin),
        form,
        errors,
        choices: OfferChoices::new(),
    };
    render(status, &page)
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    let form = OfferForm {
        stores: vec![Store::AzureMarketplace.code().into()],
        ..OfferForm::default()
    };
    offers_page(&req, &state, &user, *path, form, None).await
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    form: CsrfForm<OfferForm>,
) -> AppResult<HttpResponse> {
    let org_id = *path;
    let form = form.into_inner();
    form_outcome(
        offers::create(&state, &user, org_id, &form.to_input()).await,
        |id| Done::to(format!("/offers/{id}")).told(Flash::OfferCreated),
        async |e| offers_page(&req, &state, &user, org_id, form, Some(&e)).await,
    )
    .await
}

#[derive(Template)]
#[template(path = "offer.html")]
struct OfferPage {
    p: PageCtx,
    offer: OfferView,
    can_edit: bool,
    /// For a reader who cannot publish an offer that is not live: who can, in words.
    who_publishes: Option<String>,
    can_cosell: bool,
    form: OfferForm,
    errors: FormErrors,
    action_error: Option<String>,
    choices: OfferChoices,
}

impl OfferPage {
    /// A competency area by its program name, not its code.
    fn competency(&self, area: &CompetencyArea) -> &'static str {
        competency_label(*area)
    }
}

async fn offer_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    id: OfferId,
    refused: Option<(OfferForm, &AppError)>,
    action_err: Option<&AppError>,
) -> AppResult<HttpResponse> {
    let offer: OfferView = offers::load(state, user, id).await?.into();
    let p = PageCtx::new(req, Some(user));
    let status = refused
        .as_ref()
        .map(|(_, e)| form_status(e))
        .or(action_err.map(|e| e.status()))
        .unwrap_or(StatusCode::OK);
    let (form, errors) = match refused {
        Some((f, e)) => (f, FormErrors::from_app(p.tr, e)),
        None => (OfferForm::from_view(&offer), FormErrors::none(p.tr)),
    };
    let action_error = action_err.map(|e| e.message_in(&p.tr));
    let can_edit = OFFER_EDITORS.iter().any(|r| user.has(*r));
    let who_publishes = if can_edit || offer.state == OfferState::Live {
        None
    } else {
        Some(who_publishes(&p, state, user).await)
    };
    let page = OfferPage {
        p,
        can_edit,
        who_publishes,
        can_cosell: user.has(Role::CosellAdmin),
        offer,
        form,
        errors,
        action_error,
        choices: OfferChoices::new(),
    };
    render(status, &page)
}

/// "Only a developer or a manager can publish it: ..." with the reader's colleagues who can,
/// or who can give the role when nobody has it (issue 32: no dead end on the offer page).
async fn who_publishes(p: &PageCtx, state: &AppState, user: &CurrentUser) -> String {
    let roles = OFFER_EDITORS
        .iter()
        .map(|r| p.tr.label("role", r.code()).into_owned())
        .collect::<Vec<_>>()
        .join(&format!(" {} ", p.tr.t("or")));
    // Best effort: the page never fails for want of the names.
    let people = crate::services::accounts::colleagues_with(state, user, OFFER_EDITORS)
        .await
        .unwrap_or_default();
    if people.is_empty() {
        p.tr.t_args("offer-publish-nobody", &[("roles", roles)])
    } else {
        p.tr.t_args(
            "offer-publish-who",
            &[("roles", roles), ("people", people.join(", "))],
        )
    }
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OfferId>,
) -> AppResult<HttpResponse> {
    offer_page(&req, &state, &user, *path, None, None).await
}

pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OfferId>,
    form: CsrfForm<OfferForm>,
) -> AppResult<HttpResponse> {
    let id = *path;
    offers::load(&state, &user, id).await?;
    let form = form.into_inner();
    form_outcome(
        offers::update(&state, &user, id, &form.to_input()).await,
        |()| Done::to(format!("/offers/{id}")).told(Flash::Saved),
        async |e| offer_page(&req, &state, &user, id, Some((form, &e)), None).await,
    )
    .await
}

/// Publish, stop: a refusal (seller account inactive, wrong state) is shown on the offer page.
async fn state_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: OfferId,
    publish: bool,
) -> AppResult<HttpResponse> {
    let result = if publish {
        offers::publish(&state, &user, id).await
    } else {
        offers::stop(&state, &user, id).await
    };
    let told = if publish {
        Flash::OfferPublished
    } else {
        Flash::OfferStopped
    };
    form_outcome(
        result,
        |()| Done::to(format!("/offers/{id}")).told(told),
        async |e| offer_page(&req, &state, &user, id, None, Some(&e)).await,
    )
    .await
}

pub async fn publish(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OfferId>,
    _form: CsrfForm<NoFields>,
) -> AppResult<HttpResponse> {
    state_action(req, state, user, *path, true).await
}

/// Stopping takes the offer off the marketplace: asked first.
pub async fn stop(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OfferId>,
    form: CsrfForm<Confirmation>,
) -> AppResult<HttpResponse> {
    if !form.0.given() {
        let offer = offers::load(&state, &user, *path).await?;
        let tr = &PageCtx::new(&req, Some(&user)).tr;
        let ask = Ask {
            sentence: tr.t_args("confirm-stop-offer", &[("name", offer.name)]),
            action: format!("/offers/{}/stop", offer.id),
            button_key: "confirm-stop-offer-button",
            back: format!("/offers/{}", offer.id),
        };
        return confirm::page(&req, &user, ask);
    }
    state_action(req, state, user, *path, false).await
}

/// Starts the co-sell solution of an offer (or opens it when it exists).
pub async fn start_solution(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OfferId>,
    _form: CsrfForm<NoFields>,
) -> AppResult<HttpResponse> {
    let offer = offers::load(&state, &user, *path).await?;
    Ok(match offer.solution_id {
        Some(id) => see_other(&format!("/solutions/{id}")),
        None => {
            let id = solutions::create(&state, &user, offer.id).await?;
            Done::to(format!("/solutions/{id}"))
                .told(Flash::SolutionStarted)
                .response()
        }
    })
}
