//! The HTML side: shared page context, form helpers and the cross-cutting middleware
//! (error pages, security headers). Each area's pages live in their own module.

pub mod account;
pub mod admin;
pub mod api_docs;
pub mod assets;
pub mod audit;
mod audit_words;
#[cfg(feature = "bench")]
pub mod bench;
pub mod catalog;
pub mod checklist;
pub mod choice_rows;
pub mod confirm;
pub mod dashboard;
pub mod documents;
pub mod errors;
pub mod flash;
pub mod invitations;
pub mod notifications;
pub mod offers;
pub mod operations;
pub mod org;
pub mod revenue;
pub mod review;
pub mod session;
pub mod solutions;

use crate::auth::CurrentUser;
use crate::domain::field::{FieldError, FieldErrors};
use crate::domain::roles::Role;
use crate::error::{AppError, AppResult};
use crate::i18n::{LANG_COOKIE, Lang, Tr};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse};
pub use flash::Flash;

/// The language for this request: the switch's cookie, then `Accept-Language`, then English.
pub fn lang_of(req: &HttpRequest) -> Lang {
    req.cookie(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

pub struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

pub struct LangLink {
    pub href: String,
    /// The page to come back to (signed-in people switch with a form).
    pub next: String,
    pub label: &'static str,
    pub code: &'static str,
    pub current: bool,
}

/// What every page's layout needs: translations, the navigation for the user's roles,
/// the CSRF token for forms and the language switch.
pub struct PageCtx {
    pub tr: Tr,
    pub user_email: Option<String>,
    pub csrf: String,
    pub nav: Vec<NavItem>,
    pub langs: Vec<LangLink>,
    pub css: String,
    pub js: String,
    pub htmx: String,
    pub path: String,
    /// What the action that led here did, told once (see `flash`).
    pub flash: Option<String>,
    /// Unread notifications of the signed-in user (the bell); None when signed out.
    pub unread: Option<i64>,
}

impl PageCtx {
    pub fn new(req: &HttpRequest, user: Option<&CurrentUser>) -> PageCtx {
        let tr = Tr::new(lang_of(req));
        let path = req
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        let nav = user
            .map(|u| nav_for(&tr, u, req.path()))
            .unwrap_or_default();
        let langs = crate::i18n::LANGS
            .iter()
            .map(|l| LangLink {
                href: format!("/lang/{}?next={}", l.code(), urlencode(&path)),
                next: path.clone(),
                label: match l {
                    Lang::En => "English",
                    Lang::Nl => "Nederlands",
                },
                code: l.code(),
                current: *l == tr.lang,
            })
            .collect();
        PageCtx {
            tr,
            user_email: user.map(|u| u.email.clone()),
            csrf: user.and_then(|u| u.csrf.clone()).unwrap_or_default(),
            nav,
            langs,
            css: assets::url("app.css"),
            js: assets::url("app.js"),
            htmx: assets::url("htmx.min.js"),
            flash: flash::of_request(req, &tr),
            unread: user.map(|u| u.unread),
            path,
        }
    }

    /// A message for the page, escaped once when the translations were read.
    pub fn t(&self, key: &str) -> crate::i18n::Html {
        self.tr.html(key)
    }

    /// The label of a reference code for the page (see [`PageCtx::t`]): a code as text, or a
    /// code enum.
    pub fn label<C: AsRef<str> + ?Sized>(&self, list: &str, code: &C) -> crate::i18n::Html {
        self.tr.label_html(list, code.as_ref())
    }
}

fn nav_for(tr: &Tr, user: &CurrentUser, current: &str) -> Vec<NavItem> {
    let mut items: Vec<(String, &str)> = Vec::new();
    if user.has(Role::ProgramAdmin) || user.has(Role::Reviewer) {
        items.push(("/review".into(), "nav-review"));
        items.push(("/organizations".into(), "nav-organizations"));
    }
    if user.has(Role::ProgramAdmin) || user.has(Role::Reviewer) || user.has(Role::Seller) {
        items.push(("/catalog".into(), "nav-catalog"));
    }
    if user.has(Role::ProgramAdmin) {
        items.push(("/program-users".into(), "nav-program-users"));
        items.push(("/audit".into(), "nav-audit"));
        items.push(("/outbox".into(), "nav-outbox"));
    }
    if user.has(Role::ProgramAdmin) {
        items.push(("/revenue/import".into(), "nav-revenue-import"));
    }
    if let Some(org) = user.organization_id {
        items.push((format!("/organizations/{org}/dashboard"), "nav-dashboard"));
        items.push((format!("/organizations/{org}"), "nav-organization"));
        if user.has(Role::Manager) {
            items.push((format!("/organizations/{org}/revenue"), "nav-revenue"));
        }
        items.push((format!("/organizations/{org}/offers"), "nav-offers"));
        if user.has(Role::AccountAdmin) {
            items.push((format!("/organizations/{org}/profile"), "nav-profile"));
            items.push((format!("/organizations/{org}/users"), "nav-users"));
            items.push(("/audit".into(), "nav-audit"));
        }
    }
    items.push(("/account".into(), "nav-account"));
    items
        .into_iter()
        .map(|(href, key)| NavItem {
            current: current == href,
            href,
            label: tr.t(key).into_owned(),
        })
        .collect()
}

pub fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A local path to go back to after a redirect; anything else becomes `/`. Local means one
/// leading `/`, then neither `/` nor `\\`, and no control character anywhere: browsers drop
/// tabs and newlines from a `Location`, so `/\t/evil.example` would leave the site, and CR/LF
/// could not go into a header at all.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n[1..].starts_with(['/', '\\'])
                && !n.chars().any(char::is_control) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

/// Validation messages of one form, translated, each shown next to its field.
pub struct FormErrors {
    tr: Tr,
    list: Vec<FieldError>,
    pub general: Option<String>,
}

impl FormErrors {
    pub fn none(tr: Tr) -> FormErrors {
        FormErrors {
            tr,
            list: Vec::new(),
            general: None,
        }
    }

    pub fn from_fields(tr: Tr, errors: FieldErrors) -> FormErrors {
        FormErrors {
            tr,
            list: errors.0,
            general: None,
        }
    }

    /// The errors of a form shown again after `err` (none when first shown), with the
    /// page's status: 200 without an error, else the one [`form_status`] gives.
    pub fn shown(tr: Tr, err: Option<&AppError>) -> (FormErrors, StatusCode) {
        match err {
            Some(e) => (FormErrors::from_app(tr, e), form_status(e)),
            None => (FormErrors::none(tr), StatusCode::OK),
        }
    }

    /// From a service error: field errors go next to their fields, anything else on top.
    pub fn from_app(tr: Tr, err: &AppError) -> FormErrors {
        if !err.has_field_errors() {
            FormErrors {
                tr,
                list: Vec::new(),
                general: Some(err.message_in(&tr)),
            }
        } else {
            FormErrors {
                tr,
                list: err.details().to_vec(),
                general: None,
            }
        }
    }

    pub fn get(&self, field: &str) -> Option<String> {
        self.list
            .iter()
            .find(|e| e.field == field && e.row.is_none())
            .map(|e| self.tr.field_error(e))
    }

    pub fn has(&self, field: &str) -> bool {
        self.list
            .iter()
            .any(|e| e.field == field && e.row.is_none())
    }

    /// The message for a field of one row of a list (contacts).
    pub fn get_row(&self, row: &usize, field: &str) -> Option<String> {
        self.list
            .iter()
            .find(|e| e.field == field && e.row == Some(*row))
            .map(|e| self.tr.field_error(e))
    }

    pub fn has_row(&self, row: &usize, field: &str) -> bool {
        self.list
            .iter()
            .any(|e| e.field == field && e.row == Some(*row))
    }

    pub fn any(&self) -> bool {
        !self.list.is_empty() || self.general.is_some()
    }

    pub fn count(&self) -> usize {
        self.list.len() + usize::from(self.general.is_some())
    }
}

/// The lines of a refused CSV import, each "Line 3, email: …" in the reader's language (or the
/// refusal itself when it is not about lines).
pub fn csv_lines(tr: &Tr, e: &AppError) -> Vec<String> {
    let lines: Vec<String> = e
        .details()
        .iter()
        .filter(|d| d.field == "csv")
        .map(|d| {
            let arg = |name: &str| {
                d.args
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            tr.t_args(
                "csv-line",
                &[
                    ("line", arg("line")),
                    ("field", arg("column")),
                    ("message", tr.field_error(d)),
                ],
            )
        })
        .collect();
    if lines.is_empty() {
        vec![e.message_in(tr)]
    } else {
        lines
    }
}

/// A field of a stored revision in the reader's words: lists and contacts with their names
/// for codes (CLDR country names, labels), joined with commas.
pub fn revision_words(tr: &Tr, s: &crate::services::snapshot::Snapshot, field: &str) -> String {
    use crate::services::snapshot::Value;
    match s.value(field) {
        Value::Text(text) => text,
        Value::Members(members) => members
            .iter()
            .map(|m| member_words(tr, field, m))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// One member of a list field (a code, a contact) in the reader's words.
pub fn member_words(tr: &Tr, field: &str, member: &crate::services::snapshot::Member) -> String {
    use crate::services::snapshot::Member;
    let place = |c: &str| tr.country(c).map_or_else(|| c.to_string(), str::to_string);
    match member {
        Member::Code(c) => match field {
            "geographies" => place(c),
            "solution_areas" => tr.label("solution-area", c).into_owned(),
            "industries" => tr.label("industry", c).into_owned(),
            "customer_sizes" => tr.label("customer-size", c).into_owned(),
            _ => c.clone(),
        },
        Member::Contact(c) => format!(
            "{} <{}> {} [{}]",
            c.name,
            c.email,
            tr.label("contact-role", c.role.code()),
            c.geographies
                .iter()
                .map(|g| place(g))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The name of a field of the solution page (the diff's rows).
pub fn field_label(tr: &Tr, field: &str) -> String {
    let key = match field {
        "geographies" => "field-geographies",
        "solution_areas" => "field-solution-areas",
        "industries" => "field-target-industries",
        "customer_sizes" => "field-customer-sizes",
        "pitch" => "field-pitch",
        "landing_page" => "field-landing-page",
        "contacts" => "contacts-title",
        kind => return tr.label("document-kind", kind).into_owned(),
    };
    tr.t(key).into_owned()
}

/// A form that carries only its CSRF token (buttons: sign out, publish, claim...), taken as
/// `CsrfForm<NoFields>`.
#[derive(serde::Deserialize, Default)]
pub struct NoFields {}

pub use crate::http::extract::{AnonymousForm, CsrfForm, parse_form};

pub fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(body)
}

/// Renders a page; a template failure is logged and answered with 500.
pub fn render<T: askama::Template>(status: StatusCode, page: &T) -> AppResult<HttpResponse> {
    render_sized(status, page, 0)
}

/// [`render`] into a buffer of at least `capacity` bytes: a page whose size comes mostly from
/// lists (askama's size hint counts only the template's own text) is then written without
/// growing and copying its buffer several times.
pub fn render_sized<T: askama::Template>(
    status: StatusCode,
    page: &T,
    capacity: usize,
) -> AppResult<HttpResponse> {
    let mut body = String::with_capacity(capacity.max(T::SIZE_HINT));
    match page.render_into(&mut body) {
        Ok(()) => Ok(html(status, body)),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            Err(AppError::internal())
        }
    }
}

pub use crate::http::see_other;

/// Where a successful form post goes, and what it tells there.
pub struct Done {
    to: String,
    flash: Option<Flash>,
}

impl Done {
    pub fn to(path: impl Into<String>) -> Done {
        Done {
            to: path.into(),
            flash: None,
        }
    }

    /// Says what happened on the page it goes to.
    pub fn told(self, flash: Flash) -> Done {
        Done {
            flash: Some(flash),
            ..self
        }
    }

    pub fn response(self) -> HttpResponse {
        match self.flash {
            Some(f) => flash::redirect(&self.to, f),
            None => see_other(&self.to),
        }
    }
}

impl From<String> for Done {
    fn from(to: String) -> Done {
        Done::to(to)
    }
}

/// What a form post answers, from its service result: on success, 303 See Other to the page
/// `done` names (the back button does not post again); on a refusal a form can show (bad,
/// stale or conflicting input, a refused rule, a file too large or of the wrong kind), the
/// page again from `again`, with its errors and every typed value; anything else (no
/// sign-in, role or thing, a failure of ours) becomes the error page.
pub async fn form_outcome<T, D: Into<Done>>(
    result: AppResult<T>,
    done: impl FnOnce(T) -> D,
    again: impl AsyncFnOnce(AppError) -> AppResult<HttpResponse>,
) -> AppResult<HttpResponse> {
    match result {
        Ok(value) => Ok(done(value).into().response()),
        Err(e) if e.is_form_error() => again(e).await,
        Err(e) => Err(e),
    }
}

/// The status for a form shown again with errors.
pub fn form_status(err: &AppError) -> StatusCode {
    if err.has_field_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        err.status()
    }
}

/// Checkbox helper for templates.
pub fn contains(list: &[String], code: &str) -> bool {
    list.iter().any(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_paths_stay_local() {
        assert_eq!(safe_next(Some("/account")), "/account");
        assert_eq!(
            safe_next(Some("/solutions/1?saved=1#geo")),
            "/solutions/1?saved=1#geo"
        );
        assert_eq!(safe_next(Some("/")), "/");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "",
            "/\t/evil.example",
            "/\n/evil.example",
            "/account\r\nSet-Cookie: x=1",
            "/ok\u{0}",
            "/ok\u{7f}",
            "/ok\u{85}",
            "relative",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
    }
}
