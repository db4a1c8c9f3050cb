import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// The SQL a console's connections ran, collected from the store's statement trace.
final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: [String] = []

    func append(_ sql: String) { lock.withLock { statements.append(sql) } }
    func take() -> [String] { lock.withLock { defer { statements.removeAll() }; return statements } }
}

/// Every query the console runs on its key path (start, moves in the queue and the alerts, the alert filters, the
/// change-log poll) must find its rows through an index: `EXPLAIN QUERY PLAN` shows no full scan of a base table.
@Suite("Key path query plans", .serialized)
struct KeyPathQueryPlanTests {
    /// Tables small by nature (a row per setting, user or count bucket): reading them whole is not a scan of the data.
    static let smallTables: Set<String> = ["settings", "pricing_parameters", "users", "queue_counts", "alert_counts"]

    /// The base table a plan line scans whole, or nil: `SCAN t` and `SCAN t USING [COVERING] INDEX i` are full scans;
    /// `SEARCH`, temp b-trees (merging a few page-sized branches), subqueries and constant rows are not.
    static func scannedTable(_ line: String) -> String? {
        guard line.hasPrefix("SCAN ") else { return nil }
        let name = line.dropFirst(5).split(separator: " ").first.map(String.init) ?? ""
        if name.hasPrefix("(") || name == "CONSTANT" || name.hasPrefix("sqlite_") || name.hasPrefix("pragma_") { return nil }
        return smallTables.contains(name) ? nil : name
    }

    @Test func scanRecognisesFullScansOnly() {
        #expect(Self.scannedTable("SCAN applications") == "applications")
        #expect(Self.scannedTable("SCAN a USING INDEX applications_priority") == "a")
        #expect(Self.scannedTable("SCAN alerts USING COVERING INDEX alerts_state") == "alerts")
        #expect(Self.scannedTable("SEARCH a USING INDEX applications_queue (stage=? AND priority_key>?)") == nil)
        #expect(Self.scannedTable("SCAN (subquery-1)") == nil)
        #expect(Self.scannedTable("SCAN settings") == nil)
        #expect(Self.scannedTable("USE TEMP B-TREE FOR ORDER BY") == nil)
    }

    @Test func everyQueryOnTheKeyPathSearchesAnIndex() throws {
        let dir = try ScratchDir()
        defer { dir.remove() }
        let path = try dir.sampleCopy()
        let log = StatementLog()
        let store = try RiskStore.open(at: path, traceStatements: { log.append($0) })
        let user = try #require(try store.user(named: "zhao.min"))
        let loader = ThemeLoader(searchDirectories: [Repo.themes])
        let state = AppState(user: user, databaseName: "plans", isTrainingData: try store.isTrainingData(), readOnly: false,
                             size: Size(width: 120, height: 40), now: fixedNow, themeName: "default", canSwitchUser: false)
        _ = log.take()  // opening and migrating the copy is not the key path
        let runtime = DeskRuntime(store: store, state: state, terminal: VirtualTerminal(width: 120, height: 40), themeLoader: loader,
                                  theme: try loader.load(name: "default"), clock: { fixedNow })
        runtime.start()
        let j = Key.character("j"), k = Key.character("k")
        for key in Array(repeating: j, count: 30) + Array(repeating: k, count: 30) + [.pageDown, .pageDown, .pageUp, .character("G"), k, j,
                                                                                        .character("g")] {
            runtime.press(key)
        }
        // The second-approval view (issue 9): its first approvals are read for the visible page only.
        for key in [Key.character("S"), j, j, .pageDown, .character("G"), .character("g"), .character("S")] { runtime.press(key) }
        runtime.press(.tab)
        runtime.press(.tab)
        #expect(runtime.state.focus == .alerts)
        for key in Array(repeating: j, count: 15) + Array(repeating: k, count: 15) + [.pageDown, .pageUp, .character("G"), .character("g")] {
            runtime.press(key)
        }
        for _ in AlertsFilterChoice.allCases {
            runtime.press(.character("f"))
            runtime.press(.character("G"))
            runtime.press(.character("g"))
        }
        // Another writer's change arrives through the change-log poll: the scoped reloads and the off-path locates.
        let other = try RiskStore.open(at: path)
        _ = try other.raise(AlertCandidate(rule: .limitDown, severity: .critical, subject: "account:PLAN", message: "plan test"),
                            at: fixedNow)
        runtime.send(.pollDue)
        runtime.settle()
        runtime.send(.pollDue)
        runtime.settle()

        let statements = Array(Set(log.take())).sorted()
        let queries = statements.filter { $0.uppercased().hasPrefix("SELECT") || $0.uppercased().hasPrefix("WITH") }
        #expect(queries.count >= 10, "the trace caught the console's queries")
        #expect(queries.contains { $0.contains("FROM applications a JOIN customers") }, "queue pages were traced")
        #expect(queries.contains { $0.contains("alert_counts") }, "alert counts were traced")
        #expect(queries.contains { $0.contains("FROM decisions WHERE application_id IN") }, "the first approvals were traced")
        for sql in queries {
            let plan = try store.queryPlan(of: sql)
            let scans = plan.compactMap(Self.scannedTable)
            #expect(scans.isEmpty, "full scan of \(scans) in:\n\(sql)\n\(plan.joined(separator: "\n"))")
        }
    }
}
