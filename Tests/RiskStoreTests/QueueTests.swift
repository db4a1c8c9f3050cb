import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("approval queue")
struct QueueTests {
    static func gradeRank(_ grade: Grade?) -> Int {
        switch grade {
        case .e: 0
        case .d: 1
        case .c: 2
        case .b: 3
        case .a: 4
        case nil: 5
        }
    }

    static func everything(_ store: RiskStore, _ filter: QueueFilter = QueueFilter()) throws -> [QueueRow] {
        let page = try store.approvalQueue(filter: filter, limit: 100_000)
        #expect(page.nextCursor == nil)
        return page.rows
    }

    @Test func defaultFilterShowsOnlyStagesThatNeedAPerson() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, summary) = try Fixture.sample(in: dir, applications: 200)
        let rows = try Self.everything(store)
        let needsPerson: Set<Stage> = [.manualReview, .escalated, .awaitingSecondApproval]
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { needsPerson.contains($0.application.stage) })
        let expected = try store.rowCount("applications", where: "stage IN ('manual_review','escalated','awaiting_second_approval')")
        #expect(rows.count == expected)
        #expect(try store.queueCount() == expected)
        #expect(expected < summary.applications, "the sample should also hold applications the queue hides")
        #expect(Set(rows.map(\.application.id)).count == rows.count)
    }

    @Test func orderIsWorstGradeThenEarliestSLAThenLargestLine() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 200)
        let rows = try Self.everything(store)
        #expect(rows.count > 10)
        func key(_ row: QueueRow) -> (Int, Int64, Int64, String) {
            (Self.gradeRank(row.application.grade), Int64(row.application.slaDue.timeIntervalSince1970),
             -row.application.requestedLine.fen, row.application.id)
        }
        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect(key(a) < key(b), "\(a.application.id) should come before \(b.application.id)")
        }
        let worst = rows.map { Self.gradeRank($0.application.grade) }.min()
        #expect(Self.gradeRank(rows[0].application.grade) == worst)
    }

    @Test func orderOnHandBuiltTies() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try RiskStore.create(at: dir.path("ties.sqlite"))
        let sla = Fixture.asOf.addingTimeInterval(3_600)
        func app(_ id: String, _ yuan: Int64, _ grade: Grade?, slaOffset: TimeInterval = 0) -> Application {
            var a = Fixture.application(id, yuan: yuan, grade: grade)
            a.slaDue = sla.addingTimeInterval(slaOffset)
            return a
        }
        try store.write { db in
            try Rows.insert(Fixture.customer(), db)
            for a in [app("APP-A1", 100_000, .a), app("APP-E-LATE", 100_000, .e, slaOffset: 60), app("APP-E-SMALL", 200_000, .e),
                      app("APP-E-BIG", 900_000, .e), app("APP-C", 5_000_000, .c, slaOffset: -3_600), app("APP-NOGRADE", 1, nil)] {
                try Rows.insert(a, modelVersion: nil, db)
            }
        }
        let ids = try Self.everything(store).map(\.application.id)
        #expect(ids == ["APP-E-BIG", "APP-E-SMALL", "APP-E-LATE", "APP-C", "APP-A1", "APP-NOGRADE"])
    }

    @Test func keysetPagingVisitsEveryRowOnceInOrder() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 200)
        let all = try Self.everything(store).map(\.application.id)
        #expect(all.count > 14)

        var walked: [String] = []
        var pages: [QueuePage] = []
        var cursor: String?
        repeat {
            let page = try store.approvalQueue(after: cursor, limit: 7)
            #expect(page.rows.count <= 7)
            if page.nextCursor != nil { #expect(page.rows.count == 7) }
            pages.append(page)
            walked += page.rows.map(\.application.id)
            cursor = page.nextCursor
        } while cursor != nil && pages.count < 1_000
        #expect(walked == all)
        #expect(Set(walked).count == walked.count, "a row appeared on two pages")
        #expect(pages.count == (all.count + 6) / 7)

        // Paging up from page 2 gives page 1, and from page 3 gives page 2.
        let up = try store.approvalQueue(before: pages[1].rows[0].priorityKey, limit: 7)
        #expect(up.map(\.application.id) == pages[0].rows.map(\.application.id))
        let up2 = try store.approvalQueue(before: pages[2].rows[0].priorityKey, limit: 7)
        #expect(up2.map(\.application.id) == pages[1].rows.map(\.application.id))
        // Before the first row there is nothing.
        #expect(try store.approvalQueue(before: pages[0].rows[0].priorityKey, limit: 7).isEmpty)
        // The last page is the tail of the queue.
        #expect(try store.approvalQueueLastPage(limit: 7).map(\.application.id) == Array(all.suffix(7)))
    }

    @Test func exactMultipleOfThePageSizeEndsWithoutAnEmptyPage() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 200)
        let total = try store.queueCount()
        let first = try store.approvalQueue(limit: total)
        #expect(first.rows.count == total)
        #expect(first.nextCursor == nil)
        let short = try store.approvalQueue(limit: total - 1)
        #expect(short.nextCursor == short.rows.last?.priorityKey)
        let rest = try store.approvalQueue(after: short.nextCursor, limit: total)
        #expect(rest.rows.count == 1)
        #expect(rest.nextCursor == nil)
    }

    @Test func filterByStageAndGrade() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 200)

        let escalated = try Self.everything(store, QueueFilter(stages: [.escalated]))
        #expect(escalated.allSatisfy { $0.application.stage == .escalated })
        #expect(escalated.count == (try store.rowCount("applications", where: "stage = 'escalated'")))
        #expect(try store.queueCount(filter: QueueFilter(stages: [.escalated])) == escalated.count)

        let rejected = try Self.everything(store, QueueFilter(stages: [.rejected]))
        #expect(!rejected.isEmpty)
        #expect(rejected.allSatisfy { $0.application.stage == .rejected })

        let filter = QueueFilter(grades: [.e, .d])
        let bad = try Self.everything(store, filter)
        #expect(!bad.isEmpty)
        #expect(bad.allSatisfy { [.e, .d].contains($0.application.grade) && $0.application.stage.needsPerson })
        let expected = try store.rowCount("applications",
                                          where: "grade IN ('E','D') AND stage IN ('manual_review','escalated','awaiting_second_approval')")
        #expect(bad.count == expected)
        #expect(try store.queueCount(filter: filter) == expected)
    }

    @Test func filterByClaimant() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 200)
        let unclaimed = try Self.everything(store, QueueFilter(stages: [.manualReview])).filter { $0.application.claimedBy == nil }
        #expect(unclaimed.count >= 2)
        let mine = unclaimed.prefix(2).map(\.application.id)
        for id in mine { try store.claim(id, by: "li.na", at: Fixture.later) }

        let filter = QueueFilter(claimedBy: "li.na")
        let rows = try Self.everything(store, filter)
        #expect(rows.allSatisfy { $0.application.claimedBy == "li.na" })
        #expect(Set(mine).isSubset(of: Set(rows.map(\.application.id))))
        let expected = try store.rowCount("applications",
                                          where: "claimed_by = 'li.na' AND stage IN ('manual_review','escalated','awaiting_second_approval')")
        #expect(rows.count == expected)
        #expect(try store.queueCount(filter: filter) == expected)
        #expect(try Self.everything(store, QueueFilter(claimedBy: "nobody")).isEmpty)
    }

    @Test func textSearchMatchesCJKNamesAndIds() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 200)
        let all = try Self.everything(store)

        func expected(_ text: String) -> [String] {
            all.filter {
                $0.customerName.contains(text) || $0.application.id.uppercased().contains(text.uppercased())
                    || $0.application.customerID.uppercased().contains(text.uppercased())
            }.map(\.application.id)
        }

        // A CJK given-name character taken from a queued customer.
        let cjk = try #require(all.first { $0.customerName.unicodeScalars.first.map { $0.value >= 0x4E00 } ?? false })
        let needle = String(cjk.customerName.suffix(1))
        let byName = try Self.everything(store, QueueFilter(text: needle))
        #expect(byName.map(\.application.id) == expected(needle))
        #expect(byName.contains { $0.application.id == cjk.application.id })
        #expect(byName.allSatisfy { $0.customerName.contains(needle) })
        #expect(try store.queueCount(filter: QueueFilter(text: needle)) == byName.count)

        // The whole name, with surrounding spaces.
        let full = try Self.everything(store, QueueFilter(text: "  \(cjk.customerName) "))
        #expect(full.contains { $0.application.id == cjk.application.id })
        #expect(full.allSatisfy { $0.customerName.contains(cjk.customerName) })

        // An exact application id, and a case-insensitive id prefix.
        let id = all[all.count / 2].application.id
        #expect(try Self.everything(store, QueueFilter(text: id)).map(\.application.id) == [id])
        let prefix = String(id.prefix(8)).lowercased()
        let byPrefix = try Self.everything(store, QueueFilter(text: prefix))
        #expect(!byPrefix.isEmpty)
        #expect(byPrefix.map(\.application.id) == expected(prefix))
        #expect(try store.queueCount(filter: QueueFilter(text: prefix)) == byPrefix.count)

        // A customer id.
        let customerID = all[0].application.customerID
        let byCustomer = try Self.everything(store, QueueFilter(text: customerID))
        #expect(byCustomer.map(\.application.id) == expected(customerID))

        // Paging a filtered queue walks the same rows.
        var walked: [String] = []
        var cursor: String?
        repeat {
            let page = try store.approvalQueue(filter: QueueFilter(text: "APP"), after: cursor, limit: 5)
            walked += page.rows.map(\.application.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(walked == all.map(\.application.id))
    }

    @Test func likeWildcardsAreEscaped() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 200)
        #expect(try store.queueCount(filter: QueueFilter(text: "APP-0")) > 0)
        for text in ["%", "_", "APP_0", "APP%0", "%%", "\\", "__________"] {
            let rows = try Self.everything(store, QueueFilter(text: text))
            #expect(rows.isEmpty, "'\(text)' matched \(rows.count) rows as a wildcard")
            #expect(try store.queueCount(filter: QueueFilter(text: text)) == 0)
        }
    }
}
