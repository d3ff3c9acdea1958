// A catalog with problems: the compiler reports them, and nothing about the code below
// that uses `ErrorCode` and `Family`, which stand in until the catalog is fixed.
luxxon_errors::catalog!("duplicate_code.yaml");

fn describe(code: &ErrorCode) -> String {
    format!(
        "{code}: status {:?}, family {:?}, retryable {}, meaning {:?}",
        code.status(),
        code.family().map(Family::title),
        code.is_retryable(),
        code.meaning(),
    )
}

fn main() {
    let code = ErrorCode::parse("NOT_FOUND");
    assert!(!code.is_known());
    assert_eq!(code, "NOT_FOUND");
    let parsed: ErrorCode = "NOT_FOUND".parse().unwrap();
    assert_eq!(parsed.lifecycle(), None);
    println!("{}", describe(&code));
    let ids: Vec<&str> = Family::ALL.iter().map(|family| family.id()).collect();
    assert!(ids.is_empty() && ErrorCode::ALL.is_empty());
}
