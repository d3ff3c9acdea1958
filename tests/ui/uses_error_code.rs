// A catalog with one misspelt key: the compiler reports the catalog's problems, and
// nothing about the code below, which names its codes and families and the
// catalog-bound names: the stand-ins carry every code and family that could be read.
luxxon_errors::catalog!("misspelt_key.yaml");

fn describe(code: &ErrorCode) -> String {
    format!(
        "{code}: status {:?}, family {:?}, retryable {}, meaning {:?}",
        code.status(),
        code.family().map(Family::title),
        code.is_retryable(),
        code.meaning(),
    )
}

fn advice(error: &HttpError) -> &'static str {
    match error.code() {
        Some(ErrorCode::NotAuthenticated) => "log in again",
        Some(ErrorCode::NotAuthorized) => "ask for access",
        Some(ErrorCode::DatabaseError) => "retry",
        _ => "something went wrong",
    }
}

fn main() {
    let code = ErrorCode::parse("NOT_AUTHENTICATED");
    assert_eq!(code, ErrorCode::NotAuthenticated);
    assert_eq!(ErrorCode::DatabaseError.family(), Some(Family::Infrastructure));
    assert_eq!(Family::Auth.codes().len(), 2);
    let envelope = LuxxonError::from_code(ErrorCode::NotAuthorized);
    println!("{} {}", describe(&envelope.code), advice(&HttpError::new(403, [("a", "b")], "")));
}
