import Foundation
import GRDB

/// Times the `/` filter keystroke by keystroke on a store: each prefix of a typed text is one keystroke.
public enum QueueSearchBenchmark {
    /// One typed text and the milliseconds of each of its keystrokes, over every repetition.
    public struct Sequence: Sendable {
        public var name: String
        public var text: String
        /// Keystroke → first page under the filter (what the console waits for before it can draw).
        public var page: [Double] = []
        /// The title's capped match count, which the console runs beside (off the key path).
        public var count: [Double] = []
        /// The same keystrokes the way the console answered them before the index: the `LIKE` walk for the page,
        /// then the position and the full count.
        public var legacy: [Double] = []
    }

    /// Sequences worth typing on a seeded database: a common surname growing into a full name, a rare character,
    /// an application id, a customer id fragment, a Latin fragment and text that matches nothing.
    public static func standardTexts(_ store: RiskStore) throws(StoreError) -> [(name: String, text: String)] {
        try store.read { db in
            var texts: [(String, String)] = []
            let common = try String.fetchOne(db, sql: """
                SELECT gram FROM queue_search_grams WHERE length(gram) = 1 AND unicode(gram) > 11904
                GROUP BY gram ORDER BY COUNT(*) DESC LIMIT 1
                """) ?? "张"
            if let full = try String.fetchOne(db, sql: """
                SELECT name FROM customers WHERE name LIKE ? AND length(name) = 3 GROUP BY name ORDER BY COUNT(*) DESC LIMIT 1
                """, arguments: [common + "%"]) {
                texts.append(("common surname → full name", full))
            }
            if let rare = try String.fetchOne(db, sql: """
                SELECT gram FROM queue_search_grams WHERE length(gram) = 1 AND unicode(gram) > 11904
                GROUP BY gram ORDER BY COUNT(*) ASC LIMIT 1
                """) {
                texts.append(("rarest name character", rare))
            }
            if let id = try String.fetchOne(db, sql: "SELECT id FROM applications WHERE id LIKE 'APP-%' ORDER BY id LIMIT 1 OFFSET 12") {
                texts.append(("application id", id))
            }
            if let customer = try String.fetchOne(db, sql: "SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET 1234") {
                texts.append(("customer id fragment", String(customer.suffix(5))))
            }
            texts.append(("Latin fragment", "chen"))
            texts.append(("no match", "鑫鑫鑫"))
            return texts
        }
    }

    /// Types each text character by character `repetitions` times, timing every keystroke.
    public static func run(store: RiskStore, texts: [(name: String, text: String)], pageSize: Int = 21, countCap: Int = 1_000,
                           repetitions: Int = 5, legacy: Bool = true) throws(StoreError) -> [Sequence] {
        var sequences: [Sequence] = []
        for (name, text) in texts {
            var sequence = Sequence(name: name, text: text)
            let prefixes = text.indices.map { String(text[...$0]) }
            for _ in 0..<repetitions {
                for prefix in prefixes {
                    let filter = QueueFilter(text: prefix)
                    sequence.page.append(try time { () throws(StoreError) in _ = try store.approvalQueue(filter: filter, limit: pageSize) })
                    sequence.count.append(try time { () throws(StoreError) in _ = try store.queueMatchCount(filter: filter, cap: countCap) })
                    guard legacy else { continue }
                    sequence.legacy.append(try legacyTime(store, filter, pageSize))
                }
            }
            sequences.append(sequence)
        }
        return sequences
    }

    /// One keystroke answered the old way (every text query on the `LIKE` walk), with the position and count.
    static func legacyTime(_ store: RiskStore, _ filter: QueueFilter, _ pageSize: Int) throws(StoreError) -> Double {
        do {
            return try QueueSearch.$sparseLimitOverride.withValue(-1) {
                try time { () throws(StoreError) in
                    let rows = try store.approvalQueue(filter: filter, limit: pageSize).rows
                    if let first = rows.first { _ = try store.queuePosition(filter: filter, of: first.priorityKey) }
                    _ = try store.queueCount(filter: filter)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database("\(error)")
        }
    }

    /// Which clock the figures are read from: wall time, or this thread's CPU time (user + system), which a
    /// machine busy with other work does not inflate.
    @TaskLocal public static var measuresCPUTime = false

    static func time(_ body: () throws(StoreError) -> Void) throws(StoreError) -> Double {
        let clock = measuresCPUTime ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC
        var start = timespec()
        var end = timespec()
        clock_gettime(clock, &start)
        try body()
        clock_gettime(clock, &end)
        return Double(end.tv_sec - start.tv_sec) * 1_000 + Double(end.tv_nsec - start.tv_nsec) / 1_000_000
    }

    /// "median 1.23 · p99 4.56 · max 7.89 ms (n)" of `samples`.
    public static func summary(_ samples: [Double]) -> String {
        guard !samples.isEmpty else { return "no samples" }
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))] }
        return String(format: "median %.2f · p99 %.2f · max %.2f ms (%d)", percentile(0.5), percentile(0.99), sorted.last ?? 0, sorted.count)
    }
}
