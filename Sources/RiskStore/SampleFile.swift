import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a whole sample database file: generated under `OUT.partial`, checkpointed and closed, then renamed onto
/// `OUT`, so a failed or interrupted seed never leaves a half database under the real name and an existing `OUT` (which
/// `overwrite` may replace only when it is training data) stays untouched until the new file is complete.
extension SampleGenerator {
    /// The name the file is generated under before it is renamed onto `path`.
    public static func partialPath(for path: String) -> String { path + ".partial" }

    /// Generates the sample into a new file at `path` (see the type's note); `progress` as in `generate(into:options:progress:)`.
    public static func seed(to path: String, options: SampleOptions, overwrite: Bool = false, login: String = SystemLogin.current(),
                            progress: @escaping (SeedProgress) -> Bool = { _ in true }) throws(StoreError) -> SampleSummary {
        let files = FileManager.default
        if files.fileExists(atPath: path) {
            guard overwrite else { throw .fileExists(path: path) }
            try RiskStore.requireTrainingData(toOverwrite: path)
        }
        let partial = partialPath(for: path)
        // A partial file is only ever a seed's own leftover (a crash, a power cut): it is never anyone's data.
        removeDatabase(at: partial)
        do {
            let summary: SampleSummary
            do {
                let store = try RiskStore.create(at: partial, login: login)
                defer { try? store.writer.close() }
                summary = try generate(into: store, options: options, progress: progress)
                try store.checkpoint()
            }
            // Closed and checkpointed: everything is in the file. The old file's -wal/-shm must not outlive it, or SQLite
            // would read them as the new file's.
            removeDatabase(at: partial, keepingMainFile: true)
            for suffix in ["-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
                try files.removeItem(atPath: path + suffix)
            }
            guard rename(partial, path) == 0 else {
                throw StoreError.database("cannot rename \(partial) to \(path): \(String(cString: strerror(errno)))")
            }
            return summary
        } catch {
            removeDatabase(at: partial)
            throw RiskStore.map(error, path: path)
        }
    }

    /// Removes a database file with its -wal and -shm (or only those), ignoring files that are not there.
    static func removeDatabase(at path: String, keepingMainFile: Bool = false) {
        for suffix in keepingMainFile ? ["-wal", "-shm"] : ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
