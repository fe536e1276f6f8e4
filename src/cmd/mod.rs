//! One module per subcommand: arguments in, a library call, a summary out.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
pub mod status;
pub mod tree;
