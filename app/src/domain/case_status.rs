//! Case statuses as USCIS words them, each in a stage, with its English and Spanish description.

use super::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a case stands on its way to a decision. The dashboard draws these as steps, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CaseStage {
    Received,
    Biometrics,
    Review,
    Evidence,
    Interview,
    Decision,
    CardOrDocument,
}

impl CaseStage {
    pub const ALL: [CaseStage; 7] = [
        CaseStage::Received,
        CaseStage::Biometrics,
        CaseStage::Review,
        CaseStage::Evidence,
        CaseStage::Interview,
        CaseStage::Decision,
        CaseStage::CardOrDocument,
    ];

    pub fn label_en(self) -> &'static str {
        match self {
            CaseStage::Received => "Received",
            CaseStage::Biometrics => "Biometrics",
            CaseStage::Review => "Review",
            CaseStage::Evidence => "Evidence",
            CaseStage::Interview => "Interview",
            CaseStage::Decision => "Decision",
            CaseStage::CardOrDocument => "Card or document",
        }
    }

    pub fn label_es(self) -> &'static str {
        match self {
            CaseStage::Received => "Recibido",
            CaseStage::Biometrics => "Datos biométricos",
            CaseStage::Review => "Revisión",
            CaseStage::Evidence => "Evidencia",
            CaseStage::Interview => "Entrevista",
            CaseStage::Decision => "Decisión",
            CaseStage::CardOrDocument => "Tarjeta o documento",
        }
    }

    /// The label in `lang`.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::En => self.label_en(),
            crate::i18n::Lang::Es => self.label_es(),
        }
    }

    /// 1-based position among the steps.
    pub fn step_number(self) -> usize {
        CaseStage::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }
}

macro_rules! case_statuses {
    ($( $variant:ident => $key:literal, $stage:ident,
        $en:literal, $es:literal,
        $en_desc:literal, $es_desc:literal; )+) => {
        /// The status titles USCIS shows for a case, with the stage each belongs to. The `key` is
        /// what the database stores, so it must never change once released; titles may be reworded.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        #[cfg_attr(
            feature = "ssr",
            sea_orm(value_type = "String", from_str = "CaseStatus::from_key", to_str = "CaseStatus::stored_key")
        )]
        pub enum CaseStatus { $( $variant, )+ }

        impl CaseStatus {
            pub const ALL: &'static [CaseStatus] = &[ $( CaseStatus::$variant, )+ ];

            pub fn key(self) -> &'static str {
                match self { $( CaseStatus::$variant => $key, )+ }
            }

            pub fn stage(self) -> CaseStage {
                match self { $( CaseStatus::$variant => CaseStage::$stage, )+ }
            }

            pub fn title_en(self) -> &'static str {
                match self { $( CaseStatus::$variant => $en, )+ }
            }

            pub fn title_es(self) -> &'static str {
                match self { $( CaseStatus::$variant => $es, )+ }
            }

            /// Template with `{date}`, `{receipt}` and `{form}` placeholders; see [`CaseStatus::describe_en`].
            pub fn description_template_en(self) -> &'static str {
                match self { $( CaseStatus::$variant => $en_desc, )+ }
            }

            pub fn description_template_es(self) -> &'static str {
                match self { $( CaseStatus::$variant => $es_desc, )+ }
            }
        }
    };
}

case_statuses! {
    CaseWasReceived => "case_was_received", Received,
        "Case Was Received", "Caso Fue Recibido",
        "On {date}, we received your Form {form}, Receipt Number {receipt}, and sent you the receipt notice that describes how we will process your case.",
        "El {date}, recibimos su Formulario {form}, Número de Recibo {receipt}, y le enviamos el aviso de recibo que describe cómo procesaremos su caso.";
    ReceiptNoticeWasSent => "receipt_notice_was_sent", Received,
        "Case Was Received and A Receipt Notice Was Sent", "Caso Fue Recibido y Se Envió un Aviso de Recibo",
        "On {date}, we received your Form {form}, Receipt Number {receipt}, and mailed you a receipt notice. Keep it for your records.",
        "El {date}, recibimos su Formulario {form}, Número de Recibo {receipt}, y le enviamos por correo un aviso de recibo. Guárdelo para sus registros.";
    FeesWereWaived => "fees_were_waived", Received,
        "Fees Were Waived", "Se Eximieron las Tarifas",
        "On {date}, we approved your request to waive the fee for your Form {form}, Receipt Number {receipt}.",
        "El {date}, aprobamos su solicitud de exención de tarifa para su Formulario {form}, Número de Recibo {receipt}.";
    FingerprintFeeWasReceived => "fingerprint_fee_was_received", Biometrics,
        "Fingerprint Fee Was Received", "Se Recibió la Tarifa de Huellas Dactilares",
        "On {date}, we received your biometrics fee for your Form {form}, Receipt Number {receipt}. We will mail you an appointment notice.",
        "El {date}, recibimos su tarifa de datos biométricos para su Formulario {form}, Número de Recibo {receipt}. Le enviaremos por correo un aviso de cita.";
    BiometricsAppointmentWasScheduled => "biometrics_appointment_was_scheduled", Biometrics,
        "Biometrics Appointment Was Scheduled", "Se Programó la Cita de Datos Biométricos",
        "On {date}, we scheduled your biometrics appointment for your Form {form}, Receipt Number {receipt}. The notice tells you where and when to go.",
        "El {date}, programamos su cita de datos biométricos para su Formulario {form}, Número de Recibo {receipt}. El aviso le indica dónde y cuándo presentarse.";
    RescheduleRequestWasReceived => "reschedule_request_was_received", Biometrics,
        "Request to Reschedule My Appointment Was Received", "Se Recibió la Solicitud para Reprogramar Mi Cita",
        "On {date}, we received your request to reschedule your appointment for your Form {form}, Receipt Number {receipt}.",
        "El {date}, recibimos su solicitud para reprogramar su cita para su Formulario {form}, Número de Recibo {receipt}.";
    FingerprintsWereTaken => "fingerprints_were_taken", Biometrics,
        "Case Was Updated To Show Fingerprints Were Taken", "Caso Fue Actualizado para Mostrar que Se Tomaron las Huellas Dactilares",
        "As of {date}, your fingerprints have been applied to your Form {form}, Receipt Number {receipt}.",
        "Desde el {date}, sus huellas dactilares han sido aplicadas a su Formulario {form}, Número de Recibo {receipt}.";
    CaseIsBeingActivelyReviewed => "case_is_being_actively_reviewed", Review,
        "Case Is Being Actively Reviewed By USCIS", "Caso Está Siendo Revisado Activamente por USCIS",
        "As of {date}, we are actively reviewing your Form {form}, Receipt Number {receipt}. We will tell you if we need anything from you.",
        "Desde el {date}, estamos revisando activamente su Formulario {form}, Número de Recibo {receipt}. Le avisaremos si necesitamos algo de usted.";
    CaseWasTransferred => "case_was_transferred", Review,
        "Case Was Transferred And A New Office Has Jurisdiction", "Caso Fue Transferido y una Nueva Oficina Tiene Jurisdicción",
        "On {date}, we transferred your Form {form}, Receipt Number {receipt}, to another office, which will now process it.",
        "El {date}, transferimos su Formulario {form}, Número de Recibo {receipt}, a otra oficina, que ahora lo procesará.";
    CaseWasReopened => "case_was_reopened", Review,
        "Case Was Reopened", "Caso Fue Reabierto",
        "On {date}, we reopened your Form {form}, Receipt Number {receipt}, and will review it again.",
        "El {date}, reabrimos su Formulario {form}, Número de Recibo {receipt}, y lo revisaremos nuevamente.";
    NameWasUpdated => "name_was_updated", Review,
        "Name Was Updated", "Se Actualizó el Nombre",
        "On {date}, we updated the name on your Form {form}, Receipt Number {receipt}.",
        "El {date}, actualizamos el nombre en su Formulario {form}, Número de Recibo {receipt}.";
    DateOfBirthWasUpdated => "date_of_birth_was_updated", Review,
        "Date of Birth Was Updated", "Se Actualizó la Fecha de Nacimiento",
        "On {date}, we updated the date of birth on your Form {form}, Receipt Number {receipt}.",
        "El {date}, actualizamos la fecha de nacimiento en su Formulario {form}, Número de Recibo {receipt}.";
    DuplicateNoticeWasMailed => "duplicate_notice_was_mailed", Review,
        "Duplicate Notice Was Mailed", "Se Envió por Correo un Aviso Duplicado",
        "On {date}, we mailed you a duplicate notice for your Form {form}, Receipt Number {receipt}.",
        "El {date}, le enviamos por correo un aviso duplicado para su Formulario {form}, Número de Recibo {receipt}.";
    ExpediteRequestReceived => "expedite_request_received", Review,
        "Expedite Request Received", "Se Recibió la Solicitud de Trámite Acelerado",
        "On {date}, we received your request to expedite your Form {form}, Receipt Number {receipt}.",
        "El {date}, recibimos su solicitud de acelerar su Formulario {form}, Número de Recibo {receipt}.";
    ExpediteRequestDenied => "expedite_request_denied", Review,
        "Expedite Request Denied", "Se Denegó la Solicitud de Trámite Acelerado",
        "On {date}, we denied your request to expedite your Form {form}, Receipt Number {receipt}. Your case continues in normal order.",
        "El {date}, denegamos su solicitud de acelerar su Formulario {form}, Número de Recibo {receipt}. Su caso continúa en el orden normal.";
    AddressWasUpdated => "address_was_updated", Review,
        "Case Was Updated To Show That Address Was Changed", "Caso Fue Actualizado para Mostrar que Se Cambió la Dirección",
        "On {date}, we updated your mailing address for your Form {form}, Receipt Number {receipt}.",
        "El {date}, actualizamos su dirección postal para su Formulario {form}, Número de Recibo {receipt}.";
    NoticeExplainingActionsWasMailed => "notice_explaining_actions_was_mailed", Review,
        "Notice Explaining USCIS Actions Was Mailed", "Se Envió por Correo un Aviso que Explica las Acciones de USCIS",
        "On {date}, we mailed you a notice explaining our actions on your Form {form}, Receipt Number {receipt}.",
        "El {date}, le enviamos por correo un aviso que explica nuestras acciones sobre su Formulario {form}, Número de Recibo {receipt}.";
    RequestForEvidenceWasSent => "request_for_evidence_was_sent", Evidence,
        "Request for Additional Evidence Was Sent", "Se Envió una Solicitud de Evidencia Adicional",
        "On {date}, we mailed a request for evidence for your Form {form}, Receipt Number {receipt}. The request explains what we need and when you must respond.",
        "El {date}, enviamos por correo una solicitud de evidencia para su Formulario {form}, Número de Recibo {receipt}. La solicitud explica lo que necesitamos y cuándo debe responder.";
    RequestForInitialEvidenceWasSent => "request_for_initial_evidence_was_sent", Evidence,
        "Request for Initial Evidence Was Sent", "Se Envió una Solicitud de Evidencia Inicial",
        "On {date}, we mailed a request for initial evidence for your Form {form}, Receipt Number {receipt}.",
        "El {date}, enviamos por correo una solicitud de evidencia inicial para su Formulario {form}, Número de Recibo {receipt}.";
    ResponseToEvidenceRequestWasReceived => "response_to_evidence_request_was_received", Evidence,
        "Response To USCIS' Request For Evidence Was Received", "Se Recibió la Respuesta a la Solicitud de Evidencia de USCIS",
        "On {date}, we received your response to our request for evidence for your Form {form}, Receipt Number {receipt}. We will resume processing.",
        "El {date}, recibimos su respuesta a nuestra solicitud de evidencia para su Formulario {form}, Número de Recibo {receipt}. Reanudaremos el trámite.";
    CorrespondenceWasReceived => "correspondence_was_received", Evidence,
        "Correspondence Was Received And USCIS Is Reviewing It", "Se Recibió Correspondencia y USCIS la Está Revisando",
        "On {date}, we received your correspondence for your Form {form}, Receipt Number {receipt}, and are reviewing it.",
        "El {date}, recibimos su correspondencia para su Formulario {form}, Número de Recibo {receipt}, y la estamos revisando.";
    NoticeOfIntentToDenyWasSent => "notice_of_intent_to_deny_was_sent", Evidence,
        "Notice of Intent to Deny Was Sent", "Se Envió un Aviso de Intención de Denegar",
        "On {date}, we mailed a notice of intent to deny your Form {form}, Receipt Number {receipt}. Follow its instructions to respond.",
        "El {date}, enviamos por correo un aviso de intención de denegar su Formulario {form}, Número de Recibo {receipt}. Siga sus instrucciones para responder.";
    ReadyToBeScheduledForInterview => "ready_to_be_scheduled_for_interview", Interview,
        "Ready to Be Scheduled for An Interview", "Listo para Programar una Entrevista",
        "As of {date}, we are ready to schedule your Form {form}, Receipt Number {receipt}, for an interview.",
        "Desde el {date}, estamos listos para programar una entrevista para su Formulario {form}, Número de Recibo {receipt}.";
    InterviewWasScheduled => "interview_was_scheduled", Interview,
        "Interview Was Scheduled", "Se Programó la Entrevista",
        "On {date}, we scheduled an interview for your Form {form}, Receipt Number {receipt}. The notice tells you the time and place.",
        "El {date}, programamos una entrevista para su Formulario {form}, Número de Recibo {receipt}. El aviso indica la hora y el lugar.";
    InterviewWasRescheduled => "interview_was_rescheduled", Interview,
        "Interview Was Rescheduled", "Se Reprogramó la Entrevista",
        "On {date}, we rescheduled the interview for your Form {form}, Receipt Number {receipt}. We will mail you a new notice.",
        "El {date}, reprogramamos la entrevista para su Formulario {form}, Número de Recibo {receipt}. Le enviaremos un nuevo aviso.";
    InterviewWasCompleted => "interview_was_completed", Interview,
        "Interview Was Completed And My Case Must Be Reviewed", "Se Completó la Entrevista y Mi Caso Debe Ser Revisado",
        "On {date}, your interview for Form {form}, Receipt Number {receipt}, was completed and your case must be reviewed.",
        "El {date}, se completó su entrevista para el Formulario {form}, Número de Recibo {receipt}, y su caso debe ser revisado.";
    CaseWasApproved => "case_was_approved", Decision,
        "Case Was Approved", "Caso Fue Aprobado",
        "On {date}, we approved your Form {form}, Receipt Number {receipt}. We mailed you an approval notice.",
        "El {date}, aprobamos su Formulario {form}, Número de Recibo {receipt}. Le enviamos por correo un aviso de aprobación.";
    CaseWasDenied => "case_was_denied", Decision,
        "Case Was Denied", "Caso Fue Denegado",
        "On {date}, we denied your Form {form}, Receipt Number {receipt}. The decision notice explains why and what you can do next.",
        "El {date}, denegamos su Formulario {form}, Número de Recibo {receipt}. El aviso de decisión explica por qué y qué puede hacer.";
    DecisionNoticeMailed => "decision_notice_mailed", Decision,
        "Decision Notice Mailed", "Se Envió por Correo el Aviso de Decisión",
        "On {date}, we mailed you a decision notice for your Form {form}, Receipt Number {receipt}.",
        "El {date}, le enviamos por correo un aviso de decisión para su Formulario {form}, Número de Recibo {receipt}.";
    OathCeremonyWasScheduled => "oath_ceremony_was_scheduled", Decision,
        "Oath Ceremony Was Scheduled", "Se Programó la Ceremonia de Juramentación",
        "On {date}, we scheduled your oath ceremony for your Form {form}, Receipt Number {receipt}.",
        "El {date}, programamos su ceremonia de juramentación para su Formulario {form}, Número de Recibo {receipt}.";
    WithdrawalAcknowledged => "withdrawal_acknowledged", Decision,
        "Withdrawal Acknowledgement Notice Was Sent", "Se Envió el Aviso de Reconocimiento de Retiro",
        "On {date}, we acknowledged your request to withdraw your Form {form}, Receipt Number {receipt}.",
        "El {date}, reconocimos su solicitud de retirar su Formulario {form}, Número de Recibo {receipt}.";
    CaseClosedBenefitReceivedOtherwise => "case_closed_benefit_received_otherwise", Decision,
        "Case Closed Benefit Received By Other Means", "Caso Cerrado Porque el Beneficio Se Recibió por Otros Medios",
        "On {date}, we closed your Form {form}, Receipt Number {receipt}, because you received the benefit by other means.",
        "El {date}, cerramos su Formulario {form}, Número de Recibo {receipt}, porque usted recibió el beneficio por otros medios.";
    RejectedNotSigned => "rejected_not_signed", Decision,
        "Case Was Rejected Because I Did Not Sign My Form", "Caso Fue Rechazado Porque No Firmé Mi Formulario",
        "On {date}, we rejected your Form {form}, Receipt Number {receipt}, because it was not signed. We returned it with instructions.",
        "El {date}, rechazamos su Formulario {form}, Número de Recibo {receipt}, porque no estaba firmado. Se lo devolvimos con instrucciones.";
    RejectedIncorrectFee => "rejected_incorrect_fee", Decision,
        "Case Rejected Because I Sent An Incorrect Fee", "Caso Rechazado Porque Envié una Tarifa Incorrecta",
        "On {date}, we rejected your Form {form}, Receipt Number {receipt}, because the fee was incorrect. We returned it with instructions.",
        "El {date}, rechazamos su Formulario {form}, Número de Recibo {receipt}, porque la tarifa era incorrecta. Se lo devolvimos con instrucciones.";
    RejectedImproperlyFiled => "rejected_improperly_filed", Decision,
        "Case Was Rejected Because It Was Improperly Filed", "Caso Fue Rechazado Porque Se Presentó Incorrectamente",
        "On {date}, we rejected your Form {form}, Receipt Number {receipt}, because it was improperly filed.",
        "El {date}, rechazamos su Formulario {form}, Número de Recibo {receipt}, porque se presentó incorrectamente.";
    RejectedOldFormVersion => "rejected_old_form_version", Decision,
        "Case Was Rejected Because The Version Of The Form I Sent Is No Longer Accepted", "Caso Fue Rechazado Porque la Versión del Formulario que Envié Ya No Se Acepta",
        "On {date}, we rejected your Form {form}, Receipt Number {receipt}, because that edition of the form is no longer accepted.",
        "El {date}, rechazamos su Formulario {form}, Número de Recibo {receipt}, porque esa edición del formulario ya no se acepta.";
    NewCardIsBeingProduced => "new_card_is_being_produced", CardOrDocument,
        "New Card Is Being Produced", "Se Está Produciendo una Nueva Tarjeta",
        "On {date}, we ordered your new card for your Form {form}, Receipt Number {receipt}. We will mail it to the address we have on file.",
        "El {date}, ordenamos su nueva tarjeta para su Formulario {form}, Número de Recibo {receipt}. La enviaremos a la dirección que tenemos registrada.";
    CardWasMailed => "card_was_mailed", CardOrDocument,
        "Card Was Mailed To Me", "Tarjeta Fue Enviada por Correo",
        "On {date}, we mailed your new card for your Form {form}, Receipt Number {receipt}, to the address you gave us.",
        "El {date}, le enviamos por correo su nueva tarjeta para su Formulario {form}, Número de Recibo {receipt}, a la dirección que nos dio.";
    CardWasPickedUpByUsps => "card_was_picked_up_by_usps", CardOrDocument,
        "Card Was Picked Up By The United States Postal Service", "Tarjeta Fue Recogida por el Servicio Postal de los Estados Unidos",
        "On {date}, the Postal Service picked up your new card for your Form {form}, Receipt Number {receipt}.",
        "El {date}, el Servicio Postal recogió su nueva tarjeta para su Formulario {form}, Número de Recibo {receipt}.";
    CardWasDelivered => "card_was_delivered", CardOrDocument,
        "Card Was Delivered To Me By The Post Office", "Tarjeta Me Fue Entregada por la Oficina de Correos",
        "On {date}, the Post Office delivered your new card for your Form {form}, Receipt Number {receipt}.",
        "El {date}, la Oficina de Correos le entregó su nueva tarjeta para su Formulario {form}, Número de Recibo {receipt}.";
    CardWasReturned => "card_was_returned", CardOrDocument,
        "Card Was Returned To USCIS", "Tarjeta Fue Devuelta a USCIS",
        "On {date}, the Post Office returned your card for your Form {form}, Receipt Number {receipt}, to us as undeliverable. Update your address.",
        "El {date}, la Oficina de Correos nos devolvió su tarjeta para su Formulario {form}, Número de Recibo {receipt}, por no poder entregarla. Actualice su dirección.";
    DocumentWasMailed => "document_was_mailed", CardOrDocument,
        "Document Was Mailed To Me", "Documento Fue Enviado por Correo",
        "On {date}, we mailed the document for your Form {form}, Receipt Number {receipt}, to the address you gave us.",
        "El {date}, le enviamos por correo el documento de su Formulario {form}, Número de Recibo {receipt}, a la dirección que nos dio.";
    DocumentWasDelivered => "document_was_delivered", CardOrDocument,
        "Document Was Delivered To Me By The Post Office", "Documento Me Fue Entregado por la Oficina de Correos",
        "On {date}, the Post Office delivered the document for your Form {form}, Receipt Number {receipt}.",
        "El {date}, la Oficina de Correos entregó el documento de su Formulario {form}, Número de Recibo {receipt}.";
    SentToDepartmentOfState => "sent_to_department_of_state", CardOrDocument,
        "Case Was Sent To The Department of State", "Caso Fue Enviado al Departamento de Estado",
        "On {date}, we sent your approved Form {form}, Receipt Number {receipt}, to the Department of State National Visa Center.",
        "El {date}, enviamos su Formulario {form} aprobado, Número de Recibo {receipt}, al Centro Nacional de Visas del Departamento de Estado.";
}

impl CaseStatus {
    /// The key stored in the database (see [`CaseStatus::key`]).
    #[cfg(feature = "ssr")]
    fn stored_key(&self) -> &'static str {
        self.key()
    }

    pub fn from_key(key: &str) -> Result<Self, ParseError> {
        CaseStatus::ALL.iter().copied().find(|status| status.key() == key).ok_or(ParseError::UnknownStoredValue)
    }

    /// The title in `lang`.
    pub fn title(self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::En => self.title_en(),
            crate::i18n::Lang::Es => self.title_es(),
        }
    }

    /// The description in `lang`, filled in.
    pub fn describe(self, lang: crate::i18n::Lang, date: &str, receipt: &str, form: &str) -> String {
        match lang {
            crate::i18n::Lang::En => self.describe_en(date, receipt, form),
            crate::i18n::Lang::Es => self.describe_es(date, receipt, form),
        }
    }

    pub fn describe_en(self, date: &str, receipt: &str, form: &str) -> String {
        fill(self.description_template_en(), date, receipt, form)
    }

    pub fn describe_es(self, date: &str, receipt: &str, form: &str) -> String {
        fill(self.description_template_es(), date, receipt, form)
    }

    /// Statuses that ask the applicant to do something before a deadline.
    pub fn needs_applicant_action(self) -> bool {
        matches!(
            self,
            CaseStatus::RequestForEvidenceWasSent
                | CaseStatus::RequestForInitialEvidenceWasSent
                | CaseStatus::NoticeOfIntentToDenyWasSent
                | CaseStatus::CardWasReturned
        )
    }
}

fn fill(template: &str, date: &str, receipt: &str, form: &str) -> String {
    template.replace("{date}", date).replace("{receipt}", receipt).replace("{form}", form)
}

impl fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title_en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn catalog_has_at_least_forty_statuses_with_unique_keys_and_titles() {
        assert!(CaseStatus::ALL.len() >= 40, "only {} statuses", CaseStatus::ALL.len());
        let keys: HashSet<_> = CaseStatus::ALL.iter().map(|s| s.key()).collect();
        let titles: HashSet<_> = CaseStatus::ALL.iter().map(|s| s.title_en()).collect();
        assert_eq!(keys.len(), CaseStatus::ALL.len());
        assert_eq!(titles.len(), CaseStatus::ALL.len());
    }

    #[test]
    fn every_stage_has_statuses_and_every_description_uses_all_placeholders() {
        for stage in CaseStage::ALL {
            assert!(CaseStatus::ALL.iter().any(|s| s.stage() == stage), "{stage:?} has no status");
        }
        for status in CaseStatus::ALL {
            for template in [status.description_template_en(), status.description_template_es()] {
                for placeholder in ["{date}", "{receipt}", "{form}"] {
                    assert!(template.contains(placeholder), "{status:?} lacks {placeholder}");
                }
            }
            assert_ne!(status.title_en(), status.title_es(), "{status:?} is not translated");
        }
    }

    #[test]
    fn stages_run_in_the_order_of_a_case() {
        assert!(CaseStage::Received < CaseStage::Biometrics);
        assert!(CaseStage::Interview < CaseStage::Decision);
        assert_eq!(CaseStage::CardOrDocument.step_number(), 7);
        assert_eq!(CaseStatus::CardWasMailed.stage(), CaseStage::CardOrDocument);
        assert_eq!(CaseStatus::RequestForEvidenceWasSent.stage(), CaseStage::Evidence);
    }

    #[test]
    fn describes_with_the_case_details_filled_in() {
        let text = CaseStatus::CaseWasReceived.describe_en("March 3, 2025", "EAC2212345678", "I-485");
        assert!(text.starts_with("On March 3, 2025, we received your Form I-485, Receipt Number EAC2212345678"));
        assert!(!text.contains('{'));
        assert!(CaseStatus::from_key("no_such_status").is_err());
    }

    proptest! {
        #[test]
        fn keys_round_trip(index in 0..CaseStatus::ALL.len()) {
            let status = CaseStatus::ALL[index];
            prop_assert_eq!(CaseStatus::from_key(status.key()).unwrap(), status);
        }
    }
}
