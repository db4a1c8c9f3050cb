import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// The `/` filter on the full-text index: what it finds, in what order, how it pages, and that the index follows
/// every write. Each query is checked under both plans (the sorted match set and the index walk) against a
/// brute-force substring search over the same rows.
@Suite("queue text search")
struct QueueSearchTests {
    static let names = ["欧阳秀英华", "张伟", "张", "李张伟明", "Emily Chen", "陈伟", "王芳", "CHENG Li", "Ng", "司马建华"]
    static let stages: [Stage] = [.manualReview, .escalated, .awaitingSecondApproval, .active, .rejected]

    /// A deterministic pseudo-random sequence (the same numbers every run).
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func customerID(_ n: Int) -> String { "C" + String(format: "%06d", n) }
    static func applicationID(_ n: Int) -> String { "APP-" + String(format: "%06d", n) }

    /// A store with one customer per name in `names` and `applications` applications spread over them and over
    /// the stages, grades and SLAs (so priority keys differ).
    static func store(in dir: TempDir, applications: Int = 150) throws -> RiskStore {
        let store = try RiskStore.create(at: dir.path("search.sqlite"))
        var random = Seeded(state: 11)
        try store.write { db in
            for (i, name) in names.enumerated() {
                try Rows.insert(Fixture.customer(id: customerID(i + 1), name: name), db)
            }
            for n in 1...applications { try insertApplication(n, random: &random, db) }
        }
        return store
    }

    static func insertApplication(_ n: Int, random: inout Seeded, _ db: Database) throws {
        let grades: [Grade?] = [.a, .b, .c, .d, .e, nil]
        var app = Fixture.application(applicationID(n), yuan: Int64(100_000 + random.next(50) * 10_000),
                                      stage: stages[random.next(stages.count)], grade: grades[random.next(grades.count)],
                                      customerID: customerID(random.next(names.count) + 1))
        app.slaDue = Fixture.asOf.addingTimeInterval(Double(random.next(100)) * 3_600)
        try Rows.insert(app, modelVersion: nil, db)
    }

    /// Every queue row (no text) and the brute-force answer for `text`: a case-insensitive substring of the name,
    /// the application id or the customer id, in priority order.
    static func expected(_ store: RiskStore, _ text: String, filter: QueueFilter = QueueFilter()) throws -> [String] {
        let needle = text.trimmingCharacters(in: .whitespaces).lowercased()
        var plain = filter
        plain.text = ""
        return try store.approvalQueue(filter: plain, limit: 100_000).rows.filter {
            $0.customerName.lowercased().contains(needle) || $0.application.id.lowercased().contains(needle)
                || $0.application.customerID.lowercased().contains(needle)
        }.map(\.application.id)
    }

    static func found(_ store: RiskStore, _ filter: QueueFilter) throws -> [String] {
        let page = try store.approvalQueue(filter: filter, limit: 100_000)
        #expect(page.nextCursor == nil)
        return page.rows.map(\.application.id)
    }

    /// Runs `body` once with the default plan choice and once with every text query forced onto the index walk.
    static func underBothPlans(_ body: () throws -> Void) rethrows {
        try body()
        try QueueSearch.$sparseLimitOverride.withValue(0) { try body() }
    }

    @Test func findsNameSubstringsIdFragmentsAndLatinCaseInsensitively() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        let queries = ["阳秀英", "张", "张伟", "伟", "0012", "APP-0012", "000007", "C00000", "chen", "CHEN", "Chen", "ng", "建",
                       "马建华", "欧阳秀英华", "nomatch", "鑫", "鑫鑫"]
        try Self.underBothPlans { () throws in
            for text in queries {
                let want = try Self.expected(store, text)
                #expect(try Self.found(store, QueueFilter(text: text)) == want, "query '\(text)'")
                #expect(try store.queueCount(filter: QueueFilter(text: text)) == want.count, "count of '\(text)'")
            }
        }
        // Concrete anchors, so the brute force itself is not the only witness.
        let middle = try Self.found(store, QueueFilter(text: "阳秀英"))
        #expect(!middle.isEmpty)
        let oneCharacter = try store.approvalQueue(filter: QueueFilter(text: "张"), limit: 1_000).rows
        #expect(Set(oneCharacter.map(\.customerName)) == ["张伟", "张", "李张伟明"])
        let twoCharacters = try store.approvalQueue(filter: QueueFilter(text: "张伟"), limit: 1_000).rows
        #expect(Set(twoCharacters.map(\.customerName)) == ["张伟", "李张伟明"])
        let ids = try Self.found(store, QueueFilter(text: "0012"))
        #expect(!ids.isEmpty && ids.allSatisfy { $0.contains("0012") || $0 == "APP-000012" })
        let latin = try store.approvalQueue(filter: QueueFilter(text: "chen"), limit: 1_000).rows
        #expect(Set(latin.map(\.customerName)) == ["Emily Chen", "CHENG Li"])
        let customer = try store.approvalQueue(filter: QueueFilter(text: "C000010"), limit: 1_000).rows
        #expect(!customer.isEmpty && customer.allSatisfy { $0.customerName == "司马建华" })
    }

    @Test func restrictsToTheFilterStagesGradesAndClaimant() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        try store.write { db in try db.execute(sql: "UPDATE applications SET claimed_by = 'li.na' WHERE rowid % 3 = 0") }
        let filters = [QueueFilter(stages: [.active]), QueueFilter(grades: [.e, .d]), QueueFilter(claimedBy: "li.na"),
                       QueueFilter(stages: [.rejected, .escalated], grades: [.a, .b, .c])]
        try Self.underBothPlans { () throws in
            for base in filters {
                for text in ["张", "张伟", "APP-00", "chen"] {
                    var filter = base
                    filter.text = text
                    #expect(try Self.found(store, filter) == Self.expected(store, text, filter: base), "'\(text)' under \(base)")
                }
            }
        }
    }

    @Test func pagesUnderTheFilterAreSlicesOfTheSortedMatches() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        try Self.underBothPlans { () throws in
            for text in ["张", "APP-000", "伟"] {
                let filter = QueueFilter(text: text)
                let all = try Self.expected(store, text)
                #expect(all.count > 8, "'\(text)' should span several pages")
                var forward: [[String]] = []
                var cursor: String?
                repeat {
                    let page = try store.approvalQueue(filter: filter, after: cursor, limit: 4)
                    forward.append(page.rows.map(\.application.id))
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(forward.flatMap { $0 } == all)
                #expect(forward.dropLast().allSatisfy { $0.count == 4 })
                // Paging back from the last page visits the same slices.
                let last = try store.approvalQueueLastPage(filter: filter, limit: 4)
                #expect(last.map(\.application.id) == Array(all.suffix(4)))
                var backward: [String] = last.map(\.application.id)
                var first = try #require(last.first?.priorityKey)
                while true {
                    let page = try store.approvalQueue(filter: filter, before: first, limit: 4)
                    guard let top = page.first else { break }
                    backward = page.map(\.application.id) + backward
                    first = top.priorityKey
                }
                #expect(backward == all)
                // The position of a row is its index in the sorted matches.
                let row = try store.approvalQueue(filter: filter, after: nil, limit: 7).rows[6]
                #expect(try store.queuePosition(filter: filter, of: row.priorityKey) == 6)
            }
        }
    }

    @Test func indexFollowsInsertsRenamesAndDeletes() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir, applications: 60)
        var random = Seeded(state: 2_026)
        var next = 61
        let newNames = ["张三丰", "Wei Zhang", "伟", "欧阳", "chen", "孙张"]
        let queries = ["张", "张伟", "张三", "伟", "chen", "zhang", "欧阳", "APP-00006", "C00001", "秀英"]
        for round in 0..<12 {
            try store.write { db in
                for _ in 0..<5 {
                    switch random.next(4) {
                    case 0, 1:
                        try Self.insertApplication(next, random: &random, db)
                        next += 1
                    case 2:
                        let name = newNames[random.next(newNames.count)]
                        try db.execute(sql: "UPDATE customers SET name = ? WHERE id = ?",
                                       arguments: [name, Self.customerID(random.next(Self.names.count) + 1)])
                    default:
                        try db.execute(sql: "DELETE FROM applications WHERE id = (SELECT id FROM applications ORDER BY id LIMIT 1 OFFSET ?)",
                                       arguments: [random.next(40)])
                    }
                }
            }
            try Self.underBothPlans { () throws in
                for text in queries {
                    #expect(try Self.found(store, QueueFilter(text: text)) == Self.expected(store, text), "round \(round), '\(text)'")
                }
            }
        }
        // The maintained tables equal a rebuild from the base tables.
        let before = try Self.indexContents(store)
        #expect(before.fts.count == (try store.rowCount("applications")))
        try store.write { db in try QueueSearchIndex.rebuild(db) }
        #expect(try Self.indexContents(store) == before)
    }

    static func indexContents(_ store: RiskStore) throws -> (fts: [String], grams: [String]) {
        try store.read { db in
            (try String.fetchAll(db, sql: """
                SELECT rowid || '|' || name || '|' || application_id || '|' || customer_id FROM queue_search ORDER BY rowid
                """),
             try String.fetchAll(db, sql: "SELECT gram || '|' || customer_id FROM queue_search_grams ORDER BY gram, customer_id"))
        }
    }

    @Test func specialCharactersAreLiteral() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        try store.write { db in
            try Rows.insert(Fixture.customer(id: "C900001", name: #"A "quoted" AND NEAR( 50% o'k_*"#), db)
            var app = Fixture.application("APP-900001", yuan: 100_000, customerID: "C900001")
            app.slaDue = Fixture.asOf
            try Rows.insert(app, modelVersion: nil, db)
        }
        let literal = ["\"", "\"quoted\"", "AND", "AND NEAR(", "NEAR(", "50%", "%", "_", "_*", "o'k", "'", "*", "k_*", "(", ")",
                       "\"\"", "a OR b", "^", "-", ":", "{x}", "\\"]
        try Self.underBothPlans { () throws in
            for text in literal {
                let rows = try Self.found(store, QueueFilter(text: text))
                #expect(try rows == Self.expected(store, text), "'\(text)'")
            }
        }
        #expect(try Self.found(store, QueueFilter(text: "AND NEAR(")) == ["APP-900001"])
        #expect(try Self.found(store, QueueFilter(text: "50%")) == ["APP-900001"])
        #expect(try Self.found(store, QueueFilter(text: "%%")).isEmpty)
    }

    @Test func matchCountIsExactForASmallSetAndCappedForADenseOne() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        let exact = try Self.expected(store, "张伟").count
        #expect(try store.queueMatchCount(filter: QueueFilter(text: "张伟"), cap: 2) == QueueMatchCount(count: exact, isCapped: false))
        let all = try Self.expected(store, "APP").count
        #expect(all > 10)
        try QueueSearch.$sparseLimitOverride.withValue(0) { () throws in
            #expect(try store.queueMatchCount(filter: QueueFilter(text: "APP"), cap: 10) == QueueMatchCount(count: 10, isCapped: true))
            #expect(try store.queueMatchCount(filter: QueueFilter(text: "APP"), cap: 1_000) == QueueMatchCount(count: all, isCapped: false))
        }
        #expect(QueueMatchCount(count: 1_000, isCapped: true).text == "1,000+")
        #expect(QueueMatchCount(count: 42, isCapped: false).text == "42")
    }

    @Test func planFollowsTheMatchDensity() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Self.store(in: dir)
        try store.read { db in
            #expect(try QueueSearch.plan(db, text: "") == .everything)
            #expect(try QueueSearch.plan(db, text: "p-") == .walk)  // short text of id characters: ids match it densely
            #expect(try QueueSearch.plan(db, text: "7") == .walk)
            // Short Latin text with a letter no id holds can only be in a name: the names' short substrings find it,
            // however rare (a rare one used to walk the whole queue).
            guard case let .sparse(latin) = try QueueSearch.plan(db, text: "Ng") else {
                Issue.record("short text with a letter no id holds should be looked up in the names")
                return
            }
            #expect(latin.count == (try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM applications a JOIN customers c ON c.id = a.customer_id WHERE c.name LIKE '%ng%'
                """)))
            #expect(try QueueSearch.plan(db, text: "zq") == .sparse([]))
            guard case let .sparse(rowids) = try QueueSearch.plan(db, text: "张伟") else {
                Issue.record("a two-character name should be a small match set")
                return
            }
            #expect(rowids.count == (try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM applications a JOIN customers c ON c.id = a.customer_id WHERE c.name LIKE '%张伟%'
                """)))
            #expect(QueueSearch.sparseLimit(applications: 1_000_000) == 20_000)  // √(16 × 25 × 1,000,000)
            #expect(QueueSearch.sparseLimit(applications: 200_000) == 8_944)    // √(80,000,000) = 8,944.3
            #expect(QueueSearch.sparseLimit(applications: 100_000_000) == 20_000)
            #expect(QueueSearch.sparseLimit(applications: 150) == 500)
            try QueueSearch.$sparseLimitOverride.withValue(3) { () throws in
                #expect(try QueueSearch.plan(db, text: "APP") == .walk)
            }
        }
    }
}
