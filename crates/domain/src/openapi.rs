//! (With the `openapi` feature.) Schemas of the API's codes and constrained values, built from the same lists and limits the
//! server checks with, so the OpenAPI document cannot drift from the rules. Used by
//! `#[schema(schema_with = ...)]` on the request and response types.

use crate::document::DocumentKind;
use crate::offer::{OfferState, OfferType, Store};
use crate::org::{PASSWORD_MAX, PASSWORD_MIN};
use crate::reference;
use crate::review::ReviewState;
use crate::roles::{ALL_ROLES, PARTNER_ROLES, PROGRAM_ROLES, Role};
use crate::solution::{ALL_GEOGRAPHIES, ContactRole, CustomerSize};
use crate::status::Status;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaFormat, SchemaType, Type};
use utoipa::openapi::{Array, KnownFormat, Object};

/// A string that is one of `codes`.
fn one_of<I: IntoIterator<Item = &'static str>>(codes: I) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(codes))
}

/// A string that is one of `codes` (the schema of every code enum, `offer::code_enum!`).
pub(crate) fn codes<I: IntoIterator<Item = &'static str>>(codes: I) -> Object {
    one_of(codes).build()
}

/// A list of codes (a repeated code is kept once).
fn list_of(item: Object, max: Option<usize>) -> Array {
    ArrayBuilder::new().items(item).max_items(max).build()
}

/// A character of a one-line field: no control character (SPEC 8).
const LINE_CHAR: &str = r"[^\x00-\x1f\x7f-\x9f]";
/// A character of a multi-line field: tab, newline and carriage return are allowed too.
const TEXT_CHAR: &str = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]";
/// A character that is neither white space nor a control character.
const SOLID_CHAR: &str = r"[^\s\x00-\x1f\x7f-\x9f]";
/// The white space the server trims that is not a control character (Rust's `trim`).
const SPACE: &str = r"[ \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";
const TEXT_SPACE: &str = r"[\t\n\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";

/// Text the server keeps trimmed: white space around it is dropped, and what is left has `min`
/// to `max` characters and no control character. The pattern says it exactly; a `maxLength`
/// would count the spaces the server drops.
pub fn trimmed(min: usize, max: usize, multi_line: bool) -> ObjectBuilder {
    let (any, space) = if multi_line {
        (TEXT_CHAR, TEXT_SPACE)
    } else {
        (LINE_CHAR, SPACE)
    };
    let inner = max.saturating_sub(2);
    let core = match min {
        0 | 1 => format!("{SOLID_CHAR}(?:{any}{{0,{inner}}}{SOLID_CHAR})?"),
        _ => format!("{SOLID_CHAR}{any}{{{},{inner}}}{SOLID_CHAR}", min - 2),
    };
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(min.max(1)))
        .description(Some(format!(
            "{min} to {max} characters, not counting white space around them"
        )))
        .pattern(Some(format!("^{space}*{core}{space}*$")))
}

/// Text that may be empty: besides white space around it, at most `max` characters and no
/// control character.
pub fn free_text(max: usize, multi_line: bool) -> ObjectBuilder {
    let (any, space) = if multi_line {
        (TEXT_CHAR, TEXT_SPACE)
    } else {
        (LINE_CHAR, SPACE)
    };
    let inner = max.saturating_sub(2);
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(format!(
            "At most {max} characters, not counting white space around them"
        )))
        .pattern(Some(format!(
            "^{space}*(?:{SOLID_CHAR}(?:{any}{{0,{inner}}}{SOLID_CHAR})?)?{space}*$"
        )))
}

pub fn pitch() -> Object {
    free_text(crate::solution::PITCH_MAX, true).build()
}

pub fn validation_note() -> Object {
    free_text(crate::status::VALIDATION_NOTE_MAX, true).build()
}

/// A word or code in a query: any text without control characters.
pub fn query_text() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{LINE_CHAR}*$")))
        .build()
}

/// A filter of the catalog: one of the codes, or empty for any.
fn filter<I: IntoIterator<Item = &'static str>>(codes: I) -> Object {
    one_of(codes.into_iter().chain([""])).build()
}

pub fn industry_filter() -> Object {
    filter(reference::Industry::ALL.iter().map(|c| c.code()))
}

pub fn solution_area_filter() -> Object {
    filter(reference::SolutionArea::ALL.iter().map(|c| c.code()))
}

pub fn offer_type_filter() -> Object {
    filter(OfferType::ALL.iter().map(|t| t.code()))
}

pub fn country_filter() -> Object {
    filter(reference::countries().into_iter().map(|(code, _)| code))
}

pub fn status_filter() -> Object {
    filter(Status::ALL.iter().map(|s| s.code()))
}

pub fn org_name() -> Object {
    trimmed(1, crate::org::ORG_NAME_MAX, false).build()
}

pub fn company_name() -> Object {
    trimmed(1, crate::org::COMPANY_NAME_MAX, false).build()
}

pub fn description() -> Object {
    use crate::org::{DESCRIPTION_MAX, DESCRIPTION_MIN};
    trimmed(DESCRIPTION_MIN, DESCRIPTION_MAX, true).build()
}

pub fn offer_name() -> Object {
    trimmed(1, crate::offer::OFFER_NAME_MAX, false).build()
}

pub fn contact_text() -> Object {
    trimmed(1, crate::solution::CONTACT_TEXT_MAX, false).build()
}

/// An MPN ID: 6 to 10 digits; null or empty for none.
pub fn mpn_id() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some("^ *([0-9]{6,10})? *$"))
        .examples([serde_json::json!("4410021")])
        .build()
}

/// The years a date may fall in (SPEC 8: 1900 to 9999), as the pattern of a `YYYY-MM-DD`.
const DATE_PATTERN: &str = "^(19[0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$";

/// A day as `YYYY-MM-DD` in the years 1900 to 9999, or null to clear it.
pub fn nullable_date() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .pattern(Some(DATE_PATTERN))
        .build()
}

pub fn offer_type() -> Object {
    one_of(OfferType::ALL.iter().map(|t| t.code())).build()
}

pub fn offer_state() -> Object {
    one_of(OfferState::ALL.iter().map(|t| t.code())).build()
}

pub fn stores() -> Array {
    ArrayBuilder::new()
        .items(one_of(Store::ALL.iter().map(|s| s.code())).build())
        .min_items(Some(1))
        .build()
}

pub fn competency_area() -> Object {
    one_of(reference::CompetencyArea::ALL.iter().map(|c| c.code())).build()
}

pub fn competency_areas() -> Array {
    list_of(competency_area(), None)
}

pub fn partner_types() -> Array {
    list_of(
        one_of(reference::PartnerType::ALL.iter().map(|c| c.code())).build(),
        None,
    )
}

pub fn industry() -> Object {
    one_of(reference::Industry::ALL.iter().map(|c| c.code())).build()
}

pub fn industries() -> Array {
    list_of(industry(), None)
}

pub fn solution_area() -> Object {
    one_of(reference::SolutionArea::ALL.iter().map(|c| c.code())).build()
}

pub fn solution_areas() -> Array {
    list_of(solution_area(), Some(crate::solution::SOLUTION_AREAS_MAX))
}

pub fn customer_sizes() -> Array {
    list_of(
        one_of(CustomerSize::ALL.iter().map(|s| s.code())).build(),
        None,
    )
}

pub fn customer_size() -> Object {
    one_of(CustomerSize::ALL.iter().map(|s| s.code())).build()
}

// A referral's texts (SPEC 13), with the limits the server checks.

pub fn referral_company() -> Object {
    trimmed(1, crate::referral::COMPANY_MAX, false).build()
}

pub fn referral_need() -> Object {
    trimmed(1, crate::referral::NEED_MAX, true).build()
}

pub fn referral_reason() -> Object {
    trimmed(1, crate::referral::REASON_MAX, true).build()
}

pub fn referral_comment() -> Object {
    trimmed(1, crate::referral::COMMENT_MAX, true).build()
}

pub fn referral_next_steps() -> Object {
    free_text(crate::referral::NEXT_STEPS_MAX, true).build()
}

pub fn referral_lost_note() -> Object {
    free_text(crate::referral::REASON_MAX, true).build()
}

pub fn referral_contact_name() -> Object {
    free_text(crate::referral::CONTACT_MAX, false).build()
}

/// A referral state, or `open` (new or accepted) or `closed` (declined, expired, won,
/// lost), or empty for any.
pub fn referral_state_filter() -> Object {
    filter(
        crate::referral::ReferralState::ALL
            .iter()
            .map(|s| s.code())
            .chain(["open", "closed"]),
    )
}

pub fn referral_stage_filter() -> Object {
    filter(crate::referral::Stage::ALL.iter().map(|s| s.code()))
}

pub fn lost_reason() -> Object {
    one_of(crate::referral::LostReason::ALL.iter().map(|s| s.code())).build()
}

pub fn contact_role() -> Object {
    one_of(ContactRole::ALL.iter().map(|r| r.code())).build()
}

/// An ISO 3166 alpha-2 country code.
pub fn country() -> Object {
    one_of(reference::countries().into_iter().map(|(code, _)| code)).build()
}

pub fn geographies() -> Array {
    list_of(country(), None)
}

/// A contact's geographies: the solution's countries, or `OOO` for all of them.
pub fn contact_geographies() -> Array {
    let codes = reference::countries()
        .into_iter()
        .map(|(code, _)| code)
        .chain([ALL_GEOGRAPHIES]);
    ArrayBuilder::new()
        .items(one_of(codes).build())
        .min_items(Some(1))
        .build()
}

pub fn role() -> Object {
    one_of(ALL_ROLES.iter().map(|r| r.code())).build()
}

fn role_list(roles: &[Role]) -> Array {
    ArrayBuilder::new()
        .items(one_of(roles.iter().map(|r| r.code())).build())
        .min_items(Some(1))
        .build()
}

pub fn roles() -> Array {
    role_list(ALL_ROLES)
}

pub fn partner_roles() -> Array {
    role_list(PARTNER_ROLES)
}

pub fn program_roles() -> Array {
    role_list(PROGRAM_ROLES)
}

/// A password as the server accepts a new one.
pub fn password() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{LINE_CHAR}*$")))
        .min_length(Some(PASSWORD_MIN))
        .max_length(Some(PASSWORD_MAX))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Password)))
        .build()
}

pub fn review_state() -> Object {
    one_of(ReviewState::ALL.iter().map(|s| s.code())).build()
}

pub fn status() -> Object {
    one_of(Status::ALL.iter().map(|s| s.code())).build()
}

pub fn nullable_status() -> Object {
    one_of(Status::ALL.iter().map(|s| s.code()))
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .build()
}

pub fn revenue_kind() -> Object {
    one_of(
        crate::revenue_csv::RevenueKind::ALL
            .iter()
            .map(|k| k.code()),
    )
    .build()
}

pub fn requirement_group() -> Object {
    use crate::status::Group;
    one_of(
        [Group::CoSellReady, Group::AzureIpCoSell]
            .into_iter()
            .map(Group::code),
    )
    .build()
}

pub fn requirement_state() -> Object {
    use crate::status::State;
    one_of(
        [State::Met, State::Unmet, State::NotApplicable]
            .into_iter()
            .map(State::code),
    )
    .build()
}

pub fn document_kind() -> Object {
    one_of(DocumentKind::ALL.iter().map(|k| k.code())).build()
}

/// A day as `YYYY-MM-DD` in the years 1900 to 9999.
pub fn date() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .pattern(Some(DATE_PATTERN))
        .build()
}

/// An email address as the server accepts it: something before and after one `@`.
pub fn email() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)))
        .max_length(Some(254))
        .build()
}

/// An `https://` address with a dotted host name, exactly as the server accepts one
/// (`domain::org::parse_https_url`), spaces around it allowed (the server trims them).
const HTTPS_URL: &str = " *https://[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+([/?#][A-Za-z0-9._~!$&'()*+,;=:@/?#%-]*)? *";

pub fn https_url() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::Custom("uri".into())))
        .pattern(Some(format!("^{HTTPS_URL}$")))
        .max_length(Some(2000))
        .build()
}

/// An `https://` address, or null or empty to clear it.
pub fn nullable_https_url() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(format!("^ *({HTTPS_URL})?$")))
        .max_length(Some(2000))
        .build()
}

/// The day to evaluate on: `YYYY-MM-DD`, or empty for today (UTC).
pub fn as_of() -> utoipa::openapi::schema::Schema {
    utoipa::openapi::schema::Schema::OneOf(
        utoipa::openapi::schema::OneOfBuilder::new()
            .item(date())
            .item(one_of([""]).build())
            .build(),
    )
}

/// `schema`, or null (a left-out field: what it holds stays as it is).
fn or_null(
    schema: impl Into<utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>>,
) -> utoipa::openapi::schema::Schema {
    utoipa::openapi::schema::Schema::OneOf(
        utoipa::openapi::schema::OneOfBuilder::new()
            .item(schema)
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .build(),
    )
}

macro_rules! or_null {
    ($($name:ident => $base:ident),+ $(,)?) => {$(
        pub fn $name() -> utoipa::openapi::schema::Schema {
            or_null($base())
        }
    )+};
}

or_null!(
    org_name_or_null => org_name,
    partner_types_or_null => partner_types,
    company_name_or_null => company_name,
    description_or_null => description,
    https_url_or_null => https_url,
    country_or_null => country,
    email_or_null => email,
    offer_name_or_null => offer_name,
    offer_type_or_null => offer_type,
    stores_or_null => stores,
    competency_areas_or_null => competency_areas,
    geographies_or_null => geographies,
    solution_areas_or_null => solution_areas,
    industries_or_null => industries,
    customer_sizes_or_null => customer_sizes,
    pitch_or_null => pitch,
    contact_text_or_null => contact_text,
    referral_contact_name_or_null => referral_contact_name,
    referral_next_steps_or_null => referral_next_steps,
    referral_lost_note_or_null => referral_lost_note,
);

/// A day as `YYYY-MM-DD`, or empty for none.
pub fn date_or_empty() -> utoipa::openapi::schema::Schema {
    as_of()
}
