//! Orchestration of a scheduled run: sources → fetch → archive → parse → extract → store (stub).
