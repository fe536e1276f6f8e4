//! Waymark: turns a folder of markdown notes into a static site of a personal learning roadmap.
//!
//! The pipeline, one module a stage: [`content`] loads the files, [`model`] builds the roadmap
//! tree with its roll-ups, [`render`] turns it into pages, [`output`] writes them.

pub mod authoring;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostic;
pub mod disk;
pub mod duration;
pub mod export;
pub mod hash;
pub mod history;
pub mod import;
pub mod interrupt;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;
pub mod site;
pub mod sync;
