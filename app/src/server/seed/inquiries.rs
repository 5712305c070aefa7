//! Demo inquiries of the demo applicant: one about her I-485 that an officer has answered (unread,
//! so the case page shows "New answers: 1"), and one about her I-765 waiting in the queue — the
//! contact center's, which sees every office (the demo officer works New York, and both cases are
//! at the National Benefits Center). Seeded once, while the demo applicant has none.

use crate::domain::{InquiryKind, ReceiptNumber};
use crate::error::AppError;
use crate::server::entities::{account, case, inquiry, inquiry_message};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// A demo thread: its case, type, the applicant's message, and the answer with its author's email.
struct Thread {
    receipt: &'static str,
    kind: InquiryKind,
    question: &'static str,
    answer: Option<(&'static str, &'static str)>,
}

const THREADS: [Thread; 2] = [
    Thread {
        receipt: "IOE0912345601",
        kind: InquiryKind::NoticeNotReceived,
        question: "I moved in March and I never received the receipt notice for this case. Could you send it to my new address?",
        answer: Some((
            "officer@portico.test",
            "We mailed a new copy of your receipt notice to the address on your record. It is also in the Notices \
             list of this case, and you can print it from there.",
        )),
    },
    Thread {
        receipt: "IOE0912345602",
        kind: InquiryKind::TypographicalError,
        question: "My work permit card shows my birth date as 04/26/1986. It should be 04/28/1986.",
        answer: None,
    },
];

pub async fn seed(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let Some(applicant) = account::Entity::find().filter(account::Column::Email.eq(super::DEMO_EMAIL)).one(db).await?
    else {
        return Ok(0);
    };
    if inquiry::Entity::find().filter(inquiry::Column::AccountId.eq(applicant.id)).count(db).await? > 0 {
        return Ok(0);
    }
    let mut created = 0;
    for Thread { receipt, kind, question, answer } in THREADS {
        let receipt = ReceiptNumber::parse(receipt).expect("a demo receipt number");
        let Some(row) = case::Entity::find().filter(case::Column::ReceiptNumber.eq(receipt.as_str())).one(db).await?
        else {
            continue;
        };
        let asked = now - Duration::days(9);
        let answered_at = now - Duration::days(2);
        let staff = match answer {
            Some((email, _)) => account::Entity::find().filter(account::Column::Email.eq(email)).one(db).await?,
            None => None,
        };
        let answer = answer.zip(staff).map(|((_, text), staff)| (text, staff.id));
        let thread = inquiry::ActiveModel {
            case_id: Set(row.id),
            account_id: Set(applicant.id),
            kind: Set(kind),
            opened_at: Set(asked),
            last_message_at: Set(if answer.is_some() { answered_at } else { asked }),
            awaiting_staff: Set(answer.is_none()),
            closed_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        // The question was read by the officer who answered it; the answer is not read yet.
        let mut messages = vec![(None, question, asked, answer.map(|_| answered_at))];
        messages.extend(answer.map(|(text, staff)| (Some(staff), text, answered_at, None)));
        for (staff_id, body, sent_at, read_at) in messages {
            inquiry_message::ActiveModel {
                inquiry_id: Set(thread.id),
                staff_id: Set(staff_id),
                body: Set(body.to_owned()),
                sent_at: Set(sent_at),
                read_at: Set(read_at),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        created += 1;
    }
    Ok(created)
}
