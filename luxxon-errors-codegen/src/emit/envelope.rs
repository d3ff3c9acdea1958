//! The envelope's own members, their order and what each means: one table for every
//! emitter that describes the envelope (the docs page's example, the TypeScript
//! interface, the JSON Schema).
//!
//! The runtime crate spells the same members in its own table (it cannot depend on this
//! crate); a test compares the two.

/// What the envelope is, said once for every output that documents it.
pub(crate) const SUMMARY: &str = "The envelope every error of the Luxxon API comes back in.";

/// What members other than the own ones are, said once for every output.
pub(crate) const EXTRA_MEMBERS: &str =
    "Members added to the envelope after this file was generated.";

/// One of the envelope's own members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Member {
    StatusCode,
    Code,
    Message,
    Detail,
    Timestamp,
}

impl Member {
    /// Every member, in the order the API writes them.
    pub(crate) const ALL: [Member; 5] = [
        Member::StatusCode,
        Member::Code,
        Member::Message,
        Member::Detail,
        Member::Timestamp,
    ];

    /// The member's name on the wire.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Member::StatusCode => "statusCode",
            Member::Code => "code",
            Member::Message => "message",
            Member::Detail => "detail",
            Member::Timestamp => "timestamp",
        }
    }

    /// What the member holds, one sentence.
    pub(crate) const fn description(self) -> &'static str {
        match self {
            Member::StatusCode => {
                "The HTTP status: it correlates with the family but isn't the contract."
            }
            Member::Code => "The stable, machine-readable handle to branch on.",
            Member::Message => "Human-readable, English-only text.",
            Member::Detail => {
                "Operation-specific context for diagnostics, not a user-facing string."
            }
            Member::Timestamp => "When the error happened (RFC 3339).",
        }
    }

    /// Whether every envelope has the member; `detail` may be left out (or `null`).
    pub(crate) const fn is_required(self) -> bool {
        !matches!(self, Member::Detail)
    }
}
