//! Archive: WARC 1.1 captures (writer, reader, index) and plain folders of documents.
//!
//! | module | role |
//! | --- | --- |
//! | [`warc`] | WARC 1.1 records: write (one gzip member each), read (ours and other tools') |
//! | [`index`] | `index.jsonl`: the commit log that makes archive writes crash safe |
//! | [`source`] | walk paths (WARC files, folders, files with `.meta.json` sidecars) → documents |

pub mod index;
pub mod source;
pub mod warc;
