//! A confirmation step for actions that are destructive or hard to undo (SPEC 11: stop an
//! offer, withdraw from review, remove a user). The action's own button posts without
//! `confirmed`; the answer is a page that says what will happen, whose button posts the same
//! form again with `confirmed=1`. It works without JavaScript, and nothing happens until then.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// The form of an action that asks first.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Confirmation {
    confirmed: String,
}

impl Confirmation {
    pub fn given(&self) -> bool {
        self.confirmed == "1"
    }
}

/// What to ask: the sentence says what will happen, in the reader's words.
pub struct Ask {
    pub sentence: String,
    /// Where the confirmed form posts (the action's own address).
    pub action: String,
    pub button_key: &'static str,
    /// Where "cancel" goes back to.
    pub back: String,
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    p: PageCtx,
    ask: Ask,
}

pub fn page(req: &HttpRequest, user: &CurrentUser, ask: Ask) -> AppResult<HttpResponse> {
    let p = PageCtx::new(req, Some(user));
    render(StatusCode::OK, &ConfirmPage { p, ask })
}
