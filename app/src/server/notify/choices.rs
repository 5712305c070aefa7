//! Notification choices (see `domain::notification_choice`): per account and kind of news, the
//! channel chosen. Every sender asks [`deliveries`] what to send; nothing else reads the table.

use crate::domain::{AccountId, Channel, NotificationKind};
use crate::error::{AppError, FormError};
use crate::server::entities::{account, notification_choice};
use crate::server::identity::sessions::ActiveSession;
use crate::server::AppState;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Each kind's channel (email where nothing was chosen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices(pub Vec<(NotificationKind, Channel)>);

impl Choices {
    pub fn of(&self, kind: NotificationKind) -> Channel {
        self.0.iter().find(|(k, _)| *k == kind).map_or(Channel::DEFAULT, |(_, c)| *c)
    }
}

/// The account's choices, every kind listed.
pub async fn of(db: &impl ConnectionTrait, account_id: AccountId) -> Result<Choices, AppError> {
    let rows = notification_choice::Entity::find()
        .filter(notification_choice::Column::AccountId.eq(account_id))
        .all(db)
        .await?;
    Ok(Choices(
        NotificationKind::ALL
            .into_iter()
            .map(|kind| (kind, rows.iter().find(|r| r.kind == kind).map_or(Channel::DEFAULT, |r| r.channel)))
            .collect(),
    ))
}

/// What to send `owner` about news of `kind`: (mail, text).
pub async fn deliveries(
    db: &impl ConnectionTrait,
    owner: &account::Model,
    kind: NotificationKind,
) -> Result<(bool, bool), AppError> {
    Ok(of(db, owner.id).await?.of(kind).deliveries(owner.verified_phone().is_some()))
}

/// Saves the owner's choices (kinds not given keep theirs). A choice with texts needs a confirmed
/// phone.
pub async fn set(
    state: &AppState,
    session: &ActiveSession,
    chosen: &[(NotificationKind, Channel)],
) -> Result<(), AppError> {
    let owner =
        account::Entity::find_by_id(session.account_id).one(&state.db).await?.ok_or(AppError::SignInRequired)?;
    if owner.verified_phone().is_none() && chosen.iter().any(|(_, channel)| channel.texts()) {
        return Err(FormError::NoPhoneForTexts.into());
    }
    let tx = crate::server::begin_write(&state.db).await?;
    for (kind, channel) in chosen {
        // One row per account and kind (a unique index): a save racing another updates it.
        let row = notification_choice::ActiveModel {
            account_id: Set(owner.id),
            kind: Set(*kind),
            channel: Set(*channel),
            ..Default::default()
        };
        notification_choice::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([notification_choice::Column::AccountId, notification_choice::Column::Kind])
                    .update_column(notification_choice::Column::Channel)
                    .to_owned(),
            )
            .exec_without_returning(&tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
