//! The `bcfsite` binary: parse the command line, call the library, map the result to
//! an exit code (0 success, 1 the site has errors, 2 usage).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bcfsite::cli::{Cli, Command, Format};
use bcfsite::diagnostic::{Diagnostic, Diagnostics};
use bcfsite::visibility::Audience;
use bcfsite::{BuildOptions, serve};
use clap::Parser;

const SITE_ERRORS: u8 = 1;
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            site,
            output,
            audience,
            drafts,
            now,
            base_url,
            timings,
        } => {
            let out = match output_dir(&site, output, audience) {
                Ok(out) => out,
                Err(d) => return report(&vec![d].into(), USAGE),
            };
            let mut opts = BuildOptions::new(&site);
            opts.audience = audience;
            opts.include_drafts = drafts;
            opts.base_url = base_url;
            opts.progress = std::io::stderr().is_terminal();
            if let Some(now) = now {
                opts.now = now;
            }
            match bcfsite::build(&opts, &out) {
                Ok(built) => {
                    print_diagnostics(&built.warnings);
                    if timings {
                        eprint!("{}", built.timings.report());
                    }
                    println!("{}", built.summary());
                    ExitCode::SUCCESS
                }
                Err(diags) => report(&diags, SITE_ERRORS),
            }
        }
        Command::Serve {
            site,
            port,
            bind,
            audience,
            drafts,
            now,
        } => {
            let mut build = BuildOptions::new(&site);
            build.audience = audience;
            build.include_drafts = drafts;
            if let Some(now) = now {
                build.now = now;
            }
            let opts = serve::ServeOptions { build, bind, port };
            let result = serve::serve(
                opts,
                |address, pages| {
                    println!("Serving {pages} pages at {address}  (press Ctrl-C to stop)");
                },
                |line| eprintln!("{line}"),
            );
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(diags) => report(&diags, diags.exit_code()),
            }
        }
        Command::Check {
            site,
            format,
            strict,
            external,
            now,
        } => {
            let mut opts = BuildOptions::new(&site);
            if let Some(now) = now {
                opts.now = now;
            }
            let mut diags = bcfsite::check::check_site(&opts);
            if external && let Ok(links) = bcfsite::external_links(&site) {
                if format == Format::Human && std::io::stderr().is_terminal() {
                    eprintln!("checking {} external links...", links.len());
                }
                diags.extend(bcfsite::check::external::check(&links, 8));
                diags = diags.sorted();
            }
            match format {
                Format::Json => println!("{}", diags.render_json()),
                Format::Github => {
                    print!("{}", bcfsite::diagnostic::ci::render_github(&diags, &site))
                }
                Format::Sarif => {
                    println!("{}", bcfsite::diagnostic::ci::render_sarif(&diags, &site))
                }
                Format::Human if diags.is_empty() => println!("no problems found"),
                Format::Human => print!(
                    "{}",
                    diags.render_human(
                        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                    )
                ),
            }
            let failed = diags.has_errors() || (strict && diags.warnings().next().is_some());
            if failed {
                ExitCode::from(SITE_ERRORS)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Audit {
            output_dir,
            site,
            now,
        } => match bcfsite::audit_dir_at(
            &site,
            &output_dir,
            now.unwrap_or_else(time::OffsetDateTime::now_utc),
        ) {
            Ok(n) => {
                println!(
                    "audited {n} files in {}: no confidential material found",
                    output_dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(diags) => report(&diags, SITE_ERRORS),
        },
        Command::Import {
            input,
            into,
            profile,
            table,
            dry_run,
            force,
            include_hidden,
        } => import(bcfsite::import::ImportOptions {
            input,
            into,
            profile,
            table,
            dry_run,
            force,
            include_hidden,
        }),
        Command::New {
            kind,
            title,
            section,
            site,
            date,
        } => {
            let today = date.unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
            match bcfsite::new::new(&site, kind, title.as_deref(), section.as_deref(), today) {
                Ok(made) => {
                    println!("created {}", site.join(&made.path).display());
                    match made.url {
                        Some(url) => println!(
                            "preview it: bcfsite serve {}, then open http://127.0.0.1:1111{url}",
                            site.display()
                        ),
                        None => println!("check it: bcfsite check {}", site.display()),
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => report(&vec![d].into(), SITE_ERRORS),
            }
        }
        Command::Cms { site, vendor } => cms(&site, vendor),
        Command::Init { dir, ci } => match bcfsite::init::init(&dir, ci) {
            Ok(n) => {
                println!("created a starter site with {n} files in {}", dir.display());
                if let Some(ci) = ci {
                    println!(
                        "added {}: set where to get bcfsite in it, then see docs/deploy.md",
                        ci.recipe().0
                    );
                }
                println!("next: cd {} && bcfsite serve", dir.display());
                ExitCode::SUCCESS
            }
            Err(d) => report(&vec![d].into(), SITE_ERRORS),
        },
    }
}

/// `cms`: the admin page and its settings, and what the CMS leaves out.
fn cms(site: &Path, vendor: Option<PathBuf>) -> ExitCode {
    let opts = bcfsite::cms::CmsOptions {
        vendor,
        now: time::OffsetDateTime::now_utc(),
    };
    match bcfsite::cms::cms(site, &opts) {
        Ok(made) => {
            for path in &made.written {
                println!("wrote {}", site.join(path).display());
            }
            for note in &made.notes {
                println!("note: {note}");
            }
            for why in &made.left_out {
                println!(
                    "left out {why}: the admin page is public, so it names no such folder; edit those pages in their files"
                );
            }
            println!(
                "{} collections, {} records to relate pages to",
                made.collections, made.records
            );
            println!(
                "try it: bcfsite serve {0}, and in another terminal, in {0}: npx decap-server; then open http://127.0.0.1:1111/admin/",
                site.display()
            );
            ExitCode::SUCCESS
        }
        Err(diags) => report(&diags, SITE_ERRORS),
    }
}

/// `import`: a CSV given without `--table` (or a workbook with one) is a usage error;
/// a workbook with problems exits 1 having written nothing.
fn import(opts: bcfsite::import::ImportOptions) -> ExitCode {
    let csv = opts
        .input
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv != opts.table.is_some() {
        let d = if csv {
            Diagnostic::error(
                "import-needs-table",
                "a CSV file is one table of the template",
            )
            .with_help("say which with --table expenditure, --table income or --table metrics")
        } else {
            Diagnostic::error("import-table-not-csv", "--table is for a CSV file")
                .with_help("leave --table out to import a whole workbook")
        };
        return report(
            &vec![d.in_file(opts.input.display().to_string())].into(),
            USAGE,
        );
    }
    match bcfsite::import::import(&opts) {
        Ok(done) => {
            print_diagnostics(&done.warnings);
            if opts.dry_run {
                for (path, text) in &done.files {
                    println!("--- {} (not written)\n{text}", path.display());
                }
            }
            println!("{}", done.summary);
            ExitCode::SUCCESS
        }
        Err(diags) => report(&diags, SITE_ERRORS),
    }
}

/// Where a build goes: `--output`, or `SITE/public` for a public build. A members'
/// build must name its folder, away from the public one; no build goes into the
/// site's sources (see [`bcfsite::output::check_placement`]).
fn output_dir(
    site: &Path,
    output: Option<PathBuf>,
    audience: Audience,
) -> Result<PathBuf, Diagnostic> {
    let out = match (audience, output) {
        (_, Some(out)) => out,
        (Audience::Public, None) => site.join("public"),
        (Audience::Members, None) => {
            return Err(Diagnostic::error(
                "members-needs-output",
                "a members' build needs --output",
            )
            .with_help("name a folder that is not the public one, e.g. --output ../members-site"));
        }
    };
    bcfsite::output::check_placement(site, &out, audience)?;
    Ok(out)
}

fn print_diagnostics(diags: &Diagnostics) {
    if !diags.is_empty() {
        eprint!("{}", diags.render_human(colour()));
    }
}

fn report(diags: &Diagnostics, code: u8) -> ExitCode {
    print_diagnostics(diags);
    ExitCode::from(code)
}

fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
