//! The compile-fail suite of luxxon-errors: `tests/ui.rs` runs the cases of `../ui/`.
