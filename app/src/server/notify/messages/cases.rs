//! Mail about an applicant's cases, in English and Spanish. It names the case and its new status
//! and sends the reader to Portico for the rest: a notice's details stay behind the sign-in.

use super::{signed, Rendered};
use crate::domain::CaseStatus;
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseMail {
    /// A case's status changed (and a notice was issued with it).
    Updated { receipt: String, status: CaseStatus, case_url: String },
}

/// The text sent (to owners who chose texts) when a case changes: short, no details.
pub fn case_updated_text(receipt: &str, status: CaseStatus, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("Portico: your case {receipt} was updated: {}. Sign in to read the notice.", status.title(lang))
        }
        Lang::Es => {
            format!(
                "Portico: su caso {receipt} fue actualizado: {}. Inicie sesión para leer el aviso.",
                status.title(lang)
            )
        }
    }
}

impl CaseMail {
    pub fn render(&self, lang: Lang) -> Rendered {
        let (subject, body) = match (self, lang) {
            (CaseMail::Updated { receipt, status, case_url }, Lang::En) => (
                format!("Your case {receipt} was updated"),
                format!(
                    "The status of your case {receipt} is now: {}.\n\nA new notice about it is in your \
                     account. To read it, sign in and open the case:\n\n{case_url}",
                    status.title(lang)
                ),
            ),
            (CaseMail::Updated { receipt, status, case_url }, Lang::Es) => (
                format!("Su caso {receipt} fue actualizado"),
                format!(
                    "El estado de su caso {receipt} ahora es: {}.\n\nHay un nuevo aviso sobre él en su \
                     cuenta. Para leerlo, inicie sesión y abra el caso:\n\n{case_url}",
                    status.title(lang)
                ),
            ),
        };
        Rendered { subject, body: signed(lang, body) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_update_names_the_case_and_status_in_each_language() {
        let mail = CaseMail::Updated {
            receipt: "IOE0912345601".into(),
            status: CaseStatus::RequestForEvidenceWasSent,
            case_url: "https://portico.example/cases/IOE0912345601".into(),
        };
        for lang in [Lang::En, Lang::Es] {
            let rendered = mail.render(lang);
            assert!(rendered.subject.contains("IOE0912345601"));
            assert!(rendered.body.contains(CaseStatus::RequestForEvidenceWasSent.title(lang)), "{lang:?}");
            assert!(rendered.body.contains("https://portico.example/cases/IOE0912345601"));
        }
    }
}
