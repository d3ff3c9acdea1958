//! Integration and compile-fail tests of the luxxon-errors workspace; see `tests/`.

/// The README's Rust examples, compiled and run as doc tests. Their `catalog!("errors.yaml")`
/// finds `tests/errors.yaml`, a symlink to the workspace's catalog, as a user's crate finds
/// its own.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
