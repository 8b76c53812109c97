//! The page's components. They render what the state and the core computed, and turn user
//! actions into [`crate::state::Action`]s.

pub mod azure;
pub mod editor;
pub mod fields;
pub mod findings;
pub mod map;
pub mod migration;
pub mod v2_cluster;
pub mod v2_sections;
