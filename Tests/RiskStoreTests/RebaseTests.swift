import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("Shifting a training database's times")
struct RebaseTests {
    private func sample(_ dir: TempDir, training: Bool) throws -> RiskStore {
        let store = try RiskStore.create(at: dir.path("s.sqlite"))
        _ = try SampleGenerator.generate(into: store, options: SampleOptions(applications: 120, seed: 3, isTrainingData: training,
                                                                             asOf: Fixture.asOf))
        return store
    }

    @Test("every application time moves by the same amount, the queue order and keys stay consistent, and the shift is audited")
    func shiftsByTheGap() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try sample(dir, training: true)
        let before = try store.approvalQueue(limit: 500).rows
        let auditBefore = try store.auditTail(count: 1).first?.sequence ?? 0
        let target = Fixture.asOf.addingTimeInterval(3 * 86_400 + 60)  // three days and a minute later

        let delta = try store.rebaseTimes(to: target, by: "trainer")

        #expect(delta == 3 * 86_400 + 60)
        let after = try store.approvalQueue(limit: 500).rows
        #expect(after.map(\.application.id) == before.map(\.application.id))  // same priority order
        for (old, new) in zip(before, after) {
            #expect(new.application.slaDue.timeIntervalSince(old.application.slaDue) == delta)
            #expect(new.application.submittedAt.timeIntervalSince(old.application.submittedAt) == delta)
            #expect(new.priorityKey == QueuePriority.key(for: new.application))  // :goto computes the same key
        }
        #expect(try store.setting(SettingKey.asOf) == String(target.timeIntervalSince1970))
        let entry = try #require(try store.auditTail(count: 1).first)
        #expect(entry.sequence == auditBefore + 1)
        #expect(entry.record.action == "setting.change")
        #expect(entry.record.subject == "setting:\(SettingKey.asOf)")
        #expect(try store.verifyAuditChain() == .intact(entries: Int(entry.sequence)))
        // A second shift to the same moment changes nothing.
        #expect(try store.rebaseTimes(to: target, by: "trainer") == 0)
    }

    @Test("a database that is not training data is refused and left as it was")
    func refusedOnRealData() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try sample(dir, training: false)
        let before = try store.approvalQueue(limit: 5).rows.map(\.application.slaDue)
        let error = storeError { try store.rebaseTimes(to: Fixture.later, by: "trainer") }
        #expect(error == .readOnly("only a training database can have its times shifted"))
        #expect(try store.approvalQueue(limit: 5).rows.map(\.application.slaDue) == before)
    }
}
