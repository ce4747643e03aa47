//! The bell's page (what happened that concerns me), the choice of mails on the account
//! page, and the outbox page for program admins (SPEC 12).

use super::{CsrfForm, Done, Flash, NoFields, PageCtx, render};
use crate::auth::CurrentUser;
use crate::domain::ids::NotificationId;
use crate::error::AppResult;
use crate::services::mail;
use crate::services::notices::{self, Notification};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    p: PageCtx,
    items: Vec<Notification>,
    any_unread: bool,
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    let items = notices::list(&state, &user).await?;
    let p = PageCtx::new(&req, Some(&user));
    let any_unread = items.iter().any(|n| n.unread);
    render(
        StatusCode::OK,
        &NotificationsPage {
            p,
            items,
            any_unread,
        },
    )
}

/// "Open": marks the notification read and goes to its page.
pub async fn open(
    state: web::Data<AppState>,
    user: CurrentUser,
    _form: CsrfForm<NoFields>,
    path: web::Path<NotificationId>,
) -> AppResult<HttpResponse> {
    let link = notices::open(&state, &user, path.into_inner()).await?;
    Ok(Done::to(link).response())
}

pub async fn mark_all_read(
    state: web::Data<AppState>,
    user: CurrentUser,
    _form: CsrfForm<NoFields>,
) -> AppResult<HttpResponse> {
    notices::mark_read(&state, &user, None).await?;
    Ok(Done::to("/notifications")
        .told(Flash::NotificationsRead)
        .response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MailsForm {
    /// The kinds of mail to keep on; the person's other kinds are turned off.
    on: Vec<String>,
}

pub async fn set_mails(
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<MailsForm>,
) -> AppResult<HttpResponse> {
    notices::set_mail_choices(&state, &user, &form.into_inner().on).await?;
    Ok(Done::to("/account#mails")
        .told(Flash::MailsSaved)
        .response())
}

/// One mail of the outbox page, in the reader's language.
pub struct OutboxLine {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub state: String,
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    p: PageCtx,
    lines: Vec<OutboxLine>,
}

pub async fn outbox(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    let rows = notices::outbox(&state, &user).await?;
    let p = PageCtx::new(&req, Some(&user));
    let lines = rows
        .iter()
        .map(|row| {
            // The mail as its recipient reads it, in their language; a password reset without
            // its link, which would let the reader take the account over.
            let composed = mail::compose_for_outbox_page(&state.mail.public_url, row);
            OutboxLine {
                to: composed.to,
                subject: composed.subject,
                text: composed.text,
                created_at: row.created_at,
                state: mail::state_words(&p.tr, row, state.mail.sends()),
            }
        })
        .collect();
    render(StatusCode::OK, &OutboxPage { p, lines })
}
