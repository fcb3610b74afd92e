//! Fuzzes the autoconfig and Autodiscover readers and the XML grammar under them.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mailaudit::sources::{autoconfig, autodiscover, xml};

fuzz_target!(|data: &[u8]| {
    let _ = xml::parse(data);
    if let Ok(p) = autoconfig::parse_profile(data, "config.xml") {
        assert_eq!(p.source.path, "config.xml");
    }
    if let Ok(p) = autodiscover::parse_profile(data, "autodiscover.xml") {
        assert_eq!(p.source.path, "autodiscover.xml");
    }
});
