//! The co-sell solution page (the form partners live in): listing details, geographies,
//! contacts editor, CSV import and export. A refused or stale save shows every typed value
//! again with each message next to its field.

use super::confirm::{self, Ask, Confirmation};
use super::{Done, Flash, FormErrors, NoFields, PageCtx, form_outcome, parse_form, render};
use crate::auth::CurrentUser;
use crate::domain::codes::code_strings;
use crate::domain::document::DocumentKind;
use crate::domain::ids::SolutionId;
use crate::domain::review;
use crate::domain::solution::{ContactInput, PITCH_MAX};
use crate::error::{AppError, AppResult};
use crate::http::extract::{CsrfForm, Edit, Query, Read, Solution};
use crate::services::access::{self, Access, SolutionCtx};
use crate::services::accounts;
use crate::services::documents::DocumentView;
use crate::services::solutions::{self, Autosaved, SolutionPatch, SolutionView};
use crate::services::{status, validation};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::{Deserialize, Serialize};

/// The solution form as posted: contacts come as parallel lists, one entry per row.
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct SolutionForm {
    pub version: String,
    pub geographies: Vec<String>,
    pub solution_areas: Vec<String>,
    pub industries: Vec<String>,
    pub customer_sizes: Vec<String>,
    pub pitch: String,
    pub landing_page: String,
    pub contact_name: Vec<String>,
    pub contact_email: Vec<String>,
    pub contact_job_title: Vec<String>,
    pub contact_role: Vec<String>,
    pub contact_geographies: Vec<String>,
    pub contact_remove: Vec<String>,
    /// Set by the "save and withdraw from review" button of a solution waiting for review.
    pub leave_review: String,
}

/// One row of the contacts editor, as shown.
#[derive(Clone, Default)]
pub struct ContactRowForm {
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub role: String,
    pub geographies: String,
}

fn split_geographies(raw: &str) -> Vec<String> {
    raw.split([',', ' ', ';'])
        .map(|g| g.trim().to_string())
        .filter(|g| !g.is_empty())
        .collect()
}

impl SolutionForm {
    /// The typed contact rows, without those marked for removal.
    fn contact_rows(&self) -> Vec<ContactRowForm> {
        let n = self
            .contact_name
            .len()
            .max(self.contact_email.len())
            .max(self.contact_role.len());
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        (0..n)
            .filter(|i| !self.contact_remove.contains(&i.to_string()))
            .map(|i| ContactRowForm {
                name: at(&self.contact_name, i),
                email: at(&self.contact_email, i),
                job_title: at(&self.contact_job_title, i),
                role: at(&self.contact_role, i),
                geographies: at(&self.contact_geographies, i),
            })
            .collect()
    }

    fn patch(&self, rows: &[ContactRowForm]) -> SolutionPatch {
        SolutionPatch {
            version: self.version.trim().parse().ok(),
            may_leave_review: self.leave_review == "1",
            geographies: Some(self.geographies.clone()),
            solution_areas: Some(self.solution_areas.clone()),
            industries: Some(self.industries.clone()),
            customer_sizes: Some(self.customer_sizes.clone()),
            pitch: Some(self.pitch.clone()),
            landing_page: Some(self.landing_page.clone()),
            contacts: Some(
                rows.iter()
                    .map(|r| ContactInput {
                        name: r.name.clone(),
                        email: r.email.clone(),
                        job_title: r.job_title.clone(),
                        role: r.role.clone(),
                        geographies: split_geographies(&r.geographies),
                    })
                    .collect(),
            ),
        }
    }

    fn from_view(v: &SolutionView) -> (SolutionForm, Vec<ContactRowForm>) {
        let form = SolutionForm {
            version: v.version.to_string(),
            geographies: v.geographies.clone(),
            solution_areas: code_strings(&v.solution_areas),
            industries: code_strings(&v.industries),
            customer_sizes: code_strings(&v.customer_sizes),
            pitch: v.pitch.clone(),
            landing_page: v.landing_page.clone().unwrap_or_default(),
            ..SolutionForm::default()
        };
        let rows = v
            .contacts
            .iter()
            .map(|c| ContactRowForm {
                name: c.name.clone(),
                email: c.email.clone(),
                job_title: c.job_title.clone().unwrap_or_default(),
                role: c.role.code().to_string(),
                geographies: c.geographies.join(", "),
            })
            .collect();
        (form, rows)
    }

    pub fn has(&self, list: &str, code: &str) -> bool {
        let v = match list {
            "geographies" => &self.geographies,
            "solution_areas" => &self.solution_areas,
            "industries" => &self.industries,
            _ => &self.customer_sizes,
        };
        v.iter().any(|c| c.eq_ignore_ascii_case(code))
    }
}

/// The page's fixed lists of choices, written once per process and language (see
/// [`ChoiceRows`]): the 249 geography rows alone are half of the page.
mod choices {
    use super::super::choice_rows::{ChoiceRows, PerLanguage, per_language};
    use crate::domain::reference::{Industry, SolutionArea};
    use crate::domain::solution::{ContactRole, CustomerSize};
    use crate::i18n::{Tr, escape_html};

    /// The geographies, by name in the page's language (CLDR's names). Short rows: the input
    /// inside its label needs no id, and codes are two capital letters, so the attribute
    /// values need no quotes; every byte counts 249 times.
    pub fn geographies(tr: &Tr) -> &'static ChoiceRows {
        static ROWS: PerLanguage = per_language();
        ChoiceRows::cached(&ROWS, tr, |tr| {
            ChoiceRows::new(tr.countries().into_iter().map(|(code, name)| {
                let name = escape_html(name);
                let row = |on: &str| {
                    format!(
                        "<label><input type=checkbox name=geographies value={code}{on}> {name} ({code})</label>\n"
                    )
                };
                (code, row(""), row(" checked"))
            }))
        })
    }

    /// A group of checkboxes posted as `name`, each with the id `{prefix}-{code}` and the
    /// label of the code in the reference list `list`. Codes are the program's constants
    /// (lower case and `_`), written as they are; labels come escaped.
    fn checkboxes(
        tr: &Tr,
        codes: impl Iterator<Item = &'static str>,
        name: &str,
        prefix: &str,
        list: &str,
    ) -> ChoiceRows {
        ChoiceRows::new(codes.map(|code| {
            let label = tr.label_html(list, code);
            let row = |on: &str| {
                format!(
                    "<div class=\"checkbox\"><input id=\"{prefix}-{code}\" name=\"{name}\" value=\"{code}\" type=\"checkbox\"{on}><label for=\"{prefix}-{code}\">{label}</label></div>\n"
                )
            };
            (code, row(""), row(" checked"))
        }))
    }

    pub fn solution_areas(tr: &Tr) -> &'static ChoiceRows {
        static ROWS: PerLanguage = per_language();
        ChoiceRows::cached(&ROWS, tr, |tr| {
            let codes = SolutionArea::ALL.iter().map(|c| c.code());
            checkboxes(tr, codes, "solution_areas", "sa", "solution-area")
        })
    }

    pub fn industries(tr: &Tr) -> &'static ChoiceRows {
        static ROWS: PerLanguage = per_language();
        ChoiceRows::cached(&ROWS, tr, |tr| {
            let codes = Industry::ALL.iter().map(|c| c.code());
            checkboxes(tr, codes, "industries", "ind", "industry")
        })
    }

    pub fn customer_sizes(tr: &Tr) -> &'static ChoiceRows {
        static ROWS: PerLanguage = per_language();
        ChoiceRows::cached(&ROWS, tr, |tr| {
            let codes = CustomerSize::ALL.iter().map(|s| s.code());
            checkboxes(tr, codes, "customer_sizes", "size", "customer-size")
        })
    }

    /// A contact row's role select's options.
    pub fn contact_roles(tr: &Tr) -> &'static ChoiceRows {
        static ROWS: PerLanguage = per_language();
        ChoiceRows::cached(&ROWS, tr, |tr| {
            ChoiceRows::new(ContactRole::ALL.iter().map(|role| {
                let code = role.code();
                let label = tr.label_html("contact-role", code);
                let row = |on: &str| format!("<option value=\"{code}\"{on}>{label}</option>");
                (code, row(""), row(" selected"))
            }))
        })
    }
}

#[derive(Template)]
#[template(path = "solution.html", whitespace = "minimize")]
struct SolutionPage {
    p: PageCtx,
    sol: SolutionView,
    form: SolutionForm,
    rows: Vec<ContactRowForm>,
    errors: FormErrors,
    can_edit: bool,
    /// The rows of the fixed lists of choices, as HTML slices (see `choices`).
    geographies: Vec<&'static str>,
    areas: Vec<&'static str>,
    industries: Vec<&'static str>,
    sizes: Vec<&'static str>,
    pitch_max: usize,
    pitch_count: usize,
    /// Every bad line of a refused contacts import, shown at the top of the page.
    csv_errors: Vec<String>,
    cl: super::checklist::ChecklistView,
    validation: Option<validation::ValidationView>,
    can_validate: bool,
    rb: ReviewBox,
    /// Submitted or in review: autosave is off and saving asks first (SPEC 6).
    waiting: bool,
    /// The save was refused because it would take the solution out of review: ask to confirm.
    asking_to_leave: bool,
    approved: bool,
    /// When the reader's unsaved input shown on the form was typed, if it is a draft.
    draft_at: Option<String>,
    /// Why the form is read-only for this reader, and who may edit it.
    read_only_note: String,
}

impl SolutionPage {
    /// The kinds the checklist asks for.
    fn key_kinds(&self) -> &'static [DocumentKind] {
        &[
            DocumentKind::OnePager,
            DocumentKind::PitchDeck,
            DocumentKind::ReferenceArchitecture,
        ]
    }

    fn document(&self, kind: &DocumentKind) -> Option<&DocumentView> {
        self.sol.documents.iter().find(|d| d.kind == *kind)
    }

    /// A contact row's role options, its role chosen.
    fn role_options(&self, role: &String) -> Vec<&'static str> {
        choices::contact_roles(&self.p.tr).in_order(std::slice::from_ref(role))
    }
}

/// The review box at the top of the solution page: the review state in words, the reviewer's
/// reason, and what the reader may do now. The autosave answer sends it again, so the box
/// never disagrees with what was just saved.
pub struct ReviewBox {
    id: SolutionId,
    state: &'static str,
    reason: Option<String>,
    error: Option<String>,
    can_submit: bool,
    can_withdraw: bool,
    /// Sent with an autosave answer, to replace the page's box in place.
    oob: bool,
}

impl ReviewBox {
    fn of(ctx: &SolutionCtx, can_edit: bool, error: Option<String>, oob: bool) -> ReviewBox {
        let state = ctx.review_state();
        let allowed = |action| review::next(state, action).is_some();
        ReviewBox {
            id: ctx.id(),
            state: state.code(),
            reason: ctx.facts.row.review_reason.clone(),
            error,
            can_submit: can_edit && allowed(review::Action::Submit),
            // With changes requested the solution is back with the partner already:
            // withdrawing it would change nothing they can see (the API still may, SPEC 6).
            can_withdraw: can_edit
                && allowed(review::Action::Withdraw)
                && state != review::ReviewState::ChangesRequested,
            oob,
        }
    }
}

pub struct Shown<'a> {
    pub form: SolutionForm,
    pub rows: Vec<ContactRowForm>,
    pub err: Option<&'a AppError>,
}

/// Errors shown in one of the page's side forms (CSV import, submit or withdraw).
#[derive(Default)]
pub struct SideErrors<'a> {
    pub csv: Option<&'a AppError>,
    pub review: Option<&'a AppError>,
}

/// What the solution page shows beyond the solution: a form posted back, the errors of its
/// side forms, the day to evaluate on, and (to a reader who may not edit) who may.
#[derive(Default)]
struct Showing<'a> {
    shown: Option<Shown<'a>>,
    side: SideErrors<'a>,
    as_of: Option<&'a str>,
    editors: &'a [String],
}

/// The page of a loaded solution: no query of its own (the facts came with `ctx`).
fn solution_page(
    req: &HttpRequest,
    user: &CurrentUser,
    ctx: &SolutionCtx,
    showing: Showing<'_>,
) -> AppResult<HttpResponse> {
    let Showing {
        shown,
        side,
        as_of,
        editors,
    } = showing;
    let as_of = crate::http::as_of(as_of)?;
    let sol = solutions::view_of(ctx);
    let evaluated = status::evaluate_ctx(ctx, as_of)?;
    let validation = validation::of(ctx);
    let p = PageCtx::new(req, Some(user));
    let can_edit = access::can(user, Access::Edit);
    // The reader's draft, shown when the page is opened (not over a form just posted).
    let draft = ctx
        .facts
        .draft
        .as_ref()
        .filter(|_| can_edit && shown.is_none())
        .and_then(|d| parse_form::<SolutionForm>(d.form.as_bytes()).ok())
        .map(|f| {
            let rows = f.contact_rows();
            (f, rows)
        });
    let draft_at = draft
        .as_ref()
        .and(ctx.facts.draft.as_ref())
        .map(|d| p.tr.moment(&d.saved_at));
    let asking_to_leave = shown
        .as_ref()
        .is_some_and(|s| matches!(s.err, Some(AppError::WaitingForReview(_))));
    let (form, mut rows, errors, status) = match shown {
        Some(s) => {
            let (errors, status) = FormErrors::shown(p.tr, s.err);
            (s.form, s.rows, errors, status)
        }
        None if draft.is_some() => {
            // What autosave could not save comes back as typed, with what is wrong with it.
            let (mut f, rows) = draft.clone().unwrap_or_default();
            let errors = solutions::refusal(ctx, &f.patch(&rows))
                .map_or(FormErrors::none(p.tr), |e| FormErrors::from_app(p.tr, &e));
            f.version = ctx.version().to_string();
            (f, rows, errors, StatusCode::OK)
        }
        None => {
            let (f, r) = SolutionForm::from_view(&sol);
            (
                f,
                r,
                FormErrors::none(p.tr),
                side.csv
                    .map(|e| e.status())
                    .or(side.review.map(|e| e.status()))
                    .unwrap_or(StatusCode::OK),
            )
        }
    };
    if can_edit {
        // Blank rows to add contacts without JavaScript.
        rows.extend(std::iter::repeat_n(
            ContactRowForm {
                role: "partner_sales".into(),
                ..ContactRowForm::default()
            },
            2,
        ));
    }
    let geographies = choices::geographies(&p.tr).chosen_first(&form.geographies);
    let areas = choices::solution_areas(&p.tr).in_order(&form.solution_areas);
    let industries = choices::industries(&p.tr).in_order(&form.industries);
    let sizes = choices::customer_sizes(&p.tr).in_order(&form.customer_sizes);
    let page = SolutionPage {
        csv_errors: side
            .csv
            .map(|e| super::csv_lines(&p.tr, e))
            .unwrap_or_default(),
        rb: ReviewBox::of(
            ctx,
            can_edit,
            side.review.map(|e| e.message_in(&p.tr)),
            false,
        ),
        waiting: review::edit_withdraws_from_queue(ctx.review_state()),
        asking_to_leave,
        approved: ctx.review_state() == review::ReviewState::Approved,
        read_only_note: read_only_note(&p.tr, user, editors),
        draft_at,
        cl: super::checklist::build(&p.tr, &evaluated, ctx.review_state()),
        validation,
        can_validate: access::can(user, Access::Review),
        p,
        pitch_count: form.pitch.replace("\r\n", "\n").trim().chars().count(),
        sol,
        form,
        rows,
        errors,
        can_edit,
        geographies,
        areas,
        industries,
        sizes,
        pitch_max: PITCH_MAX,
    };
    // The geography list alone is about 19 KB, the page about 40 KB.
    super::render_sized(status, &page, 48 * 1024)
}

/// The sentence over a solution form the reader may only read: which roles edit it.
fn read_only_note(tr: &crate::i18n::Tr, user: &CurrentUser, editors: &[String]) -> String {
    if user.organization_id.is_none() {
        return tr.t("solution-read-only-program").into_owned();
    }
    let roles: Vec<String> = crate::domain::roles::SOLUTION_EDITORS
        .iter()
        .map(|r| tr.label("role", r.code()).into_owned())
        .collect();
    let roles = roles.join(&format!(" {} ", tr.t("or")));
    if editors.is_empty() {
        tr.t_args("solution-read-only-nobody", &[("roles", roles)])
    } else {
        tr.t_args(
            "solution-read-only",
            &[("roles", roles), ("people", editors.join(", "))],
        )
    }
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    as_of: Option<String>,
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    sol: Solution<Read>,
    q: Query<PageQuery>,
) -> AppResult<HttpResponse> {
    // A reader who may not edit is told who may: one statement, only for them.
    let editors = if access::can(&user, Access::Edit) {
        Vec::new()
    } else {
        accounts::colleagues_with(&state, &user, crate::domain::roles::SOLUTION_EDITORS).await?
    };
    let showing = Showing {
        as_of: q.as_of.as_deref(),
        editors: &editors,
        ..Showing::default()
    };
    solution_page(&req, &user, &sol, showing)
}

/// Discards the reader's draft of the page: the saved values show again.
pub async fn discard_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    _form: CsrfForm<NoFields>,
    sol: Solution<Edit>,
) -> AppResult<HttpResponse> {
    solutions::discard_draft(&state, &user, &sol).await?;
    Ok(Done::to(format!("/solutions/{}", sol.id()))
        .told(Flash::DraftDiscarded)
        .response())
}

/// Save (the form's button, or a post without JavaScript): all or nothing. A refused or
/// stale save shows the page again with every typed value and each message by its field.
pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<SolutionForm>,
    sol: Solution<Edit>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let ctx = sol.into_inner();
    let rows = form.contact_rows();
    let patch = form.patch(&rows);
    form_outcome(
        solutions::save(&state, &user, &ctx, patch).await,
        |_| {
            let told = if review::edit_withdraws_from_queue(ctx.review_state()) {
                Flash::SavedAndWithdrawn
            } else {
                Flash::Saved
            };
            Done::to(format!("/solutions/{}", ctx.id())).told(told)
        },
        async |e| {
            let shown = Shown {
                form,
                rows,
                err: Some(&e),
            };
            let side = SideErrors::default();
            let showing = Showing {
                shown: Some(shown),
                side,
                ..Showing::default()
            };
            solution_page(&req, &user, &ctx, showing)
        },
    )
    .await
}

pub async fn export_contacts(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    let csv = solutions::export_contacts(&state, &user, *path).await?;
    Ok(crate::http::csv::attachment(
        &solutions::contacts_file_name(*path),
        csv,
    ))
}

/// The largest contacts CSV the page accepts (500 contacts fit easily).
const CSV_LIMIT: usize = 1024 * 1024;

pub async fn import_contacts(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    sol: Solution<Edit>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let ctx = sol.into_inner();
    let text = crate::http::upload::read_text(payload, &user, CSV_LIMIT).await?;
    let result = async { solutions::import_contacts(&state, &user, &ctx, &text?).await }.await;
    form_outcome(
        result,
        |n| {
            Done::to(format!("/solutions/{}#contacts", ctx.id()))
                .told(Flash::ContactsImported(n as u64))
        },
        async |e| {
            let side = SideErrors {
                csv: Some(&e),
                ..SideErrors::default()
            };
            let showing = Showing {
                side,
                ..Showing::default()
            };
            solution_page(&req, &user, &ctx, showing)
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "checklist_fragment.html")]
struct ChecklistFragment {
    p: PageCtx,
    cl: super::checklist::ChecklistView,
    rb: ReviewBox,
    version: i64,
    message: String,
    failed: bool,
}

/// Autosave (htmx, on change): saves when the form is valid and answers with the re-evaluated
/// checklist, the new version and a status line. A refused save changes nothing and says why.
/// At most four statements: the session, the solution, the save's transaction, the solution
/// again for the checklist.
pub async fn autosave(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<SolutionForm>,
    sol: Solution<Edit>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let mut ctx = sol.into_inner();
    let rows = form.contact_rows();
    let p = PageCtx::new(&req, Some(&user));
    // The form as typed, to show again if part of it cannot be saved.
    let typed = serde_html_form::to_string(&form).map_err(AppError::internal_because)?;
    let outcome = solutions::autosave(&state, &user, &ctx, form.patch(&rows), &typed).await;
    let now = chrono::Utc::now().format("%H:%M:%S UTC").to_string();
    let (message, failed) = match outcome {
        Ok(Autosaved::Saved(_)) => {
            ctx = access::solution(&state, &user, ctx.id(), Access::Edit).await?;
            (format!("{} {now}", p.tr.t("autosave-saved")), false)
        }
        Ok(Autosaved::Partly { version, refused }) => {
            if version.is_some() {
                ctx = access::solution(&state, &user, ctx.id(), Access::Edit).await?;
            }
            let key = if version.is_some() {
                "autosave-partly"
            } else {
                "autosave-kept"
            };
            (
                format!("{} {}", p.tr.t(key), refused.message_in(&p.tr)),
                true,
            )
        }
        Ok(Autosaved::Stale) => (p.tr.t("autosave-stale-kept").into_owned(), true),
        Err(e) if e.is_form_error() => (
            format!("{} {}", p.tr.t("autosave-not-saved"), e.message_in(&p.tr)),
            true,
        ),
        Err(e) => return Err(e),
    };
    let evaluated = status::evaluate_ctx(&ctx, chrono::Utc::now().date_naive())?;
    let cl = super::checklist::build(&p.tr, &evaluated, ctx.review_state());
    render(
        StatusCode::OK,
        &ChecklistFragment {
            rb: ReviewBox::of(&ctx, true, None, true),
            p,
            cl,
            version: ctx.version(),
            message,
            failed,
        },
    )
}

/// Submit or withdraw from the solution page; a refusal comes back on the page.
async fn review_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    id: SolutionId,
    submit: bool,
) -> AppResult<HttpResponse> {
    let result = if submit {
        crate::services::review::submit(&state, &user, id).await
    } else {
        crate::services::review::withdraw(&state, &user, id).await
    };
    let told = if submit {
        Flash::Submitted
    } else {
        Flash::Withdrawn
    };
    form_outcome(
        result,
        |()| Done::to(format!("/solutions/{id}#review")).told(told),
        async |e| {
            let ctx = access::solution(&state, &user, id, Access::Read).await?;
            let side = SideErrors {
                review: Some(&e),
                ..SideErrors::default()
            };
            let showing = Showing {
                side,
                ..Showing::default()
            };
            solution_page(&req, &user, &ctx, showing)
        },
    )
    .await
}

pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    _form: CsrfForm<NoFields>,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    review_action(req, state, user, *path, true).await
}

/// Withdrawing takes the solution out of the queue (and from a reviewer): asked first.
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<Confirmation>,
    sol: Solution<Edit>,
) -> AppResult<HttpResponse> {
    if !form.0.given() {
        let tr = &PageCtx::new(&req, Some(&user)).tr;
        let name = solutions::view_of(&sol).offer_name;
        let ask = Ask {
            sentence: tr.t_args("confirm-withdraw", &[("name", name)]),
            action: format!("/solutions/{}/withdraw", sol.id()),
            button_key: "confirm-withdraw-button",
            back: format!("/solutions/{}#review", sol.id()),
        };
        return confirm::page(&req, &user, ask);
    }
    review_action(req, state, user, sol.id(), false).await
}

#[cfg(test)]
mod tests {
    use super::choices;
    use crate::i18n::{LANGS, Tr};

    #[test]
    fn every_fixed_list_has_each_row_once_and_marks_exactly_the_chosen_codes() {
        for lang in LANGS {
            let tr = Tr::new(*lang);
            let lists = [
                (choices::geographies(&tr), "<label>", " checked>", 249),
                (
                    choices::solution_areas(&tr),
                    "<div class=\"checkbox\">",
                    " checked>",
                    6,
                ),
                (
                    choices::industries(&tr),
                    "<div class=\"checkbox\">",
                    " checked>",
                    18,
                ),
                (
                    choices::customer_sizes(&tr),
                    "<div class=\"checkbox\">",
                    " checked>",
                    3,
                ),
                (choices::contact_roles(&tr), "<option ", " selected>", 4),
            ];
            for (rows, row, marked, n) in lists {
                let codes = rows.codes();
                assert_eq!(codes.len(), n);
                for chosen in [
                    vec![],
                    vec![codes[0].to_string()],
                    vec![codes[n - 1].to_uppercase(), codes[0].to_lowercase()],
                    vec![
                        codes[1].to_string(),
                        codes[1].to_string(),
                        "XX".into(),
                        "".into(),
                    ],
                    codes.iter().map(|c| c.to_string()).collect(),
                ] {
                    let expected = codes
                        .iter()
                        .filter(|code| chosen.iter().any(|c| c.eq_ignore_ascii_case(code)))
                        .count();
                    for shown in [rows.in_order(&chosen), rows.chosen_first(&chosen)] {
                        let shown = shown.concat();
                        assert_eq!(shown.matches(row).count(), n, "{chosen:?}");
                        assert_eq!(shown.matches(marked).count(), expected, "{chosen:?}");
                        for code in codes {
                            assert!(
                                shown.contains(&format!("value={code}"))
                                    || shown.contains(&format!("value=\"{code}\""))
                            );
                        }
                    }
                }
            }
            // The labels are the page's language's, escaped once.
            let areas = choices::solution_areas(&tr).in_order(&[]).concat();
            assert!(areas.contains(&tr.label_html("solution-area", "data_ai").to_string()));
            assert!(!areas.contains("&#38;#"));
        }
    }
}
