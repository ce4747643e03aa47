//! Co-sell referrals (SPEC 13): a customer deal shared between the program's sellers and one
//! partner about one solution. The states, the stages, who may do what in which state, and
//! what each input must be, as pure values and functions; the services only load, ask and
//! store.
//!
//! Who acts is a [`Party`]: the referral's seller, another seller (who may take a partner's
//! new request), the organization's co-sell admins and managers, a program admin, or
//! someone else. Who must act next is the receiver while the referral is `new` (the partner
//! for a seller's referral, the sellers for a partner's request), then either party.

use crate::field::{FieldError, FieldErrors, control_free, date_in_range};
use crate::money::Usd;
use crate::offer::code_enum;
use crate::reference::{self, Industry};
use crate::roles::{REFERRAL_PARTNERS, Role};
use crate::solution::CustomerSize;
use chrono::{DateTime, Duration, NaiveDate, Utc};

code_enum!(
    /// Where a referral stands.
    ReferralState {
        New = "new",
        Accepted = "accepted",
        Declined = "declined",
        Expired = "expired",
        Won = "won",
        Lost = "lost",
    }
);

code_enum!(
    /// How far an accepted deal has come (either party moves it, forward or back).
    Stage {
        Qualified = "qualified",
        TechnicalValidation = "technical_validation",
        BusinessValidation = "business_validation",
        Committed = "committed",
    }
);

code_enum!(
    /// Who shared the deal: a seller (`program`, the partner receives it) or the partner
    /// (`partner`, asking the program's sellers for help).
    Origin {
        Program = "program",
        Partner = "partner",
    }
);

code_enum!(
    /// Why a deal was lost (Partner Center's and ACE's reasons, as codes).
    LostReason {
        NoOpportunity = "no_opportunity",
        LostToCompetitor = "lost_to_competitor",
        Price = "price",
        PartnerGap = "partner_gap",
        CustomerDeficiency = "customer_deficiency",
        DelayOrCancellation = "delay_or_cancellation",
        TechnicalLimitations = "technical_limitations",
        SecurityOrCompliance = "security_or_compliance",
        Other = "other",
    }
);

impl ReferralState {
    /// Declined, expired, won and lost: nothing changes after them but comments.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            ReferralState::Declined
                | ReferralState::Expired
                | ReferralState::Won
                | ReferralState::Lost
        )
    }

    /// The states "closed" means in a filter.
    pub const CLOSED: &'static [ReferralState] = &[
        ReferralState::Declined,
        ReferralState::Expired,
        ReferralState::Won,
        ReferralState::Lost,
    ];
}

pub const COMPANY_MAX: usize = 200;
pub const NEED_MAX: usize = 2000;
pub const NEXT_STEPS_MAX: usize = 1000;
pub const REASON_MAX: usize = 2000;
pub const COMMENT_MAX: usize = 4000;
pub const CONTACT_MAX: usize = 200;
/// Days a receiver has to answer, unless `REFERRAL_ANSWER_DAYS` says otherwise.
pub const DEFAULT_ANSWER_DAYS: u32 = 3;
/// The receiver is reminded this long before the time to answer ends.
pub const REMINDER_HOURS: i64 = 24;
/// Customer contact fields are blanked this long after the referral closed.
pub const CONTACTS_KEPT_DAYS: i64 = 365;
/// A CSV export holds at most this many referrals (Partner Center's limit).
pub const CSV_MAX_ROWS: usize = 5000;

/// When the receiver's time to answer ends.
pub fn answer_by(created_at: DateTime<Utc>, answer_days: u32) -> DateTime<Utc> {
    created_at + Duration::hours(i64::from(answer_days) * 24)
}

/// When the receiver is reminded (24 hours before the end; at once if the time is shorter).
pub fn remind_at(created_at: DateTime<Utc>, answer_by: DateTime<Utc>) -> DateTime<Utc> {
    (answer_by - Duration::hours(REMINDER_HOURS)).max(created_at)
}

/// Whom the caller is to a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    /// The referral's seller (its creator, its taker, or whom it was reassigned to).
    Seller,
    /// A seller who is not the referral's: may see and take a partner's request while `new`.
    OtherSeller,
    /// A co-sell admin or manager of the referral's organization.
    Partner,
    /// A program admin: sees and may act on every referral, on either side.
    ProgramAdmin,
    /// Anyone else (another organization, a reviewer, a developer): it does not exist for them.
    Stranger,
}

impl Party {
    pub const ALL: &'static [Party] = &[
        Party::Seller,
        Party::OtherSeller,
        Party::Partner,
        Party::ProgramAdmin,
        Party::Stranger,
    ];

    /// Which side of the deal the caller is on, if any.
    pub fn side(self) -> Option<Side> {
        match self {
            Party::Seller | Party::OtherSeller => Some(Side::Program),
            Party::Partner => Some(Side::Partner),
            Party::ProgramAdmin | Party::Stranger => None,
        }
    }
}

/// Whom a person holding `roles` is to a referral: `in_its_organization` when they belong
/// to the referral's organization, `its_seller` when they are its seller.
pub fn party_of(roles: &[Role], in_its_organization: bool, its_seller: bool) -> Party {
    if roles.contains(&Role::ProgramAdmin) {
        Party::ProgramAdmin
    } else if roles.contains(&Role::Seller) {
        if its_seller {
            Party::Seller
        } else {
            Party::OtherSeller
        }
    } else if in_its_organization && roles.iter().any(|r| REFERRAL_PARTNERS.contains(r)) {
        Party::Partner
    } else {
        Party::Stranger
    }
}

code_enum!(
    /// The two sides of a deal: the program's sellers, the partner's co-sell admins and
    /// managers.
    Side {
        Program = "program",
        Partner = "partner",
    }
);

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Program => Side::Partner,
            Side::Partner => Side::Program,
        }
    }
}

impl Origin {
    /// The side that answers a new referral.
    pub fn receiver(self) -> Side {
        match self {
            Origin::Program => Side::Partner,
            Origin::Partner => Side::Program,
        }
    }
}

/// What someone does to a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read it (its customer's contact details are a separate question: [`sees_contacts`]).
    Read,
    Accept,
    Decline,
    /// Move the stage, change the value, the close date or the next steps.
    Update,
    Won,
    Lost,
    Comment,
    /// Give the caller's side of the deal to another person of that side.
    Reassign,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::Read,
        Action::Accept,
        Action::Decline,
        Action::Update,
        Action::Won,
        Action::Lost,
        Action::Comment,
        Action::Reassign,
    ];
}

/// What the rules need to know of a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub origin: Origin,
    pub state: ReferralState,
    pub answer_by: DateTime<Utc>,
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The caller may not see the referral at all: 404, as for any id that is not theirs.
    Hidden,
    /// The caller sees it but this is the other side's to do: 403.
    NotYours,
    /// A seller who has not taken a partner's request may read and answer it, no more: 409
    /// (accepting it takes it).
    NotTaken,
    /// Not possible in this state: 409 `wrong_state`.
    WrongState(ReferralState),
    /// The time to answer has ended (the expiry job may not have run yet): 409 `wrong_state`.
    AnswerTimeOver,
}

/// What an allowed action does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Effect {
    /// The state afterwards.
    pub to: ReferralState,
    /// Accepting sets the stage `qualified`.
    pub stage: Option<Stage>,
    /// A program-side answer to a partner's request makes the one who answered its seller.
    pub takes: bool,
}

/// True when `party` may see the referral at all.
pub fn sees(facts: &Facts, party: Party) -> bool {
    match party {
        Party::Seller | Party::Partner | Party::ProgramAdmin => true,
        Party::OtherSeller => facts.origin == Origin::Partner && facts.state == ReferralState::New,
        Party::Stranger => false,
    }
}

/// True when `party` may read the customer's contact details: the two parties and program
/// admins, never a seller who has not taken the request.
pub fn sees_contacts(party: Party) -> bool {
    matches!(party, Party::Seller | Party::Partner | Party::ProgramAdmin)
}

/// The one transition function: may `party` do `action` to a referral with `facts` at `now`,
/// and what it does.
pub fn decide(
    facts: &Facts,
    party: Party,
    action: Action,
    now: DateTime<Utc>,
) -> Result<Effect, Refusal> {
    use ReferralState::*;
    if !sees(facts, party) {
        return Err(Refusal::Hidden);
    }
    let stays = Effect {
        to: facts.state,
        stage: None,
        takes: false,
    };
    let receiver = facts.origin.receiver();
    let answers = party == Party::ProgramAdmin || party.side() == Some(receiver);
    // A seller who has not taken a partner's request may read it and answer it, no more.
    let works_it = matches!(party, Party::Seller | Party::Partner | Party::ProgramAdmin);
    match action {
        Action::Read => Ok(stays),
        Action::Accept | Action::Decline => {
            if !answers {
                return Err(Refusal::NotYours);
            }
            if facts.state != New {
                return Err(Refusal::WrongState(facts.state));
            }
            if now >= facts.answer_by {
                return Err(Refusal::AnswerTimeOver);
            }
            let (to, stage) = if action == Action::Accept {
                (Accepted, Some(Stage::Qualified))
            } else {
                (Declined, None)
            };
            Ok(Effect {
                to,
                stage,
                takes: receiver == Side::Program,
            })
        }
        Action::Update | Action::Won | Action::Lost => {
            if !works_it {
                return Err(Refusal::NotTaken);
            }
            if facts.state != Accepted {
                return Err(Refusal::WrongState(facts.state));
            }
            Ok(match action {
                Action::Won => Effect { to: Won, ..stays },
                Action::Lost => Effect { to: Lost, ..stays },
                _ => stays,
            })
        }
        Action::Comment => {
            if works_it {
                Ok(stays)
            } else {
                Err(Refusal::NotTaken)
            }
        }
        Action::Reassign => {
            if !works_it {
                return Err(Refusal::NotTaken);
            }
            if facts.state.is_closed() {
                return Err(Refusal::WrongState(facts.state));
            }
            Ok(stays)
        }
    }
}

/// True when the expiry job closes the referral at `now`.
pub fn expires(facts: &Facts, now: DateTime<Utc>) -> bool {
    facts.state == ReferralState::New && now >= facts.answer_by
}

/// A customer's company name as compared for the duplicate warning: case, punctuation and
/// spacing do not make "Contoso Ltd." another company than "contoso  ltd".
pub fn company_key(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The customer as sent (JSON or a form), before the rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerInput {
    /// 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::referral_company))]
    pub company_name: String,
    /// ISO 3166-1 alpha-2.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::country))]
    pub country: String,
    /// An industry code (section 9).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::industry))]
    pub industry: String,
    /// A customer size code.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::customer_size))]
    pub size: String,
    /// The customer's contact person (personal data: the parties and program admins read it).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::referral_contact_name_or_null))]
    pub contact_name: Option<String>,
    /// An email address.
    pub contact_email: Option<String>,
    /// A phone number: 5 to 20 digits, with spaces, dashes, dots, brackets and a leading `+`.
    pub contact_phone: Option<String>,
}

/// A customer as the rules accept it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub company_name: String,
    pub country: String,
    pub industry: Industry,
    pub size: CustomerSize,
    pub contacts: Contacts,
}

/// The customer's contact person: personal data, read by the two parties and program admins
/// only, and blanked a year after the referral closes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contacts {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Contacts {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.email.is_none() && self.phone.is_none()
    }
}

/// Trimmed text of at most `max` characters; `required` makes empty an error.
fn text(
    field: &'static str,
    raw: &str,
    max: usize,
    required: bool,
    errors: &mut FieldErrors,
) -> Option<String> {
    if let Err(e) = control_free(field, raw) {
        errors.push(e);
        return None;
    }
    let t = raw.trim();
    if t.chars().count() > max {
        errors.push(FieldError::new(field, "err-too-long").arg("max", max));
        None
    } else if t.is_empty() {
        if required {
            errors.push(FieldError::new(field, "err-required"));
        }
        None
    } else {
        Some(t.to_string())
    }
}

fn code<T>(
    field: &'static str,
    raw: &str,
    parse: fn(&str) -> Option<T>,
    errors: &mut FieldErrors,
) -> Option<T> {
    let found = parse(raw);
    if found.is_none() {
        let key = if raw.trim().is_empty() {
            "err-required"
        } else {
            "err-unknown-code"
        };
        errors.push(FieldError::new(field, key).arg("code", raw.trim()));
    }
    found
}

/// A phone number as people write one: digits with spaces, dashes, dots, brackets and a
/// leading plus; 5 to 20 digits.
fn phone(raw: &str, errors: &mut FieldErrors) -> Option<String> {
    let t = text("customer.contact_phone", raw, 40, false, errors)?;
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let allowed = t
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " -./()".contains(c) || (c == '+' && i == 0));
    if allowed && (5..=20).contains(&digits) {
        Some(t)
    } else {
        errors.push(FieldError::new("customer.contact_phone", "err-phone"));
        None
    }
}

impl Customer {
    pub fn validate(input: &CustomerInput, errors: &mut FieldErrors) -> Option<Customer> {
        let company_name = text(
            "customer.company_name",
            &input.company_name,
            COMPANY_MAX,
            true,
            errors,
        );
        let country = code(
            "customer.country",
            &input.country,
            |c| reference::country(&c.trim().to_ascii_uppercase()).map(|c| c.alpha2.to_string()),
            errors,
        );
        let industry = code(
            "customer.industry",
            &input.industry,
            Industry::parse,
            errors,
        );
        let size = code("customer.size", &input.size, CustomerSize::parse, errors);
        let contacts = Contacts {
            name: input
                .contact_name
                .as_deref()
                .and_then(|n| text("customer.contact_name", n, CONTACT_MAX, false, errors)),
            email: input
                .contact_email
                .as_deref()
                .filter(|e| !e.trim().is_empty())
                .and_then(
                    |e| match crate::org::Email::parse("customer.contact_email", e) {
                        Ok(e) => Some(e.as_str().to_string()),
                        Err(e) => {
                            errors.push(e);
                            None
                        }
                    },
                ),
            phone: input
                .contact_phone
                .as_deref()
                .and_then(|p| phone(p, errors)),
        };
        Some(Customer {
            company_name: company_name?,
            country: country?,
            industry: industry?,
            size: size?,
            contacts,
        })
    }
}

/// A target close date newly given: within the years a date may have, and not in the past.
pub fn close_date(
    field: &'static str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    let date = date_in_range(field, date)?;
    if date < today {
        return Err(FieldError::new(field, "err-date-past").arg("date", today));
    }
    Ok(date)
}

/// A required text of a referral (a need, a reason, a comment): trimmed, 1 to `max`.
pub fn required_text(field: &'static str, raw: &str, max: usize) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    match text(field, raw, max, true, &mut errors) {
        Some(t) => Ok(t),
        None => Err(errors),
    }
}

/// An optional text (next steps, a lost note): trimmed, at most `max`, empty allowed.
pub fn optional_text(field: &'static str, raw: &str, max: usize) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let t = text(field, raw, max, false, &mut errors);
    errors.into_result(t.unwrap_or_default())
}

/// The fields of a new referral as sent.
#[derive(Debug, Clone)]
pub struct NewInput<'a> {
    pub customer: &'a CustomerInput,
    pub need: &'a str,
    pub deal_value: Option<Usd>,
    pub target_close_date: Option<NaiveDate>,
    /// The partner confirmed that the customer agreed to share the contact details.
    pub contacts_consent: bool,
}

/// A new referral as the rules accept it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReferral {
    pub customer: Customer,
    pub need: String,
    pub deal_value: Option<Usd>,
    pub target_close_date: Option<NaiveDate>,
}

impl NewReferral {
    /// Every field's rules at once; `origin` decides whether contact details need the
    /// partner's confirmation of the customer's consent.
    pub fn validate(
        input: &NewInput,
        origin: Origin,
        today: NaiveDate,
    ) -> Result<NewReferral, FieldErrors> {
        let mut errors = FieldErrors::default();
        let customer = Customer::validate(input.customer, &mut errors);
        let need = text("need", input.need, NEED_MAX, true, &mut errors);
        let target_close_date = input.target_close_date.and_then(|d| {
            close_date("target_close_date", d, today)
                .map_err(|e| errors.push(e))
                .ok()
        });
        if origin == Origin::Partner
            && !input.contacts_consent
            && customer.as_ref().is_some_and(|c| !c.contacts.is_empty())
        {
            errors.push(FieldError::new("contacts_consent", "err-contacts-consent"));
        }
        match (customer, need) {
            (Some(customer), Some(need)) if errors.is_empty() => Ok(NewReferral {
                customer,
                need,
                deal_value: input.deal_value,
                target_close_date,
            }),
            _ => Err(errors),
        }
    }
}

/// A lost deal's reason: a code, and a text that `other` needs.
pub fn lost(reason: &str, note: Option<&str>) -> Result<(LostReason, Option<String>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let code = code("lost_reason", reason, LostReason::parse, &mut errors);
    let note = note.and_then(|n| text("reason", n, REASON_MAX, false, &mut errors));
    if code == Some(LostReason::Other) && note.is_none() && !errors.has("reason") {
        errors.push(FieldError::new("reason", "err-lost-other-needs-reason"));
    }
    match code {
        Some(code) if errors.is_empty() => Ok((code, note)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Party::*;
    use ReferralState::{Accepted, Declined, Expired, New};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn facts(origin: Origin, state: ReferralState) -> Facts {
        Facts {
            origin,
            state,
            answer_by: at("2026-12-10T09:00:00Z"),
        }
    }

    /// What the table expects for one (origin, state, action, party), in time to answer.
    fn expected(
        origin: Origin,
        state: ReferralState,
        action: Action,
        party: Party,
    ) -> Result<Effect, Refusal> {
        let stays = Effect {
            to: state,
            stage: None,
            takes: false,
        };
        // Who sees: the parties and program admins; another seller only a partner's new request.
        let sees = match party {
            Seller | Partner | ProgramAdmin => true,
            OtherSeller => origin == Origin::Partner && state == New,
            Stranger => false,
        };
        if !sees {
            return Err(Refusal::Hidden);
        }
        let receiver = match origin {
            Origin::Program => matches!(party, Partner | ProgramAdmin),
            Origin::Partner => matches!(party, Seller | OtherSeller | ProgramAdmin),
        };
        let works_it = party != OtherSeller;
        match action {
            Read => Ok(stays),
            Accept | Decline if !receiver => Err(Refusal::NotYours),
            Accept | Decline if state != New => Err(Refusal::WrongState(state)),
            Accept => Ok(Effect {
                to: Accepted,
                stage: Some(Stage::Qualified),
                takes: origin == Origin::Partner,
            }),
            Decline => Ok(Effect {
                to: Declined,
                stage: None,
                takes: origin == Origin::Partner,
            }),
            _ if !works_it => Err(Refusal::NotTaken),
            Update | Won | Lost if state != Accepted => Err(Refusal::WrongState(state)),
            Update => Ok(stays),
            Won => Ok(Effect {
                to: ReferralState::Won,
                ..stays
            }),
            Lost => Ok(Effect {
                to: ReferralState::Lost,
                ..stays
            }),
            Comment => Ok(stays),
            Reassign if state.is_closed() => Err(Refusal::WrongState(state)),
            Reassign => Ok(stays),
        }
    }

    #[test]
    fn every_state_action_and_party_of_both_origins() {
        let now = at("2026-12-08T09:00:00Z");
        let mut checked = 0;
        for origin in Origin::ALL {
            for state in ReferralState::ALL {
                for action in Action::ALL {
                    for party in Party::ALL {
                        let f = facts(*origin, *state);
                        assert_eq!(
                            decide(&f, *party, *action, now),
                            expected(*origin, *state, *action, *party),
                            "{origin} {state} {action:?} by {party:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 2 * 6 * 8 * 5);
    }

    /// Every role, in the referral's organization or not, its seller or not: the party it is.
    #[test]
    fn each_role_is_the_party_its_place_makes_it() {
        use crate::roles::ALL_ROLES;
        for role in ALL_ROLES {
            for in_org in [false, true] {
                for its_seller in [false, true] {
                    let expected = match role {
                        Role::ProgramAdmin => ProgramAdmin,
                        Role::Seller if its_seller => Seller,
                        Role::Seller => OtherSeller,
                        Role::CosellAdmin | Role::Manager if in_org => Partner,
                        _ => Stranger,
                    };
                    assert_eq!(
                        party_of(&[*role], in_org, its_seller),
                        expected,
                        "{role:?} in its organization: {in_org}, its seller: {its_seller}"
                    );
                }
            }
        }
        // Several roles: the program admin's reach wins.
        assert_eq!(
            party_of(&[Role::Seller, Role::ProgramAdmin], false, false),
            ProgramAdmin
        );
    }

    /// Every role against every (origin, state, action): what the rules answer, through the
    /// party the role makes (a partner role in the referral's organization, a seller that is
    /// not its seller).
    #[test]
    fn every_state_action_and_role() {
        use crate::roles::ALL_ROLES;
        let now = at("2026-12-08T09:00:00Z");
        for role in ALL_ROLES {
            let party = party_of(&[*role], role.is_partner_side(), false);
            for origin in Origin::ALL {
                for state in ReferralState::ALL {
                    for action in Action::ALL {
                        let f = facts(*origin, *state);
                        assert_eq!(
                            decide(&f, party, *action, now),
                            expected(*origin, *state, *action, party),
                            "{role:?} {origin} {state} {action:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_answer_time_ends_at_answer_by_even_before_the_job_has_run() {
        let f = facts(Origin::Program, New);
        let just_before = at("2026-12-10T08:59:59Z");
        let at_end = at("2026-12-10T09:00:00Z");
        assert!(decide(&f, Partner, Accept, just_before).is_ok());
        for action in [Accept, Decline] {
            assert_eq!(
                decide(&f, Partner, action, at_end),
                Err(Refusal::AnswerTimeOver)
            );
        }
        // Whom it is not for hears that first; comments and reading go on.
        assert_eq!(decide(&f, Seller, Accept, at_end), Err(Refusal::NotYours));
        assert!(decide(&f, Partner, Comment, at_end).is_ok());
        assert!(!expires(&f, just_before));
        assert!(expires(&f, at_end));
        assert!(!expires(&facts(Origin::Program, Accepted), at_end));
    }

    #[test]
    fn answer_by_is_days_of_twenty_four_hours_and_the_reminder_a_day_before() {
        let created = at("2026-12-08T15:30:00Z");
        let by = answer_by(created, 3);
        assert_eq!(by, at("2026-12-11T15:30:00Z"));
        assert_eq!(remind_at(created, by), at("2026-12-10T15:30:00Z"));
        // One day to answer: the reminder goes at once.
        let by = answer_by(created, 1);
        assert_eq!(remind_at(created, by), created);
    }

    #[test]
    fn only_closed_states_are_final() {
        let closed: Vec<_> = ReferralState::ALL
            .iter()
            .filter(|s| s.is_closed())
            .collect();
        assert_eq!(
            closed,
            [
                &Declined,
                &Expired,
                &ReferralState::Won,
                &ReferralState::Lost
            ]
        );
        assert_eq!(ReferralState::CLOSED.len(), 4);
    }

    #[test]
    fn contacts_are_for_the_parties_and_program_admins_only() {
        let readers: Vec<_> = Party::ALL.iter().filter(|p| sees_contacts(**p)).collect();
        assert_eq!(readers, [&Seller, &Partner, &ProgramAdmin]);
    }

    #[test]
    fn one_company_whatever_its_case_spacing_and_punctuation() {
        assert_eq!(company_key("Contoso Ltd."), company_key("  contoso   LTD "));
        assert_eq!(company_key("Contoso-Ltd"), "contoso ltd");
        assert_ne!(company_key("Contoso"), company_key("Contoso Pharma"));
        assert_eq!(company_key("Müller GmbH"), "müller gmbh");
    }

    fn customer() -> CustomerInput {
        CustomerInput {
            company_name: " Contoso Pharma ".into(),
            country: "nl".into(),
            industry: "healthcare".into(),
            size: "enterprise".into(),
            contact_name: Some("Anna de Vries".into()),
            contact_email: Some("Anna@Contoso.example".into()),
            contact_phone: Some("+31 20 123 4567".into()),
        }
    }

    fn input(customer: &CustomerInput, consent: bool) -> NewInput<'_> {
        NewInput {
            customer,
            need: "Move the trial data platform to Azure.",
            deal_value: None,
            target_close_date: None,
            contacts_consent: consent,
        }
    }

    #[test]
    fn a_new_referral_is_checked_field_by_field() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        let c = customer();
        let ok = NewReferral::validate(&input(&c, false), Origin::Program, today).unwrap();
        assert_eq!(ok.customer.company_name, "Contoso Pharma");
        assert_eq!(ok.customer.country, "NL");
        assert_eq!(
            ok.customer.contacts.email.as_deref(),
            Some("anna@contoso.example")
        );
        // A partner confirms the customer's consent to share contacts; without contacts,
        // nothing to confirm.
        let refused = NewReferral::validate(&input(&c, false), Origin::Partner, today).unwrap_err();
        assert!(refused.has("contacts_consent"), "{refused:?}");
        assert!(NewReferral::validate(&input(&c, true), Origin::Partner, today).is_ok());
        let no_contacts = CustomerInput {
            contact_name: None,
            contact_email: Some(" ".into()),
            contact_phone: None,
            ..customer()
        };
        assert!(NewReferral::validate(&input(&no_contacts, false), Origin::Partner, today).is_ok());
        // Every bad field is named at once.
        let bad = CustomerInput {
            company_name: "x".repeat(201),
            country: "XX".into(),
            industry: "".into(),
            size: "huge".into(),
            contact_name: None,
            contact_email: Some("not-an-address".into()),
            contact_phone: Some("call me".into()),
        };
        let mut i = input(&bad, true);
        i.need = " ";
        i.target_close_date = NaiveDate::from_ymd_opt(2026, 12, 7);
        let e = NewReferral::validate(&i, Origin::Program, today).unwrap_err();
        for field in [
            "customer.company_name",
            "customer.country",
            "customer.industry",
            "customer.size",
            "customer.contact_email",
            "customer.contact_phone",
            "need",
            "target_close_date",
        ] {
            assert!(e.has(field), "{field}: {e:?}");
        }
        assert_eq!(e.get("customer.industry").unwrap().key, "err-required");
        assert_eq!(e.get("target_close_date").unwrap().key, "err-date-past");
        // Today is not the past.
        i.target_close_date = Some(today);
        let c = customer();
        i.customer = &c;
        i.need = "A need";
        assert!(NewReferral::validate(&i, Origin::Program, today).is_ok());
    }

    #[test]
    fn a_lost_deal_names_its_reason_and_other_needs_words() {
        assert_eq!(lost("price", None), Ok((LostReason::Price, None)));
        assert!(lost("other", None).unwrap_err().has("reason"));
        assert_eq!(
            lost("other", Some(" Budget moved to next year ")),
            Ok((LostReason::Other, Some("Budget moved to next year".into())))
        );
        assert!(lost("bored", None).unwrap_err().has("lost_reason"));
        assert!(lost("", None).unwrap_err().has("lost_reason"));
    }
}
