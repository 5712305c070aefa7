//! The offices that work cases and hold appointments. A case belongs to one office (its queue);
//! an appointment is held at an office, in that office's time zone.

use super::AppointmentKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// Stored on cases and staff accounts.
    pub code: &'static str,
    pub name: &'static str,
    pub address: &'static str,
    /// IANA zone: appointment times are shown as the office's clocks show them.
    pub time_zone: &'static str,
}

pub const OFFICES: [Office; 4] = [
    Office {
        code: "NBC",
        name: "National Benefits Center",
        address: "850 NW Chipman Road, Lee's Summit, MO 64063",
        time_zone: "America/Chicago",
    },
    Office {
        code: "NYC",
        name: "New York City Field Office",
        address: "26 Federal Plaza, New York, NY 10278",
        time_zone: "America/New_York",
    },
    Office {
        code: "LOS",
        name: "Los Angeles Field Office",
        address: "300 N Los Angeles St, Los Angeles, CA 90012",
        time_zone: "America/Los_Angeles",
    },
    Office {
        code: "MIA",
        name: "Miami Field Office",
        address: "8801 NW 7th Ave, Miami, FL 33150",
        time_zone: "America/New_York",
    },
];

/// The office with this code.
pub fn office(code: &str) -> Option<&'static Office> {
    OFFICES.iter().find(|o| o.code == code)
}

/// A place that holds appointments: every office holds interviews and biometrics, and the
/// Application Support Centers take biometrics only. Places in one `area` are "nearby": an
/// applicant may move an appointment to any of them (`server::cases::rescheduling`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Stored on appointments and their slots.
    pub code: &'static str,
    pub name: &'static str,
    pub address: &'static str,
    pub time_zone: &'static str,
    pub area: &'static str,
    pub holds: &'static [AppointmentKind],
}

const BOTH: &[AppointmentKind] = &[AppointmentKind::Biometrics, AppointmentKind::Interview];
const BIOMETRICS: &[AppointmentKind] = &[AppointmentKind::Biometrics];
const INTERVIEWS: &[AppointmentKind] = &[AppointmentKind::Interview];

const fn at_office(o: Office, area: &'static str) -> Place {
    Place { code: o.code, name: o.name, address: o.address, time_zone: o.time_zone, area, holds: BOTH }
}

pub const PLACES: [Place; 10] = [
    at_office(OFFICES[0], "kansas-city"),
    at_office(OFFICES[1], "new-york"),
    at_office(OFFICES[2], "los-angeles"),
    at_office(OFFICES[3], "miami"),
    Place {
        code: "NWK",
        name: "Newark Field Office",
        address: "970 Broad St, Newark, NJ 07102",
        time_zone: "America/New_York",
        area: "new-york",
        holds: INTERVIEWS,
    },
    Place {
        code: "LAA",
        name: "Los Angeles Application Support Center",
        address: "3000 Wilshire Blvd, Los Angeles, CA 90010",
        time_zone: "America/Los_Angeles",
        area: "los-angeles",
        holds: BIOMETRICS,
    },
    Place {
        code: "SAA",
        name: "Santa Ana Application Support Center",
        address: "34 Civic Center Plaza, Santa Ana, CA 92701",
        time_zone: "America/Los_Angeles",
        area: "los-angeles",
        holds: BIOMETRICS,
    },
    Place {
        code: "HIA",
        name: "Hialeah Application Support Center",
        address: "4360 W 16th Ave, Hialeah, FL 33012",
        time_zone: "America/New_York",
        area: "miami",
        holds: BIOMETRICS,
    },
    Place {
        code: "CHI",
        name: "Chicago Field Office",
        address: "101 W Congress Pkwy, Chicago, IL 60605",
        time_zone: "America/Chicago",
        area: "chicago",
        holds: BOTH,
    },
    Place {
        code: "MKE",
        name: "Milwaukee Field Office",
        address: "310 E Knapp St, Milwaukee, WI 53202",
        time_zone: "America/Chicago",
        area: "chicago",
        holds: INTERVIEWS,
    },
];

/// The place with this code.
pub fn place(code: &str) -> Option<&'static Place> {
    PLACES.iter().find(|p| p.code == code)
}

impl Place {
    /// Whether an appointment here may move to `other`: a place of the same area that holds `kind`.
    pub fn may_move_to(&self, other: &Place, kind: AppointmentKind) -> bool {
        self.area == other.area && other.holds.contains(&kind)
    }

    /// The places an appointment of `kind` here may move to (this one included).
    pub fn nearby(&self, kind: AppointmentKind) -> impl Iterator<Item = &'static Place> + '_ {
        PLACES.iter().filter(move |other| self.may_move_to(other, kind))
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_zones_are_known() {
        for (i, o) in OFFICES.iter().enumerate() {
            assert!(OFFICES[i + 1..].iter().all(|other| other.code != o.code), "{}", o.code);
            assert!(o.time_zone.parse::<chrono_tz::Tz>().is_ok(), "{}", o.time_zone);
            assert_eq!(office(o.code), Some(o));
        }
        assert_eq!(office("XXX"), None);
    }

    #[test]
    fn places_are_unique_every_office_is_one_and_areas_have_company() {
        for (i, p) in PLACES.iter().enumerate() {
            assert!(PLACES[i + 1..].iter().all(|other| other.code != p.code), "{}", p.code);
            assert!(p.time_zone.parse::<chrono_tz::Tz>().is_ok(), "{}", p.time_zone);
            assert!(!p.holds.is_empty() && p.holds.iter().all(|k| BOTH.contains(k)), "{}", p.code);
            assert!(p.may_move_to(p, p.holds[0]), "{}: a place is near itself", p.code);
        }
        for o in OFFICES {
            let p = place(o.code).expect("every office holds appointments");
            assert_eq!((p.name, p.address, p.time_zone), (o.name, o.address, o.time_zone));
        }
        let la = place("LOS").unwrap();
        let moves: Vec<_> = la.nearby(AppointmentKind::Biometrics).map(|p| p.code).collect();
        assert_eq!(moves, ["LOS", "LAA", "SAA"]);
        assert!(!la.may_move_to(place("NYC").unwrap(), AppointmentKind::Interview), "another city is not nearby");
        assert!(
            !la.may_move_to(place("LAA").unwrap(), AppointmentKind::Interview),
            "a support center holds no interviews"
        );
    }
}
