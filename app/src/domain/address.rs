//! Postal addresses as the change-of-address form (AR-11) takes them: in the United States (a
//! state, territory or DC and a ZIP or ZIP+4), at a military or diplomatic post (APO, FPO or DPO
//! with AA, AE or AP), or abroad (any country, a postal code if it has one). One set of fields
//! serves all three: the country and the city decide which rules apply.

use super::ParseError;
use serde::{Deserialize, Serialize};

/// What was typed, field by field (kept as typed, so a refused form loses nothing).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressForm {
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressKind {
    UnitedStates,
    /// APO, FPO or DPO.
    Military,
    Foreign,
}

/// A checked address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalAddress {
    pub kind: AddressKind,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    /// The state's two letters (U.S. and military), or a province or region abroad (may be empty).
    pub region: String,
    pub postal_code: String,
    /// "United States" for U.S. and military addresses.
    pub country: String,
}

/// The states, DC and the territories the U.S. Postal Service delivers to, by their two letters.
pub const US_STATES: [&str; 56] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
    "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI",
];

const MILITARY_CITIES: [&str; 3] = ["APO", "FPO", "DPO"];
const MILITARY_STATES: [&str; 3] = ["AA", "AE", "AP"];
/// Longest line kept (what fits on an envelope's line).
pub const MAX_LINE: usize = 64;

fn is_united_states(country: &str) -> bool {
    let key: String = country.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_uppercase();
    key.is_empty() || matches!(key.as_str(), "US" | "USA" | "UNITEDSTATES" | "UNITEDSTATESOFAMERICA" | "ESTADOSUNIDOS")
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl PostalAddress {
    pub fn parse(form: &AddressForm) -> Result<Self, ParseError> {
        let line1 = clean(&form.line1);
        let line2 = clean(&form.line2);
        let city = clean(&form.city);
        let region = clean(&form.region).to_uppercase();
        let postal_code = clean(&form.postal_code);
        let country = clean(&form.country);
        if line1.is_empty() {
            return Err(ParseError::AddressStreetMissing);
        }
        let too_long =
            [&line1, &line2, &city, &region, &postal_code, &country].iter().any(|t| t.chars().count() > MAX_LINE);
        let controls = [&line1, &line2, &city, &region, &postal_code, &country]
            .iter()
            .any(|t| t.chars().any(|c| c.is_control() || c == '<' || c == '>'));
        if too_long || controls {
            return Err(ParseError::AddressLineShape);
        }
        if city.is_empty() {
            return Err(ParseError::AddressCityMissing);
        }
        let line2 = (!line2.is_empty()).then_some(line2);
        if !is_united_states(&country) {
            let region = clean(&form.region);
            if postal_code.chars().count() > 12 {
                return Err(ParseError::AddressPostalCodeShape);
            }
            return Ok(Self { kind: AddressKind::Foreign, line1, line2, city, region, postal_code, country });
        }
        let digits: String = postal_code.chars().filter(|c| c.is_ascii_digit()).collect();
        let zip_shape = postal_code.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
            && (digits.len() == 5 || digits.len() == 9);
        let zip = match digits.len() {
            9 => format!("{}-{}", &digits[..5], &digits[5..]),
            _ => digits.clone(),
        };
        let military = MILITARY_CITIES.contains(&city.to_uppercase().as_str());
        if military {
            if !MILITARY_STATES.contains(&region.as_str()) {
                return Err(ParseError::AddressMilitaryState);
            }
        } else if !US_STATES.contains(&region.as_str()) {
            return Err(ParseError::AddressStateUnknown);
        }
        if !zip_shape {
            return Err(ParseError::AddressZipShape);
        }
        Ok(Self {
            kind: if military { AddressKind::Military } else { AddressKind::UnitedStates },
            line1,
            line2,
            city: if military { city.to_uppercase() } else { city },
            region,
            postal_code: zip,
            country: "United States".to_owned(),
        })
    }

    /// The address as it goes on an envelope, line by line.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.line1.clone()];
        lines.extend(self.line2.clone());
        match self.kind {
            AddressKind::UnitedStates | AddressKind::Military => {
                lines.push(format!("{} {} {}", self.city, self.region, self.postal_code));
            }
            AddressKind::Foreign => {
                let place = [self.city.as_str(), self.region.as_str(), self.postal_code.as_str()]
                    .iter()
                    .filter(|p| !p.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                lines.push(place);
                lines.push(self.country.to_uppercase());
            }
        }
        lines
    }

    /// The fields again, to fill the form with the address on file.
    pub fn to_form(&self) -> AddressForm {
        AddressForm {
            line1: self.line1.clone(),
            line2: self.line2.clone().unwrap_or_default(),
            city: self.city.clone(),
            region: self.region.clone(),
            postal_code: self.postal_code.clone(),
            country: self.country.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(line1: &str, city: &str, region: &str, postal_code: &str, country: &str) -> AddressForm {
        AddressForm {
            line1: line1.into(),
            line2: String::new(),
            city: city.into(),
            region: region.into(),
            postal_code: postal_code.into(),
            country: country.into(),
        }
    }

    #[test]
    fn united_states_addresses_need_a_state_and_a_zip_or_zip_plus_four() {
        let a = PostalAddress::parse(&form(" 12  Elm St ", "Houston", "tx", "77002", "")).unwrap();
        assert_eq!(a.kind, AddressKind::UnitedStates);
        assert_eq!(a.lines(), ["12 Elm St", "Houston TX 77002"]);
        let plus4 = PostalAddress::parse(&form("1 Main St", "San Juan", "PR", "009011234", "USA")).unwrap();
        assert_eq!(plus4.postal_code, "00901-1234");
        assert_eq!(
            PostalAddress::parse(&form("1 Main St", "Houston", "XX", "77002", "")),
            Err(ParseError::AddressStateUnknown)
        );
        assert_eq!(
            PostalAddress::parse(&form("1 Main St", "Houston", "TX", "7700", "")),
            Err(ParseError::AddressZipShape)
        );
        assert_eq!(
            PostalAddress::parse(&form("1 Main St", "Houston", "TX", "77OO2", "")),
            Err(ParseError::AddressZipShape)
        );
        assert_eq!(
            PostalAddress::parse(&form("", "Houston", "TX", "77002", "")),
            Err(ParseError::AddressStreetMissing)
        );
        assert_eq!(
            PostalAddress::parse(&form("1 Main St", " ", "TX", "77002", "")),
            Err(ParseError::AddressCityMissing)
        );
        let long = "x".repeat(MAX_LINE + 1);
        assert_eq!(PostalAddress::parse(&form(&long, "Houston", "TX", "77002", "")), Err(ParseError::AddressLineShape));
        assert_eq!(
            PostalAddress::parse(&form("1 <b>", "Houston", "TX", "77002", "")),
            Err(ParseError::AddressLineShape)
        );
    }

    #[test]
    fn military_posts_use_aa_ae_or_ap() {
        let a = PostalAddress::parse(&form("PSC 802 Box 74", "apo", "AE", "09499-0074", "")).unwrap();
        assert_eq!((a.kind, a.city.as_str()), (AddressKind::Military, "APO"));
        assert_eq!(
            PostalAddress::parse(&form("PSC 802 Box 74", "APO", "NY", "09499", "")),
            Err(ParseError::AddressMilitaryState)
        );
    }

    #[test]
    fn addresses_abroad_keep_their_own_shape() {
        let a = PostalAddress::parse(&form("Calle 5 de Mayo 10", "Oaxaca", "Oax.", "68000", "Mexico")).unwrap();
        assert_eq!(a.kind, AddressKind::Foreign);
        assert_eq!(a.lines(), ["Calle 5 de Mayo 10", "Oaxaca Oax. 68000", "MEXICO"]);
        let no_code = PostalAddress::parse(&form("Plot 4", "Kampala", "", "", "Uganda")).unwrap();
        assert_eq!(no_code.lines(), ["Plot 4", "Kampala", "UGANDA"]);
        assert_eq!(
            PostalAddress::parse(&form("Plot 4", "Kampala", "", "1234567890123", "Uganda")),
            Err(ParseError::AddressPostalCodeShape)
        );
        assert_eq!(PostalAddress::parse(&a.to_form()).unwrap(), a);
    }
}
