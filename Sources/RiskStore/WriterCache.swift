import GRDB

extension RiskStore {
    /// Lets the writing connection keep up to `megabytes` of database pages in memory (SQLite's default is 2 MB).
    /// The feed rewrites alert rows all over a large file in one transaction per batch; with the default cache SQLite
    /// spills dirty pages to the write-ahead log mid-transaction and reads them back.
    public func setWriterCache(megabytes: Int) throws(StoreError) {
        guard !isReadOnly else { return }
        let kibibytes = max(2, min(megabytes, 4_096)) * 1_024
        try wrap { try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)") } }
    }
}
