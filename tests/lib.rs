
mod context;
