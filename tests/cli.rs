//! Transcripts of the command line as a user sees it (trycmd): `--help` of every command in
//! tests/cmd/help.trycmd, and a few errors in tests/cmd/errors.trycmd, run in
//! tests/cmd/errors.in/ (which nothing writes to), and `waymark sync` in tests/cmd/sync.trycmd,
//! run in a copy of tests/cmd/sync.in/ that must end up as tests/cmd/sync.out/. After changing a help text or a message,
//! regenerate them with `TRYCMD=overwrite cargo test --test cli` and read the diff.

#[test]
fn transcripts() {
    trycmd::TestCases::new()
        .register_bin(
            "waymark",
            std::path::Path::new(env!("CARGO_BIN_EXE_waymark")),
        )
        .case("tests/cmd/*.trycmd");
}
