//! Forgot password: a link by email (single use, 30 minutes). A reset ends every session, leaves
//! the second factor in place for the next sign-in, lifts a sign-in pause (so a lock can never
//! keep the owner out), and tells the owner by email.

use crate::domain::EmailAddress;
use crate::error::{AppError, FormError};
use crate::routes;
use crate::server::client::ClientInfo;
use crate::server::entities::account;
use crate::server::identity::accounts::new_password;
use crate::server::identity::email_tokens::{self, TokenPurpose};
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions;
use crate::server::limits::{self, Limit};
use crate::server::notify::messages::identity::Mail;
use crate::server::{identity::sign_in_throttle, AppState};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// Mails a reset link if the address has an account. The answer (and its timing: the work is
/// done in the background) is the same whether or not it does.
pub async fn request(state: &AppState, email: &str, client: &ClientInfo) -> Result<(), AppError> {
    let email = EmailAddress::parse(email).map_err(|reason| FormError::EmailInvalid.because(reason))?;
    // Counted per client before anything is looked up, whatever the address: the refusal says
    // nothing about any account.
    limits::count_or_refuse(state, &[(Limit::PasswordResetsPerClient, &limits::client_key(client))]).await?;
    let state = state.clone();
    let client = client.clone();
    tokio::spawn(async move {
        if let Err(error) = send_link(&state, email.as_str(), &client).await {
            tracing::warn!(%error, "could not send a password reset link");
        }
    });
    Ok(())
}

async fn send_link(state: &AppState, email: &str, client: &ClientInfo) -> Result<(), AppError> {
    // Counted per address whether or not it has an account (and in the background, so neither
    // the count nor the lookup shows in the answer or its timing).
    if limits::reserve(state, &[(Limit::PasswordResetsPerAddress, email)]).await?.is_err() {
        return Ok(());
    }
    let Some(owner) = account::Entity::find().filter(account::Column::Email.eq(email)).one(&state.db).await? else {
        return Ok(());
    };
    // Staff passwords are not reset by mail: an administrator issues a new set-up link
    // (`portico staff add` again), so a staff mailbox alone is never a key to the console.
    if owner.role.is_staff() {
        return Ok(());
    }
    let token =
        email_tokens::issue(&state.db, state.now(), owner.id, TokenPurpose::ResetPassword, &owner.email).await?;
    security_events::record(state, owner.id, SecurityEventKind::PasswordResetRequested, client).await;
    let link = format!("{}{}?token={token}", state.config.public_url, routes::RESET_PASSWORD);
    state.mailer.notify_owner(&owner, Mail::ResetPassword { link }).await;
    Ok(())
}

/// Sets a new password with a reset link's token.
pub async fn reset(state: &AppState, token: &str, password: &str, client: &ClientInfo) -> Result<(), AppError> {
    let Some(account_id) = email_tokens::peek(state, token, TokenPurpose::ResetPassword).await? else {
        return Err(FormError::ResetLinkInvalid.into());
    };
    let owner = account::Entity::find_by_id(account_id).one(&state.db).await?.ok_or(FormError::ResetLinkInvalid)?;
    let password = new_password(password, &[owner.email.as_str()])?;
    if email_tokens::redeem(state, token, TokenPurpose::ResetPassword).await?.map(|t| t.account_id) != Some(account_id)
    {
        return Err(FormError::ResetLinkInvalid.into());
    }
    let hash = state.passwords.hash(password).await?;
    let (email, lang) = (owner.email.clone(), owner.lang());
    let confirmed = owner.email_confirmed_at.is_some();
    let mut changing: account::ActiveModel = owner.into();
    changing.password_hash = Set(hash);
    // Following the link proves the address, as the confirmation link would have.
    if !confirmed {
        changing.email_confirmed_at = Set(Some(state.now()));
    }
    changing.update(&state.db).await?;
    // Every other reset link (and recovery or email-change link) dies with the old password.
    email_tokens::revoke_unused(&state.db, state.now(), account_id, &email_tokens::REVOKED_BY_CREDENTIAL_CHANGE)
        .await?;
    sessions::end_all_for_account(state, account_id, None).await?;
    sign_in_throttle::record_success(state, &sign_in_throttle::email_key(&email), None).await?;
    security_events::record(state, account_id, SecurityEventKind::PasswordChanged, client).await;
    state.mailer.notify(&email, lang, Mail::PasswordChanged).await;
    Ok(())
}
