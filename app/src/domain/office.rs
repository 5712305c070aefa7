//! The offices that work cases and hold appointments. A case belongs to one office (its queue);
//! an appointment is held at an office, in that office's time zone.

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
}
