//! Changing the account's own details while signed in: password, sign-in email and language. The
//! first two need a recent password and second factor (`sessions::require_recent_authentication`),
//! and every change is recorded and mailed to the owner.

use crate::domain::email_hint;
use crate::domain::EmailAddress;
use crate::error::{AppError, FormError};
use crate::i18n::Lang;
use crate::routes;
use crate::server::client::ClientInfo;
use crate::server::entities::account;
use crate::server::identity::accounts::{is_unique_violation, new_password, signed_in_owner};
use crate::server::identity::email_tokens::{self, TokenPurpose};
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::require_recent_authentication;
use crate::server::identity::sessions::{self, ActiveSession};
use crate::server::limits::{self, Limit};
use crate::server::notify::messages::identity::Mail;
use crate::server::AppState;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// The account's own details, as the account page shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRead {
    pub email: String,
    /// A new address waiting for its confirmation link.
    pub pending_email: Option<String>,
    pub language: Lang,
    /// Whether email and password can be changed now without confirming it is you again.
    pub recently_authenticated: bool,
    /// There is a confirmed phone to text.
    pub has_phone: bool,
    /// How each kind of news reaches the owner (`notify::choices`).
    pub choices: Vec<(crate::domain::NotificationKind, crate::domain::Channel)>,
}

pub async fn settings(state: &AppState, session: &ActiveSession) -> Result<AccountRead, AppError> {
    let found = signed_in_owner(state, session).await?;
    Ok(AccountRead {
        email: found.email.clone(),
        pending_email: found.pending_email.clone(),
        language: found.lang(),
        has_phone: found.verified_phone().is_some(),
        choices: crate::server::notify::choices::of(&state.db, found.id).await?.0,
        recently_authenticated: session
            .authenticated_at
            .is_some_and(|at| crate::server::identity::session_policy::recently_authenticated(at, state.now())),
    })
}

/// A new password for a signed-in owner: every other session ends, this one stays.
pub async fn change_password(
    state: &AppState,
    session: &ActiveSession,
    typed: &str,
    client: &ClientInfo,
) -> Result<(), AppError> {
    require_recent_authentication(state, session)?;
    let found = signed_in_owner(state, session).await?;
    let password = new_password(typed, &[found.email.as_str()])?;
    let hash = state.passwords.hash(password).await?;
    let mut changing: account::ActiveModel = found.clone().into();
    changing.password_hash = Set(hash);
    changing.update(&state.db).await?;
    email_tokens::revoke_unused(&state.db, state.now(), found.id, &email_tokens::REVOKED_BY_CREDENTIAL_CHANGE).await?;
    sessions::end_all_for_account(state, found.id, Some(session.session_id)).await?;
    security_events::record(state, found.id, SecurityEventKind::PasswordChanged, client).await;
    state.mailer.notify_owner(&found, Mail::PasswordChanged).await;
    Ok(())
}

/// Asks for a new sign-in address: a link goes to it, and the change happens only when that link
/// is used. An address that already has an account gets the "you already have an account" mail
/// instead, and the page says the same as always, so this form cannot probe who has an account.
pub async fn request_email_change(
    state: &AppState,
    session: &ActiveSession,
    typed: &str,
    client: &ClientInfo,
) -> Result<(), AppError> {
    require_recent_authentication(state, session)?;
    let new_email = EmailAddress::parse(typed).map_err(|reason| FormError::EmailInvalid.because(reason))?;
    let found = signed_in_owner(state, session).await?;
    if new_email.as_str() == found.email {
        return Err(FormError::EmailUnchanged.into());
    }
    let account_key = found.id.to_string();
    limits::count_or_refuse(
        state,
        &[(Limit::EmailChangesPerAccount, &account_key), (Limit::EmailChangesPerClient, &limits::client_key(client))],
    )
    .await?;
    // Mail to an address nobody has proven yet is capped per address whichever mail it is (as
    // at sign-up), so the cap tells nothing about whether the address has an account.
    let may_mail = limits::reserve(state, &[(Limit::SignUpMailsPerAddress, new_email.as_str())]).await?.is_ok();
    let taken = account::Entity::find().filter(account::Column::Email.eq(new_email.as_str())).one(&state.db).await?;
    // One live change request per account: the older link is revoked and the new one issued in one
    // transaction, serialized per account, so simultaneous requests leave exactly one link.
    let now = state.now();
    let txn = crate::server::begin_write(&state.db).await?;
    limits::serialize_on(&txn, &[format!("email_change:{}", found.id)]).await?;
    email_tokens::revoke_unused(&txn, now, found.id, &[TokenPurpose::ChangeEmail]).await?;
    if let Some(other) = taken {
        txn.commit().await?;
        if may_mail {
            let sign_in_url = format!("{}{}", state.config.public_url, routes::SIGN_IN);
            state.mailer.notify(new_email.as_str(), other.lang(), Mail::AlreadyRegistered { sign_in_url }).await;
        }
        return Ok(());
    }
    let lang = found.lang();
    let mut asking: account::ActiveModel = found.clone().into();
    asking.pending_email = Set(Some(new_email.as_str().to_owned()));
    asking.update(&txn).await?;
    // The link carries its own address: it changes the account to exactly the address it was mailed to.
    let token = email_tokens::issue(&txn, now, found.id, TokenPurpose::ChangeEmail, new_email.as_str()).await?;
    txn.commit().await?;
    let link = format!("{}{}?token={token}", state.config.public_url, routes::CONFIRM_EMAIL_CHANGE);
    if may_mail {
        state.mailer.notify(new_email.as_str(), lang, Mail::ConfirmNewEmail { link }).await;
    }
    state.mailer.notify_owner(&found, Mail::EmailChangeRequested { new_hint: email_hint(new_email.as_str()) }).await;
    security_events::record(state, found.id, SecurityEventKind::EmailChangeRequested, client).await;
    Ok(())
}

/// Uses the link sent to the new address: it becomes the sign-in email. The old address is told.
pub async fn confirm_email_change(state: &AppState, token: &str, client: &ClientInfo) -> Result<(), AppError> {
    let Some(live) = email_tokens::redeem(state, token, TokenPurpose::ChangeEmail).await? else {
        return Err(FormError::EmailChangeLinkInvalid.into());
    };
    let account_id = live.account_id;
    let found =
        account::Entity::find_by_id(account_id).one(&state.db).await?.ok_or(FormError::EmailChangeLinkInvalid)?;
    let Some(new_email) = live.new_email else { return Err(FormError::EmailChangeLinkInvalid.into()) };
    let mut changing: account::ActiveModel = found.clone().into();
    changing.email = Set(new_email.clone());
    changing.pending_email = Set(None);
    match changing.update(&state.db).await {
        Ok(_) => {}
        // Someone signed up with that address in the meantime.
        Err(error) if is_unique_violation(&error) => return Err(FormError::EmailChangeLinkInvalid.into()),
        Err(error) => return Err(error.into()),
    }
    // Links mailed to the old address (a reset, a recovery) are no key any more.
    email_tokens::revoke_unused(&state.db, state.now(), account_id, &email_tokens::REVOKED_BY_CREDENTIAL_CHANGE)
        .await?;
    security_events::record(state, account_id, SecurityEventKind::EmailChanged, client).await;
    state.mailer.notify_owner(&found, Mail::EmailChanged { new_hint: email_hint(&new_email) }).await;
    Ok(())
}

/// The language mail, texts and pages use for this account.
pub async fn set_language(
    state: &AppState,
    session: &ActiveSession,
    lang: Lang,
    client: &ClientInfo,
) -> Result<(), AppError> {
    let found = signed_in_owner(state, session).await?;
    if found.lang() == lang {
        return Ok(());
    }
    let mut changing: account::ActiveModel = found.into();
    changing.language = Set(lang);
    changing.update(&state.db).await?;
    security_events::record(state, session.account_id, SecurityEventKind::LanguageChanged, client).await;
    Ok(())
}
