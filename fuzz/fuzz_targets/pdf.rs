//! Fuzz target for the PDF reader: any bytes → `parse_pdf` and `pdf_text`
//! return (Ok or a named error) without panicking, hanging or exhausting memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = civtrace::parse::pdf::parse_pdf(data, "fuzz.pdf");
    let _ = civtrace::parse::pdf::pdf_text(data, "fuzz.pdf", true);
});
