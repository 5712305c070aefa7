//! The words of the identity context's mail about signing in: codes, pauses, second factors and
//! the recovery of a lost one. One function per mail, each matching every language (a language
//! missing does not compile).

use crate::i18n::Lang;
use chrono::{DateTime, Utc};

pub(super) fn password_may_be_known(reset_url: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Someone may know your password",
            format!(
                "Someone entered your Portico password correctly but did not finish signing in with your \
                 second factor. If this was you, there is nothing to do. If it was not, someone knows your \
                 password: change it now. Your second factor kept them out.\n\n{reset_url}"
            ),
        ),
        Lang::Es => (
            "Puede que alguien conozca su contraseña",
            format!(
                "Alguien ingresó bien su contraseña de Portico pero no terminó de iniciar sesión con su \
                 segundo factor. Si fue usted, no tiene que hacer nada. Si no fue usted, alguien conoce su \
                 contraseña: cámbiela ahora. Su segundo factor impidió la entrada.\n\n{reset_url}"
            ),
        ),
    }
}

pub(super) fn sign_in_code(code: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Your Portico sign-in code",
            format!(
                "Your one-time sign-in code is:\n\n    {code}\n\nIt works once, for the next 10 minutes.\n\n\
                 If you are not signing in to Portico right now, someone has your password: reset it from \
                 the sign-in page. They cannot get in without this code."
            ),
        ),
        Lang::Es => (
            "Su código para iniciar sesión en Portico",
            format!(
                "Su código de un solo uso para iniciar sesión es:\n\n    {code}\n\nFunciona una vez, durante \
                 los próximos 10 minutos.\n\nSi usted no está iniciando sesión en Portico ahora mismo, alguien \
                 tiene su contraseña: restablézcala desde la página de inicio de sesión. Sin este código no \
                 puede entrar."
            ),
        ),
    }
}

pub(super) fn backup_code_used(left: &u64, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "A backup code was used to sign in",
            format!(
                "A backup code was just used to sign in to your Portico account. You have {left} left; you \
                 can make a new set on your account's sign-in settings page.\n\nIf this was not you, reset \
                 your password now."
            ),
        ),
        Lang::Es => (
            "Se usó un código de respaldo para iniciar sesión",
            format!(
                "Se acaba de usar un código de respaldo para iniciar sesión en su cuenta de Portico. Le \
                 quedan {left}; puede crear un juego nuevo en la página de ajustes de inicio de sesión.\n\n\
                 Si no fue usted, restablezca su contraseña ahora."
            ),
        ),
    }
}

pub(super) fn authenticator_added(replacing: &bool, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "An authenticator app was set up for your account",
            format!(
                "Someone, hopefully you, {} for signing in to your Portico account.\n\nIf this was not you, \
                 reset your password now and contact us.",
                if *replacing { "replaced the authenticator app" } else { "added an authenticator app" }
            ),
        ),
        Lang::Es => (
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
    }
}

pub(super) fn authenticator_code_reused(lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "An authenticator code was used twice",
            "Someone entered an authenticator code for your Portico account that had already been used, and \
             it was refused. If you did not just sign in twice in a row, someone may have seen your password \
             and a code: reset your password now."
                .to_owned(),
        ),
        Lang::Es => (
            "Se usó dos veces un código de autenticación",
            "Alguien ingresó un código de autenticación de su cuenta de Portico que ya se había usado, y fue \
             rechazado. Si usted no acaba de iniciar sesión dos veces seguidas, es posible que alguien haya \
             visto su contraseña y un código: restablezca su contraseña ahora."
                .to_owned(),
        ),
    }
}

pub(super) fn sign_in_paused(reset_url: &str, until: &DateTime<Utc>, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
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
        Lang::Es => (
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
    }
}

pub(super) fn recovery_link(link: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Recover your Portico account",
            format!(
                "Someone, hopefully you, signed in with your password and said the authenticator app and \
                 backup codes are lost.\n\nTo start recovering your account, open this link within an \
                 hour:\n\n{link}\n\nFor your safety, recovery then waits 24 hours before you can set up a \
                 new app. Your account, your linked record and your cases are kept.\n\nIf this was not you, \
                 do not open the link, and reset your password: someone knows it."
            ),
        ),
        Lang::Es => (
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
    }
}

pub(super) fn recovery_started(ready_at: &DateTime<Utc>, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Account recovery started",
            format!(
                "A recovery of your Portico account's sign-in started. On {} you can sign in with your \
                 password and set up a new authenticator app.\n\nIf this was not you: sign in with your app \
                 or a backup code, open Sign-in settings and cancel the recovery, then change your password.",
                lang.format_datetime(*ready_at)
            ),
        ),
        Lang::Es => (
            "Comenzó la recuperación de su cuenta",
            format!(
                "Comenzó una recuperación del inicio de sesión de su cuenta de Portico. El {} podrá iniciar \
                 sesión con su contraseña y configurar una aplicación de autenticación nueva.\n\nSi no fue \
                 usted: inicie sesión con su aplicación o un código de respaldo, abra Ajustes de inicio de \
                 sesión y cancele la recuperación; luego cambie su contraseña.",
                lang.format_datetime(*ready_at)
            ),
        ),
    }
}

pub(super) fn recovery_cancelled(lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Account recovery cancelled",
            "The recovery of your Portico account's sign-in was cancelled from a signed-in device. Your \
             authenticator app and backup codes keep working."
                .to_owned(),
        ),
        Lang::Es => (
            "Se canceló la recuperación de su cuenta",
            "La recuperación del inicio de sesión de su cuenta de Portico se canceló desde un dispositivo \
             con la sesión iniciada. Su aplicación de autenticación y sus códigos de respaldo siguen \
             funcionando."
                .to_owned(),
        ),
    }
}

pub(super) fn recovery_ready(sign_in_url: &str, lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Your account recovery is ready",
            format!(
                "The 24-hour wait of your Portico account recovery is over. Sign in with your password at \
                 {sign_in_url} and you will be asked to set up a new authenticator app.\n\nIf this was not \
                 you, sign in with your app or a backup code and cancel the recovery under Sign-in settings, \
                 then change your password."
            ),
        ),
        Lang::Es => (
            "La recuperación de su cuenta está lista",
            format!(
                "Terminó la espera de 24 horas de la recuperación de su cuenta de Portico. Inicie sesión con \
                 su contraseña en {sign_in_url} y se le pedirá configurar una aplicación de autenticación \
                 nueva.\n\nSi no fue usted, inicie sesión con su aplicación o un código de respaldo y cancele \
                 la recuperación en Ajustes de inicio de sesión; luego cambie su contraseña."
            ),
        ),
    }
}

pub(super) fn recovery_completed(lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "Your account was recovered",
            "Your Portico account was recovered: the lost authenticator app and backup codes no longer work. \
             Set up a new authenticator app from Sign-in settings; until then we email you a code at each \
             sign-in.\n\nIf this was not you, reset your password now and contact us."
                .to_owned(),
        ),
        Lang::Es => (
            "Su cuenta fue recuperada",
            "Su cuenta de Portico fue recuperada: la aplicación de autenticación perdida y los códigos de \
             respaldo ya no funcionan. Configure una aplicación nueva en Ajustes de inicio de sesión; hasta \
             entonces le enviaremos un código por correo cada vez que inicie sesión.\n\nSi no fue usted, \
             restablezca su contraseña ahora y comuníquese con nosotros."
                .to_owned(),
        ),
    }
}
