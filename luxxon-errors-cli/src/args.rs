//! The command line, as clap reads it. Paths and the values that may hold them stay
//! `PathBuf`s/`OsString`s, so a path that is not UTF-8 reaches the file system intact.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The `luxxon-errors` command line.
#[derive(Debug, Parser)]
#[command(
    name = "luxxon-errors",
    version,
    about = "Checks errors.yaml, the API's error catalog, and the files generated from it",
    after_help = "\
Examples:
  luxxon-errors check                          catalog valid, generated files fresh
  luxxon-errors render                         regenerate what changed
  luxxon-errors ship                           at a release: record the shipped codes
  luxxon-errors diff shipped.yaml errors.yaml  fail when a change breaks clients

Exit status: 0 success; 1 catalog problems, stale files, breaking changes or
I/O failures; 2 usage error.
Colour: on a terminal only, and never when NO_COLOR is set."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the catalog and check that every generated file is fresh
    ///
    /// Writes nothing. Prints every catalog problem with its position, and a diff for
    /// each stale file; exits with 1 when anything is wrong.
    #[command(verbatim_doc_comment)]
    Check(CheckArgs),
    /// Regenerate the files; only files whose content changed are written
    Render(RenderArgs),
    /// Write the lock file of shipped codes from the catalog, at a release: from then on
    /// `check` fails when a change to the catalog breaks one of them
    ///
    /// Refuses (exit 1, lock file untouched) a catalog that breaks a code the lock file
    /// already lists: removing a shipped code, or changing its status, family or Rust
    /// variant. Only a new major version may do that, with --allow-breaking.
    #[command(verbatim_doc_comment)]
    Ship(ShipArgs),
    /// List the changes between two catalogs; fail when one breaks clients
    ///
    /// Codes are append-only: removing a shipped code, or changing its status,
    /// family or Rust variant, breaks clients (exit 1). Adding codes, retiring them
    /// and shipping reserved ones pass; reworded meanings and retryability changes
    /// are listed for review.
    #[command(verbatim_doc_comment)]
    Diff(DiffArgs),
    /// Serve the catalog's errors over HTTP, a mock server for client authors
    ///
    /// Routes:
    ///   GET /errors/{CODE}[?status=NNN]   the code's envelope, status and headers
    ///                                     (status: for a code not in the catalog)
    ///   GET /scenarios/fail-then-succeed?times=N&code=CODE[&key=K]
    ///                                     CODE N times, then 200 {"ok":true}, again
    ///   GET /scenarios/slow?ms=N          200 {"ok":true} after N ms (at most 30000)
    ///   GET /scenarios/html-502           a proxy's HTML 502 page
    ///   GET /scenarios/empty-503          a 503 with no body
    ///   GET /scenarios/chaos[?rate=P&latency=DIST&seed=S&codes=A,B&key=K]
    ///                                     after a seeded latency, a retryable code at
    ///                                     rate P, else 200 (defaults: the options below)
    ///   GET /scenarios/fault?kind=KIND[&ms=N]
    ///                                     reset | truncated | stall | slow-headers | html-502
    ///   ANY /PATH of the script           the script's steps for PATH, in turn, per client
    ///   GET /_mock/script, PUT /_mock/script
    ///                                     the script in force; replace it (JSON, 64 KiB)
    ///   GET /_mock/report                 what each client did after each error (JSON)
    ///   POST /_mock/reset                 every client starts again; the report empties
    ///
    /// A client is the `x-mock-client` header, else the `key` query parameter, else
    /// the peer's IP address. The report flags retries of codes the catalog says not
    /// to retry, retries sooner than Retry-After, retries without backoff, retryable
    /// errors given up after one try, and requests without `x-request-id`; its
    /// summary is printed on stderr on exit.
    ///
    /// An unknown route answers the catalog's NOT_FOUND, a request that cannot be
    /// answered as asked its INVALID_INPUT.
    ///
    /// Example:
    ///   luxxon-errors serve --script script.json --seed 7 --error-rate 0.3 --latency exp:40
    ///   curl -H 'x-mock-client: t1' http://127.0.0.1:PORT/orders
    ///   curl http://127.0.0.1:PORT/_mock/report
    ///
    /// Prints `listening on http://ADDR` as its first line; Ctrl-C or SIGTERM stops it.
    #[cfg(feature = "serve")]
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),
}

/// The project `check` and `render` work on.
#[derive(Debug, Args)]
pub struct ProjectArgs {
    /// The repository root the generated files live under [default: .]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The catalog [default: errors.yaml under the root]
    ///
    /// A relative path is relative to the current directory, not to --root.
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,
    /// The command that headers and hints name for regenerating the files
    ///
    /// Default: `luxxon-errors render`, with `--catalog` (relative to the root) when the
    /// catalog is not the root's errors.yaml. Headers name the command as run from the
    /// root; hints name it as run from here. Files generated with another command are
    /// stale for `check` until regenerated.
    #[arg(
        long,
        value_name = "CMD",
        value_parser = clap::builder::NonEmptyStringValueParser::new(),
        verbatim_doc_comment
    )]
    pub regenerate_command: Option<String>,
    /// The lock file of shipped codes, which `check` holds the catalog to and `ship`
    /// writes [default: the catalog's path with `.lock`, e.g. errors.lock beside
    /// errors.yaml]
    #[arg(long, value_name = "PATH")]
    pub lock: Option<PathBuf>,
    /// The npm package's name, in place of the catalog's `npm.name` [default: the
    /// catalog's, else @luxxon/errors]
    ///
    /// Give `check` the same name as `render`, or it finds the package stale.
    #[arg(long, value_name = "NAME")]
    pub npm_name: Option<luxxon_errors_codegen::NpmName>,
}

impl ProjectArgs {
    /// The root: `--root` as given, or `.`.
    pub fn root(&self) -> &Path {
        self.root.as_deref().unwrap_or(Path::new("."))
    }

    /// The catalog's path: `--catalog` as given, or `errors.yaml` under the root.
    pub fn catalog_path(&self) -> PathBuf {
        match &self.catalog {
            Some(catalog) => catalog.clone(),
            None => self.root().join("errors.yaml"),
        }
    }
}

/// `check`'s options.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The project.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// How to print the result
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `ship`'s options.
#[derive(Debug, Args)]
pub struct ShipArgs {
    /// The project.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Accept changes that break shipped codes, for a new major version; lists every
    /// code the new lock file no longer promises
    #[arg(long)]
    pub allow_breaking: bool,
}

/// `render`'s options.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The project.
    #[command(flatten)]
    pub project: ProjectArgs,
}

/// `diff`'s operands.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The shipped catalog (e.g. `git show v1.0:errors.yaml > /tmp/shipped.yaml`)
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The proposed catalog
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// How to print the result
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `serve`'s options.
#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The catalog to serve
    ///
    /// A relative path is relative to the current directory.
    #[arg(long, value_name = "PATH", default_value = "errors.yaml")]
    pub catalog: PathBuf,
    /// The IP address and port to listen on (port 0: any free port)
    ///
    /// Loopback only by default. Any other address exposes the mock server
    /// to the network: it answers anyone who can reach it.
    #[arg(
        long,
        value_name = "IP:PORT",
        default_value = "127.0.0.1:0",
        verbatim_doc_comment
    )]
    pub addr: std::net::SocketAddr,
    /// Seconds a request's headers may take to arrive
    ///
    /// Counted from the connection's opening, or from the first byte after the
    /// previous answer. A connection that takes longer, stalled or trickling,
    /// is closed. A request being handled has no deadline.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=86_400),
        verbatim_doc_comment
    )]
    pub header_timeout: u64,
    /// Seconds a connection may stay open between an answer and the next request
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 120,
        value_parser = clap::value_parser!(u64).range(1..=86_400)
    )]
    pub idle_timeout: u64,
    /// How many connections are served at once
    ///
    /// A connection beyond them waits until one closes, and the connections
    /// waiting between requests are closed to make room for it.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 256,
        value_parser = clap::value_parser!(u32).range(1..=65_536),
        verbatim_doc_comment
    )]
    pub max_connections: u32,
    /// A script of what routes answer in turn, per client key (JSON)
    ///
    /// {"routes": {"/orders": [{"code": "RATE_LIMITED", "times": 2},
    ///                         {"status": 200, "body": {"ok": true}}]}}
    /// Replaced while running with PUT /_mock/script. See the README.
    #[arg(long, value_name = "FILE", verbatim_doc_comment)]
    pub script: Option<PathBuf>,
    /// The seed of /scenarios/chaos: one seed, the same answers
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
    /// The share of /scenarios/chaos answers that are retryable errors (0 to 1)
    #[arg(long, value_name = "P", default_value_t = 0.2, value_parser = rate)]
    pub error_rate: f64,
    /// The latency of /scenarios/chaos: fixed:MS, uniform:MIN-MAX or exp:MEAN
    #[arg(long, value_name = "DIST", default_value = "fixed:0")]
    pub latency: crate::serve::Latency,
    /// Milliseconds after an error (and its Retry-After) within which a request
    /// to the same route is a retry of it, for the report
    #[arg(long, value_name = "MS", default_value_t = 10_000,
        value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub retry_window: u64,
    /// Milliseconds under which a retry is immediate, for the report: two in a
    /// row are a retry without backoff
    #[arg(long, value_name = "MS", default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(0..=60_000))]
    pub min_backoff: u64,
}

/// A share from 0 to 1.
#[cfg(feature = "serve")]
fn rate(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|rate| (0.0..=1.0).contains(rate))
        .ok_or_else(|| "a number from 0 to 1".to_owned())
}

/// How a result is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Messages for people, on stderr (results on stdout)
    #[default]
    Human,
    /// One JSON document on stdout, and nothing on stderr
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use clap::error::ErrorKind;

    fn parse(line: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("luxxon-errors").chain(line.split_whitespace()))
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_catalog_defaults_to_errors_yaml_under_the_root() {
        let Command::Check(args) = parse("check --root repo").unwrap().command else {
            panic!("expected check");
        };
        assert_eq!(args.project.catalog_path(), Path::new("repo/errors.yaml"));
        let Command::Render(args) = parse("render --catalog=api/errors.yaml --root repo")
            .unwrap()
            .command
        else {
            panic!("expected render");
        };
        assert_eq!(args.project.catalog_path(), Path::new("api/errors.yaml"));
    }

    #[test]
    fn diff_takes_two_catalogs_and_no_location() {
        let Command::Diff(args) = parse("diff shipped.yaml errors.yaml").unwrap().command else {
            panic!("expected diff");
        };
        assert_eq!(args.old, Path::new("shipped.yaml"));
        assert_eq!(args.new, Path::new("errors.yaml"));
        assert_eq!(
            parse("diff old.yaml").unwrap_err().kind(),
            ErrorKind::MissingRequiredArgument
        );
        assert_eq!(
            parse("diff a.yaml b.yaml --root .").unwrap_err().kind(),
            ErrorKind::UnknownArgument
        );
    }

    #[cfg(feature = "serve")]
    #[test]
    fn serve_listens_on_loopback_unless_told() {
        let Command::Serve(args) = parse("serve").unwrap().command else {
            panic!("expected serve");
        };
        assert!(args.addr.ip().is_loopback());
        assert_eq!(args.addr.port(), 0);
        assert_eq!(args.catalog, Path::new("errors.yaml"));
        assert_eq!(
            (args.header_timeout, args.idle_timeout, args.max_connections),
            (10, 120, 256)
        );
        for line in [
            "serve --header-timeout 0",
            "serve --idle-timeout 0",
            "serve --max-connections 0",
            "serve --idle-timeout 1s",
        ] {
            assert_eq!(
                parse(line).unwrap_err().kind(),
                ErrorKind::ValueValidation,
                "{line}"
            );
        }
        assert_eq!(
            parse("serve --addr localhost").unwrap_err().kind(),
            ErrorKind::ValueValidation
        );
        assert_eq!(
            parse("serve --root .").unwrap_err().kind(),
            ErrorKind::UnknownArgument
        );
    }

    #[test]
    fn mistakes_are_usage_errors() {
        for line in [
            "",
            "build",
            "check --bogus",
            "check --root",
            "check render",
            "check --root a --root b",
        ] {
            let error = parse(line).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{line:?}: {error}");
        }
    }
}
