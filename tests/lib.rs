//! One integration-test binary (faster to link): each module covers one area.

mod archive;
mod cli;
mod context;
mod extract;
mod fetch;
mod html;
mod pdf;
mod store;
mod support;
