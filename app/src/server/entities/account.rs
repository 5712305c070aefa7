//! Table `accounts`: a person's sign-in (email, password, second factors) and the record it is
//! linked to.

use crate::domain::{AccountId, RecordId, Role};
use crate::i18n::Lang;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: AccountId,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: String,
    #[sea_orm(unique)]
    pub record_id: Option<RecordId>,
    pub record_linked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// `None` until the owner follows the confirmation link; such an account cannot sign in.
    pub email_confirmed_at: Option<DateTimeUtc>,
    /// The authenticator app's secret, sealed with the server key (see `secrets.rs`).
    pub totp_secret: Option<String>,
    /// A secret shown for setting up, not yet confirmed with a first code.
    pub totp_pending_secret: Option<String>,
    pub totp_enrolled_at: Option<DateTimeUtc>,
    /// The last TOTP step accepted; that step and earlier ones are refused from then on.
    pub totp_last_step: Option<i64>,
    /// The language mail and pages use for this person (`crate::i18n::Lang` tag).
    pub language: Lang,
    /// E.164, e.g. "+12025550143"; sent codes only once `phone_verified_at` is set.
    pub phone_number: Option<String>,
    pub phone_verified_at: Option<DateTimeUtc>,
    /// A new sign-in address waiting for its confirmation link.
    pub pending_email: Option<String>,
    /// A record whose details this account gave, waiting for the record's online access code; the
    /// account sees nothing of it until then.
    pub pending_record_id: Option<RecordId>,
    pub pending_record_at: Option<DateTimeUtc>,
    /// A record whose details this account gave while another account held it (what a dispute of
    /// this account's is about).
    pub contested_record_id: Option<RecordId>,
    /// When the authenticator set-up in `totp_pending_secret` began; it expires 15 minutes later.
    pub totp_pending_at: Option<DateTimeUtc>,
    /// Applicant, or one of the staff roles (given only by `portico staff add`).
    pub role: Role,
    /// A staff member's name, as the audit log and applicants see it.
    pub display_name: Option<String>,
    /// An officer's office (the queue they work).
    pub office: Option<String>,
    /// Set by an administrator: the account can no longer sign in, and its sessions have ended.
    pub disabled_at: Option<DateTimeUtc>,
}

impl Model {
    pub fn lang(&self) -> Lang {
        self.language
    }

    /// The phone to text codes to, if one is verified.
    pub fn verified_phone(&self) -> Option<&str> {
        self.phone_verified_at.and(self.phone_number.as_deref())
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
