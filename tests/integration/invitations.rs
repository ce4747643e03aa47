//! SPEC 12: invitations (single-use links valid 7 days, stored hashed, the invitee chooses the
//! password) and password resets (single-use links valid 1 hour, an answer that never tells
//! whether the address has an account, throttled like sign-in, ending every session and token).

use crate::helpers::*;
use cosell::services::mail;

#[tokio::test]
async fn an_invitee_chooses_a_password_through_a_link_that_works_once() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let aa = app
        .signed_in("aa@contoso.example", &["account_admin"], Some(org))
        .await;
    let users = format!("/organizations/{org}/users");
    let page = app.html(&aa, &users).await;
    assert!(
        !page.contains("name=\"password\""),
        "no password chosen for anyone"
    );
    let csrf = hidden(&page, "csrf");
    let invite = |email: &'static str, roles: &'static [&'static str]| {
        let mut form = vec![("csrf", csrf.clone()), ("email", email.to_string())];
        form.extend(roles.iter().map(|r| ("roles", r.to_string())));
        form
    };

    let res = app
        .post_form(
            &aa,
            &users,
            &invite("New@Contoso.example", &["developer", "cosell_admin"]),
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = app.html(&aa, &users).await;
    assert!(page.contains("Invitation sent"), "{page}");
    assert!(
        page.contains("new@contoso.example"),
        "listed as pending: {page}"
    );

    // Refused with words next to the field: an address with an account, a program role.
    let res = app
        .post_form(&aa, &users, &invite("aa@contoso.example", &["developer"]))
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("An account with this email address exists already.")
    );
    let res = app
        .post_form(&aa, &users, &invite("rev@contoso.example", &["reviewer"]))
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text().await.unwrap().contains("rev@contoso.example"),
        "typed value kept"
    );

    // The link is in the mail; the database holds only its hash.
    let link = mailed_link(&app, "invitation", "new@contoso.example").await;
    let token = link.strip_prefix("/invitations/").unwrap().to_string();
    let (stored,): (String,) = cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT token_hash FROM invitations WHERE email = 'new@contoso.example'")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_ne!(stored, token);
    assert_eq!(stored, cosell::secret::hash_token(&token));

    let invitee = app.browser();
    let page = app.html(&invitee, &link).await;
    assert!(
        page.contains("aa@contoso.example invited new@contoso.example"),
        "{page}"
    );
    let res = app
        .post_form(&invitee, &link, &[("password", "short")])
        .await;
    assert_eq!(
        res.status(),
        422,
        "a weak password is refused next to the field"
    );
    let res = app
        .post_form(&invitee, &link, &[("password", "a-long-chosen-password")])
        .await;
    assert_eq!(res.status(), 303, "signed in on the spot");
    let home = app.html(&invitee, "/account").await;
    assert!(home.contains("new@contoso.example"), "{home}");
    assert!(
        home.contains("Developer, Co-sell admin"),
        "the invited roles: {home}"
    );

    // Once only.
    let again = app.browser();
    let res = again.get(app.url(&link)).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("This link no longer works")
    );
    let res = app
        .post_form(&again, &link, &[("password", "another-long-password")])
        .await;
    assert_eq!(res.status(), 404);
    let res = app
        .login(
            &app.browser(),
            "new@contoso.example",
            "a-long-chosen-password",
        )
        .await;
    assert_eq!(res.status(), 303);
    let kinds = app.audit_kinds().await;
    assert!(kinds.contains(&"invitation_sent".to_string()));
    assert!(kinds.contains(&"invitation_accepted".to_string()));
}

#[tokio::test]
async fn an_invitation_can_be_revoked_by_its_organization_and_expires_after_seven_days() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let org = app.org(&admin, "Contoso", "123456").await;
    let other = app.org(&admin, "Fabrikam", "654321").await;
    let aa = app
        .signed_in("aa@contoso.example", &["account_admin"], Some(org))
        .await;
    let stranger = app
        .signed_in("aa@fabrikam.example", &["account_admin"], Some(other))
        .await;
    let users = format!("/organizations/{org}/users");
    let csrf = app.csrf_of(&aa, &users).await;
    for email in ["late@contoso.example", "gone@contoso.example"] {
        let res = app
            .post_form(
                &aa,
                &users,
                &[
                    ("csrf", csrf.as_str()),
                    ("email", email),
                    ("roles", "developer"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let mut links = mailed_links(
        &app,
        "invitation",
        &["late@contoso.example", "gone@contoso.example"],
    )
    .await;
    let (gone, late) = (links.pop().unwrap(), links.pop().unwrap());
    let (id,): (i64,) = cosell::db_run!(&app.state.db, pool => sqlx::query_as(
        "SELECT id FROM invitations WHERE email = 'gone@contoso.example'")
        .fetch_one(pool)
        .await)
    .unwrap();

    let theirs = app
        .csrf_of(&stranger, &format!("/organizations/{other}/users"))
        .await;
    let res = app
        .post_form(
            &stranger,
            &format!("/invitations/{id}/revoke"),
            &[("csrf", theirs.as_str())],
        )
        .await;
    assert_eq!(res.status(), 404, "another organization's invitation");
    let res = app
        .post_form(
            &aa,
            &format!("/invitations/{id}/revoke"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = app.html(&aa, &users).await;
    assert!(page.contains("Invitation revoked"), "{page}");
    assert!(!page.contains("gone@contoso.example"), "{page}");
    let res = app.browser().get(app.url(&gone)).send().await.unwrap();
    assert_eq!(res.status(), 404);

    app.exec("UPDATE invitations SET expires_at = '2020-01-01T00:00:00Z' WHERE email = 'late@contoso.example'").await;
    let res = app.browser().get(app.url(&late)).send().await.unwrap();
    assert_eq!(res.status(), 404, "expired");
    assert!(!app.html(&aa, &users).await.contains("late@contoso.example"));
}

#[tokio::test]
async fn a_forgotten_password_comes_back_once_and_ends_every_session_and_token() {
    let app = spawn_app().await;
    let token = app
        .token_for("forgetful@contoso.example", &["reviewer"], None)
        .await;
    app.exec("UPDATE users SET language = 'nl' WHERE email = 'forgetful@contoso.example'")
        .await;
    let session = app.browser();
    assert_eq!(
        app.login(&session, "forgetful@contoso.example", PASSWORD)
            .await
            .status(),
        303
    );

    // The same answer for an address without an account and for one with.
    let ask = async |email: &str| {
        let b = app.browser();
        let page = app.html(&b, "/password/forgot").await;
        let csrf = hidden(&page, "csrf");
        let res = app
            .post_form(
                &b,
                "/password/forgot",
                &[("csrf", csrf.as_str()), ("email", email)],
            )
            .await;
        let status = res.status();
        (status, res.text().await.unwrap().replace(email, "EMAIL"))
    };
    let (s1, nobody) = ask("nobody@contoso.example").await;
    let (s2, someone) = ask("forgetful@contoso.example").await;
    assert_eq!((s1, s2), (reqwest::StatusCode::OK, reqwest::StatusCode::OK));
    let strip = |page: &str| page.split("name=\"csrf\"").next().unwrap().to_string();
    assert_eq!(strip(&nobody), strip(&someone));
    assert!(someone.contains("If EMAIL has an account"), "{someone}");

    eventually("the reset's mail is written", async || {
        app.outbox()
            .await
            .iter()
            .any(|m| m.kind == "password_reset")
    })
    .await;
    let mails = app.outbox().await;
    assert!(
        mails
            .iter()
            .all(|m| m.recipient != "nobody@contoso.example")
    );
    let reset = mails.iter().find(|m| m.kind == "password_reset").unwrap();
    assert_eq!(reset.language, "nl", "the account's language");
    assert_eq!(
        mail::compose("http://portal.test", reset, None).subject,
        "Kies een nieuw cosell-wachtwoord"
    );
    let link = mailed_link(&app, "password_reset", "forgetful@contoso.example").await;
    assert!(link.starts_with("/password/reset/"), "{link}");
    // Program admins read the outbox, but never a reset's link: it would hand them the account.
    let admin = app
        .signed_in("outbox-reader@program.example", &["program_admin"], None)
        .await;
    let page = app.html(&admin, "/outbox").await;
    assert!(page.contains("Kies een nieuw cosell-wachtwoord"), "{page}");
    assert!(!page.contains(&link), "{page}");
    assert!(
        page.contains("http://portal.test/password/forgot"),
        "{page}"
    );

    let b = app.browser();
    let page = app.html(&b, &link).await;
    assert!(page.contains("forgetful@contoso.example"), "{page}");
    let res = app
        .post_form(&b, &link, &[("password", "a-brand-new-password")])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");

    // Every session and API token has ended; the new password signs in, the old does not.
    let res = session.get(app.url("/account")).send().await.unwrap();
    assert_eq!(res.status(), 303, "the old session is signed out");
    assert_eq!(app.api(&token).get("/me").await.status(), 401);
    assert_eq!(
        app.login(&app.browser(), "forgetful@contoso.example", PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        app.login(
            &app.browser(),
            "forgetful@contoso.example",
            "a-brand-new-password"
        )
        .await
        .status(),
        303
    );
    // Once only.
    let res = app
        .post_form(
            &app.browser(),
            &link,
            &[("password", "yet-another-password")],
        )
        .await;
    assert_eq!(res.status(), 404);
    assert!(
        app.audit_kinds()
            .await
            .contains(&"password_reset".to_string())
    );
}

#[tokio::test]
async fn asking_for_password_links_is_throttled_like_signing_in() {
    let app = spawn_app().await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let b = app.browser();
        let csrf = app.csrf_of(&b, "/password/forgot").await;
        let res = app
            .post_form(
                &b,
                "/password/forgot",
                &[("csrf", csrf.as_str()), ("email", "target@contoso.example")],
            )
            .await;
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, vec![200, 200, 200, 200, 200, 429]);
}
