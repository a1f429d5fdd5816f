//! One integration-test binary (faster to link): each module covers one area.

mod fetch;
mod support;
