//! The USCIS forms Portico follows, by form number.

use super::{compact_identifier, ParseError};
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! form_types {
    ($( $variant:ident => $code:literal, $en:literal, $es:literal; )+) => {
        /// The USCIS forms Portico follows, each with its official English title and a Spanish one.
        /// Stored as its form number (`I-485`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        #[cfg_attr(
            feature = "ssr",
            sea_orm(value_type = "String", from_str = "FormType::parse", to_str = "FormType::stored_code")
        )]
        pub enum FormType { $( $variant, )+ }

        impl FormType {
            pub const ALL: &'static [FormType] = &[ $( FormType::$variant, )+ ];

            /// The form number as printed on the form, e.g. `I-485`.
            pub fn code(self) -> &'static str {
                match self { $( FormType::$variant => $code, )+ }
            }

            pub fn title_en(self) -> &'static str {
                match self { $( FormType::$variant => $en, )+ }
            }

            pub fn title_es(self) -> &'static str {
                match self { $( FormType::$variant => $es, )+ }
            }

            /// The title in `lang`.
            pub fn title(self, lang: crate::i18n::Lang) -> &'static str {
                match lang {
                    crate::i18n::Lang::En => self.title_en(),
                    crate::i18n::Lang::Es => self.title_es(),
                }
            }
        }
    };
}

form_types! {
    I90 => "I-90", "Application to Replace Permanent Resident Card", "Solicitud para Reemplazar la Tarjeta de Residente Permanente";
    I129F => "I-129F", "Petition for Alien Fiancé(e)", "Petición de Prometido(a) Extranjero(a)";
    I130 => "I-130", "Petition for Alien Relative", "Petición de Familiar Extranjero";
    I131 => "I-131", "Application for Travel Document", "Solicitud de Documento de Viaje";
    I140 => "I-140", "Immigrant Petition for Alien Workers", "Petición de Inmigrante para Trabajador Extranjero";
    I485 => "I-485", "Application to Register Permanent Residence or Adjust Status", "Solicitud de Registro de Residencia Permanente o Ajuste de Estatus";
    I539 => "I-539", "Application to Extend/Change Nonimmigrant Status", "Solicitud para Extender/Cambiar Estatus de No Inmigrante";
    I589 => "I-589", "Application for Asylum and for Withholding of Removal", "Solicitud de Asilo y de Suspensión de Expulsión";
    I751 => "I-751", "Petition to Remove Conditions on Residence", "Petición para Eliminar las Condiciones de Residencia";
    I765 => "I-765", "Application for Employment Authorization", "Solicitud de Autorización de Empleo";
    I821D => "I-821D", "Consideration of Deferred Action for Childhood Arrivals", "Consideración de Acción Diferida para los Llegados en la Infancia";
    N400 => "N-400", "Application for Naturalization", "Solicitud de Naturalización";
    N565 => "N-565", "Application for Replacement Naturalization/Citizenship Document", "Solicitud de Reemplazo de Documento de Naturalización/Ciudadanía";
    N600 => "N-600", "Application for Certificate of Citizenship", "Solicitud de Certificado de Ciudadanía";
}

impl FormType {
    #[cfg(feature = "ssr")]
    fn stored_code(&self) -> &'static str {
        self.code()
    }

    /// Accepts `I-485`, `i485`, `I 485`: the form number with or without its dash.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let compact = compact_identifier(raw);
        if compact.is_empty() {
            return Err(ParseError::FormNumberMissing);
        }
        FormType::ALL
            .iter()
            .copied()
            .find(|form| compact_identifier(form.code()) == compact)
            .ok_or(ParseError::FormNumberUnknown)
    }
}

impl fmt::Display for FormType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_with_or_without_dash() {
        assert_eq!(FormType::parse("i485").unwrap(), FormType::I485);
        assert_eq!(FormType::parse("I-821D").unwrap(), FormType::I821D);
        assert_eq!(FormType::parse("n 400").unwrap(), FormType::N400);
        assert_eq!(FormType::parse("I-999"), Err(ParseError::FormNumberUnknown));
    }

    #[test]
    fn codes_are_unique_and_titled_in_both_languages() {
        let mut codes: Vec<_> = FormType::ALL.iter().map(|f| f.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), FormType::ALL.len());
        assert!(FormType::ALL.iter().all(|f| !f.title_en().is_empty() && !f.title_es().is_empty()));
    }

    proptest! {
        #[test]
        fn every_form_round_trips_through_its_code(index in 0..FormType::ALL.len()) {
            let form = FormType::ALL[index];
            prop_assert_eq!(FormType::parse(form.code()).unwrap(), form);
            prop_assert_eq!(FormType::parse(&form.code().to_lowercase().replace('-', " ")).unwrap(), form);
        }
    }
}
