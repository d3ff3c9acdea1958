//! Criterion benchmarks of luxxon-errors; run them with `cargo bench -p luxxon-errors-benches`.
