//! The domain's code enums read straight from rows: a column holding `in_review` decodes to
//! `ReviewState::InReview`, and a code the enum does not know fails the row's decoding (a
//! failure of ours, logged), instead of travelling on as a string.

use crate::domain::offer::{OfferState, OfferType};
use crate::domain::review::ReviewState;

macro_rules! decode_codes {
    ($($t:ty),+) => {$(
        impl<DB: sqlx::Database> sqlx::Type<DB> for $t
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
    )+};
}

decode_codes!(ReviewState, OfferType, OfferState);
