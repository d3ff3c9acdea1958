//! What the decoder and the extra members need of JSON text itself, beside serde_json:
//! its whitespace, the end of a plain string, and dropping insignificant whitespace.

/// The UTF-8 byte order mark, which RFC 8259 lets a parser ignore (some servers send it).
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Whether `byte` is whitespace between JSON tokens.
pub(crate) fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// `body` without a leading byte order mark.
pub(crate) fn without_byte_order_mark(body: &[u8]) -> &[u8] {
    body.strip_prefix(BYTE_ORDER_MARK).unwrap_or(body)
}

/// How many bytes of `rest` come before its closing quote; `None` when a backslash or a
/// control character comes first, or no quote.
///
/// Eight bytes at a time: the strings of an envelope are tens of bytes long, and this
/// scan is most of what reading them costs.
pub(crate) fn string_length(rest: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // The high bit of each byte of `word` that is below `limit` (at most 0x80). A byte
    // that is borrowed from may be marked too, but only above the first one that is
    // below: the lowest mark is exact.
    let below = |word: u64, limit: u8| word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS;
    let mut chunks = rest.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        let word = u64::from_le_bytes(bytes);
        let stops = below(word, 0x20)
            | below(word ^ (ONES * u64::from(b'"')), 1)
            | below(word ^ (ONES * u64::from(b'\\')), 1);
        if stops != 0 {
            let at = offset + (stops.trailing_zeros() / 8) as usize;
            return (rest.get(at) == Some(&b'"')).then_some(at);
        }
        offset += 8;
    }
    let at = offset
        + chunks
            .remainder()
            .iter()
            .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)?;
    (rest.get(at) == Some(&b'"')).then_some(at)
}

/// `json` without whitespace outside its strings; `None` when it has none (a scalar, or
/// what a compact encoder wrote), so that no copy is made.
pub(crate) fn compact(json: &str) -> Option<String> {
    let mut compact: Option<String> = None;
    let mut kept_from = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (at, byte) in json.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if byte == b'"' {
            in_string = true;
        } else if is_whitespace(byte) {
            // Whitespace is ASCII, so `at` and `at + 1` are character boundaries.
            let compact = compact.get_or_insert_with(|| String::with_capacity(json.len()));
            compact.push_str(json.get(kept_from..at).unwrap_or_default());
            kept_from = at + 1;
        }
    }
    let mut compact = compact?;
    compact.push_str(json.get(kept_from..).unwrap_or_default());
    Some(compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_string_ends_at_its_quote_and_an_escape_or_control_stops_it() {
        assert_eq!(string_length(b"abc\"rest"), Some(3));
        assert_eq!(string_length(b"0123456789abcdef\""), Some(16));
        assert_eq!(string_length(b"ab\\\"c\""), None);
        assert_eq!(string_length(b"a\nb\""), None);
        assert_eq!(string_length(b"no end"), None);
    }

    #[test]
    fn compacting_keeps_strings_whole() {
        assert_eq!(compact("[1, 2]"), Some("[1,2]".to_owned()));
        assert_eq!(
            compact("{\"a b\": \" \\\" x\"}"),
            Some("{\"a b\":\" \\\" x\"}".to_owned())
        );
        assert_eq!(compact("[1,2]"), None);
    }
}
