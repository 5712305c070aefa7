//! Every email and text message Portico sends, in English and Spanish, in one place. Each message
//! is a variant; `render` matches on the variant and then on the language, so a message missing in
//! one language does not compile. Security notices all end the same way: what happened, and what
//! to do if it was not you.

use crate::i18n::Lang;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mail {
    Confirmation {
        link: String,
    },
    /// Sent instead of a confirmation when the address already has an account.
    AlreadyRegistered {
        sign_in_url: String,
    },
    RecordLinked {
        full_name: String,
    },
    DisputeReceived,
    PasswordMayBeKnown {
        reset_url: String,
    },
    SignInCode {
        code: String,
    },
    BackupCodeUsed {
        left: u64,
    },
    AuthenticatorAdded {
        replacing: bool,
    },
    AuthenticatorCodeReused,
    ResetPassword {
        link: String,
    },
    PasswordChanged,
    SignInPaused {
        reset_url: String,
        until: DateTime<Utc>,
    },
    RecoveryLink {
        link: String,
    },
    RecoveryStarted {
        ready_at: DateTime<Utc>,
    },
    RecoveryCancelled,
    RecoveryReady {
        sign_in_url: String,
    },
    RecoveryCompleted,
    PhoneAdded {
        hint: String,
    },
    PhoneRemoved,
    /// To the new address: the link that makes it the sign-in address.
    ConfirmNewEmail {
        link: String,
    },
    /// To the old address, when a change is asked for and when it is done.
    EmailChangeRequested {
        new_hint: String,
    },
    EmailChanged {
        new_hint: String,
    },
}

/// A subject and a plain-text body.
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

fn signed(lang: Lang, text: String) -> String {
    match lang {
        Lang::En => format!("{text}\n\n— Portico\n"),
        Lang::Es => format!("{text}\n\n— Portico\n"),
    }
}

impl Mail {
    /// Every kind of mail, with sample values, for tests that check each renders in each language.
    pub fn samples() -> Vec<Mail> {
        let link = "https://portico.example/x?token=abc".to_owned();
        vec![
            Mail::Confirmation { link: link.clone() },
            Mail::AlreadyRegistered { sign_in_url: link.clone() },
            Mail::RecordLinked { full_name: "Maria Lopez".into() },
            Mail::DisputeReceived,
            Mail::PasswordMayBeKnown { reset_url: link.clone() },
            Mail::SignInCode { code: "123456".into() },
            Mail::BackupCodeUsed { left: 9 },
            Mail::AuthenticatorAdded { replacing: false },
            Mail::AuthenticatorAdded { replacing: true },
            Mail::AuthenticatorCodeReused,
            Mail::ResetPassword { link: link.clone() },
            Mail::PasswordChanged,
            Mail::SignInPaused { reset_url: link.clone(), until: DateTime::<Utc>::UNIX_EPOCH },
            Mail::RecoveryLink { link: link.clone() },
            Mail::RecoveryStarted { ready_at: DateTime::<Utc>::UNIX_EPOCH },
            Mail::RecoveryCancelled,
            Mail::RecoveryReady { sign_in_url: link.clone() },
            Mail::RecoveryCompleted,
            Mail::PhoneAdded { hint: "•••-•••-0143".into() },
            Mail::PhoneRemoved,
            Mail::ConfirmNewEmail { link },
            Mail::EmailChangeRequested { new_hint: "m•••@example.com".into() },
            Mail::EmailChanged { new_hint: "m•••@example.com".into() },
        ]
    }

    pub fn render(&self, lang: Lang) -> Rendered {
        let (subject, body): (&str, String) = match (self, lang) {
            (Mail::Confirmation { link }, Lang::En) => (
                "Confirm your email address",
                format!(
                    "Welcome to Portico.\n\nTo finish creating your account, open this link within 24 hours \
                     and press \"Confirm my email\":\n\n{link}\n\nIf you did not create an account, ignore this \
                     message; nothing will happen."
                ),
            ),
            (Mail::Confirmation { link }, Lang::Es) => (
                "Confirme su correo electrónico",
                format!(
                    "Bienvenido a Portico.\n\nPara terminar de crear su cuenta, abra este enlace en las próximas \
                     24 horas y oprima \"Confirmar mi correo\":\n\n{link}\n\nSi usted no creó una cuenta, ignore \
                     este mensaje; no pasará nada."
                ),
            ),
            (Mail::AlreadyRegistered { sign_in_url }, Lang::En) => (
                "You already have a Portico account",
                format!(
                    "Someone, perhaps you, tried to create a Portico account with this email address, which \
                     already has an account.\n\nTo sign in, go to {sign_in_url}\n\nIf this was not you, you do \
                     not need to do anything."
                ),
            ),
            (Mail::AlreadyRegistered { sign_in_url }, Lang::Es) => (
                "Usted ya tiene una cuenta de Portico",
                format!(
                    "Alguien, quizás usted, intentó crear una cuenta de Portico con este correo electrónico, \
                     que ya tiene una cuenta.\n\nPara iniciar sesión, vaya a {sign_in_url}\n\nSi no fue usted, no \
                     necesita hacer nada."
                ),
            ),
            (Mail::DisputeReceived, Lang::En) => (
                "We received your report about your immigration record",
                "You told us that your immigration record is linked to another Portico account. Nothing of \
                 your record is shown to anyone while the contact center looks into it; they will contact you \
                 at this address or by phone. You do not need to do anything else now."
                    .to_owned(),
            ),
            (Mail::DisputeReceived, Lang::Es) => (
                "Recibimos su informe sobre su expediente de inmigración",
                "Nos dijo que su expediente de inmigración está vinculado a otra cuenta de Portico. El centro \
                 de contacto lo revisará y se comunicará con usted a esta dirección o por teléfono. No necesita \
                 hacer nada más por ahora."
                    .to_owned(),
            ),
            (Mail::PasswordMayBeKnown { reset_url }, Lang::En) => (
                "Someone may know your password",
                format!(
                    "Someone entered your Portico password correctly but did not finish signing in with your \
                     second factor. If this was you, there is nothing to do. If it was not, someone knows your \
                     password: change it now. Your second factor kept them out.\n\n{reset_url}"
                ),
            ),
            (Mail::PasswordMayBeKnown { reset_url }, Lang::Es) => (
                "Puede que alguien conozca su contraseña",
                format!(
                    "Alguien ingresó bien su contraseña de Portico pero no terminó de iniciar sesión con su \
                     segundo factor. Si fue usted, no tiene que hacer nada. Si no fue usted, alguien conoce su \
                     contraseña: cámbiela ahora. Su segundo factor impidió la entrada.\n\n{reset_url}"
                ),
            ),
            (Mail::RecordLinked { full_name }, Lang::En) => (
                "Your account is linked to your immigration record",
                format!(
                    "Hello {full_name},\n\nYour Portico account is now linked to your immigration record. You \
                     can follow all of your cases from your dashboard.\n\nIf you did not do this, sign in and \
                     change your password, then contact us."
                ),
            ),
            (Mail::RecordLinked { full_name }, Lang::Es) => (
                "Su cuenta está vinculada a su expediente de inmigración",
                format!(
                    "Hola, {full_name}:\n\nSu cuenta de Portico ya está vinculada a su expediente de \
                     inmigración. Puede seguir todos sus casos desde su panel.\n\nSi usted no hizo esto, inicie \
                     sesión, cambie su contraseña y comuníquese con nosotros."
                ),
            ),
            (Mail::SignInCode { code }, Lang::En) => (
                "Your Portico sign-in code",
                format!(
                    "Your one-time sign-in code is:\n\n    {code}\n\nIt works once, for the next 10 minutes.\n\n\
                     If you are not signing in to Portico right now, someone has your password: reset it from \
                     the sign-in page. They cannot get in without this code."
                ),
            ),
            (Mail::SignInCode { code }, Lang::Es) => (
                "Su código para iniciar sesión en Portico",
                format!(
                    "Su código de un solo uso para iniciar sesión es:\n\n    {code}\n\nFunciona una vez, durante \
                     los próximos 10 minutos.\n\nSi usted no está iniciando sesión en Portico ahora mismo, alguien \
                     tiene su contraseña: restablézcala desde la página de inicio de sesión. Sin este código no \
                     puede entrar."
                ),
            ),
            (Mail::BackupCodeUsed { left }, Lang::En) => (
                "A backup code was used to sign in",
                format!(
                    "A backup code was just used to sign in to your Portico account. You have {left} left; you \
                     can make a new set on your account's sign-in settings page.\n\nIf this was not you, reset \
                     your password now."
                ),
            ),
            (Mail::BackupCodeUsed { left }, Lang::Es) => (
                "Se usó un código de respaldo para iniciar sesión",
                format!(
                    "Se acaba de usar un código de respaldo para iniciar sesión en su cuenta de Portico. Le \
                     quedan {left}; puede crear un juego nuevo en la página de ajustes de inicio de sesión.\n\n\
                     Si no fue usted, restablezca su contraseña ahora."
                ),
            ),
            (Mail::AuthenticatorAdded { replacing }, Lang::En) => (
                "An authenticator app was set up for your account",
                format!(
                    "Someone, hopefully you, {} for signing in to your Portico account.\n\nIf this was not you, \
                     reset your password now and contact us.",
                    if *replacing { "replaced the authenticator app" } else { "added an authenticator app" }
                ),
            ),
            (Mail::AuthenticatorAdded { replacing }, Lang::Es) => (
                "Se configuró una aplicación de autenticación en su cuenta",
                format!(
                    "Alguien, esperamos que usted, {} para iniciar sesión en su cuenta de Portico.\n\nSi no fue \
                     usted, restablezca su contraseña ahora y comuníquese con nosotros.",
                    if *replacing {
                        "reemplazó la aplicación de autenticación"
                    } else {
                        "agregó una aplicación de autenticación"
                    }
                ),
            ),
            (Mail::AuthenticatorCodeReused, Lang::En) => (
                "An authenticator code was used twice",
                "Someone entered an authenticator code for your Portico account that had already been used, and \
                 it was refused. If you did not just sign in twice in a row, someone may have seen your password \
                 and a code: reset your password now."
                    .to_owned(),
            ),
            (Mail::AuthenticatorCodeReused, Lang::Es) => (
                "Se usó dos veces un código de autenticación",
                "Alguien ingresó un código de autenticación de su cuenta de Portico que ya se había usado, y fue \
                 rechazado. Si usted no acaba de iniciar sesión dos veces seguidas, es posible que alguien haya \
                 visto su contraseña y un código: restablezca su contraseña ahora."
                    .to_owned(),
            ),
            (Mail::ResetPassword { link }, Lang::En) => (
                "Reset your Portico password",
                format!(
                    "Someone, hopefully you, asked to reset the password of your Portico account.\n\nTo choose a \
                     new password, open this link within 30 minutes. It works once:\n\n{link}\n\nYou will still \
                     need your authenticator app, a backup code or an emailed code to sign in afterwards.\n\nIf \
                     you did not ask for this, ignore this message: your password stays as it is."
                ),
            ),
            (Mail::ResetPassword { link }, Lang::Es) => (
                "Restablezca su contraseña de Portico",
                format!(
                    "Alguien, esperamos que usted, pidió restablecer la contraseña de su cuenta de Portico.\n\n\
                     Para elegir una contraseña nueva, abra este enlace en los próximos 30 minutos. Funciona una \
                     sola vez:\n\n{link}\n\nDespués seguirá necesitando su aplicación de autenticación, un código \
                     de respaldo o un código por correo para iniciar sesión.\n\nSi usted no lo pidió, ignore este \
                     mensaje: su contraseña no cambia."
                ),
            ),
            (Mail::PasswordChanged, Lang::En) => (
                "Your Portico password was changed",
                "The password of your Portico account was just changed, and every other device signed in to it \
                 was signed out.\n\nIf you did not do this, reset your password again right away from the \
                 sign-in page and contact us."
                    .to_owned(),
            ),
            (Mail::PasswordChanged, Lang::Es) => (
                "Se cambió su contraseña de Portico",
                "Se acaba de cambiar la contraseña de su cuenta de Portico y se cerró la sesión en todos los \
                 demás dispositivos.\n\nSi usted no hizo esto, restablezca su contraseña de inmediato desde la \
                 página de inicio de sesión y comuníquese con nosotros."
                    .to_owned(),
            ),
            (Mail::SignInPaused { reset_url, until }, Lang::En) => (
                "Sign-in to your account was paused",
                format!(
                    "Someone, perhaps you, entered a wrong password or security code for your Portico account \
                     several times, so signing in is paused until {}. Nothing else has changed.\n\nIf \
                     this was not you, nobody got in: the pause protects your account. If it was you and you \
                     forgot your password, you can reset it by email at any time, even during the pause:\n\n\
                     {reset_url}",
                    lang.format_datetime(*until)
                ),
            ),
            (Mail::SignInPaused { reset_url, until }, Lang::Es) => (
                "Se pausó el inicio de sesión en su cuenta",
                format!(
                    "Alguien, quizás usted, ingresó varias veces una contraseña o un código de seguridad \
                     incorrectos para su cuenta de Portico, así que el inicio de sesión está pausado hasta el {}. \
                     Nada más ha cambiado.\n\nSi no fue usted, nadie entró: la pausa protege su cuenta. \
                     Si fue usted y olvidó su contraseña, puede restablecerla por correo en cualquier momento, \
                     incluso durante la pausa:\n\n{reset_url}",
                    lang.format_datetime(*until)
                ),
            ),
            (Mail::RecoveryLink { link }, Lang::En) => (
                "Recover your Portico account",
                format!(
                    "Someone, hopefully you, signed in with your password and said the authenticator app and \
                     backup codes are lost.\n\nTo start recovering your account, open this link within an \
                     hour:\n\n{link}\n\nFor your safety, recovery then waits 24 hours before you can set up a \
                     new app. Your account, your linked record and your cases are kept.\n\nIf this was not you, \
                     do not open the link, and reset your password: someone knows it."
                ),
            ),
            (Mail::RecoveryLink { link }, Lang::Es) => (
                "Recupere su cuenta de Portico",
                format!(
                    "Alguien, esperamos que usted, inició sesión con su contraseña e indicó que perdió la \
                     aplicación de autenticación y los códigos de respaldo.\n\nPara comenzar a recuperar su \
                     cuenta, abra este enlace dentro de una hora:\n\n{link}\n\nPor su seguridad, la recuperación \
                     espera 24 horas antes de que pueda configurar una aplicación nueva. Su cuenta, su \
                     expediente vinculado y sus casos se conservan.\n\nSi no fue usted, no abra el enlace y \
                     restablezca su contraseña: alguien la conoce."
                ),
            ),
            (Mail::RecoveryStarted { ready_at }, Lang::En) => (
                "Account recovery started",
                format!(
                    "A recovery of your Portico account's sign-in started. On {} you can sign in with your \
                     password and set up a new authenticator app.\n\nIf this was not you: sign in with your app \
                     or a backup code, open Sign-in settings and cancel the recovery, then change your password.",
                    lang.format_datetime(*ready_at)
                ),
            ),
            (Mail::RecoveryStarted { ready_at }, Lang::Es) => (
                "Comenzó la recuperación de su cuenta",
                format!(
                    "Comenzó una recuperación del inicio de sesión de su cuenta de Portico. El {} podrá iniciar \
                     sesión con su contraseña y configurar una aplicación de autenticación nueva.\n\nSi no fue \
                     usted: inicie sesión con su aplicación o un código de respaldo, abra Ajustes de inicio de \
                     sesión y cancele la recuperación; luego cambie su contraseña.",
                    lang.format_datetime(*ready_at)
                ),
            ),
            (Mail::RecoveryCancelled, Lang::En) => (
                "Account recovery cancelled",
                "The recovery of your Portico account's sign-in was cancelled from a signed-in device. Your \
                 authenticator app and backup codes keep working."
                    .to_owned(),
            ),
            (Mail::RecoveryCancelled, Lang::Es) => (
                "Se canceló la recuperación de su cuenta",
                "La recuperación del inicio de sesión de su cuenta de Portico se canceló desde un dispositivo \
                 con la sesión iniciada. Su aplicación de autenticación y sus códigos de respaldo siguen \
                 funcionando."
                    .to_owned(),
            ),
            (Mail::RecoveryReady { sign_in_url }, Lang::En) => (
                "Your account recovery is ready",
                format!(
                    "The 24-hour wait of your Portico account recovery is over. Sign in with your password at \
                     {sign_in_url} and you will be asked to set up a new authenticator app.\n\nIf this was not \
                     you, sign in with your app or a backup code and cancel the recovery under Sign-in settings, \
                     then change your password."
                ),
            ),
            (Mail::RecoveryReady { sign_in_url }, Lang::Es) => (
                "La recuperación de su cuenta está lista",
                format!(
                    "Terminó la espera de 24 horas de la recuperación de su cuenta de Portico. Inicie sesión con \
                     su contraseña en {sign_in_url} y se le pedirá configurar una aplicación de autenticación \
                     nueva.\n\nSi no fue usted, inicie sesión con su aplicación o un código de respaldo y cancele \
                     la recuperación en Ajustes de inicio de sesión; luego cambie su contraseña."
                ),
            ),
            (Mail::RecoveryCompleted, Lang::En) => (
                "Your account was recovered",
                "Your Portico account was recovered: the lost authenticator app and backup codes no longer work. \
                 Set up a new authenticator app from Sign-in settings; until then we email you a code at each \
                 sign-in.\n\nIf this was not you, reset your password now and contact us."
                    .to_owned(),
            ),
            (Mail::RecoveryCompleted, Lang::Es) => (
                "Su cuenta fue recuperada",
                "Su cuenta de Portico fue recuperada: la aplicación de autenticación perdida y los códigos de \
                 respaldo ya no funcionan. Configure una aplicación nueva en Ajustes de inicio de sesión; hasta \
                 entonces le enviaremos un código por correo cada vez que inicie sesión.\n\nSi no fue usted, \
                 restablezca su contraseña ahora y comuníquese con nosotros."
                    .to_owned(),
            ),
            (Mail::PhoneAdded { hint }, Lang::En) => (
                "A phone was added to your account",
                format!(
                    "The phone {hint} can now receive sign-in codes by text message for your Portico account.\n\n\
                     If this was not you, sign in, remove the phone under Sign-in settings and change your \
                     password."
                ),
            ),
            (Mail::PhoneAdded { hint }, Lang::Es) => (
                "Se agregó un teléfono a su cuenta",
                format!(
                    "El teléfono {hint} ahora puede recibir por mensaje de texto códigos para iniciar sesión en \
                     su cuenta de Portico.\n\nSi no fue usted, inicie sesión, quite el teléfono en Ajustes de \
                     inicio de sesión y cambie su contraseña."
                ),
            ),
            (Mail::PhoneRemoved, Lang::En) => (
                "A phone was removed from your account",
                "The phone for text-message codes was removed from your Portico account.\n\nIf this was not you, \
                 reset your password now and contact us."
                    .to_owned(),
            ),
            (Mail::PhoneRemoved, Lang::Es) => (
                "Se quitó un teléfono de su cuenta",
                "Se quitó de su cuenta de Portico el teléfono para códigos por mensaje de texto.\n\nSi no fue \
                 usted, restablezca su contraseña ahora y comuníquese con nosotros."
                    .to_owned(),
            ),
            (Mail::ConfirmNewEmail { link }, Lang::En) => (
                "Confirm your new email address",
                format!(
                    "Someone, hopefully you, asked to use this address to sign in to Portico.\n\nTo make the \
                     change, open this link within 24 hours and press \"Use this address\":\n\n{link}\n\nIf you \
                     did not ask for this, ignore this message; nothing will change."
                ),
            ),
            (Mail::ConfirmNewEmail { link }, Lang::Es) => (
                "Confirme su nuevo correo electrónico",
                format!(
                    "Alguien, esperamos que usted, pidió usar esta dirección para iniciar sesión en Portico.\n\n\
                     Para hacer el cambio, abra este enlace en las próximas 24 horas y oprima \"Usar esta \
                     dirección\":\n\n{link}\n\nSi usted no lo pidió, ignore este mensaje; nada cambiará."
                ),
            ),
            (Mail::EmailChangeRequested { new_hint }, Lang::En) => (
                "A change of your sign-in email was requested",
                format!(
                    "Someone signed in to your Portico account asked to change its email to {new_hint}. The change \
                     happens only when the link sent to that address is opened.\n\nIf this was not you, sign in, \
                     change your password and review your devices."
                ),
            ),
            (Mail::EmailChangeRequested { new_hint }, Lang::Es) => (
                "Se pidió cambiar su correo de inicio de sesión",
                format!(
                    "Alguien con la sesión iniciada en su cuenta de Portico pidió cambiar su correo a {new_hint}. \
                     El cambio ocurre solo cuando se abre el enlace enviado a esa dirección.\n\nSi no fue usted, \
                     inicie sesión, cambie su contraseña y revise sus dispositivos."
                ),
            ),
            (Mail::EmailChanged { new_hint }, Lang::En) => (
                "Your sign-in email was changed",
                format!(
                    "Your Portico account now signs in with {new_hint}. This address will no longer receive \
                     messages about the account.\n\nIf this was not you, contact us right away."
                ),
            ),
            (Mail::EmailChanged { new_hint }, Lang::Es) => (
                "Se cambió su correo de inicio de sesión",
                format!(
                    "Su cuenta de Portico ahora inicia sesión con {new_hint}. Esta dirección ya no recibirá \
                     mensajes sobre la cuenta.\n\nSi no fue usted, comuníquese con nosotros de inmediato."
                ),
            ),
        };
        Rendered { subject: subject.to_owned(), body: signed(lang, body) }
    }
}

/// Text messages: short, with the code first so phones can offer to fill it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    SignInCode { code: String },
    VerifyPhone { code: String },
}

impl Text {
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Text::SignInCode { code }, Lang::En) => {
                format!("{code} is your Portico sign-in code. It works once for 10 minutes. Never share it.")
            }
            (Text::SignInCode { code }, Lang::Es) => {
                format!(
                    "{code} es su código para iniciar sesión en Portico. Vale una vez por 10 minutos. No lo comparta."
                )
            }
            (Text::VerifyPhone { code }, Lang::En) => {
                format!("{code} is your Portico code to confirm this phone. It works once for 10 minutes.")
            }
            (Text::VerifyPhone { code }, Lang::Es) => {
                format!("{code} es su código de Portico para confirmar este teléfono. Vale una vez por 10 minutos.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mail_reads_differently_in_each_language_and_keeps_its_details() {
        for mail in Mail::samples() {
            let en = mail.render(Lang::En);
            let es = mail.render(Lang::Es);
            assert_ne!(en.subject, es.subject, "{mail:?}");
            assert_ne!(en.body, es.body, "{mail:?}");
            for detail in ["https://portico.example/x?token=abc", "123456", "Maria Lopez", "0143", "m•••@example.com"]
            {
                assert_eq!(en.body.contains(detail), es.body.contains(detail), "{mail:?} {detail}");
            }
            assert!(en.body.ends_with("— Portico\n") && es.body.ends_with("— Portico\n"));
        }
    }

    #[test]
    fn texts_carry_the_code_first_in_both_languages() {
        for text in [Text::SignInCode { code: "123456".into() }, Text::VerifyPhone { code: "123456".into() }] {
            for lang in Lang::ALL {
                let rendered = text.render(lang);
                assert!(rendered.starts_with("123456 "));
                assert!(rendered.chars().count() <= 160, "a text stays short: {rendered}");
            }
        }
    }
}
