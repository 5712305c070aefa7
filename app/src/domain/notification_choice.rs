//! How an applicant wants to hear about each kind of news: by email, by text, both, or only in
//! Portico (the notifications list and the dashboard, which always show everything).

use super::ParseError;
use serde::{Deserialize, Serialize};

/// A kind of news an applicant chooses a channel for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(value_type = "String", from_str = "NotificationKind::from_key", to_str = "NotificationKind::stored")
)]
pub enum NotificationKind {
    /// A case's status moved (or it was decided).
    StatusChange,
    /// A new notice that is not about a status or an appointment (a Request for Evidence), and
    /// answers to the applicant's inquiries.
    Notice,
    /// An appointment scheduled, moved or cancelled by USCIS.
    Appointment,
    /// Reminders 7 days and 1 day before a response is due or an appointment.
    Reminder,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 4] = [
        NotificationKind::StatusChange,
        NotificationKind::Notice,
        NotificationKind::Appointment,
        NotificationKind::Reminder,
    ];

    pub fn key(self) -> &'static str {
        match self {
            NotificationKind::StatusChange => "status_change",
            NotificationKind::Notice => "notice",
            NotificationKind::Appointment => "appointment",
            NotificationKind::Reminder => "reminder",
        }
    }

    #[cfg(feature = "ssr")]
    fn stored(&self) -> &'static str {
        self.key()
    }

    pub fn from_key(key: &str) -> Result<Self, ParseError> {
        NotificationKind::ALL.into_iter().find(|kind| kind.key() == key).ok_or(ParseError::UnknownStoredValue)
    }

    pub fn label_key(self) -> crate::i18n::Key {
        match self {
            NotificationKind::StatusChange => key!("choices.kind.status_change"),
            NotificationKind::Notice => key!("choices.kind.notice"),
            NotificationKind::Appointment => key!("choices.kind.appointment"),
            NotificationKind::Reminder => key!("choices.kind.reminder"),
        }
    }
}

/// Where news of one kind goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
#[cfg_attr(feature = "ssr", sea_orm(value_type = "String", from_str = "Channel::from_key", to_str = "Channel::stored"))]
pub enum Channel {
    Email,
    Text,
    Both,
    /// Only in Portico: nothing is mailed or texted.
    InApp,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Email, Channel::Text, Channel::Both, Channel::InApp];

    /// What an account that chose nothing gets.
    pub const DEFAULT: Channel = Channel::Email;

    pub fn key(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Text => "text",
            Channel::Both => "both",
            Channel::InApp => "in_app",
        }
    }

    #[cfg(feature = "ssr")]
    fn stored(&self) -> &'static str {
        self.key()
    }

    pub fn from_key(key: &str) -> Result<Self, ParseError> {
        Channel::ALL.into_iter().find(|c| c.key() == key).ok_or(ParseError::UnknownStoredValue)
    }

    pub fn label_key(self) -> crate::i18n::Key {
        match self {
            Channel::Email => key!("choices.channel.email"),
            Channel::Text => key!("choices.channel.text"),
            Channel::Both => key!("choices.channel.both"),
            Channel::InApp => key!("choices.channel.in_app"),
        }
    }

    /// Whether the channel needs a confirmed phone.
    pub fn texts(self) -> bool {
        matches!(self, Channel::Text | Channel::Both)
    }

    /// What is sent: (mail, text). A text needs a confirmed phone; news chosen as text only, for an
    /// account whose phone has gone since, is mailed instead — nobody misses a deadline because a
    /// phone was removed.
    pub fn deliveries(self, has_phone: bool) -> (bool, bool) {
        match (self, has_phone) {
            (Channel::Email, _) => (true, false),
            (Channel::Text, true) => (false, true),
            (Channel::Text, false) => (true, false),
            (Channel::Both, phone) => (true, phone),
            (Channel::InApp, _) => (false, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_sends_what_it_says_and_never_texts_without_a_phone() {
        assert_eq!(Channel::Email.deliveries(true), (true, false));
        assert_eq!(Channel::Text.deliveries(true), (false, true));
        assert_eq!(Channel::Text.deliveries(false), (true, false), "mailed when the phone is gone");
        assert_eq!(Channel::Both.deliveries(true), (true, true));
        assert_eq!(Channel::Both.deliveries(false), (true, false));
        assert_eq!(Channel::InApp.deliveries(true), (false, false));
        for channel in Channel::ALL {
            assert_eq!(Channel::from_key(channel.key()), Ok(channel));
        }
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::from_key(kind.key()), Ok(kind));
        }
    }
}
