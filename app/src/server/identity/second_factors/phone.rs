//! A phone for text-message codes: added from Sign-in settings (after confirming it is you), used
//! only once a code texted to it comes back, removable the same way. A verified phone is a second
//! factor of its own — and the way back in when the authenticator app is lost, without the 24-hour
//! wait of an emailed recovery (mailbox access alone is never enough; a phone the owner proved is).

use crate::domain::PhoneNumber;
use crate::error::{AppError, FormError};
use crate::server::client::ClientInfo;
use crate::server::entities::account;
use crate::server::identity::accounts::signed_in_owner;
use crate::server::identity::second_factors::one_time_codes::{self, issue_code};
use crate::server::identity::security_events::{self, SecurityEventKind};
use crate::server::identity::sessions::require_recent_authentication;
use crate::server::identity::sessions::ActiveSession;
use crate::server::limits::{self, Limit};
use crate::server::notify::messages::identity::{Mail, Text};
use crate::server::{notify::sms, AppState};
use sea_orm::{ActiveModelTrait, Set};

const VERIFY_PURPOSE: &str = "phone_verify";

/// Keeps `typed` as the account's unconfirmed phone and texts it a code. A phone confirmed before
/// is replaced at once (unconfirmed), so sign-in codes never go to a number its owner just said is
/// no longer theirs.
pub async fn add(state: &AppState, session: &ActiveSession, typed: &str, client: &ClientInfo) -> Result<(), AppError> {
    require_recent_authentication(state, session)?;
    let phone = PhoneNumber::parse(typed).map_err(|reason| FormError::PhoneInvalid.because(reason))?;
    sms::check_destination(state, phone.as_str())?;
    let account_key = session.account_id.to_string();
    limits::count_or_refuse(
        state,
        &[(Limit::PhonesAddedPerAccount, &account_key), (Limit::PhonesAddedPerClient, &limits::client_key(client))],
    )
    .await?;
    let mut changing: account::ActiveModel = signed_in_owner(state, session).await?.into();
    changing.phone_number = Set(Some(phone.as_str().to_owned()));
    changing.phone_verified_at = Set(None);
    changing.update(&state.db).await?;
    let code = issue_code(state, session.account_id, VERIFY_PURPOSE, phone.as_str()).await?;
    sms::send_limited(state, phone.as_str(), session.lang, &Text::VerifyPhone { code }).await
}

/// Confirms the unconfirmed phone with the code texted to it.
pub async fn confirm(
    state: &AppState,
    session: &ActiveSession,
    code: &str,
    client: &ClientInfo,
) -> Result<(), AppError> {
    require_recent_authentication(state, session)?;
    let found = signed_in_owner(state, session).await?;
    let Some(number) = found.phone_number.clone() else { return Err(FormError::SetupNotStarted.into()) };
    if !one_time_codes::use_code(state, found.id, VERIFY_PURPOSE, &number, code).await? {
        return Err(FormError::CodeInvalid.into());
    }
    let mut verifying: account::ActiveModel = found.clone().into();
    verifying.phone_verified_at = Set(Some(state.now()));
    verifying.update(&state.db).await?;
    security_events::record(state, found.id, SecurityEventKind::PhoneAdded, client).await;
    state.mailer.notify_owner(&found, Mail::PhoneAdded { hint: PhoneNumber::hint(&number) }).await;
    Ok(())
}

/// Removes the phone; codes are no longer texted.
pub async fn remove(state: &AppState, session: &ActiveSession, client: &ClientInfo) -> Result<(), AppError> {
    require_recent_authentication(state, session)?;
    let found = signed_in_owner(state, session).await?;
    let was_verified = found.verified_phone().is_some();
    let mut removing: account::ActiveModel = found.clone().into();
    removing.phone_number = Set(None);
    removing.phone_verified_at = Set(None);
    removing.update(&state.db).await?;
    if was_verified {
        security_events::record(state, found.id, SecurityEventKind::PhoneRemoved, client).await;
        state.mailer.notify_owner(&found, Mail::PhoneRemoved).await;
    }
    Ok(())
}
