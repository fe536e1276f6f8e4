//! One module per subcommand: arguments in, a library call, a summary out.

pub mod build;
pub mod check;
pub mod import;
pub mod serve;
pub mod tree;
