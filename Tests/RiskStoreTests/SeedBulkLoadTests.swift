import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("seed bulk load")
struct SeedBulkLoadTests {
    /// The triggers and indexes of a database, as sqlite_master holds them.
    static func schemaObjects(_ store: RiskStore) throws -> [String] {
        try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name
                """).map(\.description)
        }
    }

    /// Every row of every table, in a stable order.
    static func content(_ store: RiskStore, excluding excluded: Set<String> = []) throws -> [String] {
        try store.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """).filter { !excluded.contains($0) }
            var lines: [String] = []
            for table in tables {
                let columns = try db.columns(in: table).map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY \(columns)") {
                    lines.append("\(table): \(row)")
                }
            }
            return lines
        }
    }

    @Test func aBulkLoadedSampleHasTheSchemaOfAMigratedDatabaseAVerifiedChainAndNoChangeLog() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (sample, summary) = try Fixture.sample(in: dir, applications: 120, seed: 5)
        let empty = try RiskStore.create(at: dir.path("empty.sqlite"))
        let expected = try Self.schemaObjects(empty)
        #expect(expected.contains { $0.contains("change_log_applications_insert") })
        #expect(expected.contains { $0.contains("applications_queue") })
        #expect(try Self.schemaObjects(sample) == expected)
        #expect(try sample.verifyAuditChain() == .intact(entries: summary.auditEntries))
        #expect(summary.auditEntries > 120)
        #expect(try sample.rowCount("change_log") == 0)
        // The writer is back to the durability every other write needs.
        #expect(try sample.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
    }

    @Test func derivedTablesEqualARebuild() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (sample, _) = try Fixture.sample(in: dir, applications: 120, seed: 5)
        let before = try Self.content(sample)
        try sample.write { db in
            for rebuilder in DerivedData.rebuilders { try rebuilder.rebuild(db) }
        }
        #expect(try Self.content(sample) == before)
    }

    @Test func theBulkLoadDropsAndRestoresExactlyTheNonUniqueIndexesAndTriggers() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RiskStore.create(at: dir.path("a.sqlite"))
        let before = try Self.schemaObjects(store)
        try store.write { db in
            var load = try BulkLoad.begin(db)
            let left = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            #expect(left == ["audit_log_no_delete", "audit_log_no_update"])
            let indexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            #expect(!indexes.isEmpty)
            #expect(indexes.allSatisfy(BulkLoad.isUnique))
            #expect(!load.indexes.isEmpty && !load.triggers.isEmpty)
            try load.restoreIndexes(db)
            try load.restoreTriggers(db)
        }
        #expect(try Self.schemaObjects(store) == before)
        #expect(BulkLoad.isUnique("CREATE UNIQUE INDEX a ON t(x)"))
        #expect(!BulkLoad.isUnique("CREATE INDEX unique_names ON t(x)"))
    }

    @Test func progressCountsRiseToEachPhasesTotalInPhaseOrder() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RiskStore.create(at: dir.path("p.sqlite"))
        var reports: [SeedProgress] = []
        var options = SampleOptions(applications: 2_500, seed: 3, asOf: Fixture.asOf)
        options.customers = 300
        let summary = try SampleGenerator.generate(into: store, options: options) { reports.append($0); return true }
        let phases = reports.map(\.phase).reduce(into: [SeedPhase]()) { if $0.last != $1 { $0.append($1) } }
        #expect(phases == [.instruments, .customers, .applications, .alerts, .calls, .history, .indexes, .finishing])
        for phase in phases {
            let seen = reports.filter { $0.phase == phase }
            #expect(seen.first?.done == 0)
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.done <= $1.done && $0.total == $1.total }, "\(phase)")
            #expect(seen.last.map { $0.done == $0.total } == true, "\(phase)")
        }
        #expect(reports.last { $0.phase == .applications }?.total == 2_500)
        #expect(reports.last { $0.phase == .customers }?.total == 300)
        #expect(reports.last { $0.phase == .alerts }.map { $0.total >= summary.alerts } == true)
        // Between the ends, applications are reported every thousand.
        #expect(reports.filter { $0.phase == .applications }.map(\.done) == [0, 1_000, 2_000, 2_500])
    }

    @Test func anInterruptedSeedLeavesNoFileAndTheOldFileUntouched() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("out.sqlite")
        let options = SampleOptions(applications: 1_500, seed: 9, isTrainingData: true, asOf: Fixture.asOf)
        let stop: (SeedProgress) -> Bool = { $0.phase != .applications || $0.done < 1_000 }
        let error = storeError { try SampleGenerator.seed(to: path, options: options, progress: stop) }
        guard case .interrupted = error else { Issue.record("expected interrupted, got \(String(describing: error))"); return }
        for suffix in ["", "-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: path + suffix))
            #expect(!FileManager.default.fileExists(atPath: SampleGenerator.partialPath(for: path) + suffix))
        }

        // A complete seed, then an interrupted --force over it: the first file stays as it was.
        let small = SampleOptions(applications: 40, seed: 9, isTrainingData: true, asOf: Fixture.asOf)
        let first = try SampleGenerator.seed(to: path, options: small)
        let anchor = try RiskStore.open(at: path, readOnly: true).auditHead()?.anchor
        #expect(anchor?.sequence == Int64(first.auditEntries))
        let again = storeError { try SampleGenerator.seed(to: path, options: options, overwrite: true, progress: stop) }
        guard case .interrupted = again else { Issue.record("expected interrupted, got \(String(describing: again))"); return }
        let reopened = try RiskStore.open(at: path, readOnly: true)
        #expect(try reopened.auditHead()?.anchor == anchor)
        #expect(try reopened.rowCount("applications") == 40)
        #expect(!FileManager.default.fileExists(atPath: SampleGenerator.partialPath(for: path)))

        // Without overwrite the existing file is refused before anything is generated.
        #expect(storeError { try SampleGenerator.seed(to: path, options: small) } == .fileExists(path: path))
        // A complete --force replaces it.
        let replaced = try SampleGenerator.seed(to: path, options: SampleOptions(applications: 30, seed: 2, isTrainingData: true,
                                                                                  asOf: Fixture.asOf), overwrite: true)
        #expect(try RiskStore.open(at: path, readOnly: true).rowCount("applications") == 30)
        #expect(try RiskStore.open(at: path, readOnly: true).verifyAuditChain() == .intact(entries: replaced.auditEntries))
    }

    @Test func aSeedFileEqualsTheSameSampleGeneratedIntoAStore() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let path = dir.path("seeded.sqlite")
        _ = try SampleGenerator.seed(to: path, options: SampleOptions(applications: 100, seed: 11, asOf: Fixture.asOf))
        let (library, _) = try Fixture.sample(in: dir, name: "lib.sqlite", applications: 100, seed: 11)
        #expect(try Self.content(RiskStore.open(at: path, readOnly: true)) == Self.content(library))
    }

    @Test func deskScaleAddsAYearOfPricesAndAnAccountPerApplicantWithoutChangingTheRest() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        var options = SampleOptions(applications: 200, seed: 4, asOf: Fixture.asOf)
        #expect(options.priceDays == 60 && !options.accountForEveryCustomer)
        #expect(SampleOptions(applications: SampleOptions.deskScale, asOf: Fixture.asOf).priceDays == SampleOptions.tradingYear)
        let small = try RiskStore.create(at: dir.path("small.sqlite"))
        _ = try SampleGenerator.generate(into: small, options: options)

        options.priceDays = SampleOptions.tradingYear
        let year = try RiskStore.create(at: dir.path("year.sqlite"))
        _ = try SampleGenerator.generate(into: year, options: options)
        // The year of prices only adds older days: every other row is the same.
        #expect(try Self.content(year, excluding: ["prices"]) == Self.content(small, excluding: ["prices"]))
        let instruments = try year.rowCount("instruments")
        #expect(try year.rowCount("prices") == instruments * SampleOptions.tradingYear)
        // Every instrument has the same trading days, the oldest about a year (250 trading days) before the sample's day.
        let days = try year.read { db in
            try Row.fetchOne(db, sql: "SELECT COUNT(DISTINCT day) AS n, MIN(day) AS oldest FROM prices")
        }
        #expect(days?["n"] == SampleOptions.tradingYear)
        let oldest: String? = days?["oldest"]
        #expect(oldest.map { $0 > "2025-11-27" && $0 < "2026-01-01" } == true, "\(oldest ?? "none")")
        // The last 60 days are the small sample's, close for close.
        let smallPrices = try small.read { db in try Row.fetchAll(db, sql: "SELECT * FROM prices ORDER BY code, day").map(\.description) }
        let smallOldest = try small.read { db in try String.fetchOne(db, sql: "SELECT MIN(day) FROM prices") } ?? ""
        let yearRecent = try year.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM prices WHERE day >= ? ORDER BY code, day", arguments: [smallOldest]).map(\.description)
        }
        #expect(smallPrices.count == instruments * 60)
        #expect(yearRecent == smallPrices)

        options.accountForEveryCustomer = true
        let book = try RiskStore.create(at: dir.path("book.sqlite"))
        let summary = try SampleGenerator.generate(into: book, options: options)
        let applicants = try book.rowCount("customers", where: "id IN (SELECT customer_id FROM applications)")
        let withAccount = try book.rowCount("customers", where: "id IN (SELECT customer_id FROM applications) AND id IN (SELECT customer_id FROM accounts)")
        #expect(applicants > 60)  // 200 applications over 100 customers
        // Only a customer whose collateral allows no financing (ST shares only, or too little) is left without one.
        #expect(Double(withAccount) >= Double(applicants) * 0.9, "\(withAccount) of \(applicants)")
        #expect(try small.rowCount("accounts") < withAccount / 2)
        #expect(try book.rowCount("accounts", where: "customer_id IN (SELECT customer_id FROM accounts GROUP BY customer_id HAVING COUNT(*) > 1)") == 0)
        #expect(summary.accounts == (try book.rowCount("accounts")))
        #expect(try book.verifyAuditChain() == .intact(entries: summary.auditEntries))
    }
}
