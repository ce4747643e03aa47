//! Co-sell referrals (SPEC 13): create, read, list, answer, work and close them, comment, and
//! the jobs (reminders, expiry, blanking old contact details). The rules are the domain's
//! (`domain::referral::decide`); this loads the referral, asks, and stores the change with its
//! audit entry, its event and the other party's notice in one guarded transaction.

use crate::auth::CurrentUser;
use crate::db::audit::Entry;
use crate::db::events::{Audience, Notice, Said};
pub use crate::db::referrals::Filter;
use crate::db::referrals::{self as store, NewRow, Reach, Row};
use crate::db::{self, Window};
use crate::domain::event::EventData;
use crate::domain::field::{FieldError, FieldErrors, date_in_range};
use crate::domain::ids::{OrgId, ReferralId, SolutionId, UserId};
use crate::domain::money::Usd;
use crate::domain::reference::Industry;
use crate::domain::referral::{
    self, Action, CustomerInput, Facts, LostReason, NewInput, NewReferral, Origin, Party,
    ReferralState, Refusal, Side, Stage,
};
use crate::domain::roles::{REFERRAL_PARTNERS, REFERRAL_SELLERS, Role};
use crate::domain::solution::CustomerSize;
use crate::domain::status::Status;
use crate::error::{AppError, AppResult, Problem};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Whom `actor` is to a referral of `organization` whose seller is `seller`.
pub fn party(actor: &CurrentUser, organization: OrgId, seller: Option<UserId>) -> Party {
    referral::party_of(
        actor.roles.roles(),
        actor.organization_id == Some(organization),
        seller == Some(actor.id),
    )
}

fn facts(row: &Row) -> Facts {
    Facts {
        origin: row.origin,
        state: row.state,
        answer_by: row.answer_by,
    }
}

/// A refusal of the rules as the error the API and pages answer with.
fn refused(refusal: Refusal, origin: Origin) -> AppError {
    match refusal {
        Refusal::Hidden => AppError::not_found(),
        Refusal::NotYours => AppError::Forbidden {
            needs: match origin.receiver() {
                Side::Partner => REFERRAL_PARTNERS,
                Side::Program => REFERRAL_SELLERS,
            },
        },
        Refusal::WrongState(_) => {
            AppError::Conflict(Problem::keyed("wrong_state", "err-referral-wrong-state"))
        }
        Refusal::NotTaken => {
            AppError::Conflict(Problem::keyed("wrong_state", "err-referral-not-taken"))
        }
        Refusal::AnswerTimeOver => AppError::Conflict(Problem::keyed(
            "wrong_state",
            "err-referral-answer-time-over",
        )),
    }
}

/// 409 when the referral changed between reading and writing: nothing was written.
fn moved() -> AppError {
    AppError::Conflict(Problem::keyed("wrong_state", "err-referral-changed"))
}

/// The side the caller acts for (a program admin acts for the program, but when answering).
fn acting_side(party: Party) -> Side {
    party.side().unwrap_or(Side::Program)
}

/// Who hears for `side` of a referral: its owner, or while it has none everyone who could
/// take it (the organization's co-sell admins and managers; every seller).
fn audience_of(row: &Row, side: Side) -> Audience {
    match side {
        Side::Partner => row.partner_owner_id.map_or(
            Audience::ReferralPartners(row.organization_id),
            Audience::Person,
        ),
        Side::Program => row.seller_id.map_or(Audience::Sellers, Audience::Person),
    }
}

fn said(row: &Row) -> Said {
    Said {
        referral_id: Some(row.id),
        customer: Some(row.customer_company.clone()),
        ..Said::offer(&row.offer_name)
    }
}

/// A referral as the API answers it; contact details only for whom may read them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReferralView {
    pub id: ReferralId,
    pub origin: Origin,
    pub state: ReferralState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// Who must answer now: `partner` or `program` while `new`, else absent (either may act).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiting_for: Option<Side>,
    pub solution_id: SolutionId,
    pub offer_name: String,
    pub organization_id: OrgId,
    pub organization_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seller_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seller_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_owner_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_owner_email: Option<String>,
    pub customer: CustomerView,
    pub need: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deal_value_usd: Option<Usd>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_close_date: Option<NaiveDate>,
    pub next_steps: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decline_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_value_usd: Option<Usd>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub won_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<LostReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lost_note: Option<String>,
    /// When the receiver's time to answer ends (while `new`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_by: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
    pub version: i64,
    /// Comments, oldest first (one referral's answer only; not for a seller who has not
    /// taken the request).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<Vec<CommentView>>,
    /// The status the solution shows in the catalog now. While the referral is open and this
    /// is below `co_sell_ready`, `solution_status_lowered_at` says since when: the referral
    /// stays, and both parties see why.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = crate::domain::openapi::nullable_status)]
    pub solution_status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solution_status_lowered_at: Option<DateTime<Utc>>,
    /// On creation: how many open referrals of this solution name the same customer company.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_duplicates: Option<usize>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CustomerView {
    pub company_name: String,
    pub country: String,
    pub industry: Industry,
    pub size: CustomerSize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<String>,
    /// True once the contact details were blanked (a year after the referral closed).
    pub contacts_blanked: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    pub author_email: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The view of `row` for `party`.
pub fn view(row: Row, party: Party) -> ReferralView {
    let contacts = referral::sees_contacts(party);
    let below = row.solution_status.is_none_or(|s| s < Status::CoSellReady);
    let lowered_at = row
        .solution_lowered_at
        .filter(|_| below && !row.state.is_closed());
    let waiting_for = (row.state == ReferralState::New).then(|| row.origin.receiver());
    ReferralView {
        id: row.id,
        origin: row.origin,
        state: row.state,
        stage: row.stage,
        waiting_for,
        solution_id: row.solution_id,
        offer_name: row.offer_name,
        organization_id: row.organization_id,
        organization_name: row.organization_name,
        seller_id: row.seller_id,
        seller_email: row.seller_email,
        partner_owner_id: row.partner_owner_id,
        partner_owner_email: row.partner_owner_email,
        customer: CustomerView {
            company_name: row.customer_company,
            country: row.customer_country,
            industry: row.customer_industry,
            size: row.customer_size,
            contact_name: row.contact_name.filter(|_| contacts),
            contact_email: row.contact_email.filter(|_| contacts),
            contact_phone: row.contact_phone.filter(|_| contacts),
            contacts_blanked: row.contacts_blanked_at.is_some(),
        },
        need: row.need,
        deal_value_usd: row.deal_value_cents.map(Usd),
        target_close_date: row.target_close_date,
        next_steps: row.next_steps,
        decline_reason: row.decline_reason,
        contract_value_usd: row.contract_value_cents.map(Usd),
        won_on: row.won_on,
        lost_reason: row.lost_reason,
        lost_note: row.lost_note,
        answer_by: (row.state == ReferralState::New).then_some(row.answer_by),
        created_at: row.created_at,
        updated_at: row.updated_at,
        closed_at: row.closed_at,
        version: row.version,
        solution_status: row.solution_status,
        solution_status_lowered_at: lowered_at,
        comments: None,
        open_duplicates: None,
    }
}

/// What a new referral is sent with.
#[derive(Debug, Clone)]
pub struct NewReferralInput {
    pub solution_id: SolutionId,
    pub customer: CustomerInput,
    pub need: String,
    pub deal_value: Option<Usd>,
    pub target_close_date: Option<NaiveDate>,
    pub contacts_consent: bool,
}

/// A seller refers a customer to a catalog solution (origin `program`), or a partner's
/// co-sell admin or manager asks for help on a deal for one of its catalog solutions (origin
/// `partner`). The solution must be shown as co-sell ready or higher (else 422).
#[tracing::instrument(name = "referrals::create", level = "debug", skip_all)]
pub async fn create(
    state: &AppState,
    actor: &CurrentUser,
    input: &NewReferralInput,
) -> AppResult<ReferralView> {
    let now = state.clock.now();
    let origin = if actor.is_program_side() {
        actor.require(REFERRAL_SELLERS)?;
        Origin::Program
    } else {
        actor.require(REFERRAL_PARTNERS)?;
        Origin::Partner
    };
    let solution = input.solution_id;
    super::catalog::refresh_shown(state, now.date_naive()).await?;
    let entry = db::catalog::find(&state.db, solution).await?;
    let organization = match (origin, &entry) {
        (Origin::Program, Some(e)) => e.organization_id,
        (Origin::Program, None) => return Err(AppError::not_found()),
        // A partner's own solution only; another organization's is not found.
        (Origin::Partner, _) => {
            super::access::solution(state, actor, solution, super::access::Access::Read)
                .await?
                .organization_id()
        }
    };
    if entry
        .as_ref()
        .is_none_or(|e| e.shown_status < Status::CoSellReady)
    {
        return Err(AppError::Rule(Problem::keyed(
            "not_co_sell_ready",
            "err-referral-not-co-sell-ready",
        )));
    }
    let valid = NewReferral::validate(
        &NewInput {
            customer: &input.customer,
            need: &input.need,
            deal_value: input.deal_value,
            target_close_date: input.target_close_date,
            contacts_consent: input.contacts_consent,
        },
        origin,
        now.date_naive(),
    )
    .map_err(|e| AppError::fields(&e))?;
    let c = &valid.customer;
    let company_key = referral::company_key(&c.company_name);
    let duplicates = store::open_for_customer(&state.db, solution, &company_key)
        .await?
        .len();
    let new = NewRow {
        origin,
        solution_id: solution,
        organization_id: organization,
        seller_id: (origin == Origin::Program).then_some(actor.id),
        partner_owner_id: (origin == Origin::Partner).then_some(actor.id),
        company: &c.company_name,
        company_key: &company_key,
        country: &c.country,
        industry: c.industry,
        size: c.size,
        contact_name: c.contacts.name.as_deref(),
        contact_email: c.contacts.email.as_deref(),
        contact_phone: c.contacts.phone.as_deref(),
        consent_at: (origin == Origin::Partner && !c.contacts.is_empty()).then_some(now),
        need: &valid.need,
        deal_value_cents: valid.deal_value.map(|v| v.0),
        target_close_date: valid.target_close_date,
        answer_by: referral::answer_by(now, state.referral_answer_days),
        now,
    };
    let offer_name = entry.map(|e| e.offer_name).unwrap_or_default();
    let audience = match origin {
        Origin::Program => Audience::ReferralPartners(organization),
        Origin::Partner => Audience::Sellers,
    };
    let id = store::insert(&state.db, &new, |id| {
        let event = EventData::ReferralCreated {
            referral_id: id,
            solution_id: solution,
            origin,
        };
        let said = Said {
            referral_id: Some(id),
            customer: Some(c.company_name.clone()),
            ..Said::offer(&offer_name)
        };
        actor
            .audit(
                Some(organization),
                "referral_created",
                format!("referral {id} on solution {solution}: {origin}"),
            )
            .told_to(
                Some(event.clone()),
                Notice::to("referral_created", audience, Some(&event), &said),
            )
    })
    .await?;
    let mut out = get(state, actor, id).await?;
    out.open_duplicates = Some(duplicates);
    Ok(out)
}

/// Loads a referral and whom the caller is to it; 404 when they may not see it.
async fn load(state: &AppState, actor: &CurrentUser, id: ReferralId) -> AppResult<(Row, Party)> {
    // The solution's shown status as of today (one indexed statement when nothing is stale).
    super::catalog::refresh_shown(state, state.clock.today()).await?;
    let row = store::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let party = party(actor, row.organization_id, row.seller_id);
    if !referral::sees(&facts(&row), party) {
        return Err(AppError::not_found());
    }
    Ok((row, party))
}

/// 404 unless the caller may see the referral (checked before a body is judged, so another
/// organization's ids say nothing, not even that a body would have been wrong).
pub async fn seen(state: &AppState, actor: &CurrentUser, id: ReferralId) -> AppResult<()> {
    load(state, actor, id).await.map(|_| ())
}

/// One referral with its comments.
#[tracing::instrument(name = "referrals::get", level = "debug", skip_all)]
pub async fn get(state: &AppState, actor: &CurrentUser, id: ReferralId) -> AppResult<ReferralView> {
    let (row, party) = load(state, actor, id).await?;
    let comments = if party == Party::OtherSeller {
        None
    } else {
        Some(
            store::comments(&state.db, id)
                .await?
                .into_iter()
                .map(|c| CommentView {
                    author_email: c.author_email,
                    body: c.body,
                    created_at: c.created_at,
                })
                .collect(),
        )
    };
    Ok(ReferralView {
        comments,
        ..view(row, party)
    })
}

/// Which referrals the caller may list.
fn reach(actor: &CurrentUser) -> AppResult<Reach> {
    if actor.has(Role::ProgramAdmin) {
        Ok(Reach::All)
    } else if actor.has(Role::Seller) {
        Ok(Reach::Seller(actor.id))
    } else {
        actor.require(REFERRAL_PARTNERS)?;
        actor
            .organization_id
            .map(Reach::Organization)
            .ok_or_else(AppError::not_found)
    }
}

/// A page of the referrals the caller may see, newest first, and how many match.
#[tracing::instrument(name = "referrals::list", level = "debug", skip_all)]
pub async fn list(
    state: &AppState,
    actor: &CurrentUser,
    filter: &Filter,
    window: Window,
) -> AppResult<(Vec<ReferralView>, i64)> {
    super::catalog::refresh_shown(state, state.clock.today()).await?;
    let (rows, total) = store::list(&state.db, reach(actor)?, filter, window).await?;
    let views = rows
        .into_iter()
        .map(|row| {
            let party = party(actor, row.organization_id, row.seller_id);
            view(row, party)
        })
        .collect();
    Ok((views, total))
}

/// Every referral of the filtered list, for a CSV export: 422 `too_many_rows` over 5,000.
pub async fn export(
    state: &AppState,
    actor: &CurrentUser,
    filter: &Filter,
) -> AppResult<Vec<ReferralView>> {
    let window = Window {
        limit: referral::CSV_MAX_ROWS as i64,
        offset: 0,
    };
    let (views, total) = list(state, actor, filter, window).await?;
    if total > referral::CSV_MAX_ROWS as i64 {
        return Err(AppError::Rule(Problem::keyed(
            "too_many_rows",
            "err-referral-too-many-rows",
        )));
    }
    Ok(views)
}

/// The CSV of an export, in codes (the API's; the page's export writes words).
pub fn csv_in_codes(views: &[ReferralView]) -> AppResult<Vec<u8>> {
    use crate::domain::spreadsheet::safe_cell;
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "origin",
        "state",
        "stage",
        "solution_id",
        "offer_name",
        "organization_id",
        "organization_name",
        "seller_id",
        "customer_company_name",
        "customer_country",
        "customer_industry",
        "customer_size",
        "contact_name",
        "contact_email",
        "contact_phone",
        "need",
        "deal_value_usd",
        "target_close_date",
        "next_steps",
        "contract_value_usd",
        "won_on",
        "lost_reason",
        "answer_by",
        "created_at",
        "closed_at",
    ];
    let fail = |e: csv::Error| AppError::internal_because(e);
    w.write_record(header).map_err(fail)?;
    let text = |v: Option<String>| v.unwrap_or_default();
    for v in views {
        let c = &v.customer;
        let record = [
            v.id.to_string(),
            v.origin.code().into(),
            v.state.code().into(),
            text(v.stage.map(|s| s.code().into())),
            v.solution_id.to_string(),
            v.offer_name.clone(),
            v.organization_id.to_string(),
            v.organization_name.clone(),
            text(v.seller_id.map(|s| s.to_string())),
            c.company_name.clone(),
            c.country.clone(),
            c.industry.code().into(),
            c.size.code().into(),
            text(c.contact_name.clone()),
            text(c.contact_email.clone()),
            text(c.contact_phone.clone()),
            v.need.clone(),
            text(v.deal_value_usd.map(|u| u.to_decimal())),
            text(v.target_close_date.map(|d| d.to_string())),
            v.next_steps.clone(),
            text(v.contract_value_usd.map(|u| u.to_decimal())),
            text(v.won_on.map(|d| d.to_string())),
            text(v.lost_reason.map(|r| r.code().into())),
            text(v.answer_by.map(|t| t.to_rfc3339())),
            v.created_at.to_rfc3339(),
            text(v.closed_at.map(|t| t.to_rfc3339())),
        ];
        w.write_record(record.iter().map(|cell| safe_cell(cell).into_owned()))
            .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| AppError::internal_because(anyhow::anyhow!("{e}")))
}

/// Decides `action` for the caller, or answers why not.
fn decide(
    row: &Row,
    party: Party,
    action: Action,
    now: DateTime<Utc>,
) -> AppResult<referral::Effect> {
    referral::decide(&facts(row), party, action, now).map_err(|r| refused(r, row.origin))
}

/// Stores `changed` (the referral as it is to be) if `row` is still as read, with `audit`.
async fn store_change(state: &AppState, row: &Row, changed: &Row, audit: &Entry) -> AppResult<()> {
    if store::save(&state.db, changed, row.version, audit).await? {
        Ok(())
    } else {
        Err(moved())
    }
}

/// The audit detail of a change to `row` (what changed is the entry's kind; `more`, codes
/// only, says the rest). Never a contact detail, an amount or a reason.
fn detail(row: &Row, more: Option<&str>) -> String {
    let base = format!("referral {} on solution {}", row.id, row.solution_id);
    match more {
        Some(more) => format!("{base}: {more}"),
        None => base,
    }
}

/// What a move tells: its event, the code its audit detail adds, and a reason for the notice.
struct Told {
    event: EventData,
    detail: Option<&'static str>,
    reason: Option<String>,
}

/// One move of a referral by the caller (accept, decline, won, lost): decided by the rules,
/// made by `apply` on a copy of the referral (its own input checked there), stored guarded
/// with its audit entry and event, told to the other side as `kind`, and answered.
async fn act(
    state: &AppState,
    actor: &CurrentUser,
    id: ReferralId,
    action: Action,
    kind: &'static str,
    apply: impl FnOnce(&mut Row, referral::Effect, DateTime<Utc>, Party) -> AppResult<Told>,
) -> AppResult<ReferralView> {
    let now = state.clock.now();
    let (row, party) = load(state, actor, id).await?;
    let effect = decide(&row, party, action, now)?;
    let mut changed = row.clone();
    changed.state = effect.to;
    changed.updated_at = now;
    if effect.to.is_closed() {
        changed.closed_at = Some(now);
    }
    let told = apply(&mut changed, effect, now, party)?;
    // A program admin answering does so for the receiver: the side that shared it hears.
    let told_side = match (party, action) {
        (Party::ProgramAdmin, Action::Accept | Action::Decline) => row.origin.receiver().other(),
        _ => acting_side(party).other(),
    };
    let audit = actor
        .audit(Some(row.organization_id), kind, detail(&row, told.detail))
        .told_to(
            Some(told.event.clone()),
            Notice::to(
                kind,
                audience_of(&row, told_side),
                Some(&told.event),
                &Said {
                    reason: told.reason,
                    ..said(&row)
                },
            ),
        );
    store_change(state, &row, &changed, &audit).await?;
    get(state, actor, id).await
}

/// The receiver accepts, with the deal's value and target close date; the stage becomes
/// `qualified`, and a seller answering a partner's request becomes its seller.
#[tracing::instrument(name = "referrals::accept", level = "debug", skip_all)]
pub async fn accept(
    state: &AppState,
    actor: &CurrentUser,
    id: ReferralId,
    deal_value: Usd,
    target_close_date: NaiveDate,
) -> AppResult<ReferralView> {
    act(
        state,
        actor,
        id,
        Action::Accept,
        "referral_accepted",
        |changed, effect, now, party| {
            let close =
                referral::close_date("target_close_date", target_close_date, now.date_naive())
                    .map_err(|e| AppError::field(&e))?;
            changed.stage = effect.stage;
            changed.deal_value_cents = Some(deal_value.0);
            changed.target_close_date = Some(close);
            take(changed, actor, party, effect.takes);
            Ok(Told {
                event: EventData::ReferralAccepted {
                    referral_id: id,
                    solution_id: changed.solution_id,
                    stage: Stage::Qualified,
                },
                detail: None,
                reason: None,
            })
        },
    )
    .await
}

/// The answering side's owner: a seller who answers a partner's request takes it; a partner
/// who answers a seller's referral owns the partner's side if nobody does.
fn take(changed: &mut Row, actor: &CurrentUser, party: Party, takes: bool) {
    if takes && changed.seller_id.is_none() {
        changed.seller_id = Some(actor.id);
    }
    if party == Party::Partner && changed.partner_owner_id.is_none() {
        changed.partner_owner_id = Some(actor.id);
    }
}

/// The receiver declines, with a reason (shown to the other party, never published).
#[tracing::instrument(name = "referrals::decline", level = "debug", skip_all)]
pub async fn decline(
    state: &AppState,
    actor: &CurrentUser,
    id: ReferralId,
    reason: &str,
) -> AppResult<ReferralView> {
    act(
        state,
        actor,
        id,
        Action::Decline,
        "referral_declined",
        |changed, effect, _, party| {
            let reason = referral::required_text("reason", reason, referral::REASON_MAX)
                .map_err(|e| AppError::fields(&e))?;
            changed.decline_reason = Some(reason.clone());
            take(changed, actor, party, effect.takes);
            Ok(Told {
                event: EventData::ReferralDeclined {
                    referral_id: id,
                    solution_id: changed.solution_id,
                },
                detail: None,
                reason: Some(reason),
            })
        },
    )
    .await
}

/// What a change of an accepted referral sends (absent fields stay as they are).
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub stage: Option<Stage>,
    pub deal_value: Option<Usd>,
    pub target_close_date: Option<NaiveDate>,
    pub next_steps: Option<String>,
    /// A new owner of the program's side (a seller; the caller's own side).
    pub seller_id: Option<UserId>,
    /// A new owner of the partner's side (a co-sell admin or manager of the organization).
    pub partner_owner_id: Option<UserId>,
    /// The version the change was made on; a stale one is 409 and nothing changes.
    pub version: Option<i64>,
}

/// Moves the stage (forward or back, skipping allowed), changes the value, the close date,
/// the next steps, or gives one's side to another person of that side.
#[tracing::instrument(name = "referrals::update", level = "debug", skip_all)]
pub async fn update(
    state: &AppState,
    actor: &CurrentUser,
    id: ReferralId,
    changes: &Changes,
) -> AppResult<ReferralView> {
    let now = state.clock.now();
    let (row, party) = load(state, actor, id).await?;
    if changes.version.is_some_and(|v| v != row.version) {
        return Err(AppError::Stale);
    }
    let reassigns = changes.seller_id.is_some() || changes.partner_owner_id.is_some();
    let works = changes.stage.is_some()
        || changes.deal_value.is_some()
        || changes.target_close_date.is_some()
        || changes.next_steps.is_some();
    if reassigns {
        decide(&row, party, Action::Reassign, now)?;
    }
    if works || !reassigns {
        decide(&row, party, Action::Update, now)?;
    }
    let mut changed = row.clone();
    let mut errors = FieldErrors::default();
    if let Some(stage) = changes.stage {
        changed.stage = Some(stage);
    }
    if let Some(value) = changes.deal_value {
        changed.deal_value_cents = Some(value.0);
    }
    if let Some(date) = changes.target_close_date
        && row.target_close_date != Some(date)
    {
        match referral::close_date("target_close_date", date, now.date_naive()) {
            Ok(d) => changed.target_close_date = Some(d),
            Err(e) => errors.push(e),
        }
    }
    if let Some(steps) = &changes.next_steps {
        match referral::optional_text("next_steps", steps, referral::NEXT_STEPS_MAX) {
            Ok(t) => changed.next_steps = t,
            Err(e) => errors.0.extend(e.0),
        }
    }
    // One's own side only (a program admin may give either).
    for (given, side, field) in [
        (changes.seller_id, Side::Program, "seller_id"),
        (changes.partner_owner_id, Side::Partner, "partner_owner_id"),
    ] {
        let Some(user) = given else { continue };
        if party != Party::ProgramAdmin && party.side() != Some(side) {
            return Err(AppError::Forbidden {
                needs: match side {
                    Side::Program => REFERRAL_SELLERS,
                    Side::Partner => REFERRAL_PARTNERS,
                },
            });
        }
        let org = (side == Side::Partner).then_some(row.organization_id);
        if store::may_own(&state.db, user, org).await? {
            match side {
                Side::Program => changed.seller_id = Some(user),
                Side::Partner => changed.partner_owner_id = Some(user),
            }
        } else {
            errors.push(FieldError::new(field, "err-referral-owner"));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::fields(&errors));
    }
    changed.updated_at = now;
    let stage = changed.stage.unwrap_or(Stage::Qualified);
    let event = EventData::ReferralUpdated {
        referral_id: id,
        solution_id: row.solution_id,
        stage,
    };
    let what: Vec<&str> = [
        (changed.stage != row.stage, "stage"),
        (
            changed.deal_value_cents != row.deal_value_cents,
            "deal_value_usd",
        ),
        (
            changed.target_close_date != row.target_close_date,
            "target_close_date",
        ),
        (changed.next_steps != row.next_steps, "next_steps"),
        (changed.seller_id != row.seller_id, "seller_id"),
        (
            changed.partner_owner_id != row.partner_owner_id,
            "partner_owner_id",
        ),
    ]
    .into_iter()
    .filter_map(|(differs, field)| differs.then_some(field))
    .collect();
    if what.is_empty() {
        // Nothing to change: nothing is written, and nobody is told.
        return get(state, actor, id).await;
    }
    let audit = actor
        .audit(
            Some(row.organization_id),
            "referral_updated",
            detail(&row, Some(&what.join(","))),
        )
        .told_to(
            Some(event.clone()),
            Notice::to(
                "referral_updated",
                audience_of(&row, acting_side(party).other()),
                Some(&event),
                &said(&row),
            ),
        );
    store_change(state, &row, &changed, &audit).await?;
    match get(state, actor, id).await {
        // Given away to another seller: the answer is what was done, once more.
        Err(AppError::NotFound) => {
            let row = store::find(&state.db, id)
                .await?
                .ok_or_else(AppError::not_found)?;
            Ok(view(row, party))
        }
        other => other,
    }
}

/// Records the deal as won, with the contract's value and the day it was won (not ahead).
#[tracing::instrument(name = "referrals::won", level = "debug", skip_all)]
pub async fn won(
    state: &AppState,
    actor: &CurrentUser,
    id: ReferralId,
    contract_value: Usd,
    won_on: NaiveDate,
) -> AppResult<ReferralView> {
    act(
        state,
        actor,
        id,
        Action::Won,
        "referral_won",
        |changed, _, now, _| {
            let won_on = date_in_range("won_on", won_on).map_err(|e| AppError::field(&e))?;
            if won_on > now.date_naive() {
                return Err(AppError::field(
                    &FieldError::new("won_on", "err-date-future").arg("date", now.date_naive()),
                ));
            }
            changed.contract_value_cents = Some(contract_value.0);
            changed.won_on = Some(won_on);
            Ok(Told {
                event: EventData::ReferralWon {
                    referral_id: id,
                    solution_id: changed.solution_id,
                },
                detail: None,
                reason: None,
            })
        },
    )
    .await
}

/// Records the deal as lost, with a reason code (and words when `other`).
#[tracing::instrument(name = "referrals::lost", level = "debug", skip_all)]
pub async fn lost(
    state: &AppState,
    actor: &CurrentUser,
    id: ReferralId,
    reason: &str,
    note: Option<&str>,
) -> AppResult<ReferralView> {
    act(
        state,
        actor,
        id,
        Action::Lost,
        "referral_lost",
        |changed, _, _, _| {
            let (code, note) = referral::lost(reason, note).map_err(|e| AppError::fields(&e))?;
            changed.lost_reason = Some(code);
            changed.lost_note = note;
            Ok(Told {
                event: EventData::ReferralLost {
                    referral_id: id,
                    solution_id: changed.solution_id,
                },
                detail: Some(code.code()),
                reason: None,
            })
        },
    )
    .await
}

/// A comment, in any state (the only change after a referral closed); the other party is
/// told that there is one (its words stay on the portal).
#[tracing::instrument(name = "referrals::comment", level = "debug", skip_all)]
pub async fn comment(
    state: &AppState,
    actor: &CurrentUser,
    id: ReferralId,
    body: &str,
) -> AppResult<ReferralView> {
    let now = state.clock.now();
    let (row, party) = load(state, actor, id).await?;
    decide(&row, party, Action::Comment, now)?;
    let body = referral::required_text("body", body, referral::COMMENT_MAX)
        .map_err(|e| AppError::fields(&e))?;
    let audit = actor
        .audit(
            Some(row.organization_id),
            "referral_commented",
            detail(&row, None),
        )
        .told_to(
            None,
            Notice::to(
                "referral_commented",
                audience_of(&row, acting_side(party).other()),
                None,
                &said(&row),
            ),
        );
    store::comment(&state.db, id, actor.id, &actor.email, &body, now, &audit).await?;
    get(state, actor, id).await
}

/// What one run of the jobs did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobRun {
    pub reminded: usize,
    pub expired: usize,
    pub blanked: usize,
}

/// The referral jobs at `now`: remind receivers 24 hours before their time to answer ends,
/// expire what was not answered in time, and blank the contact details of referrals closed
/// 365 days ago. Each act is guarded, so two instances running at once act once.
#[tracing::instrument(name = "referrals::run_jobs", level = "debug", skip_all)]
pub async fn run_jobs(state: &AppState, now: DateTime<Utc>) -> AppResult<JobRun> {
    Ok(JobRun {
        reminded: remind(state, now).await?,
        expired: expire(state, now).await?,
        blanked: blank(state, now).await?,
    })
}

/// True when a job's batch of `n` candidates was the last one.
fn last_batch(n: usize) -> bool {
    (n as i64) < store::JOB_BATCH
}

/// Reminds the receivers of new referrals whose time to answer ends within 24 hours.
async fn remind(state: &AppState, now: DateTime<Utc>) -> AppResult<usize> {
    let remind_from = now + chrono::Duration::hours(referral::REMINDER_HOURS);
    let mut done = 0;
    loop {
        let rows = store::due_reminders(&state.db, now, remind_from).await?;
        let n = rows.len();
        for row in rows {
            let receiver = audience_of(&row, row.origin.receiver());
            let said = Said {
                answer_by: Some(row.answer_by.date_naive()),
                ..said(&row)
            };
            let audit = Entry::system(
                Some(row.organization_id),
                "referral_reminded",
                detail(&row, None),
            )
            .told_to(None, Notice::to("referral_reminder", receiver, None, &said));
            if store::remind(&state.db, row.id, now, &audit).await? {
                done += 1;
            }
        }
        if last_batch(n) {
            return Ok(done);
        }
    }
}

/// Closes the new referrals nobody answered in time; the side that shared each is told.
async fn expire(state: &AppState, now: DateTime<Utc>) -> AppResult<usize> {
    let mut done = 0;
    loop {
        let rows = store::due_expiry(&state.db, now).await?;
        let n = rows.len();
        for row in rows {
            let event = EventData::ReferralExpired {
                referral_id: row.id,
                solution_id: row.solution_id,
            };
            // The side that shared it hears that nobody answered.
            let sender = row.origin.receiver().other();
            let audit = Entry::system(
                Some(row.organization_id),
                "referral_expired",
                detail(&row, None),
            )
            .told_to(
                Some(event.clone()),
                Notice::to(
                    "referral_expired",
                    audience_of(&row, sender),
                    Some(&event),
                    &said(&row),
                ),
            );
            if store::expire(&state.db, row.id, now, &audit).await? {
                done += 1;
            }
        }
        if last_batch(n) {
            return Ok(done);
        }
    }
}

/// Blanks the customer contact details of referrals closed 365 days ago, each audited.
async fn blank(state: &AppState, now: DateTime<Utc>) -> AppResult<usize> {
    let cutoff = now - chrono::Duration::days(referral::CONTACTS_KEPT_DAYS);
    let mut done = 0;
    loop {
        let due = store::due_blanking(&state.db, cutoff).await?;
        let n = due.len();
        for (id, org) in due {
            let audit = Entry::system(
                Some(org),
                "referral_contacts_blanked",
                format!("referral {id}: customer contact details blanked"),
            );
            if store::blank_contacts(&state.db, id, now, &audit).await? {
                done += 1;
            }
        }
        if last_batch(n) {
            return Ok(done);
        }
    }
}
