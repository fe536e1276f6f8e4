//! Command-line conventions, run as a user would: `--version`, shell completions, the man page,
//! colour only where it belongs, and `--quiet`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Output};

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Runs `cmd` with exactly the colour settings in `env`: the terminal running the tests must
/// not decide.
fn output_with(cmd: &mut Command, env: &[(&str, &str)]) -> Output {
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn output(cmd: &mut Command) -> Output {
    output_with(cmd, &[])
}

#[test]
fn version_is_the_package_version() {
    let out = output(waymark(Path::new(".")).arg("--version"));
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "waymark 0.2.0\n");
    assert_eq!(env!("CARGO_PKG_VERSION"), "0.2.0");
}

#[test]
fn completions_come_out_for_each_shell() {
    let tmp = assert_fs::TempDir::new().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F _waymark"),
        ("zsh", "#compdef waymark"),
        ("fish", "complete -c waymark"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "set edit:completion:arg-completer[waymark]"),
    ] {
        let out = output(waymark(tmp.path()).args(["completions", shell]));
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: no `{marker}`");
        for sub in ["build", "serve", "init", "completions", "quiet", "color"] {
            assert!(script.contains(sub), "{shell}: {sub} is not completed");
        }
    }
    assert!(
        !output(waymark(tmp.path()).args(["completions", "tcsh"]))
            .status
            .success()
    );
}

#[test]
fn bash_completes_subcommands_and_their_options() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let out = output(waymark(tmp.path()).args(["completions", "bash"]));
    let file = tmp.path().join("waymark.bash");
    std::fs::write(&file, &out.stdout).unwrap();
    let complete = |words: &str| {
        let script = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMP_LINE='{words}'; COMP_POINT=${{#COMP_LINE}}; _waymark waymark \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display()
        );
        let out = Command::new("bash").args(["-c", &script]).output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    assert_eq!(complete("waymark bu"), "build\n");
    assert!(complete("waymark build --ou").contains("--output"));
}

#[test]
fn man_page_lists_the_commands() {
    let out = output(waymark(Path::new(".")).arg("man"));
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(page.contains(".TH waymark 1"), "{}", &page[..200]);
    for sub in ["build", "serve", "init", "completions"] {
        assert!(page.contains(sub), "the man page does not mention {sub}");
    }
}

/// A site whose one topic has a misspelt status: `check` reports it on stderr.
fn broken_site() -> assert_fs::TempDir {
    let tmp = assert_fs::TempDir::new().unwrap();
    std::fs::create_dir(tmp.path().join("content")).unwrap();
    std::fs::write(
        tmp.path().join("content/git.md"),
        "---\nstatus: dnoe\n---\n",
    )
    .unwrap();
    tmp
}

const PLAIN: &str = "content/git.md:2:9: error: unknown status `dnoe` (did you mean `done`?); valid values: done, in-progress, not-started, skipped\n  |\n2 | status: dnoe\n  |         ^\n1 error, 0 warnings\n";

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().take_while(|&c| c != 'm').for_each(drop);
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn diagnostics_are_plain_when_piped_and_under_no_color_and_color_never() {
    let site = broken_site();
    let check = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = waymark(site.path());
        cmd.args(args).arg("check");
        let out = output_with(&mut cmd, env);
        assert_eq!(out.status.code(), Some(1));
        text(&out.stderr)
    };
    // Piped, as here: no colour.
    assert_eq!(check(&[], &[]), PLAIN);
    // CLICOLOR_FORCE stands in for a terminal; NO_COLOR and --color never still win.
    let forced = check(&[], &[("CLICOLOR_FORCE", "1")]);
    assert!(
        forced.contains("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m"),
        "{forced:?}"
    );
    assert_eq!(strip_ansi(&forced), PLAIN);
    assert_eq!(
        check(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        PLAIN
    );
    assert_eq!(
        check(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]),
        PLAIN
    );
    let always = check(&["--color", "always"], &[]);
    assert_eq!(strip_ansi(&always), PLAIN);
    assert_ne!(always, PLAIN);
}

/// Runs `waymark ARGS` in a real pseudo-terminal (util-linux `script`) and returns what it
/// printed there.
#[cfg(target_os = "linux")]
fn in_terminal(dir: &Path, args: &str, env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin!("waymark");
    let mut cmd = Command::new("script");
    cmd.current_dir(dir)
        .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .env("TERM", "xterm-256color");
    text(&output_with(&mut cmd, env).stdout)
}

#[cfg(target_os = "linux")]
#[test]
fn diagnostics_are_coloured_on_a_terminal_unless_no_color() {
    let site = broken_site();
    let shown = in_terminal(site.path(), "check", &[]);
    assert!(shown.contains("\u{1b}[31merror:"), "{shown:?}");
    assert_eq!(strip_ansi(&shown).replace("\r\n", "\n"), PLAIN);
    let shown = in_terminal(site.path(), "check", &[("NO_COLOR", "1")]);
    assert_eq!(shown.replace("\r\n", "\n"), PLAIN);
    let shown = in_terminal(site.path(), "--color never check", &[]);
    assert_eq!(shown.replace("\r\n", "\n"), PLAIN);
}

#[test]
fn quiet_silences_the_summary_line_but_not_problems() {
    let site = site("rollup");
    let out = output(waymark(site.path()).args(["build", "--quiet"]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert!(site.path().join("output/index.html").is_file());
    let out = output(waymark(site.path()).args(["build"]));
    assert!(text(&out.stdout).starts_with("built "));
    let out = output(waymark(site.path()).args(["-q", "check"]));
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), String::new())
    );
    let broken = broken_site();
    let out = output(waymark(broken.path()).args(["check", "-q"]));
    assert_eq!(text(&out.stderr), PLAIN);
}
