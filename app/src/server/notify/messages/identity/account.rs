//! The words of the identity context's mail about the account itself: signing up, linking a
//! record, password, sign-in email and phone changes. One function per mail, each matching every
//! language (a language missing does not compile).

use crate::i18n::Lang;

pub(super) fn confirmation(link: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Confirm your email address",
            format!(
                "Welcome to Portico.\n\nTo finish creating your account, open this link within 24 hours \
                 and press \"Confirm my email\":\n\n{link}\n\nIf you did not create an account, ignore this \
                 message; nothing will happen."
            ),
        ),
        Lang::Es => (
            "Confirme su correo electrónico",
            format!(
                "Bienvenido a Portico.\n\nPara terminar de crear su cuenta, abra este enlace en las próximas \
                 24 horas y oprima \"Confirmar mi correo\":\n\n{link}\n\nSi usted no creó una cuenta, ignore \
                 este mensaje; no pasará nada."
            ),
        ),
    }
}

pub(super) fn already_registered(sign_in_url: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "You already have a Portico account",
            format!(
                "Someone, perhaps you, tried to create a Portico account with this email address, which \
                 already has an account.\n\nTo sign in, go to {sign_in_url}\n\nIf this was not you, you do \
                 not need to do anything."
            ),
        ),
        Lang::Es => (
            "Usted ya tiene una cuenta de Portico",
            format!(
                "Alguien, quizás usted, intentó crear una cuenta de Portico con este correo electrónico, \
                 que ya tiene una cuenta.\n\nPara iniciar sesión, vaya a {sign_in_url}\n\nSi no fue usted, no \
                 necesita hacer nada."
            ),
        ),
    }
}

pub(super) fn dispute_received(lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "We received your report about your immigration record",
            "You told us that your immigration record is linked to another Portico account. Nothing of \
             your record is shown to anyone while the contact center looks into it; they will contact you \
             at this address or by phone. You do not need to do anything else now."
                .to_owned(),
        ),
        Lang::Es => (
            "Recibimos su informe sobre su expediente de inmigración",
            "Nos dijo que su expediente de inmigración está vinculado a otra cuenta de Portico. El centro \
             de contacto lo revisará y se comunicará con usted a esta dirección o por teléfono. No necesita \
             hacer nada más por ahora."
                .to_owned(),
        ),
    }
}

pub(super) fn record_linked(full_name: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Your account is linked to your immigration record",
            format!(
                "Hello {full_name},\n\nYour Portico account is now linked to your immigration record. You \
                 can follow all of your cases from your dashboard.\n\nIf you did not do this, sign in and \
                 change your password, then contact us."
            ),
        ),
        Lang::Es => (
            "Su cuenta está vinculada a su expediente de inmigración",
            format!(
                "Hola, {full_name}:\n\nSu cuenta de Portico ya está vinculada a su expediente de \
                 inmigración. Puede seguir todos sus casos desde su panel.\n\nSi usted no hizo esto, inicie \
                 sesión, cambie su contraseña y comuníquese con nosotros."
            ),
        ),
    }
}

pub(super) fn reset_password(link: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Reset your Portico password",
            format!(
                "Someone, hopefully you, asked to reset the password of your Portico account.\n\nTo choose a \
                 new password, open this link within 30 minutes. It works once:\n\n{link}\n\nYou will still \
                 need your authenticator app, a backup code or an emailed code to sign in afterwards.\n\nIf \
                 you did not ask for this, ignore this message: your password stays as it is."
            ),
        ),
        Lang::Es => (
            "Restablezca su contraseña de Portico",
            format!(
                "Alguien, esperamos que usted, pidió restablecer la contraseña de su cuenta de Portico.\n\n\
                 Para elegir una contraseña nueva, abra este enlace en los próximos 30 minutos. Funciona una \
                 sola vez:\n\n{link}\n\nDespués seguirá necesitando su aplicación de autenticación, un código \
                 de respaldo o un código por correo para iniciar sesión.\n\nSi usted no lo pidió, ignore este \
                 mensaje: su contraseña no cambia."
            ),
        ),
    }
}

pub(super) fn password_changed(lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Your Portico password was changed",
            "The password of your Portico account was just changed, and every other device signed in to it \
             was signed out.\n\nIf you did not do this, reset your password again right away from the \
             sign-in page and contact us."
                .to_owned(),
        ),
        Lang::Es => (
            "Se cambió su contraseña de Portico",
            "Se acaba de cambiar la contraseña de su cuenta de Portico y se cerró la sesión en todos los \
             demás dispositivos.\n\nSi usted no hizo esto, restablezca su contraseña de inmediato desde la \
             página de inicio de sesión y comuníquese con nosotros."
                .to_owned(),
        ),
    }
}

pub(super) fn phone_added(hint: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "A phone was added to your account",
            format!(
                "The phone {hint} can now receive sign-in codes by text message for your Portico account.\n\n\
                 If this was not you, sign in, remove the phone under Sign-in settings and change your \
                 password."
            ),
        ),
        Lang::Es => (
            "Se agregó un teléfono a su cuenta",
            format!(
                "El teléfono {hint} ahora puede recibir por mensaje de texto códigos para iniciar sesión en \
                 su cuenta de Portico.\n\nSi no fue usted, inicie sesión, quite el teléfono en Ajustes de \
                 inicio de sesión y cambie su contraseña."
            ),
        ),
    }
}

pub(super) fn phone_removed(lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "A phone was removed from your account",
            "The phone for text-message codes was removed from your Portico account.\n\nIf this was not you, \
             reset your password now and contact us."
                .to_owned(),
        ),
        Lang::Es => (
            "Se quitó un teléfono de su cuenta",
            "Se quitó de su cuenta de Portico el teléfono para códigos por mensaje de texto.\n\nSi no fue \
             usted, restablezca su contraseña ahora y comuníquese con nosotros."
                .to_owned(),
        ),
    }
}

pub(super) fn confirm_new_email(link: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Confirm your new email address",
            format!(
                "Someone, hopefully you, asked to use this address to sign in to Portico.\n\nTo make the \
                 change, open this link within 24 hours and press \"Use this address\":\n\n{link}\n\nIf you \
                 did not ask for this, ignore this message; nothing will change."
            ),
        ),
        Lang::Es => (
            "Confirme su nuevo correo electrónico",
            format!(
                "Alguien, esperamos que usted, pidió usar esta dirección para iniciar sesión en Portico.\n\n\
                 Para hacer el cambio, abra este enlace en las próximas 24 horas y oprima \"Usar esta \
                 dirección\":\n\n{link}\n\nSi usted no lo pidió, ignore este mensaje; nada cambiará."
            ),
        ),
    }
}

pub(super) fn email_change_requested(new_hint: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "A change of your sign-in email was requested",
            format!(
                "Someone signed in to your Portico account asked to change its email to {new_hint}. The change \
                 happens only when the link sent to that address is opened.\n\nIf this was not you, sign in, \
                 change your password and review your devices."
            ),
        ),
        Lang::Es => (
            "Se pidió cambiar su correo de inicio de sesión",
            format!(
                "Alguien con la sesión iniciada en su cuenta de Portico pidió cambiar su correo a {new_hint}. \
                 El cambio ocurre solo cuando se abre el enlace enviado a esa dirección.\n\nSi no fue usted, \
                 inicie sesión, cambie su contraseña y revise sus dispositivos."
            ),
        ),
    }
}

pub(super) fn email_changed(new_hint: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Your sign-in email was changed",
            format!(
                "Your Portico account now signs in with {new_hint}. This address will no longer receive \
                 messages about the account.\n\nIf this was not you, contact us right away."
            ),
        ),
        Lang::Es => (
            "Se cambió su correo de inicio de sesión",
            format!(
                "Su cuenta de Portico ahora inicia sesión con {new_hint}. Esta dirección ya no recibirá \
                 mensajes sobre la cuenta.\n\nSi no fue usted, comuníquese con nosotros de inmediato."
            ),
        ),
    }
}

/// `which`: "mailing", "physical" or "both"; `address`: the new address, line by line.
pub(super) fn address_changed(which: &str, address: &[String], cases: usize, lang: Lang) -> (&'static str, String) {
    let lines = address.iter().map(|line| format!("    {line}")).collect::<Vec<_>>().join("\n");
    match lang {
        Lang::En => {
            let what = match which {
                "mailing" => "mailing address",
                "physical" => "physical address",
                _ => "mailing and physical address",
            };
            (
                "Your change of address was received (AR-11)",
                format!(
                    "We changed your {what} to:\n\n{lines}\n\nIt was applied to {cases} pending case(s); each \
                     case's history shows the change, and an AR-11 confirmation notice is in each case.\n\nIf this \
                     was not you, reset your password now and contact us: your mail may be going elsewhere."
                ),
            )
        }
        Lang::Es => {
            let what = match which {
                "mailing" => "dirección postal",
                "physical" => "dirección física",
                _ => "dirección postal y física",
            };
            (
                "Se recibió su cambio de dirección (AR-11)",
                format!(
                    "Cambiamos su {what} a:\n\n{lines}\n\nSe aplicó a {cases} caso(s) pendiente(s); el historial \
                     de cada caso muestra el cambio, y cada caso tiene un aviso de confirmación AR-11.\n\nSi no fue \
                     usted, restablezca su contraseña ahora y comuníquese con nosotros: su correo podría estar \
                     yendo a otro lugar."
                ),
            )
        }
    }
}

/// `when`: the new time, already in the reader's words.
pub(super) fn appointment_rescheduled(
    receipt: &str,
    kind: crate::domain::AppointmentKind,
    when: &str,
    place: &str,
    lang: Lang,
) -> (&'static str, String) {
    let what = crate::i18n::T(lang).get(kind.label_key()).to_lowercase();
    match lang {
        Lang::En => (
            "Your appointment was rescheduled",
            format!(
                "Your {what} for case {receipt} is now on {when}, at {place}. The new appointment \
                 notice is in your account; bring it with you.\n\nIf this was not you, reset your password now \
                 and contact us."
            ),
        ),
        Lang::Es => (
            "Se reprogramó su cita",
            format!(
                "Su {what} para el caso {receipt} ahora es el {when}, en {place}. El nuevo aviso de la \
                 cita está en su cuenta; tráigalo consigo.\n\nSi no fue usted, restablezca su contraseña ahora y \
                 comuníquese con nosotros."
            ),
        ),
    }
}

/// Staff answered an inquiry. The answer itself is not mailed (mail is not a secure channel): the
/// owner signs in to read it.
pub(super) fn inquiry_answered(receipt: &str, link: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "USCIS answered your inquiry",
            format!(
                "There is an answer to your inquiry about case {receipt}. Sign in to read it:\n\n{link}\n\n\
                 For your privacy the answer is not in this email."
            ),
        ),
        Lang::Es => (
            "USCIS respondió a su consulta",
            format!(
                "Hay una respuesta a su consulta sobre el caso {receipt}. Inicie sesión para leerla:\n\n{link}\n\n\
                 Por su privacidad, la respuesta no va en este correo."
            ),
        ),
    }
}
