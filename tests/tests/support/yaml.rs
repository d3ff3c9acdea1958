//! Writing test catalogs: text as a YAML scalar that reads back exactly.
//!
//! The one copy for the whole workspace: `luxxon-errors-codegen`'s tests include this
//! file by path, so that a fix reaches every catalog the tests write.

/// `text` as a YAML double-quoted scalar that reads back exactly `text`.
///
/// Escaped: control characters (a raw line break folds into a space, most others are
/// refused); the byte order mark, which YAML allows only at the start of a stream;
/// U+FFFE and U+FFFF, outside YAML's printable set, so refused raw; and U+2028 and U+2029,
/// line breaks to YAML 1.1 readers and text to YAML 1.2 ones.
pub fn yaml_quoted(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
                ) =>
            {
                quoted.push_str(&format!("\\U{:08x}", u32::from(c)));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
