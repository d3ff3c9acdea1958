//! Envelope members this build doesn't know, kept in the order received.

use serde_json::Value;

use crate::members::OwnMember;

/// Members of an envelope other than its five own (e.g. a `requestId` a gateway adds),
/// in the order they were received; encoding writes them back after the own members.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExtraFields {
    fields: Vec<(String, Value)>,
}

/// The name given to [`ExtraFields::insert`] is one of the envelope's own members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReservedFieldName(pub String);

impl std::fmt::Display for ReservedFieldName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is a member of the envelope itself, not an extra field",
            self.0
        )
    }
}

impl std::error::Error for ReservedFieldName {}

impl ExtraFields {
    /// The value of the member `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value)
    }

    /// Sets the member `name`, returning its previous value.
    ///
    /// # Errors
    /// When `name` is one of the envelope's own members (`statusCode`, `code`,
    /// `message`, `detail`, `timestamp`): set those on the envelope.
    pub fn insert(
        &mut self,
        name: impl Into<String>,
        value: impl Into<Value>,
    ) -> Result<Option<Value>, ReservedFieldName> {
        let name = name.into();
        if OwnMember::from_name(&name).is_some() {
            return Err(ReservedFieldName(name));
        }
        let value = value.into();
        match self.fields.iter_mut().find(|(field, _)| *field == name) {
            Some((_, slot)) => Ok(Some(std::mem::replace(slot, value))),
            None => {
                self.fields.push((name, value));
                Ok(None)
            }
        }
    }

    /// Removes the member `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let index = self.fields.iter().position(|(field, _)| field == name)?;
        Some(self.fields.remove(index).1)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.fields
            .iter()
            .map(|(name, value)| (name.as_str(), value))
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Adds a decoded member; the decoder checks for duplicates once all are in
    /// ([`ExtraFields::first_duplicate`]).
    pub(crate) fn push_decoded(&mut self, name: String, value: Value) {
        self.fields.push((name, value));
    }

    /// A name that appears more than once, if any.
    ///
    /// Checked once after decoding rather than on every push, so that a hostile body with
    /// many thousands of members costs `n log n`, not `n²`.
    pub(crate) fn first_duplicate(&self) -> Option<&str> {
        // Pairwise is cheaper than sorting for the few members real envelopes carry.
        const PAIRWISE_LIMIT: usize = 16;
        if self.fields.len() <= PAIRWISE_LIMIT {
            return self
                .fields
                .iter()
                .enumerate()
                .find_map(|(index, (name, _))| {
                    self.fields
                        .iter()
                        .skip(index + 1)
                        .any(|(other, _)| other == name)
                        .then_some(name.as_str())
                });
        }
        let mut names: Vec<&str> = self.fields.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        names.windows(2).find_map(|pair| match pair {
            [first, second] if first == second => Some(*first),
            _ => None,
        })
    }
}
