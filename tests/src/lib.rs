//! Integration and compile-fail tests of the luxxon-errors workspace; see `tests/`.

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
