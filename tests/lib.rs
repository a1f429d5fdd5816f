//! One integration test binary (see Cargo.toml `[[test]]`): one module per area.

mod archive;

mod store;
