//! Generates this crate's error types from its `errors.yaml` into `OUT_DIR`; cargo reruns
//! it when the catalog changes.

fn main() -> Result<(), luxxon_errors_codegen::BuildError> {
    luxxon_errors_codegen::Builder::build_script()?.generate()?;
    Ok(())
}
