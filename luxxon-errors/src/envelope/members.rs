//! The envelope's own members: the one place their names, their order on the wire and
//! what each must hold are written down. The encoder, the decoder, [`ExtraFields`]'s
//! reserved names and `generated`'s tables for the code generator all read them from here.
//!
//! [`ExtraFields`]: crate::ExtraFields

// Each name, written once; `name` gives them and `from_name` matches on them.
const STATUS_CODE: &str = "statusCode";
const CODE: &str = "code";
const MESSAGE: &str = "message";
const DETAIL: &str = "detail";
const TIMESTAMP: &str = "timestamp";

/// One of the envelope's own members. The variants are declared in wire order, the
/// order [`OwnMember::ALL`] lists them and the encoder writes them in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OwnMember {
    StatusCode,
    Code,
    Message,
    Detail,
    Timestamp,
}

impl OwnMember {
    /// Every own member, in wire order.
    pub(crate) const ALL: [OwnMember; 5] = [
        OwnMember::StatusCode,
        OwnMember::Code,
        OwnMember::Message,
        OwnMember::Detail,
        OwnMember::Timestamp,
    ];

    /// How many own members an envelope must have.
    pub(crate) const REQUIRED_COUNT: usize = {
        let mut count = 0;
        let mut index = 0;
        while index < OwnMember::ALL.len() {
            if OwnMember::ALL[index].is_required() {
                count += 1;
            }
            index += 1;
        }
        count
    };

    /// The member's name on the wire.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            OwnMember::StatusCode => STATUS_CODE,
            OwnMember::Code => CODE,
            OwnMember::Message => MESSAGE,
            OwnMember::Detail => DETAIL,
            OwnMember::Timestamp => TIMESTAMP,
        }
    }

    /// The own member named `name`, if it is one. A `match` on the text, so that the
    /// decoder recognises a member without allocating.
    pub(crate) fn from_name(name: &str) -> Option<OwnMember> {
        match name {
            STATUS_CODE => Some(OwnMember::StatusCode),
            CODE => Some(OwnMember::Code),
            MESSAGE => Some(OwnMember::Message),
            DETAIL => Some(OwnMember::Detail),
            TIMESTAMP => Some(OwnMember::Timestamp),
            _ => None,
        }
    }

    /// Whether an envelope without the member is refused (`detail` may be absent).
    pub(crate) const fn is_required(self) -> bool {
        !matches!(self, OwnMember::Detail)
    }

    /// What the member must hold, as the decoder's error messages say it.
    pub(crate) const fn expected(self) -> &'static str {
        match self {
            OwnMember::StatusCode => "an integer from 0 to 65535",
            OwnMember::Code | OwnMember::Message => "a string",
            OwnMember::Detail => "a string or null",
            OwnMember::Timestamp => "an RFC 3339 date-time string",
        }
    }

    /// The names of every own member, in wire order.
    pub(crate) const fn names() -> [&'static str; 5] {
        let mut names = [""; 5];
        let mut index = 0;
        while index < OwnMember::ALL.len() {
            names[index] = OwnMember::ALL[index].name();
            index += 1;
        }
        names
    }

    /// The names of the required own members, in wire order.
    pub(crate) const fn required_names() -> [&'static str; OwnMember::REQUIRED_COUNT] {
        let mut names = [""; OwnMember::REQUIRED_COUNT];
        let mut count = 0;
        let mut index = 0;
        while index < OwnMember::ALL.len() {
            if OwnMember::ALL[index].is_required() {
                names[count] = OwnMember::ALL[index].name();
                count += 1;
            }
            index += 1;
        }
        names
    }
}

// `ALL` lists the variants in declaration order, each once and none skipped up to the
// last it lists: one listed out of order, twice, or dropped from the middle fails the
// build here. (A new variant also fails the exhaustive matches above until it is named.)
const _: () = {
    let mut index = 0;
    while index < OwnMember::ALL.len() {
        assert!(OwnMember::ALL[index] as usize == index);
        index += 1;
    }
    assert!(OwnMember::Timestamp as usize + 1 == OwnMember::ALL.len());
};

#[cfg(test)]
mod tests {
    use super::OwnMember;

    #[test]
    fn names_in_wire_order() {
        assert_eq!(
            OwnMember::names(),
            ["statusCode", "code", "message", "detail", "timestamp"]
        );
        assert_eq!(
            OwnMember::required_names(),
            ["statusCode", "code", "message", "timestamp"]
        );
    }

    #[test]
    fn from_name_inverts_name() {
        for member in OwnMember::ALL {
            assert_eq!(OwnMember::from_name(member.name()), Some(member));
        }
        for other in [
            "",
            "StatusCode",
            "status_code",
            "Code",
            "detail ",
            "requestId",
        ] {
            assert_eq!(OwnMember::from_name(other), None, "{other:?}");
        }
    }

    #[test]
    fn private_tables_are_the_table() {
        assert_eq!(
            crate::generated::ENVELOPE_MEMBERS,
            OwnMember::ALL.map(OwnMember::name)
        );
        let required: Vec<&str> = OwnMember::ALL
            .into_iter()
            .filter(|member| member.is_required())
            .map(OwnMember::name)
            .collect();
        assert_eq!(crate::generated::REQUIRED_ENVELOPE_MEMBERS, required[..]);
    }

    #[test]
    fn encoder_writes_the_table_in_order() {
        let error = crate::LuxxonError::new(crate::ErrorCode::parse("SOME_CODE"), "text")
            .with_detail("context");
        let text = serde_json::to_string(&error).unwrap_or_default();
        let positions: Vec<usize> = OwnMember::ALL
            .iter()
            .filter_map(|member| text.find(&format!("\"{}\":", member.name())))
            .collect();
        assert_eq!(positions.len(), OwnMember::ALL.len());
        assert!(positions.windows(2).all(|pair| pair[0] < pair[1]), "{text}");
    }
}
