//! The demo people's cases: every stage, notices in English and Spanish, appointments and an
//! open Request for Evidence, with days counted from the moment of seeding.

use crate::domain::{AppointmentKind, CaseStatus, FormType, NoticeType};

pub(super) struct DemoNotice {
    pub(super) days_ago: i64,
    pub(super) notice_type: NoticeType,
    pub(super) title: &'static str,
    pub(super) title_es: &'static str,
    pub(super) body: &'static str,
    pub(super) body_es: &'static str,
    pub(super) due_in_days: Option<i64>,
}

pub(super) struct DemoAppointment {
    pub(super) in_days: i64,
    pub(super) hour_utc: u32,
    pub(super) kind: AppointmentKind,
    /// A code of `domain::office::PLACES`.
    pub(super) place: &'static str,
}

pub(super) struct DemoCase {
    pub(super) receipt: &'static str,
    pub(super) form: FormType,
    /// Each status with how many days ago it happened, oldest first; the last is the current one.
    pub(super) history: &'static [(CaseStatus, i64)],
    pub(super) notices: &'static [DemoNotice],
    pub(super) appointments: &'static [DemoAppointment],
}

use CaseStatus::*;

pub(super) const MARIA_CASES: &[DemoCase] = &[
    DemoCase {
        receipt: "IOE0912345601",
        form: FormType::I485,
        history: &[
            (CaseWasReceived, 200),
            (FingerprintFeeWasReceived, 199),
            (BiometricsAppointmentWasScheduled, 182),
            (FingerprintsWereTaken, 160),
            (CaseIsBeingActivelyReviewed, 100),
            (RequestForEvidenceWasSent, 15),
        ],
        notices: &[
            DemoNotice {
                days_ago: 198,
                notice_type: NoticeType::I797C,
                title: "Receipt Notice",
                title_es: "Aviso de Recibo",
                body: "We received your Form I-485 and the fee. Keep this notice.",
                body_es: "Recibimos su Formulario I-485 y la tarifa. Guarde este aviso.",
                due_in_days: None,
            },
            DemoNotice {
                days_ago: 182,
                notice_type: NoticeType::I797C,
                title: "Biometrics Appointment Notice",
                title_es: "Aviso de Cita de Datos Biométricos",
                body: "Go to the Application Support Center at the time shown with this notice and photo identification.",
                body_es: "Acuda al Centro de Asistencia para Solicitudes a la hora indicada con este aviso y una identificación con foto.",
                due_in_days: None,
            },
            DemoNotice {
                days_ago: 15,
                notice_type: NoticeType::I797E,
                title: "Request for Evidence",
                title_es: "Solicitud de Evidencia",
                body: "Submit Form I-864, Affidavit of Support, with the petitioner's most recent federal tax return.",
                body_es: "Envíe el Formulario I-864, Declaración Jurada de Patrocinio Económico, con la declaración federal de impuestos más reciente del peticionario.",
                due_in_days: Some(72),
            },
        ],
        appointments: &[],
    },
    DemoCase {
        receipt: "IOE0912345602",
        form: FormType::I765,
        history: &[
            (CaseWasReceived, 200),
            (BiometricsAppointmentWasScheduled, 182),
            (FingerprintsWereTaken, 160),
            (CaseWasApproved, 60),
            (NewCardIsBeingProduced, 58),
            (CardWasMailed, 55),
        ],
        notices: &[
            DemoNotice {
                days_ago: 198,
                notice_type: NoticeType::I797C,
                title: "Receipt Notice",
                title_es: "Aviso de Recibo",
                body: "We received your Form I-765.",
                body_es: "Recibimos su Formulario I-765.",
                due_in_days: None,
            },
            DemoNotice {
                days_ago: 60,
                notice_type: NoticeType::I797,
                title: "Approval Notice",
                title_es: "Aviso de Aprobación",
                body: "Your application for employment authorization was approved. Your card will be mailed.",
                body_es: "Su solicitud de autorización de empleo fue aprobada. Le enviaremos su tarjeta por correo.",
                due_in_days: None,
            },
        ],
        appointments: &[],
    },
    DemoCase {
        receipt: "EAC2290123403",
        form: FormType::I131,
        history: &[(CaseWasReceived, 30), (BiometricsAppointmentWasScheduled, 5)],
        notices: &[
            DemoNotice {
                days_ago: 29,
                notice_type: NoticeType::I797C,
                title: "Receipt Notice",
                title_es: "Aviso de Recibo",
                body: "We received your Form I-131.",
                body_es: "Recibimos su Formulario I-131.",
                due_in_days: None,
            },
            DemoNotice {
                days_ago: 5,
                notice_type: NoticeType::I797C,
                title: "Biometrics Appointment Notice",
                title_es: "Aviso de Cita de Datos Biométricos",
                body: "Bring this notice and photo identification to your appointment.",
                body_es: "Traiga este aviso y una identificación con foto a su cita.",
                due_in_days: None,
            },
        ],
        appointments: &[DemoAppointment {
            in_days: 10,
            hour_utc: 16,
            kind: AppointmentKind::Biometrics,
            place: "LAA",
        }],
    },
];

pub(super) const AHMED_CASES: &[DemoCase] = &[
    DemoCase {
        receipt: "LIN2190123404",
        form: FormType::N400,
        history: &[
            (CaseWasReceived, 300),
            (BiometricsAppointmentWasScheduled, 285),
            (FingerprintsWereTaken, 270),
            (ReadyToBeScheduledForInterview, 60),
            (InterviewWasScheduled, 10),
        ],
        notices: &[
            DemoNotice {
                days_ago: 298,
                notice_type: NoticeType::I797C,
                title: "Receipt Notice",
                title_es: "Aviso de Recibo",
                body: "We received your Form N-400.",
                body_es: "Recibimos su Formulario N-400.",
                due_in_days: None,
            },
            DemoNotice {
                days_ago: 10,
                notice_type: NoticeType::I797C,
                title: "Interview Appointment Notice",
                title_es: "Aviso de Cita para Entrevista",
                body: "Come to your naturalization interview with this notice, your green card and your passports.",
                body_es: "Venga a su entrevista de naturalización con este aviso, su tarjeta de residente permanente y sus pasaportes.",
                due_in_days: None,
            },
        ],
        appointments: &[DemoAppointment {
            in_days: 25,
            hour_utc: 15,
            kind: AppointmentKind::Interview,
            place: "CHI",
        }],
    },
    DemoCase {
        receipt: "WAC2290123405",
        form: FormType::I90,
        history: &[(CaseWasReceived, 40), (ReceiptNoticeWasSent, 38)],
        notices: &[DemoNotice {
            days_ago: 38,
            notice_type: NoticeType::I797C,
            title: "Receipt Notice",
            title_es: "Aviso de Recibo",
            body: "We received your Form I-90. Carry this notice with your expired card as proof of status.",
            body_es: "Recibimos su Formulario I-90. Lleve este aviso con su tarjeta vencida como prueba de su estatus.",
            due_in_days: None,
        }],
        appointments: &[],
    },
];

pub(super) const LI_CASES: &[DemoCase] = &[
    DemoCase {
        receipt: "SRC2290123406",
        form: FormType::I130,
        history: &[
            (CaseWasReceived, 500),
            (CaseIsBeingActivelyReviewed, 200),
            (CaseWasApproved, 20),
            (SentToDepartmentOfState, 10),
        ],
        notices: &[DemoNotice {
            days_ago: 20,
            notice_type: NoticeType::I797,
            title: "Approval Notice",
            title_es: "Aviso de Aprobación",
            body: "Your petition was approved and sent to the National Visa Center.",
            body_es: "Su petición fue aprobada y enviada al Centro Nacional de Visas.",
            due_in_days: None,
        }],
        appointments: &[],
    },
    DemoCase {
        receipt: "MSC2290123407",
        form: FormType::I539,
        history: &[(CaseWasReceived, 120), (CaseIsBeingActivelyReviewed, 80), (CaseWasDenied, 12)],
        notices: &[DemoNotice {
            days_ago: 12,
            notice_type: NoticeType::I292,
            title: "Decision Notice",
            title_es: "Aviso de Decisión",
            body: "Your application to extend your stay was denied. The notice explains why and your options.",
            body_es: "Su solicitud para extender su estadía fue denegada. El aviso explica por qué y cuáles son sus opciones.",
            due_in_days: None,
        }],
        appointments: &[],
    },
];

pub(super) const SOFIA_CASES: &[DemoCase] = &[DemoCase {
    receipt: "EAC2290123408",
    form: FormType::I821D,
    history: &[(CaseWasReceived, 20), (FingerprintFeeWasReceived, 19)],
    notices: &[DemoNotice {
        days_ago: 19,
        notice_type: NoticeType::I797C,
        title: "Receipt Notice",
        title_es: "Aviso de Recibo",
        body: "We received your Form I-821D.",
        body_es: "Recibimos su Formulario I-821D.",
        due_in_days: None,
    }],
    appointments: &[],
}];

/// María's cases filed on paper: not on her account until she adds them (`/add-case`), one with
/// the online access code from its Account Access Notice, one with her date of birth.
pub(super) const MARIA_PAPER_CASES: &[(DemoCase, Option<&str>)] = &[
    (
        DemoCase {
            receipt: "IOE0912345609",
            form: FormType::I130,
            history: &[(CaseWasReceived, 30), (ReceiptNoticeWasSent, 28), (RequestForInitialEvidenceWasSent, 6)],
            notices: &[
                DemoNotice {
                    days_ago: 28,
                    notice_type: NoticeType::I797C,
                    title: "Receipt Notice",
                    title_es: "Aviso de Recibo",
                    body: "We received your Form I-130, filed on paper, for your brother.",
                    body_es: "Recibimos su Formulario I-130, presentado en papel, para su hermano.",
                    due_in_days: None,
                },
                DemoNotice {
                    days_ago: 6,
                    notice_type: NoticeType::I797E,
                    title: "Request for Initial Evidence",
                    title_es: "Solicitud de Evidencia Inicial",
                    body: "Submit your brother's birth certificate and yours, showing that you have a parent in common.",
                    body_es: "Envíe el acta de nacimiento de su hermano y la suya, que muestren que tienen un padre o una madre en común.",
                    due_in_days: Some(81),
                },
            ],
            appointments: &[],
        },
        Some(super::PAPER_CASE_ACCESS_CODE),
    ),
    (
        DemoCase {
            receipt: "IOE0912345610",
            form: FormType::I765,
            history: &[(CaseWasReceived, 25), (ReceiptNoticeWasSent, 23), (RequestForInitialEvidenceWasSent, 5)],
            notices: &[
                DemoNotice {
                    days_ago: 23,
                    notice_type: NoticeType::I797C,
                    title: "Receipt Notice",
                    title_es: "Aviso de Recibo",
                    body: "We received your Form I-765, filed on paper.",
                    body_es: "Recibimos su Formulario I-765, presentado en papel.",
                    due_in_days: None,
                },
                DemoNotice {
                    days_ago: 5,
                    notice_type: NoticeType::I797E,
                    title: "Request for Initial Evidence",
                    title_es: "Solicitud de Evidencia Inicial",
                    body: "Submit two passport-style photos and a copy of your passport's identity page.",
                    body_es: "Envíe dos fotos tipo pasaporte y una copia de la página de identidad de su pasaporte.",
                    due_in_days: Some(82),
                },
            ],
            appointments: &[],
        },
        None,
    ),
];
