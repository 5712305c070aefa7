//! The staff console's read models as views, in English (the console's language).

use super::accounts::{StaffAccountView, StaffSetUpView};
use super::audit::AuditEntryView;
use super::cases::{
    StaffAppointment, StaffCaseList, StaffCaseRow, StaffCaseView, StaffHistoryEntry, StaffNotice, StatusChoice,
};
use crate::domain::{case_workflow, CaseStatus, Role};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::cases::changes::RFE_DEFAULT_DAYS;
use crate::server::cases::search::{CasePage, CaseRow, StaffCaseRead};
use crate::server::identity::sessions::ActiveSession;
use crate::server::staff::accounts::{SetUpRead, StaffRead};
use crate::server::staff::audit::AuditRead;
use chrono::{DateTime, Duration, Utc};

const LANG: Lang = Lang::En;

fn when(at: DateTime<Utc>) -> String {
    LANG.format_datetime(at)
}

pub fn set_up(read: SetUpRead) -> Result<StaffSetUpView, AppError> {
    let totp =
        crate::api::identity::words::totp_setup(crate::server::identity::second_factors::challenge::TotpSetupRead {
            otpauth_url: read.otpauth_url,
            secret_base32: read.secret_base32,
            already_enrolled: false,
        })?;
    Ok(StaffSetUpView {
        email: read.email,
        name: read.name,
        role: read.role.title().to_owned(),
        qr_data_url: totp.qr_data_url,
        secret_grouped: totp.secret_grouped,
    })
}

pub fn staff_account(read: StaffRead) -> StaffAccountView {
    let state = match (read.disabled_at, read.set_up) {
        (Some(at), _) => format!("Disabled since {}", when(at)),
        (None, false) => "Waiting for set-up".to_owned(),
        (None, true) => "Active".to_owned(),
    };
    StaffAccountView {
        id: read.id,
        name: read.name,
        email: read.email,
        role_title: read.role.title().to_owned(),
        office: read.office.unwrap_or_default(),
        state,
        disabled: read.disabled_at.is_some(),
    }
}

fn row(read: CaseRow) -> StaffCaseRow {
    StaffCaseRow {
        href: crate::routes::staff_case(&read.receipt_number),
        receipt_number: read.receipt_number,
        form: read.form.code().to_owned(),
        status: read.status.title_en().to_owned(),
        full_name: read.full_name,
        office: read.office,
        updated: LANG.format_date(read.status_updated_at.date_naive()),
    }
}

pub fn case_list(heading: String, page: CasePage) -> StaffCaseList {
    StaffCaseList {
        heading,
        summary: match (page.total, page.pages()) {
            (Some(total), Some(pages)) => {
                format!("{total} {}; page {} of {pages}.", if total == 1 { "case" } else { "cases" }, page.page + 1)
            }
            _ => format!("More than {} cases; page {}.", crate::server::cases::search::COUNT_LIMIT, page.page + 1),
        },
        page: page.page + 1,
        has_next: page.has_next,
        rows: page.rows.into_iter().map(row).collect(),
    }
}

pub fn staff_case(read: StaffCaseRead, staff: &ActiveSession, now: DateTime<Utc>) -> StaffCaseView {
    let current = read.row.status;
    let allowed = |status: CaseStatus| case_workflow::may_follow(current, status);
    StaffCaseView {
        version: read.version,
        filed_on: LANG.format_date(read.filed_on),
        full_name: read.record.full_name.clone(),
        a_number: read.record.a_number.or(read.record.uscis_number).unwrap_or_default(),
        date_of_birth: LANG.format_date(read.record.date_of_birth),
        country_of_birth: read.record.country_of_birth,
        linked_account: read.record.linked_account,
        history: read
            .history
            .iter()
            .map(|h| StaffHistoryEntry { status: h.status.title_en().to_owned(), date: LANG.format_date(h.on) })
            .collect(),
        notices: read
            .notices
            .iter()
            .map(|n| StaffNotice {
                notice_type: n.notice_type.code().to_owned(),
                title: n.title.en.clone(),
                date: LANG.format_date(n.notice_date),
                due: n.response_due_on.map(|d| LANG.format_date(d)),
            })
            .collect(),
        appointments: read
            .appointments
            .iter()
            .map(|a| StaffAppointment {
                id: a.id.into(),
                kind: crate::i18n::T(LANG).get(a.appointment.kind.label_key()).to_owned(),
                when: LANG.format_place_time(a.appointment.scheduled_at, &a.appointment.time_zone),
                place: format!("{}, {}", a.appointment.place_name, a.appointment.place_address),
                coming: a.cancelled_at.is_none() && a.appointment.scheduled_at > now,
                cancelled: a.cancelled_at.is_some(),
                rescheduled: a.rescheduled.as_ref().map(|(times, reason)| {
                    let most = crate::server::cases::rescheduling::MAX_RESCHEDULES;
                    format!("Rescheduled by the applicant ({times} of {most}): {reason}")
                }),
            })
            .collect(),
        next_statuses: read
            .next_statuses
            .iter()
            .map(|s| StatusChoice { key: s.key().to_owned(), title: s.title_en().to_owned() })
            .collect(),
        may_request_evidence: allowed(CaseStatus::RequestForEvidenceWasSent),
        may_schedule_biometrics: allowed(CaseStatus::BiometricsAppointmentWasScheduled),
        may_schedule_interview: allowed(CaseStatus::InterviewWasScheduled),
        may_decide: allowed(CaseStatus::CaseWasApproved) || allowed(CaseStatus::CaseWasDenied),
        default_due_on: (now.date_naive() + Duration::days(RFE_DEFAULT_DAYS)).format("%Y-%m-%d").to_string(),
        may_change: staff.role == Role::Officer,
        evidence: Vec::new(),
        row: row(read.row),
    }
}

pub fn audit_entry(read: AuditRead) -> AuditEntryView {
    let mut subject = Vec::new();
    if let Some(case_id) = read.case_id {
        subject.push(format!("case #{case_id}"));
    }
    if let Some(record_id) = read.record_id {
        subject.push(format!("record #{record_id}"));
    }
    if let Some(account_id) = read.account_id {
        subject.push(format!("account #{account_id}"));
    }
    AuditEntryView {
        at: when(read.at),
        actor: read.actor_name,
        role: read.actor_role.title().to_owned(),
        action: read.action.map_or("unknown", |a| a.key()).replace('_', " "),
        subject: subject.join(", "),
        reason: read.reason.unwrap_or_default(),
        detail: read.detail.unwrap_or_default(),
    }
}

pub fn caller(
    read: crate::server::staff::contact_center::CallerRead,
    now: DateTime<Utc>,
) -> super::contact_center::CallerView {
    use crate::server::staff::contact_center::AccountRelation;
    super::contact_center::CallerView {
        verification_id: read.verification_id,
        full_name: read.full_name,
        identifier: read.identifier,
        verified_at: when(read.verified_at),
        cases: read
            .cases
            .into_iter()
            .map(|(receipt, status)| {
                (receipt.clone(), crate::routes::staff_case(&receipt), status.title_en().to_owned())
            })
            .collect(),
        accounts: read
            .accounts
            .into_iter()
            .map(|a| {
                let mut state = Vec::new();
                state.push(if a.confirmed { "Email confirmed" } else { "Email not confirmed" }.to_owned());
                state.push(
                    if a.has_authenticator {
                        "Signs in with an authenticator app"
                    } else {
                        "Signs in with emailed codes"
                    }
                    .to_owned(),
                );
                if let Some(until) = a.paused_until.filter(|u| *u > now) {
                    state.push(format!("Sign-in paused until {}", when(until)));
                }
                if a.recovery_open {
                    state.push("A second-factor recovery is open".to_owned());
                }
                super::contact_center::CallerAccountView {
                    id: a.id,
                    email: a.email,
                    relation: match a.relation {
                        AccountRelation::Linked => "Linked to this record",
                        AccountRelation::Pending => "Gave this record's details; waiting for the access code",
                        AccountRelation::Disputing => "Reported this record as linked to someone else",
                    }
                    .to_owned(),
                    paused: a.paused_until.is_some_and(|u| u > now),
                    confirmed: a.confirmed,
                    has_authenticator: a.has_authenticator,
                    state,
                }
            })
            .collect(),
        disputes: read
            .disputes
            .into_iter()
            .map(|d| super::contact_center::DisputeView {
                id: d.id,
                by: format!("account #{}", d.by),
                details: d.details,
                filed: when(d.created_at),
            })
            .collect(),
    }
}
