//! Every route of the portal, with who may use it: one table that registers the routes and
//! drives the authorization walk (`tests/integration/authorization.rs`), which calls each
//! route as each role, anonymously and from another organization and checks that only the
//! people named here get through. A route cannot be added without saying who may use it.

use crate::auth::CurrentUser;
use crate::domain::roles::Role::{self, *};
use crate::{api, web};
use actix_web::FromRequest;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{Next, from_fn};
use actix_web::web as aw;

pub use crate::domain::roles::{
    ACCOUNT_ADMINS, ALL, CATALOG_READERS, OFFER_EDITORS, ORG_READERS, PARTNERS, PROGRAM_ADMINS,
    REFERRAL_WORKERS, REVIEWERS, SOLUTION_EDITORS, Who,
};

/// Who may call an API operation, for the OpenAPI document.
pub fn api_who(method: &str, path: &str) -> Option<Who> {
    API.iter()
        .find(|r| r.path == path && r.method == method)
        .map(|r| r.who)
}

/// One route: its method, its path (relative to its scope) and who may use it.
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub who: Who,
    /// The handler takes the solution of the path's `{id}` (the `Solution` extractor): the
    /// gate reads it in the same statement as the user (see [`crate::auth::want_solution`]).
    pub reads_solution: bool,
    /// Whose the path's `{id}` is: the gate refuses another organization's before the
    /// handler runs (404), so no handler repeats the check.
    pub scope: Scope,
    make: fn() -> actix_web::Route,
}

/// What the `{id}` of a route's path names, for the gate's organization check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Nothing the gate checks (the services decide, as for a solution's organization).
    Unscoped,
    /// An organization: a partner reaches only their own.
    Organization,
    /// A user: a partner's account admin reaches only their organization's users.
    User,
}

macro_rules! route {
    ($method:ident $path:literal, $handler:path, $who:expr) => {
        route!(@ $method $path, $handler, $who, false, Scope::Unscoped)
    };
    ($method:ident $path:literal, $handler:path, $who:expr, reads_solution) => {
        route!(@ $method $path, $handler, $who, true, Scope::Unscoped)
    };
    ($method:ident $path:literal, $handler:path, $who:expr, in_org) => {
        route!(@ $method $path, $handler, $who, false, Scope::Organization)
    };
    ($method:ident $path:literal, $handler:path, $who:expr, of_user) => {
        route!(@ $method $path, $handler, $who, false, Scope::User)
    };
    (@ $method:ident $path:literal, $handler:path, $who:expr, $reads:expr, $scope:expr) => {
        Route {
            method: stringify!($method),
            path: $path,
            who: $who,
            reads_solution: $reads,
            scope: $scope,
            make: || aw::$method().to($handler),
        }
    };
}

const fn roles(list: &'static [Role]) -> Who {
    Who::Roles(list)
}

/// The pages, at the root.
pub static PAGES: &[Route] = {
    use web::{
        account, admin, api_docs, assets, audit, catalog, dashboard, documents, invitations,
        notifications, offers, operations, org, revenue, review, session, solutions,
    };
    &[
        route!(get "/", session::root, Who::Anyone),
        route!(get "/healthz", session::healthz, Who::Anyone),
        route!(get "/readyz", operations::readyz, Who::Anyone),
        route!(get "/api/docs", api_docs::show, Who::Anyone),
        route!(get "/static/{hash}/{name}", assets::serve, Who::Anyone),
        route!(get "/lang/{code}", session::switch_lang, Who::Anyone),
        route!(post "/lang/{code}", session::choose_lang, Who::SignedIn),
        route!(get "/login", session::login_form, Who::Anyone),
        route!(post "/login", session::login, Who::Anyone),
        route!(post "/logout", session::logout, Who::SignedIn),
        route!(get "/home", session::home, Who::SignedIn),
        route!(get "/account", account::show, Who::SignedIn),
        route!(post "/account/password", account::change_password, Who::SignedIn),
        route!(post "/account/mails", notifications::set_mails, Who::SignedIn),
        route!(get "/notifications", notifications::page, Who::SignedIn),
        route!(post "/notifications/read", notifications::mark_all_read, Who::SignedIn),
        route!(post "/notifications/{id}/open", notifications::open, Who::SignedIn),
        route!(get "/outbox", notifications::outbox, roles(PROGRAM_ADMINS)),
        route!(post "/invitations/{id}/revoke", invitations::revoke, roles(ACCOUNT_ADMINS)),
        route!(get "/invitations/{token}", invitations::accept_form, Who::Anyone),
        route!(post "/invitations/{token}", invitations::accept, Who::Anyone),
        route!(get "/password/forgot", invitations::forgot_form, Who::Anyone),
        route!(post "/password/forgot", invitations::forgot, Who::Anyone),
        route!(get "/password/reset/{token}", invitations::reset_form, Who::Anyone),
        route!(post "/password/reset/{token}", invitations::reset, Who::Anyone),
        route!(get "/organization", org::my_organization, roles(PARTNERS)),
        route!(get "/organizations", admin::list, roles(REVIEWERS)),
        route!(post "/organizations", admin::create, roles(PROGRAM_ADMINS)),
        route!(get "/organizations/{id}", org::show, roles(ORG_READERS), in_org),
        route!(post "/organizations/{id}/facts", org::update_facts, roles(PROGRAM_ADMINS), in_org),
        route!(post "/organizations/{id}/competencies", org::update_competencies, roles(PROGRAM_ADMINS), in_org),
        route!(get "/organizations/{id}/profile", org::profile, roles(ORG_READERS), in_org),
        route!(post "/organizations/{id}/profile", org::update_profile, roles(&[AccountAdmin]), in_org),
        route!(get "/organizations/{id}/logo", org::logo, roles(ALL), in_org),
        route!(post "/organizations/{id}/logo", org::upload_logo, roles(&[AccountAdmin]), in_org),
        route!(get "/organizations/{id}/users", org::users, roles(ACCOUNT_ADMINS), in_org),
        route!(post "/organizations/{id}/users", org::add_user, roles(ACCOUNT_ADMINS), in_org),
        route!(post "/users/{id}/roles", org::set_roles, roles(ACCOUNT_ADMINS), of_user),
        route!(post "/users/{id}/remove", org::remove_user, roles(ACCOUNT_ADMINS), of_user),
        route!(get "/program-users", admin::program_users, roles(PROGRAM_ADMINS)),
        route!(post "/program-users", admin::add_program_user, roles(PROGRAM_ADMINS)),
        route!(get "/audit", audit::page, roles(ACCOUNT_ADMINS)),
        route!(get "/organizations/{id}/offers", offers::list, roles(ORG_READERS), in_org),
        route!(post "/organizations/{id}/offers", offers::create, roles(OFFER_EDITORS), in_org),
        route!(get "/offers/{id}", offers::show, roles(ORG_READERS)),
        route!(post "/offers/{id}", offers::update, roles(OFFER_EDITORS)),
        route!(post "/offers/{id}/publish", offers::publish, roles(OFFER_EDITORS)),
        route!(post "/offers/{id}/stop", offers::stop, roles(OFFER_EDITORS)),
        route!(post "/offers/{id}/solution", offers::start_solution, roles(SOLUTION_EDITORS)),
        route!(get "/solutions/{id}", solutions::show, roles(ORG_READERS), reads_solution),
        route!(post "/solutions/{id}", solutions::save, roles(SOLUTION_EDITORS), reads_solution),
        route!(get "/solutions/{id}/contacts.csv", solutions::export_contacts, roles(ORG_READERS)),
        route!(post "/solutions/{id}/contacts/import", solutions::import_contacts, roles(SOLUTION_EDITORS), reads_solution),
        route!(get "/solutions/{id}/documents", documents::page, roles(ORG_READERS), reads_solution),
        route!(post "/solutions/{id}/documents/{kind}", documents::upload, roles(SOLUTION_EDITORS), reads_solution),
        route!(get "/solutions/{id}/documents/{kind}/download", documents::download, roles(ORG_READERS)),
        route!(get "/solutions/{id}/documents/{kind}/thumbnail", documents::thumbnail, roles(ORG_READERS)),
        route!(get "/solutions/{id}/documents/{kind}/versions/{version}/download", documents::download_version, roles(ORG_READERS)),
        route!(get "/solutions/{id}/documents/{kind}/versions/{version}/thumbnail", documents::thumbnail_version, roles(ORG_READERS)),
        route!(get "/solutions/{id}/preview", catalog::preview, roles(ORG_READERS), reads_solution),
        route!(get "/templates/{name}", documents::template, Who::SignedIn),
        route!(get "/organizations/{id}/dashboard", dashboard::page, roles(ORG_READERS), in_org),
        route!(get "/organizations/{id}/revenue", revenue::page, roles(&[Manager, ProgramAdmin]), in_org),
        route!(get "/revenue/import", revenue::import_form, roles(PROGRAM_ADMINS)),
        route!(post "/revenue/import", revenue::import, roles(PROGRAM_ADMINS)),
        route!(post "/revenue/check", revenue::check, roles(PROGRAM_ADMINS)),
        route!(post "/solutions/{id}/autosave", solutions::autosave, roles(SOLUTION_EDITORS), reads_solution),
        route!(post "/solutions/{id}/submit", solutions::submit, roles(SOLUTION_EDITORS)),
        route!(post "/solutions/{id}/draft/discard", solutions::discard_draft, roles(SOLUTION_EDITORS), reads_solution),
        route!(post "/solutions/{id}/withdraw", solutions::withdraw, roles(SOLUTION_EDITORS), reads_solution),
        route!(get "/review", review::queue, roles(REVIEWERS)),
        route!(post "/review/next", review::claim_next, roles(REVIEWERS)),
        route!(get "/review/{id}", review::show, roles(REVIEWERS), reads_solution),
        route!(post "/review/{id}/claim", review::claim, roles(REVIEWERS)),
        route!(post "/review/{id}/decide", review::decide, roles(REVIEWERS)),
        route!(post "/review/{id}/draft", review::keep_draft, roles(REVIEWERS), reads_solution),
        route!(post "/review/{id}/comments", review::comment, roles(REVIEWERS), reads_solution),
        route!(post "/review/{id}/technical-validation", review::record_validation, roles(REVIEWERS), reads_solution),
        route!(get "/review/{id}/documents/{doc}", review::view_document, roles(REVIEWERS)),
        route!(get "/review/{id}/documents/{doc}/thumbnail", review::document_thumbnail, roles(REVIEWERS)),
        route!(get "/catalog", catalog::list, roles(CATALOG_READERS)),
        // Before `/catalog/{id}`, which would take the name for an id.
        route!(get "/catalog/export.csv", catalog::export, roles(CATALOG_READERS)),
        route!(get "/catalog/{id}", catalog::entry, roles(CATALOG_READERS)),
        route!(get "/catalog/{id}/documents/{kind}", catalog::document, roles(CATALOG_READERS)),
        route!(get "/catalog/{id}/documents/{kind}/thumbnail", catalog::document_thumbnail, roles(CATALOG_READERS)),
    ]
};

/// The API, under `/api/v1`.
pub static API: &[Route] = {
    use api::{
        catalog, offers, openapi, orgs, referrals, review, solutions, status, tokens, users,
    };
    &[
        route!(get "/openapi.json", openapi::document, Who::Anyone),
        route!(post "/tokens", tokens::create, Who::Anyone),
        route!(delete "/tokens/{id}", tokens::revoke, Who::SignedIn),
        route!(get "/me", users::me, Who::SignedIn),
        route!(post "/organizations", orgs::create, roles(PROGRAM_ADMINS)),
        route!(get "/organizations", orgs::list, roles(REVIEWERS)),
        route!(get "/organizations/{id}", orgs::get, roles(ORG_READERS), in_org),
        route!(patch "/organizations/{id}", orgs::patch, roles(PROGRAM_ADMINS), in_org),
        route!(put "/organizations/{id}/business-profile", orgs::put_profile, roles(&[AccountAdmin]), in_org),
        route!(put "/organizations/{id}/business-profile/logo", orgs::put_logo, roles(&[AccountAdmin]), in_org),
        route!(get "/organizations/{id}/logo", orgs::get_logo, roles(ALL), in_org),
        route!(put "/organizations/{id}/competencies", orgs::put_competencies, roles(PROGRAM_ADMINS), in_org),
        route!(post "/organizations/{id}/users", users::create_in_org, roles(ACCOUNT_ADMINS), in_org),
        route!(get "/organizations/{id}/users", users::list_in_org, roles(ACCOUNT_ADMINS), in_org),
        route!(post "/users", users::create_program_user, roles(PROGRAM_ADMINS)),
        route!(get "/users", users::list_program_users, roles(PROGRAM_ADMINS)),
        route!(put "/users/{id}/roles", users::put_roles, roles(ACCOUNT_ADMINS), of_user),
        route!(delete "/users/{id}", users::delete, roles(ACCOUNT_ADMINS), of_user),
        route!(get "/audit", users::audit, roles(ACCOUNT_ADMINS)),
        route!(post "/offers", offers::create, roles(OFFER_EDITORS)),
        route!(get "/offers", offers::list, roles(ORG_READERS)),
        route!(get "/offers/{id}", offers::get, roles(ORG_READERS)),
        route!(patch "/offers/{id}", offers::patch, roles(OFFER_EDITORS)),
        route!(post "/offers/{id}/publish", offers::publish, roles(OFFER_EDITORS)),
        route!(post "/offers/{id}/stop", offers::stop, roles(OFFER_EDITORS)),
        route!(post "/solutions", solutions::create, roles(SOLUTION_EDITORS)),
        route!(get "/solutions", solutions::list, roles(ORG_READERS)),
        route!(get "/solutions/{id}", solutions::get, roles(ORG_READERS), reads_solution),
        route!(patch "/solutions/{id}", solutions::patch, roles(SOLUTION_EDITORS), reads_solution),
        route!(get "/solutions/{id}/contacts.csv", solutions::export_contacts, roles(ORG_READERS)),
        route!(put "/solutions/{id}/contacts.csv", solutions::import_contacts, roles(SOLUTION_EDITORS), reads_solution),
        route!(put "/solutions/{id}/documents/{kind}", solutions::put_document, roles(SOLUTION_EDITORS), reads_solution),
        route!(get "/solutions/{id}/documents/{kind}", solutions::get_document, roles(ORG_READERS)),
        route!(get "/solutions/{id}/documents/{kind}/versions", solutions::versions, roles(ORG_READERS)),
        route!(get "/solutions/{id}/documents/{kind}/versions/{version}", solutions::get_version, roles(ORG_READERS)),
        route!(get "/solutions/{id}/status", status::get_status, roles(ORG_READERS), reads_solution),
        route!(put "/solutions/{id}/technical-validation", status::put_validation, roles(REVIEWERS), reads_solution),
        route!(get "/solutions/{id}/technical-validation", status::get_validation, roles(ORG_READERS)),
        route!(post "/revenue", status::import_revenue, roles(PROGRAM_ADMINS)),
        route!(post "/solutions/{id}/submit", review::submit, roles(SOLUTION_EDITORS)),
        route!(post "/solutions/{id}/withdraw", review::withdraw, roles(SOLUTION_EDITORS)),
        route!(post "/solutions/{id}/claim", review::claim, roles(REVIEWERS)),
        route!(post "/solutions/{id}/review", review::decide, roles(REVIEWERS)),
        route!(get "/review-queue", review::queue, roles(REVIEWERS)),
        route!(get "/catalog", catalog::list, roles(CATALOG_READERS)),
        route!(get "/catalog/{id}", catalog::get, roles(CATALOG_READERS)),
        route!(get "/catalog/{id}/documents/{kind}", catalog::document, roles(CATALOG_READERS)),
        route!(get "/organizations/{id}/revenue", status::get_revenue, roles(&[Manager, ProgramAdmin]), in_org),
        route!(post "/referrals", referrals::create, roles(REFERRAL_WORKERS)),
        route!(get "/referrals", referrals::list, roles(REFERRAL_WORKERS)),
        route!(get "/referrals.csv", referrals::export, roles(REFERRAL_WORKERS)),
        route!(get "/referrals/{id}", referrals::get, roles(REFERRAL_WORKERS)),
        route!(patch "/referrals/{id}", referrals::patch, roles(REFERRAL_WORKERS)),
        route!(post "/referrals/{id}/accept", referrals::accept, roles(REFERRAL_WORKERS)),
        route!(post "/referrals/{id}/decline", referrals::decline, roles(REFERRAL_WORKERS)),
        route!(post "/referrals/{id}/won", referrals::won, roles(REFERRAL_WORKERS)),
        route!(post "/referrals/{id}/lost", referrals::lost, roles(REFERRAL_WORKERS)),
        route!(post "/referrals/{id}/comments", referrals::comment, roles(REFERRAL_WORKERS)),
    ]
};

/// Registers a table's routes, one resource per path in the table's order (actix tries them
/// in that order; a known path asked with another method answers 405), the paths that share
/// a first segment inside one scope of that name: actix walks its services one by one and
/// matches each path with parameters by a regular expression, so a request for a path late
/// in a flat table paid for every one before it (1.5-2.2 % of a page's CPU in a profile);
/// a scope's name is compared as text. Each resource is guarded by [`gate`]: the roles the
/// table names are checked before anything of the request is read, so a caller without them
/// never learns how a body would have been judged.
pub fn register(cfg: &mut aw::ServiceConfig, table: &'static [Route]) {
    for (prefix, paths) in by_first_segment(table) {
        match prefix {
            None => paths
                .into_iter()
                .for_each(|path| resource(cfg, table, path, path)),
            Some(prefix) => {
                cfg.service(aw::scope(prefix).configure(|scope| {
                    for path in paths {
                        resource(scope, table, path, &path[prefix.len()..]);
                    }
                }));
            }
        }
    }
}

/// The table's paths in order, grouped by their first segment (`/organizations` for
/// `/organizations/{id}/offers`) where a group holds more than one path; the others stand
/// alone (`None`), and all do when a first segment has a parameter. Groups keep the order of
/// their first path and their paths the table's order, which is what decides between two
/// paths of one group.
fn by_first_segment(table: &'static [Route]) -> Vec<(Option<&'static str>, Vec<&'static str>)> {
    let mut groups: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for path in table.iter().map(|r| r.path) {
        let end = path
            .get(1..)
            .and_then(|p| p.find('/'))
            .map_or(path.len(), |i| i + 1);
        let first = &path[..end];
        match groups.iter_mut().find(|(f, _)| *f == first) {
            Some((_, paths)) if !paths.contains(&path) => paths.push(path),
            Some(_) => {}
            None => groups.push((first, vec![path])),
        }
    }
    // A first segment with a parameter could take another group's path: keep the table flat.
    let flat = groups.iter().any(|(first, _)| first.contains('{'));
    groups
        .into_iter()
        .flat_map(|(first, paths)| {
            if paths.len() > 1 && !flat {
                vec![(Some(first), paths)]
            } else {
                paths.into_iter().map(|p| (None, vec![p])).collect()
            }
        })
        .collect()
}

/// The resource of `path` (registered as `relative` inside its scope) with its methods.
fn resource(cfg: &mut aw::ServiceConfig, table: &'static [Route], path: &str, relative: &str) {
    let mut resource = aw::resource(relative);
    let mut rules: Vec<Rule> = Vec::new();
    for r in table.iter().filter(|r| r.path == path) {
        resource = resource.route((r.make)());
        rules.push(Rule {
            method: r.method,
            who: r.who,
            reads_solution: r.reads_solution,
            scope: r.scope,
        });
    }
    // Another method is refused with the methods there are (RFC 9110 asks for `Allow`).
    let allow: Vec<String> = rules
        .iter()
        .map(|r| r.method.to_ascii_uppercase())
        .collect();
    let allow = allow.join(", ");
    resource = resource.default_service(aw::to(move || {
        let allow = allow.clone();
        async move {
            actix_web::HttpResponse::MethodNotAllowed()
                .insert_header((actix_web::http::header::ALLOW, allow))
                .finish()
        }
    }));
    let rules = std::sync::Arc::new(rules);
    cfg.service(resource.wrap(from_fn(move |req, next| {
        let rules = rules.clone();
        async move { gate(&rules, req, next).await }
    })));
}

/// Lets a request through to its handler only when the caller is who the table names for its
/// method (401 without a sign-in, 403 without a role). The services still decide the rest
/// (another organization's things are 404 there); this makes the table itself binding.
/// What the gate knows of one method of a path.
struct Rule {
    method: &'static str,
    who: Who,
    reads_solution: bool,
    scope: Scope,
}

async fn gate<B: MessageBody + 'static>(
    rules: &[Rule],
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    match admit(rules, &mut req).await {
        // The refusal as a response, like a handler's, so the error pages see it.
        Err(e) => Ok(req.error_response(e).map_into_right_body()),
        Ok(()) => {
            let res = next.call(req).await?;
            // Test builds check the table: a route marked `reads_solution` whose handler did
            // not take the solution read it for nothing.
            #[cfg(feature = "count-queries")]
            if res.status().is_success() && crate::auth::prefetched_unused(res.request()) {
                return Err(actix_web::error::ErrorInternalServerError(
                    "routes: reads_solution on a handler without the Solution extractor",
                ));
            }
            Ok(res.map_into_left_body())
        }
    }
}

async fn admit(rules: &[Rule], req: &mut ServiceRequest) -> Result<(), crate::error::AppError> {
    let method = req.method().as_str().to_ascii_lowercase();
    let Some(rule) = rules.iter().find(|r| r.method == method) else {
        return Ok(());
    };
    if let who @ (Who::SignedIn | Who::Roles(_)) = rule.who {
        let (http, payload) = req.parts_mut();
        if rule.reads_solution
            && let Some(id) = http.match_info().get("id").and_then(|v| v.parse().ok())
        {
            crate::auth::want_solution(http, id);
        }
        let user = CurrentUser::from_request(http, payload).await?;
        if let Who::Roles(list) = who {
            user.require(list)?;
        }
        // An organization's things, or its users, named in the path: another organization's
        // are not found, before any body is read.
        let id = || -> Result<i64, crate::error::AppError> {
            http.match_info()
                .get("id")
                .and_then(|v| v.parse().ok())
                .ok_or_else(crate::error::AppError::not_found)
        };
        match rule.scope {
            Scope::Unscoped => {}
            Scope::Organization => user.scope_org(crate::domain::ids::OrgId(id()?))?,
            Scope::User => {
                let state = http
                    .app_data::<aw::Data<crate::state::AppState>>()
                    .ok_or_else(crate::error::AppError::internal)?;
                crate::services::access::may_reach_user(
                    state,
                    &user,
                    crate::domain::ids::UserId(id()?),
                )
                .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group_of(path: &str, table: &'static [Route]) -> Option<&'static str> {
        by_first_segment(table)
            .into_iter()
            .find(|(_, paths)| paths.contains(&path))
            .and_then(|(prefix, _)| prefix)
    }

    /// The table says whose `{id}` a path names; a route added without saying it fails here
    /// rather than letting a partner reach another organization's things.
    #[test]
    fn every_route_that_names_an_organization_or_a_user_is_scoped() {
        for r in PAGES.iter().chain(API) {
            let expected = if r.path.starts_with("/organizations/{id}") {
                Scope::Organization
            } else if r.path.starts_with("/users/{id}") {
                Scope::User
            } else {
                Scope::Unscoped
            };
            assert_eq!(r.scope, expected, "{} {}", r.method, r.path);
        }
    }

    #[test]
    fn paths_sharing_a_first_segment_are_scoped_in_the_tables_order() {
        let groups = by_first_segment(PAGES);
        let all: Vec<&str> = groups.iter().flat_map(|(_, p)| p.iter().copied()).collect();
        // Every path once.
        let mut distinct: Vec<&str> = PAGES.iter().map(|r| r.path).collect();
        distinct.dedup();
        distinct.sort_unstable();
        distinct.dedup();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, distinct);
        // Within a group, the table's order (which puts `/catalog/export.csv` before `/catalog/{id}`).
        let position = |p: &str| PAGES.iter().position(|r| r.path == p).unwrap();
        for (_, paths) in &groups {
            assert!(paths.windows(2).all(|w| position(w[0]) < position(w[1])));
        }
        assert_eq!(group_of("/solutions/{id}", PAGES), Some("/solutions"));
        assert_eq!(
            group_of("/organizations/{id}/offers", PAGES),
            Some("/organizations")
        );
        assert_eq!(group_of("/organizations", PAGES), Some("/organizations"));
        assert_eq!(group_of("/", PAGES), None);
        assert_eq!(group_of("/healthz", PAGES), None);
        assert_eq!(group_of("/solutions/{id}", API), Some("/solutions"));
    }

    #[test]
    fn a_first_segment_with_a_parameter_keeps_the_table_flat() {
        static TABLE: &[Route] = &[
            route!(get "/a/x", crate::web::session::healthz, Who::Anyone),
            route!(get "/{p}/y", crate::web::session::healthz, Who::Anyone),
            route!(get "/a/{z}", crate::web::session::healthz, Who::Anyone),
        ];
        assert!(
            by_first_segment(TABLE)
                .iter()
                .all(|(prefix, paths)| prefix.is_none() && paths.len() == 1)
        );
    }
}
