//! Letters on paper to the postal address on an immigration record — today only the Account
//! Access Notice with an online access code. Portico does not print or post anything itself: each
//! letter is written as a text file into `PORTICO_PAPER_OUTBOX_DIR` for the agency's existing
//! print-and-mail run (or a print vendor's pickup) to send, and logged without its code. The
//! point of the code is that it travels by a different channel than the account: someone who
//! knows a person's document details does not also receive their post.

use crate::error::AppError;
use crate::server::entities::immigration_record;
use crate::server::AppState;
use chrono::{DateTime, Utc};

/// Writes the Account Access Notice for `record` carrying `code`, valid until `valid_until`.
pub async fn send_access_notice(
    state: &AppState,
    record: &immigration_record::Model,
    code: &str,
    valid_until: DateTime<Utc>,
) -> Result<(), AppError> {
    use rand::Rng;
    let dir = &state.config.paper_outbox_dir;
    let identifier = record.a_number.clone().or_else(|| record.uscis_number.clone()).unwrap_or_default();
    let name = format!(
        "{}-access-notice-{}-{:08x}.txt",
        state.now().format("%Y%m%dT%H%M%S"),
        record.id,
        rand::thread_rng().gen::<u32>()
    );
    // In English and Spanish, as the person's language is not known on the record.
    let letter = format!(
        "Record: {identifier}\nTo: {full_name}\n(postal address on file for this record)\n\n\
         ACCOUNT ACCESS NOTICE\n\n\
         Someone asked to link an online account to your immigration record. If it was you, enter this \
         online access code in Portico to finish: {code}\nThe code works once, until {until_en}.\n\
         If it was not you, do nothing: without this code nobody can see your record online. You can \
         call the contact center to tell us.\n\n\
         AVISO DE ACCESO A LA CUENTA\n\n\
         Alguien pidió vincular una cuenta en línea a su expediente de inmigración. Si fue usted, ingrese \
         este código de acceso en línea en Portico para terminar: {code}\nEl código sirve una vez, hasta el \
         {until_es}.\nSi no fue usted, no haga nada: sin este código nadie puede ver su expediente en línea.\n",
        full_name = record.full_name,
        until_en = crate::i18n::Lang::En.format_datetime(valid_until),
        until_es = crate::i18n::Lang::Es.format_datetime(valid_until),
    );
    tokio::fs::create_dir_all(dir).await.map_err(|e| crate::server::internal_error("paper outbox", e))?;
    tokio::fs::write(dir.join(&name), letter).await.map_err(|e| crate::server::internal_error("paper outbox", e))?;
    tracing::info!(record_id = %record.id, file = %name, "account access notice queued for paper mail");
    Ok(())
}
