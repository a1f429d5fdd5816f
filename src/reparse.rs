//! Offline re-parse of archived captures and folders of documents (stub).
