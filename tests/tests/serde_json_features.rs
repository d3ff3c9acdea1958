//! The runtime crate turns on only the serde_json features it needs. Cargo unifies
//! features across a build, so one turned on here is on for every crate of the
//! application: `float_roundtrip` would slow their float parsing, `arbitrary_precision`
//! and `preserve_order` would change their `Value`s. Extra members keep their numbers
//! exactly through `raw_value` instead.

mod support;

/// The features of serde_json that the runtime crate's normal dependency graph turns on,
/// with `cargo_args` added to `cargo tree`.
fn serde_json_features(cargo_args: &[&str]) -> Vec<String> {
    let tree = support::runtime_tree(
        &[&["--edges", "normal", "--format", "{p} [{f}]"], cargo_args].concat(),
    );
    let line = tree
        .lines()
        .find(|line| line.starts_with("serde_json "))
        .unwrap_or_else(|| panic!("serde_json is in the tree:\n{tree}"));
    let features = line
        .split_once('[')
        .and_then(|(_, rest)| rest.split_once(']'))
        .map_or("", |(features, _)| features);
    features.split(',').map(str::to_owned).collect()
}

#[test]
fn the_runtime_turns_on_raw_value_and_not_float_roundtrip() {
    let features = serde_json_features(&[]);
    assert!(
        features.iter().any(|feature| feature == "raw_value"),
        "{features:?}"
    );
    for unwanted in ["float_roundtrip", "arbitrary_precision", "preserve_order"] {
        assert!(
            !features.iter().any(|feature| feature == unwanted),
            "luxxon-errors turns on serde_json's `{unwanted}`: {features:?}"
        );
    }
}
