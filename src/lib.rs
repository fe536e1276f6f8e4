//! Waymark: turns a folder of markdown notes into a static site of a personal learning roadmap.
