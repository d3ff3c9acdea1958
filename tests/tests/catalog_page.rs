//! The catalog against the public Errors page: every code, status, family and sentence of
//! the page's tables is in errors.yaml and in the generated `ErrorCode`, word for word.

mod support;

use luxxon_errors::{ErrorCode, Family};
use luxxon_errors_codegen::Catalog;
use support::REFERENCE_PAGE as PAGE;
const CATALOG: &str = include_str!("../../errors.yaml");

/// One row of a code table on the page.
#[derive(Debug)]
struct PageRow {
    family_title: String,
    code: String,
    status: u16,
    meaning: String,
    remedy: Option<String>,
}

/// The page's code tables, in page order: each `## ` section whose table starts with `Code`.
fn page_rows() -> Vec<PageRow> {
    let mut rows = Vec::new();
    let mut heading = String::new();
    for line in PAGE.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            heading = title.trim().to_owned();
            continue;
        }
        if !line.starts_with('|') {
            continue;
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        if cells[0] == "Code" || cells[0].starts_with("---") {
            continue;
        }
        rows.push(PageRow {
            family_title: heading.clone(),
            code: cells[0].trim_matches('`').to_owned(),
            status: cells[1].parse().expect("a status cell"),
            meaning: cells[2].to_owned(),
            remedy: cells.get(3).map(|cell| (*cell).to_owned()),
        });
    }
    rows
}

#[test]
fn the_page_has_26_codes_in_5_families() {
    let rows = page_rows();
    assert_eq!(rows.len(), 26);
    let mut titles: Vec<&str> = rows.iter().map(|row| row.family_title.as_str()).collect();
    titles.dedup();
    assert_eq!(
        titles,
        [
            "Auth + authorization",
            "Domain rules",
            "Wallet + settlement",
            "Not-found",
            "Infrastructure (5xx)"
        ]
    );
}

#[test]
fn every_page_code_is_generated_with_its_status_family_and_text() {
    let rows = page_rows();
    assert_eq!(
        ErrorCode::ALL.len(),
        rows.len(),
        "one variant per code of the page"
    );
    for (row, code) in rows.iter().zip(ErrorCode::ALL) {
        assert_eq!(code.as_str(), row.code, "codes are in page order");
        assert_eq!(code.status(), Some(row.status), "status of {}", row.code);
        let family = code.family().expect("a known code has a family");
        assert_eq!(family.title(), row.family_title, "family of {}", row.code);
        assert_eq!(
            code.meaning(),
            Some(row.meaning.as_str()),
            "meaning of {}",
            row.code
        );
        assert_eq!(
            code.remedy(),
            row.remedy.as_deref(),
            "what to do for {}",
            row.code
        );
    }
}

#[test]
fn the_catalog_file_says_what_the_page_says() {
    let catalog = Catalog::parse(CATALOG, "errors.yaml").expect("errors.yaml is valid");
    let rows = page_rows();
    assert_eq!(catalog.codes().len(), rows.len());
    for (row, code) in rows.iter().zip(catalog.codes()) {
        assert_eq!(code.name(), row.code);
        assert_eq!(code.status(), row.status);
        assert_eq!(
            catalog.family(code.family_id()).unwrap().title(),
            row.family_title
        );
        assert_eq!(catalog.family_of(code).title(), row.family_title);
        assert_eq!(code.meaning(), row.meaning);
        assert_eq!(code.remedy(), row.remedy.as_deref());
    }
}

#[test]
fn legacy_and_reserved_codes_are_marked_as_data() {
    let legacy: Vec<&str> = ErrorCode::ALL
        .iter()
        .filter(|code| code.is_legacy())
        .map(ErrorCode::as_str)
        .collect();
    assert_eq!(legacy, ["COVERAGE_AREA_NOT_FOUND", "ACCOUNT_NOT_FOUND"]);
    let reserved: Vec<&str> = ErrorCode::ALL
        .iter()
        .filter(|code| code.is_reserved())
        .map(ErrorCode::as_str)
        .collect();
    assert_eq!(reserved, ["PAYMENT_ERROR"]);
    // The page says so in the meaning text too; the flags must agree with it.
    for row in page_rows() {
        let code = ErrorCode::parse(&row.code);
        assert_eq!(
            code.is_legacy(),
            row.meaning.starts_with("Legacy "),
            "{}",
            row.code
        );
        assert_eq!(
            code.is_reserved(),
            row.meaning.ends_with("(Reserved.)"),
            "{}",
            row.code
        );
    }
}

#[test]
fn infrastructure_codes_are_retryable_and_carry_the_page_prose() {
    let prose = "These mean **our** side is sad, not yours. Safe to retry with\nbackoff.";
    assert!(PAGE.contains(prose), "the fixture page has the prose");
    assert_eq!(Family::Infrastructure.description(), Some(prose));
    assert!(Family::Infrastructure.is_retryable());
    for code in Family::Infrastructure.codes() {
        assert!(code.is_retryable(), "{code}");
        assert!(code.status().unwrap() >= 500, "{code}");
    }
    for family in Family::ALL
        .iter()
        .filter(|family| **family != Family::Infrastructure)
    {
        assert!(!family.is_retryable(), "{family}");
    }
}

#[test]
fn the_page_prose_is_in_the_catalog_word_for_word() {
    let catalog = Catalog::parse(CATALOG, "errors.yaml").unwrap();
    let page = catalog.page().expect("errors.yaml has the page prose");
    let slots = [
        format!("# {}", page.title()),
        format!("> {}", page.summary()),
        page.envelope().lead().to_owned(),
        page.envelope().notes().to_owned(),
        format!("## {}", page.handling().heading()),
        page.handling().body().to_owned(),
        format!("## {}", page.versioning().heading()),
        page.versioning().body().to_owned(),
    ];
    for slot in &slots {
        assert!(
            PAGE.contains(slot.as_str()),
            "not on the page word for word:\n{slot}"
        );
    }
    let example = page.envelope().example();
    assert_eq!(
        example.status(),
        catalog.code(example.code()).unwrap().status()
    );
    for member in [
        format!("\"code\": \"{}\"", example.code()),
        format!("\"message\": \"{}\"", example.message()),
        format!("\"detail\": \"{}\"", example.detail()),
        format!("\"timestamp\": \"{}\"", example.timestamp()),
        format!("\"statusCode\": {}", example.status()),
    ] {
        assert!(PAGE.contains(&member), "the page's example has {member}");
    }
}
