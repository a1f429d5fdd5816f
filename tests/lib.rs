//! One integration-test binary (faster to link): each module covers one area.

mod archive;
mod bench;
mod cli;
mod context;
mod eval;
mod extract;
mod fetch;
mod html;
mod pdf;
mod releases;
mod store;
mod support;
