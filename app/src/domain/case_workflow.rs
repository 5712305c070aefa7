//! Which status may follow which: the one place the case workflow is decided. An officer's status
//! change is checked here; the console offers exactly these. A case moves along its flow (receipt,
//! biometrics, review, evidence, interview, decision, card or document); while it is open it may
//! also take an update (name, address, an expedite request …), be withdrawn or closed, and an
//! update returns it to review. A decision is final except for a reopen, which sends the case back
//! to review.

use super::{CaseStage, CaseStatus};
use CaseStatus::*;

/// Updates an open case may take at any point, after which it is back under review.
pub const UPDATES: [CaseStatus; 7] = [
    NameWasUpdated,
    DateOfBirthWasUpdated,
    AddressWasUpdated,
    DuplicateNoticeWasMailed,
    ExpediteRequestReceived,
    CorrespondenceWasReceived,
    NoticeExplainingActionsWasMailed,
];

/// Ends an open case may come to at any point, without a decision on its merits.
pub const CLOSINGS: [CaseStatus; 2] = [WithdrawalAcknowledged, CaseClosedBenefitReceivedOtherwise];

/// The way a case moves forward from `status` (updates and closings come on top, see
/// [`next_statuses`]).
fn flow(status: CaseStatus) -> &'static [CaseStatus] {
    match status {
        CaseWasReceived => &[
            ReceiptNoticeWasSent,
            FeesWereWaived,
            FingerprintFeeWasReceived,
            BiometricsAppointmentWasScheduled,
            CaseIsBeingActivelyReviewed,
            RejectedNotSigned,
            RejectedIncorrectFee,
            RejectedImproperlyFiled,
            RejectedOldFormVersion,
        ],
        ReceiptNoticeWasSent => &[
            FingerprintFeeWasReceived,
            BiometricsAppointmentWasScheduled,
            CaseIsBeingActivelyReviewed,
            RequestForInitialEvidenceWasSent,
            CaseWasTransferred,
        ],
        FeesWereWaived => &[ReceiptNoticeWasSent, BiometricsAppointmentWasScheduled],
        FingerprintFeeWasReceived => &[BiometricsAppointmentWasScheduled],
        BiometricsAppointmentWasScheduled => &[FingerprintsWereTaken, RescheduleRequestWasReceived],
        RescheduleRequestWasReceived => &[BiometricsAppointmentWasScheduled],
        FingerprintsWereTaken => &[
            CaseIsBeingActivelyReviewed,
            CaseWasTransferred,
            RequestForEvidenceWasSent,
            ReadyToBeScheduledForInterview,
            CaseWasApproved,
        ],
        CaseIsBeingActivelyReviewed => &[
            RequestForEvidenceWasSent,
            NoticeOfIntentToDenyWasSent,
            ReadyToBeScheduledForInterview,
            BiometricsAppointmentWasScheduled,
            CaseWasTransferred,
            CaseWasApproved,
            CaseWasDenied,
        ],
        CaseWasTransferred => {
            &[CaseIsBeingActivelyReviewed, BiometricsAppointmentWasScheduled, ReadyToBeScheduledForInterview]
        }
        CaseWasReopened => &[CaseIsBeingActivelyReviewed, RequestForEvidenceWasSent, ReadyToBeScheduledForInterview],
        NameWasUpdated
        | DateOfBirthWasUpdated
        | AddressWasUpdated
        | DuplicateNoticeWasMailed
        | CorrespondenceWasReceived
        | NoticeExplainingActionsWasMailed
        | ExpediteRequestDenied => &[CaseIsBeingActivelyReviewed],
        ExpediteRequestReceived => &[ExpediteRequestDenied, CaseIsBeingActivelyReviewed],
        RequestForEvidenceWasSent | RequestForInitialEvidenceWasSent => {
            &[ResponseToEvidenceRequestWasReceived, CaseWasDenied]
        }
        NoticeOfIntentToDenyWasSent => &[ResponseToEvidenceRequestWasReceived, CaseWasDenied],
        ResponseToEvidenceRequestWasReceived => &[
            CaseIsBeingActivelyReviewed,
            ReadyToBeScheduledForInterview,
            RequestForEvidenceWasSent,
            CaseWasApproved,
            CaseWasDenied,
        ],
        ReadyToBeScheduledForInterview => &[InterviewWasScheduled],
        InterviewWasScheduled | InterviewWasRescheduled => &[InterviewWasCompleted, InterviewWasRescheduled],
        InterviewWasCompleted => {
            &[CaseIsBeingActivelyReviewed, RequestForEvidenceWasSent, CaseWasApproved, CaseWasDenied]
        }
        CaseWasApproved => {
            &[NewCardIsBeingProduced, OathCeremonyWasScheduled, DocumentWasMailed, SentToDepartmentOfState]
        }
        OathCeremonyWasScheduled => &[DocumentWasMailed],
        CaseWasDenied => &[DecisionNoticeMailed, CaseWasReopened],
        DecisionNoticeMailed => &[CaseWasReopened],
        NewCardIsBeingProduced => &[CardWasMailed],
        CardWasMailed => &[CardWasPickedUpByUsps, CardWasDelivered, CardWasReturned],
        CardWasPickedUpByUsps => &[CardWasDelivered, CardWasReturned],
        CardWasReturned => &[CardWasMailed],
        DocumentWasMailed => &[DocumentWasDelivered],
        CardWasDelivered
        | DocumentWasDelivered
        | SentToDepartmentOfState
        | WithdrawalAcknowledged
        | CaseClosedBenefitReceivedOtherwise
        | RejectedNotSigned
        | RejectedIncorrectFee
        | RejectedImproperlyFiled
        | RejectedOldFormVersion => &[],
    }
}

/// A case is open until it is decided (or rejected, withdrawn, closed): it can still take updates.
pub fn is_open(status: CaseStatus) -> bool {
    status.stage() < CaseStage::Decision
}

/// Whether moving to `status` decides a case (what processing times count, `server::cases::estimates`).
pub fn is_decision(status: CaseStatus) -> bool {
    matches!(status, CaseWasApproved | CaseWasDenied)
}

/// Every status that may follow `status`, in the order an officer is offered them.
pub fn next_statuses(status: CaseStatus) -> Vec<CaseStatus> {
    let mut next: Vec<CaseStatus> = flow(status).to_vec();
    if is_open(status) {
        next.extend(UPDATES);
        next.extend(CLOSINGS);
    }
    let mut seen = std::collections::HashSet::new();
    next.retain(|s| *s != status && seen.insert(*s));
    next
}

/// Whether a case in `from` may move to `to`.
pub fn may_follow(from: CaseStatus, to: CaseStatus) -> bool {
    next_statuses(from).contains(&to)
}

/// Whether nothing may follow `status`.
pub fn is_final(status: CaseStatus) -> bool {
    next_statuses(status).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashSet, VecDeque};

    fn reachable_from(start: CaseStatus) -> HashSet<CaseStatus> {
        let mut seen = HashSet::from([start]);
        let mut queue = VecDeque::from([start]);
        while let Some(status) = queue.pop_front() {
            for next in next_statuses(status) {
                if seen.insert(next) {
                    queue.push_back(next);
                }
            }
        }
        seen
    }

    #[test]
    fn every_status_is_reachable_from_case_was_received() {
        let reached = reachable_from(CaseWasReceived);
        let missing: Vec<_> = CaseStatus::ALL.iter().filter(|s| !reached.contains(s)).collect();
        assert!(missing.is_empty(), "not reachable from Case Was Received: {missing:?}");
    }

    #[test]
    fn every_status_can_come_to_an_end() {
        for &status in CaseStatus::ALL {
            assert!(reachable_from(status).iter().any(|s| is_final(*s)), "{status:?} can never end");
        }
    }

    #[test]
    fn decisions_are_final_except_for_a_reopen() {
        for &status in CaseStatus::ALL.iter().filter(|s| !is_open(**s)) {
            for next in next_statuses(status) {
                // After a decision a case only goes on to its card or document, or is reopened.
                assert!(
                    next == CaseWasReopened || next.stage() >= status.stage(),
                    "{status:?} goes back to {next:?} without a reopen"
                );
            }
        }
        assert!(may_follow(CaseWasDenied, CaseWasReopened));
        assert!(may_follow(CaseWasReopened, CaseIsBeingActivelyReviewed));
        for end in [CardWasDelivered, DocumentWasDelivered, WithdrawalAcknowledged, RejectedIncorrectFee] {
            assert!(is_final(end), "{end:?}");
        }
    }

    #[test]
    fn an_open_case_takes_updates_and_returns_to_review() {
        assert!(may_follow(InterviewWasScheduled, AddressWasUpdated));
        assert!(may_follow(AddressWasUpdated, CaseIsBeingActivelyReviewed));
        assert!(may_follow(RequestForEvidenceWasSent, WithdrawalAcknowledged));
        assert!(!may_follow(CaseWasApproved, AddressWasUpdated), "a decided case takes no updates");
        assert!(!may_follow(CaseWasReceived, CaseWasReceived), "no status follows itself");
        assert!(!may_follow(CardWasDelivered, CaseWasReceived));
    }
}
