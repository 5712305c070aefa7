//! Names and countries of birth as typed, and the keys records are matched by: never a panic,
//! accepted names parse again to themselves, and a key does not change when taken twice.
#![no_main]

use app::domain::{CountryName, PersonName};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(typed) = std::str::from_utf8(data) else { return };
    if let Ok(name) = PersonName::parse(typed) {
        assert_eq!(PersonName::parse(name.as_str()).as_ref(), Ok(&name));
        let key = name.match_key();
        if let Ok(again) = PersonName::parse(&key) {
            assert_eq!(again.match_key(), key, "matching keys are stable");
        }
    }
    if let Ok(country) = CountryName::parse(typed) {
        assert_eq!(CountryName::parse(country.as_str()).as_ref(), Ok(&country));
    }
});
