//! The domain's code enums read straight from rows and bind as their codes: a column holding `in_review` decodes to
//! `ReviewState::InReview`, and a code the enum does not know fails the row's decoding (a
//! failure of ours, logged), instead of travelling on as a string. Ids read and bind as the
//! integers they are.

use crate::codes::{Code, CodeList};
use crate::document::{DocumentKind, Format};
use crate::offer::{OfferState, OfferType, Store};
use crate::reference::{CompetencyArea, Industry, PartnerType, SolutionArea};
use crate::referral::{LostReason, Origin, ReferralState, Stage};
use crate::revenue_csv::RevenueKind;
use crate::review::ReviewState;
use crate::roles::{Role, RoleSet};
use crate::solution::{ContactRole, CustomerSize};
use crate::status::{RequirementId, Status};

/// Read from and bound to a TEXT column.
macro_rules! text_type {
    ([$($generics:tt)*] $t:ty) => {
        impl<DB: sqlx::Database, $($generics)*> sqlx::Type<DB> for $t
        where
            str: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as sqlx::Type<DB>>::compatible(ty)
            }
        }
    };
}

/// Bound as the text `to_stored()` writes.
macro_rules! stored_as_text {
    ([$($generics:tt)*] $t:ty) => {
        impl<'q, DB: sqlx::Database, $($generics)*> sqlx::Encode<'q, DB> for $t
        where
            String: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <String as sqlx::Encode<DB>>::encode(self.to_stored(), buf)
            }
        }
    };
}

macro_rules! decode_codes {
    ($($t:ty),+) => {$(
        text_type!([] $t);

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $t
        where
            &'r str: sqlx::Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let code = <&str as sqlx::Decode<DB>>::decode(value)?;
                <$t>::parse(code)
                    .ok_or_else(|| format!("{code:?} is not a {}", stringify!($t)).into())
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $t
        where
            &'q str: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<DB>>::encode_by_ref(&self.code(), buf)
            }
        }
    )+};
}

decode_codes!(
    ReviewState,
    OfferType,
    OfferState,
    RequirementId,
    Status,
    DocumentKind,
    Format,
    ContactRole,
    Store,
    CustomerSize,
    Role,
    Industry,
    SolutionArea,
    CompetencyArea,
    PartnerType,
    RevenueKind,
    ReferralState,
    Stage,
    Origin,
    LostReason
);

// A list of codes in one TEXT column, separated by commas (codes never hold one). A code
// the type does not know fails the row, as a single code does.
text_type!([T: Code] CodeList<T>);

impl<'r, DB: sqlx::Database, T: Code> sqlx::Decode<'r, DB> for CodeList<T>
where
    &'r str: sqlx::Decode<'r, DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let stored = <&str as sqlx::Decode<DB>>::decode(value)?;
        CodeList::from_stored(stored).map_err(|code| format!("{code:?} is not a known code").into())
    }
}

stored_as_text!([T: Code] CodeList<T>);

// A user's roles, stored as a list of codes; an unknown one fails the row.
text_type!([] RoleSet);
stored_as_text!([] RoleSet);

impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for RoleSet
where
    &'r str: sqlx::Decode<'r, DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let stored = <&str as sqlx::Decode<DB>>::decode(value)?;
        let list = CodeList::<Role>::from_stored(stored)
            .map_err(|code| format!("{code:?} is not a role"))?;
        Ok(RoleSet::from_roles(list.0))
    }
}

/// Ids are integers in every table.
macro_rules! integer_ids {
    ($($t:ty),+) => {$(
        impl<DB: sqlx::Database> sqlx::Type<DB> for $t
        where
            i64: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <i64 as sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <i64 as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $t
        where
            i64: sqlx::Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                <i64 as sqlx::Decode<DB>>::decode(value).map(Self)
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $t
        where
            i64: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <i64 as sqlx::Encode<DB>>::encode_by_ref(&self.0, buf)
            }
        }
    )+};
}

pub(crate) use integer_ids;
