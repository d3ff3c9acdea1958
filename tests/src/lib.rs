//! Integration and compile-fail tests of the luxxon-errors workspace; see `tests/`.
