//! Discovery (todo)
