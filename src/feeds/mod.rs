//! Subscriptions and fetching: the feeds a user follows (`feeds.toml`), fetched over HTTP
//! into a store of one file per entry that the loader reads like any other briefings.
//! Above ingest (its feed and web-page readers) and beside library (which loads the store).

mod entry;
mod fetch;
mod files;
pub mod http;
mod limiter;
pub mod opml;
mod paths;
mod store;
mod subscriptions;

pub use fetch::{FeedReport, Found, Options, Progress, Status, discover, fetch, record_moves};
pub use files::{Lock, sweep_temps, write_atomic};
pub use paths::{Places, folder_name, store_root, subscriptions_path};
pub use store::{FeedState, Put, Store};
pub use subscriptions::{Subscription, Subscriptions, SubscriptionsError, check_url};
