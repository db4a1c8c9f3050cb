import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// `v9-change-log`: every write appends (seq, at, kind, subject) by trigger in its own transaction; reads append
/// nothing; the log is pruned and a reader that fell into the pruned part is told to reload everything.
@Suite("Change log")
struct ChangeLogTests {
    private func kinds(_ store: RiskStore, after seq: Int64) throws -> [String] {
        try store.changes(after: seq, limit: 100).map { "\($0.kind) \($0.subject)" }
    }

    @Test func stageChangeClaimAndNoteAreLoggedAndReadsAreNot() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        // The fixture inserted four applications: four `stage` entries (an insert counts as a stage change).
        #expect(try kinds(store, after: 0) == ["stage APP-SMALL", "stage APP-MID", "stage APP-BIG", "stage APP-CLAIM"])
        let start = try store.latestChangeSeq()
        #expect(start == 4)

        _ = try store.approvalQueue(filter: QueueFilter(), limit: 50)
        _ = try store.detail(of: Fixture.small)
        #expect(try kinds(store, after: start).isEmpty, "a read logs nothing")

        _ = try store.claim(Fixture.claimable, by: "wang.fang", at: Fixture.asOf)
        #expect(try kinds(store, after: start) == ["application APP-CLAIM"])

        try store.addNote(Fixture.claimable, by: "wang.fang", text: "called the customer", at: Fixture.asOf)
        #expect(try kinds(store, after: start + 1) == ["application APP-CLAIM"])

        let app = try #require(try store.application(Fixture.mid))
        let reason = try #require(ReasonCode.rejectionReasons.first)
        let beforeDecision = try store.latestChangeSeq()
        _ = try store.apply(DecisionRequest(applicationID: Fixture.mid, kind: .reject(reason), actor: "wang.fang",
                                            expectedVersion: app.version), at: Fixture.later)
        let logged = try kinds(store, after: beforeDecision)
        #expect(logged.contains("stage APP-MID"), "the rejection moved the stage: \(logged)")
        #expect(!logged.contains { $0.hasPrefix("setting") }, "the audit head is not logged: \(logged)")
    }

    @Test func settingsAlertsAndHandWrittenMarketEntries() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let start = try store.latestChangeSeq()
        try store.setSetting("market.sentiment", to: "-0.4", by: "feed", at: Fixture.asOf)
        let id = try #require(try store.raise(AlertCandidate(rule: .kycExpired, severity: .warning, subject: "customer:C000001",
                                                             message: "KYC expired"), at: Fixture.asOf))
        try store.appendChange(kind: "market", subject: "batch 1", at: Fixture.later)
        #expect(try kinds(store, after: start) == ["setting market.sentiment", "alert \(id)", "market batch 1"])
        let market = try #require(try store.changes(after: start, limit: 10).last)
        #expect(market.at == Fixture.later)
        // A trigger's own time is the wall clock, in seconds since 1970 with a fraction.
        let setting = try #require(try store.changes(after: start, limit: 1).first)
        #expect(abs(setting.at.timeIntervalSinceNow) < 600)
    }

    @Test func feedReadsOnlyAfterACommitAndReportsAPrunedGap() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let feed = try store.makeChangeFeed()
        let seen = try store.latestChangeSeq()  // 4
        #expect(feed.read(after: seen, limit: 10) == .unchanged)

        _ = try store.claim(Fixture.claimable, by: "wang.fang", at: Fixture.asOf)  // seq 5
        guard case let .changes(entries) = feed.read(after: seen, limit: 10) else { Issue.record("expected entries"); return }
        #expect(entries.map(\.seq) == [5])
        #expect(feed.read(after: 5, limit: 10) == .unchanged, "no commit since the last read")

        // Three more entries (6, 7, 8); a reader still at 5 asking for at most 2 is told to reload everything.
        for text in ["one", "two", "three"] { try store.addNote(Fixture.claimable, by: "wang.fang", text: text, at: Fixture.asOf) }
        #expect(feed.read(after: 5, limit: 2) == .reloadAll(latest: 8))

        // Pruning entries 1…6 leaves 7 and 8: a reader at 6 carries on, a reader at 4 fell into the gap.
        #expect(try store.pruneChanges(before: 7) == 6)
        try store.appendChange(kind: "market", subject: "batch", at: Fixture.asOf)  // seq 9
        #expect(feed.read(after: 4, limit: 10) == .reloadAll(latest: 9))
        try store.appendChange(kind: "market", subject: "batch", at: Fixture.asOf)  // seq 10
        guard case let .changes(rest) = feed.read(after: 6, limit: 10) else { Issue.record("expected entries"); return }
        #expect(rest.map(\.seq) == [7, 8, 9, 10])
    }

    @Test func migrationAddsTheLogToAnOlderFileAndAReadOnlyOpenStillReadsIt() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let v8 = Schema.migrations.firstIndex { $0.name == "v9-change-log" }.map { Schema.migrations[$0 - 1].name }
        let previous = try #require(v8)
        let path = try OldSchema.makeVersion1(in: dir, upTo: previous,
                                              version: try #require(Schema.migrations.firstIndex { $0.name == previous }) + 1)
        do {
            // A read-only open of the older file works: the console tails nothing and reloads on any commit.
            let reader = try RiskStore.open(at: path, readOnly: true)
            #expect(try reader.latestChangeSeq() == 0)
        }
        let store = try RiskStore.open(at: path)
        #expect(try store.schemaVersion() == Schema.version)
        try store.setSetting("market.sentiment", to: "0.1", by: "feed", at: Fixture.asOf)
        #expect(try kinds(store, after: 0) == ["setting market.sentiment"])
    }

    @Test func triggerGeneratorWritesOneTriggerPerEvent() {
        let trigger = ChangeLogTrigger(table: "margin_calls", kind: "call", subject: "ROW.account_id")
        let sql = trigger.sql
        #expect(sql.contains("CREATE TRIGGER change_log_margin_calls_insert AFTER INSERT ON margin_calls"))
        #expect(sql.contains("CREATE TRIGGER change_log_margin_calls_delete AFTER DELETE ON margin_calls"))
        #expect(sql.contains("'call', NEW.account_id"))
        #expect(sql.contains("'call', OLD.account_id"))
    }
}
