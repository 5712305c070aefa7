//! Requests to the API: a path and a body. Never a panic whatever arrives. The path is given its
//! one spelling as the session layer does ([`canonical_path`]): what comes out is a path of this
//! site (one leading slash, never `//host`) and is already canonical. The body is decoded as the
//! server function the first byte picks decodes a form post (server_fn's `serde_qs`
//! configuration), into that function's arguments; what decodes encodes and decodes again to the
//! same.
#![no_main]

use app::api::*;
use app::inbound::paths::canonical_path;
use libfuzzer_sys::fuzz_target;
use serde::{de::DeserializeOwned, Serialize};

/// Decodes `body` as server_fn decodes a form post's arguments.
fn decode<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    serde_qs::Config::new(5, false).deserialize_bytes(body).ok()
}

/// What decodes, encoded again, decodes to the same encoding.
fn round_trip<T: DeserializeOwned + Serialize>(body: &[u8]) {
    if let Some(args) = decode::<T>(body) {
        let encoded = serde_qs::to_string(&args).expect("decoded arguments encode");
        let again = decode::<T>(encoded.as_bytes()).expect("encoded arguments decode");
        assert_eq!(serde_qs::to_string(&again).unwrap(), encoded);
    }
}

/// Every server function's arguments: the first byte of the input picks one.
macro_rules! server_functions {
    ($($name:path,)*) => {
        const DECODERS: &[fn(&[u8])] = &[$(round_trip::<$name>,)*];
    };
}

server_functions! {
    identity::record_link::LinkRecord,
    identity::record_link::LoadLinkProgress,
    identity::record_link::EnterAccessCode,
    identity::record_link::DisputeRecord,
    identity::sessions::LoadDevices,
    identity::sessions::SignOutDevice,
    identity::sessions::SignOutOtherDevices,
    identity::second_factors::LoadFactorSettings,
    identity::second_factors::StartAuthenticatorSetup,
    identity::second_factors::LoadAuthenticatorSetup,
    identity::second_factors::ConfirmAuthenticator,
    identity::second_factors::CreateBackupCodes,
    identity::second_factors::TakeNewBackupCodes,
    identity::second_factors::Reauthenticate,
    identity::second_factors::CancelFactorRecovery,
    identity::second_factors::SendReauthenticationCode,
    identity::second_factors::SendReauthenticationText,
    identity::second_factors::AddPhone,
    identity::second_factors::ConfirmPhone,
    identity::second_factors::RemovePhone,
    identity::security_events::LoadSecurityEvents,
    identity::account_settings::LoadAccountSettings,
    identity::account_settings::SetNotificationChoices,
    identity::account_settings::ChangePassword,
    identity::account_settings::RequestEmailChange,
    identity::account_settings::ConfirmEmailChange,
    identity::account_settings::SetLanguage,
    identity::accounts::CurrentUser,
    identity::accounts::KeepSessionAlive,
    identity::accounts::SignUp,
    identity::accounts::PasswordStrength,
    identity::accounts::ConfirmEmail,
    identity::accounts::SignIn,
    identity::accounts::LoadSecondFactorChoices,
    identity::accounts::SendSignInCode,
    identity::accounts::SendSignInText,
    identity::accounts::VerifySignIn,
    identity::accounts::RequestFactorRecovery,
    identity::accounts::StartFactorRecovery,
    identity::accounts::CompleteFactorRecovery,
    identity::accounts::RequestPasswordReset,
    identity::accounts::ResetPassword,
    identity::accounts::SignOut,
    cases::rescheduling::LoadReschedule,
    cases::rescheduling::RescheduleAppointment,
    cases::inquiries::LoadInquiryForm,
    cases::inquiries::SendInquiry,
    cases::inquiries::LoadInquiry,
    cases::inquiries::ReplyToInquiry,
    cases::paper_cases::AddPaperCase,
    cases::LoadDashboard,
    cases::LoadCase,
    cases::LoadNotifications,
    cases::address_change::LoadAddresses,
    cases::address_change::ChangeAddress,
    cases::evidence::LoadEvidence,
    cases::evidence::RemoveEvidenceFile,
    cases::evidence::SubmitEvidence,
    staff::contact_center::VerifyCaller,
    staff::contact_center::LoadCaller,
    staff::contact_center::HelpCaller,
    staff::cases::LoadQueue,
    staff::cases::SearchCases,
    staff::cases::LoadStaffCase,
    staff::cases::ChangeStatus,
    staff::cases::RequestEvidence,
    staff::cases::Schedule,
    staff::cases::MoveAppointment,
    staff::cases::CancelAppointment,
    staff::cases::Decide,
    staff::inquiries::LoadInquiryQueue,
    staff::inquiries::LoadStaffInquiry,
    staff::inquiries::AnswerInquiry,
    staff::audit::LoadAuditLog,
    staff::accounts::LoadStaffSetup,
    staff::accounts::CompleteStaffSetup,
    staff::accounts::StaffSignIn,
    staff::accounts::CurrentStaff,
    staff::accounts::LoadStaffAccounts,
    staff::accounts::SetStaffDisabled,
}

fuzz_target!(|data: &[u8]| {
    let (path, body) = match data.iter().position(|b| *b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    if let Ok(path) = std::str::from_utf8(path) {
        if path.starts_with('/') {
            if let Some(canonical) = canonical_path(path) {
                assert!(canonical.starts_with('/') && !canonical.starts_with("//"), "{path:?} → {canonical:?}");
                assert_eq!(canonical_path(&canonical), None, "{path:?} → {canonical:?} is canonical");
            }
        }
    }
    if let Some((pick, body)) = body.split_first() {
        DECODERS[*pick as usize % DECODERS.len()](body);
    }
});
