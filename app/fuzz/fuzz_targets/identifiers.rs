//! Receipt numbers, A-Numbers and USCIS numbers as typed: never a panic, and whatever is accepted
//! is kept in a form that parses again to itself.
#![no_main]

use app::domain::{ANumber, ReceiptNumber, UscisNumber};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(typed) = std::str::from_utf8(data) else { return };
    if let Ok(receipt) = ReceiptNumber::parse(typed) {
        assert_eq!(ReceiptNumber::parse(receipt.as_str()).as_ref(), Ok(&receipt));
        assert_eq!(receipt.as_str().len(), 13);
        let _ = receipt.service_center();
    }
    if let Ok(a_number) = ANumber::parse(typed) {
        assert_eq!(ANumber::parse(a_number.as_str()).as_ref(), Ok(&a_number));
        let _ = a_number.to_string();
    }
    if let Ok(uscis) = UscisNumber::parse(typed) {
        assert_eq!(UscisNumber::parse(uscis.as_str()).as_ref(), Ok(&uscis));
    }
});
