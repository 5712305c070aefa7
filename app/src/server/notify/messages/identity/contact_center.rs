//! The words of the mail the contact center's actions send the account's owner. Each says what
//! was done, that the contact center did it at a caller's request, and what to do if that caller
//! was not the owner.

use crate::i18n::Lang;

const NOT_YOU_EN: &str = "If you did not call us, call the contact center back at the number on uscis.gov \
    and change your password.";
const NOT_YOU_ES: &str = "Si usted no nos llamó, vuelva a llamar al centro de contacto al número que \
    aparece en uscis.gov y cambie su contraseña.";

pub(super) fn pause_lifted(lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "You can sign in to Portico again",
            format!(
                "At your request, the contact center lifted the pause on signing in to your account. You \
                 can sign in again now.\n\n{NOT_YOU_EN}"
            ),
        ),
        Lang::Es => (
            "Puede volver a iniciar sesión en Portico",
            format!(
                "A su pedido, el centro de contacto levantó la pausa para iniciar sesión en su cuenta. Ya \
                 puede volver a iniciar sesión.\n\n{NOT_YOU_ES}"
            ),
        ),
    }
}

pub(super) fn factor_reset(link: &str, waived: bool, lang: Lang) -> (&'static str, String) {
    match (lang, waived) {
        (Lang::En, false) => (
            "Reset your second factor",
            format!(
                "At your request, the contact center started resetting the second factor of your account. \
                 To go on, open this link within an hour:\n\n{link}\n\nFor your security, the reset then \
                 waits 24 hours before you can set up a new authenticator app.\n\n{NOT_YOU_EN}"
            ),
        ),
        (Lang::En, true) => (
            "Reset your second factor",
            format!(
                "At your request, and after checking your identity, the contact center started resetting \
                 the second factor of your account. To go on, open this link within an hour:\n\n{link}\n\n\
                 You can then sign in with your password and set up a new authenticator app.\n\n{NOT_YOU_EN}"
            ),
        ),
        (Lang::Es, false) => (
            "Restablezca su segundo factor",
            format!(
                "A su pedido, el centro de contacto comenzó a restablecer el segundo factor de su cuenta. \
                 Para continuar, abra este enlace en la próxima hora:\n\n{link}\n\nPor su seguridad, el \
                 restablecimiento espera luego 24 horas antes de que pueda configurar una nueva aplicación \
                 de autenticación.\n\n{NOT_YOU_ES}"
            ),
        ),
        (Lang::Es, true) => (
            "Restablezca su segundo factor",
            format!(
                "A su pedido, y después de verificar su identidad, el centro de contacto comenzó a \
                 restablecer el segundo factor de su cuenta. Para continuar, abra este enlace en la \
                 próxima hora:\n\n{link}\n\nLuego podrá iniciar sesión con su contraseña y configurar una \
                 nueva aplicación de autenticación.\n\n{NOT_YOU_ES}"
            ),
        ),
    }
}

pub(super) fn record_unlinked(lang: Lang) -> (&'static str, String) {
    match lang {
        Lang::En => (
            "An immigration record was unlinked from your account",
            "The contact center looked into a report that the immigration record linked to your Portico \
             account belongs to someone else, and unlinked it. Your account no longer shows that record's \
             cases. If the record is yours, link it again with the online access code from your Account \
             Access Notice, or call the contact center."
                .to_owned(),
        ),
        Lang::Es => (
            "Se desvinculó un expediente de inmigración de su cuenta",
            "El centro de contacto revisó un informe de que el expediente de inmigración vinculado a su \
             cuenta de Portico pertenece a otra persona, y lo desvinculó. Su cuenta ya no muestra los casos \
             de ese expediente. Si el expediente es suyo, vuélvalo a vincular con el código de acceso en \
             línea de su Aviso de Acceso a la Cuenta, o llame al centro de contacto."
                .to_owned(),
        ),
    }
}

pub(super) fn dispute_settled(unlinked: bool, lang: Lang) -> (&'static str, String) {
    match (lang, unlinked) {
        (Lang::En, true) => (
            "Your report about your immigration record was settled",
            "The contact center unlinked your immigration record from the other account. Sign in and \
             link it to yours with the online access code from your Account Access Notice."
                .to_owned(),
        ),
        (Lang::En, false) => (
            "Your report about your immigration record was settled",
            "The contact center looked into your report and found that the record is linked to the \
             right account. If you think this is wrong, call the contact center."
                .to_owned(),
        ),
        (Lang::Es, true) => (
            "Se resolvió su informe sobre su expediente de inmigración",
            "El centro de contacto desvinculó su expediente de inmigración de la otra cuenta. Inicie \
             sesión y vincúlelo a la suya con el código de acceso en línea de su Aviso de Acceso a la \
             Cuenta."
                .to_owned(),
        ),
        (Lang::Es, false) => (
            "Se resolvió su informe sobre su expediente de inmigración",
            "El centro de contacto revisó su informe y encontró que el expediente está vinculado a la \
             cuenta correcta. Si cree que esto es un error, llame al centro de contacto."
                .to_owned(),
        ),
    }
}
