//! What each kind of person may do — every action of every role, decided here and nowhere else.
//!
//! Every server function is registered below under the [`Action`] it performs, and the session
//! layer refuses a call whose action the caller's [`Actor`] may not perform before the function
//! runs (an endpoint missing from the table is refused for everyone). Pages are decided by the
//! area of their path (`page`). Which *record* an applicant may read is the other half of the
//! rule (ownership), decided in `access::readable_record` and applied in every case query.
//! `tests::the_matrix` lists the expected answer for every actor and action; an integration test
//! calls every registered endpoint as every actor and compares.

use crate::domain::Role;
use crate::routes::Area;
use crate::server::web::access::Viewer;

/// Who is asking, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    /// No session.
    Visitor,
    /// A password was accepted; the second factor is awaited.
    SigningIn,
    /// Someone who finished signing in, in their role.
    SignedIn(Role),
}

impl Actor {
    pub const ALL: [Actor; 6] = [
        Actor::Visitor,
        Actor::SigningIn,
        Actor::SignedIn(Role::Applicant),
        Actor::SignedIn(Role::Officer),
        Actor::SignedIn(Role::ContactCenter),
        Actor::SignedIn(Role::Administrator),
    ];

    pub fn of(viewer: &Viewer) -> Actor {
        match viewer {
            Viewer::Anonymous => Actor::Visitor,
            Viewer::SigningIn(_) => Actor::SigningIn,
            Viewer::Applicant(_) => Actor::SignedIn(Role::Applicant),
            Viewer::Staff(session) => Actor::SignedIn(session.role),
        }
    }

    fn is_staff(self) -> bool {
        matches!(self, Actor::SignedIn(role) if role.is_staff())
    }
}

/// Everything a server function can do, grouped by what it means for the person asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Signing up, signing in, recovering a password, following a mail link, choosing a language:
    /// open to anyone (each checks its own token or pending session).
    UsePublicForms,
    /// The second step of signing in, or asking for a lost-factor recovery: a pending session's own.
    FinishSignIn,
    /// Ending one's own session (anyone with a session; harmless without one).
    SignOut,
    /// Reading and changing one's own applicant account: sign-in settings, devices, events, link.
    ManageOwnAccount,
    /// Reading one's own record's cases and notices.
    ReadOwnCases,
    /// Acting on one's own cases: adding a paper-filed case, answering a Request for Evidence,
    /// rescheduling, inquiries, a change of address.
    ActOnOwnCases,
    /// A staff member's first set-up (from the link `portico staff add` printed) and sign-in.
    StaffSignIn,
    /// Searching cases and listing a queue.
    SearchCases,
    /// Opening one case with its record, history, notices and appointments (audited).
    ReadCase,
    /// Changing a case: a status from the workflow, a Request for Evidence, an appointment, a decision.
    ChangeCase,
    /// Checking a caller against a record, and helping them: lifting a pause, a second-factor
    /// reset, a confirmation mail, settling a disputed record.
    HelpCallers,
    /// Listing staff, disabling and enabling staff accounts.
    ManageStaff,
    /// Reading the audit log.
    ReadAuditLog,
    /// Answering (and closing) an applicant's inquiry: officers and the contact center, who both
    /// answer the public.
    AnswerInquiries,
}

impl Action {
    pub const ALL: [Action; 14] = [
        Action::UsePublicForms,
        Action::FinishSignIn,
        Action::SignOut,
        Action::ManageOwnAccount,
        Action::ReadOwnCases,
        Action::ActOnOwnCases,
        Action::StaffSignIn,
        Action::SearchCases,
        Action::ReadCase,
        Action::ChangeCase,
        Action::HelpCallers,
        Action::ManageStaff,
        Action::ReadAuditLog,
        Action::AnswerInquiries,
    ];
}

/// May `actor` perform `action`? The one rule; everything else asks it.
pub fn permits(actor: Actor, action: Action) -> bool {
    use Role::*;
    match action {
        Action::UsePublicForms | Action::SignOut | Action::StaffSignIn => true,
        Action::FinishSignIn => matches!(actor, Actor::Visitor | Actor::SigningIn),
        Action::ManageOwnAccount | Action::ReadOwnCases | Action::ActOnOwnCases => actor == Actor::SignedIn(Applicant),
        Action::SearchCases | Action::ReadCase | Action::AnswerInquiries => {
            matches!(actor, Actor::SignedIn(Officer | ContactCenter))
        }
        Action::ChangeCase => actor == Actor::SignedIn(Officer),
        Action::HelpCallers => actor == Actor::SignedIn(ContactCenter),
        Action::ManageStaff | Action::ReadAuditLog => actor == Actor::SignedIn(Administrator),
    }
}

/// May `actor` open a page in `area`? Staff pages are for staff (each server function behind a
/// page asks for its own action); an applicant's pages for applicants.
pub fn may_open(actor: Actor, area: Area) -> bool {
    match area {
        Area::Public | Area::FromMail => true,
        Area::Applicant => actor == Actor::SignedIn(Role::Applicant),
        Area::Staff => actor.is_staff(),
    }
}

/// Every server function's endpoint (the part after `/api/`) and the action it performs.
pub const ENDPOINTS: [(&str, Action); 80] = [
    ("whoami", Action::UsePublicForms),
    ("password_strength", Action::UsePublicForms),
    ("keep_session_alive", Action::SignOut),
    ("sign_up", Action::UsePublicForms),
    ("confirm_email", Action::UsePublicForms),
    ("sign_in", Action::UsePublicForms),
    ("set_language", Action::UsePublicForms),
    ("request_password_reset", Action::UsePublicForms),
    ("reset_password", Action::UsePublicForms),
    ("confirm_email_change", Action::UsePublicForms),
    ("start_factor_recovery", Action::UsePublicForms),
    ("second_factor_choices", Action::FinishSignIn),
    ("send_sign_in_code", Action::FinishSignIn),
    ("send_sign_in_text", Action::FinishSignIn),
    ("verify_sign_in", Action::FinishSignIn),
    ("request_factor_recovery", Action::FinishSignIn),
    ("complete_factor_recovery", Action::FinishSignIn),
    ("sign_out", Action::SignOut),
    ("account_settings", Action::ManageOwnAccount),
    ("change_password", Action::ManageOwnAccount),
    ("set_notification_choices", Action::ManageOwnAccount),
    ("request_email_change", Action::ManageOwnAccount),
    ("factor_settings", Action::ManageOwnAccount),
    ("reauthenticate", Action::ManageOwnAccount),
    ("send_reauthentication_code", Action::ManageOwnAccount),
    ("send_reauthentication_text", Action::ManageOwnAccount),
    ("start_authenticator_setup", Action::ManageOwnAccount),
    ("authenticator_setup", Action::ManageOwnAccount),
    ("confirm_authenticator", Action::ManageOwnAccount),
    ("create_backup_codes", Action::ManageOwnAccount),
    ("new_backup_codes", Action::ManageOwnAccount),
    ("add_phone", Action::ManageOwnAccount),
    ("confirm_phone", Action::ManageOwnAccount),
    ("remove_phone", Action::ManageOwnAccount),
    ("cancel_factor_recovery", Action::ManageOwnAccount),
    ("devices", Action::ManageOwnAccount),
    ("sign_out_device", Action::ManageOwnAccount),
    ("sign_out_other_devices", Action::ManageOwnAccount),
    ("security_events", Action::ManageOwnAccount),
    ("link_record", Action::ManageOwnAccount),
    ("link_progress", Action::ManageOwnAccount),
    ("enter_access_code", Action::ManageOwnAccount),
    ("dispute_record", Action::ManageOwnAccount),
    ("dashboard", Action::ReadOwnCases),
    ("case_detail", Action::ReadOwnCases),
    ("add_paper_case", Action::ActOnOwnCases),
    ("address_page", Action::ReadOwnCases),
    ("change_address", Action::ActOnOwnCases),
    ("reschedule_page", Action::ReadOwnCases),
    ("reschedule_appointment", Action::ActOnOwnCases),
    ("notifications", Action::ReadOwnCases),
    ("evidence_page", Action::ReadOwnCases),
    ("remove_evidence_file", Action::ActOnOwnCases),
    ("submit_evidence", Action::ActOnOwnCases),
    ("inquiry_form", Action::ReadOwnCases),
    ("send_inquiry", Action::ActOnOwnCases),
    ("inquiry_thread", Action::ReadOwnCases),
    ("reply_to_inquiry", Action::ActOnOwnCases),
    ("staff_setup", Action::StaffSignIn),
    ("staff_complete_setup", Action::StaffSignIn),
    ("staff_sign_in", Action::StaffSignIn),
    ("staff_whoami", Action::StaffSignIn),
    ("staff_queue", Action::SearchCases),
    ("staff_search", Action::SearchCases),
    ("staff_case", Action::ReadCase),
    ("staff_change_status", Action::ChangeCase),
    ("staff_request_evidence", Action::ChangeCase),
    ("staff_schedule", Action::ChangeCase),
    ("staff_decide", Action::ChangeCase),
    ("staff_move_appointment", Action::ChangeCase),
    ("staff_cancel_appointment", Action::ChangeCase),
    ("staff_verify_caller", Action::HelpCallers),
    ("staff_caller", Action::HelpCallers),
    ("staff_help_caller", Action::HelpCallers),
    ("staff_accounts", Action::ManageStaff),
    ("staff_set_disabled", Action::ManageStaff),
    ("staff_audit_log", Action::ReadAuditLog),
    ("staff_inquiries", Action::SearchCases),
    ("staff_inquiry", Action::ReadCase),
    ("staff_answer_inquiry", Action::AnswerInquiries),
];

/// The action of a server-function request path (`/api/<endpoint>`); `None` for a path that is
/// not a registered endpoint (refused).
pub fn action_of(path: &str) -> Option<Action> {
    let endpoint = path.strip_prefix("/api/")?;
    ENDPOINTS.iter().find(|(name, _)| *name == endpoint).map(|(_, action)| *action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    const V: Actor = Actor::Visitor;
    const P: Actor = Actor::SigningIn;
    const A: Actor = Actor::SignedIn(Applicant);
    const O: Actor = Actor::SignedIn(Officer);
    const C: Actor = Actor::SignedIn(ContactCenter);
    const D: Actor = Actor::SignedIn(Administrator);

    /// Every action and exactly who may perform it. A new action fails `every_action_has_a_row`
    /// until it is given a row here, on purpose: someone must decide who may do it.
    const MATRIX: [(Action, &[Actor]); 14] = [
        (Action::UsePublicForms, &[V, P, A, O, C, D]),
        (Action::FinishSignIn, &[V, P]),
        (Action::SignOut, &[V, P, A, O, C, D]),
        (Action::ManageOwnAccount, &[A]),
        (Action::ReadOwnCases, &[A]),
        (Action::ActOnOwnCases, &[A]),
        (Action::StaffSignIn, &[V, P, A, O, C, D]),
        (Action::SearchCases, &[O, C]),
        (Action::ReadCase, &[O, C]),
        (Action::ChangeCase, &[O]),
        (Action::HelpCallers, &[C]),
        (Action::ManageStaff, &[D]),
        (Action::ReadAuditLog, &[D]),
        (Action::AnswerInquiries, &[O, C]),
    ];

    #[test]
    fn every_action_has_a_row() {
        for action in Action::ALL {
            assert!(MATRIX.iter().any(|(a, _)| *a == action), "{action:?} has no row in the matrix");
        }
    }

    #[test]
    fn the_matrix() {
        for (action, allowed) in MATRIX {
            for actor in Actor::ALL {
                assert_eq!(permits(actor, action), allowed.contains(&actor), "{actor:?} {action:?}");
            }
        }
    }

    #[test]
    fn endpoints_are_listed_once() {
        for (i, (name, _)) in ENDPOINTS.iter().enumerate() {
            assert!(ENDPOINTS[i + 1..].iter().all(|(other, _)| other != name), "{name} twice");
            assert!(action_of(&format!("/api/{name}")).is_some());
        }
        assert_eq!(action_of("/api/no_such_function"), None);
        assert_eq!(action_of("/dashboard"), None);
    }

    #[test]
    fn pages_open_by_area() {
        for actor in Actor::ALL {
            assert!(may_open(actor, Area::Public));
            assert!(may_open(actor, Area::FromMail));
            assert_eq!(may_open(actor, Area::Applicant), actor == A, "{actor:?}");
            assert_eq!(may_open(actor, Area::Staff), [O, C, D].contains(&actor), "{actor:?}");
        }
    }
}
