//! The docs page emitter: the public Errors page, from the catalog's codes and its
//! `page` prose.
//!
//! The page reads, in order: the title and summary, the envelope (lead, example, notes),
//! the handling section, one section per family (heading, description, table) and the
//! versioning section. Every code, status and table cell comes from the codes; every
//! other sentence from the catalog's `page` and family entries, verbatim.

use crate::emit::envelope::Member;
use crate::emit::json::Json;
use crate::emit::markdown;
use crate::model::{Catalog, EnvelopeSection, Section};

/// The page title used when the catalog has no `page` section.
const DEFAULT_TITLE: &str = "Errors";

/// The docs page of `catalog`, in Markdown, ending with a newline.
///
/// A catalog without a `page` section gets a page with the default title and the family
/// sections only.
pub fn page(catalog: &Catalog) -> String {
    let mut blocks: Vec<String> = Vec::new();
    match catalog.page() {
        Some(page) => {
            blocks.push(format!("# {}", page.title()));
            blocks.push(blockquote(page.summary()));
            blocks.extend(envelope(page.envelope()));
            blocks.extend(section(page.handling()));
        }
        None => blocks.push(format!("# {DEFAULT_TITLE}")),
    }
    for family in catalog.families() {
        blocks.push(format!("## {}", family.title()));
        if let Some(description) = family.description() {
            blocks.push(description.trim_end().to_owned());
        }
        blocks.extend(markdown::retry_after_note(catalog, family));
        blocks.push(markdown::family_table(catalog, family));
    }
    if let Some(page) = catalog.page() {
        blocks.extend(section(page.versioning()));
    }
    let mut text = blocks.join("\n\n");
    text.push('\n');
    text
}

/// The example envelope as the page shows it: the catalog's status for the example's
/// code, then the example's own members, pretty-printed.
pub fn example_envelope(catalog: &Catalog) -> Option<String> {
    let page = catalog.page()?;
    let mut text = example_json(page.envelope()).to_json_text();
    text.truncate(text.trim_end().len());
    Some(text)
}

/// The example envelope as a JSON document, its members in the envelope's order.
pub(crate) fn example_json(envelope: &EnvelopeSection) -> Json {
    let example = envelope.example();
    Json::Object(
        Member::ALL
            .into_iter()
            .map(|member| {
                let value = match member {
                    Member::StatusCode => Json::Integer(i64::from(example.status())),
                    Member::Code => Json::string(example.code()),
                    Member::Message => Json::string(example.message()),
                    Member::Detail => Json::string(example.detail()),
                    Member::Timestamp => Json::string(example.timestamp()),
                };
                (member.name().to_owned(), value)
            })
            .collect(),
    )
}

fn envelope(envelope: &EnvelopeSection) -> Vec<String> {
    let example = example_json(envelope).to_json_text();
    vec![
        envelope.lead().trim_end().to_owned(),
        // `theme={null}` is the docs site's code-block attribute, kept as the page has it.
        format!("```json theme={{null}}\n{}\n```", example.trim_end()),
        envelope.notes().trim_end().to_owned(),
    ]
}

fn section(section: &Section) -> Vec<String> {
    vec![
        format!("## {}", section.heading()),
        section.body().trim_end().to_owned(),
    ]
}

fn blockquote(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|line| {
            if line.is_empty() {
                ">".to_owned()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = "\
families:
  - id: auth
    title: Auth
  - id: infra
    title: Infra
    description: |
      Retry these.
codes:
  - code: NOT_AUTHENTICATED
    status: 401
    family: auth
    meaning: Missing credential.
    remedy: Log in.
  - code: DATABASE_ERROR
    status: 503
    family: infra
    meaning: Database down.
";

    #[test]
    fn a_catalog_without_page_prose_gets_the_family_sections() {
        let catalog = Catalog::parse(CATALOG, "errors.yaml").unwrap();
        let page = page(&catalog);
        assert!(page.starts_with("# Errors\n\n## Auth\n\n| Code "), "{page}");
        assert!(
            page.contains("## Infra\n\nRetry these.\n\n| Code "),
            "{page}"
        );
        assert!(page.ends_with("| Database down. |\n"), "{page}");
        assert_eq!(example_envelope(&catalog), None);
    }

    #[test]
    fn retry_delays_are_said_under_the_family_heading() {
        let one_delay = CATALOG.replace(
            "    description: |\n      Retry these.\n",
            "    retryable: true\n    retry_after: 30\n    description: |\n      Retry these.\n",
        );
        let shown = page_of(&one_delay);
        assert!(
            shown.contains("Retry these.\n\nWait 30 seconds before retrying: the API answers these codes with `Retry-After: 30`.\n\n| Code "),
            "{shown}"
        );
        // One code with a delay of its own, one without: the codes are listed.
        let per_code = CATALOG
            .replace(
                "    description: |\n      Retry these.\n",
                "    retryable: true\n    description: |\n      Retry these.\n",
            )
            .replace(
                "    meaning: Database down.\n",
                "    meaning: Database down.\n    retry_after: 1\n  - code: QUEUE_ERROR\n    status: 503\n    family: infra\n    meaning: Queue down.\n",
            );
        let shown = page_of(&per_code);
        assert!(
            shown.contains("Wait before retrying (the API sends it as `Retry-After`): `DATABASE_ERROR` 1 second.\n"),
            "{shown}"
        );
        // Without delays in the catalog the page says nothing about them.
        let plain = page_of(CATALOG);
        assert!(!plain.contains("Retry-After"), "{plain}");
    }

    fn page_of(text: &str) -> String {
        page(&Catalog::parse(text, "errors.yaml").unwrap())
    }

    #[test]
    fn a_multi_line_summary_stays_one_blockquote() {
        assert_eq!(blockquote("one\n\ntwo\n"), "> one\n>\n> two");
    }
}
