//! Authoring commands that change the user's files: `new`, `status`, `review` and `init`. Each writes
//! atomically and refuses to overwrite.

pub mod edit;
pub mod find;
pub mod init;
pub mod new;
pub mod review;
pub mod slug;

pub use crate::disk::write_atomically;

pub use crate::content::frontmatter::quote;
pub use crate::dates::today;
