//! Archive: WARC 1.1 captures and plain folders of documents (stub until the archive work lands).
