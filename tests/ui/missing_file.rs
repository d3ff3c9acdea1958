luxxon_errors::catalog!("no_such_catalog.yaml");

fn main() {}
