//! Pipelines: `pipelines/*.toml` → typed config (stub until the fetch work lands).
