import Foundation
import RiskCore
@testable import RiskStore
import Testing

/// After a reveal, every export still masks: `show`, `queue` (table and JSON) and the audit log never hold the clear values.
@Suite("Reveal: exports stay masked", .serialized)
struct RevealExportTests {
    @Test("show, queue --json and audit tail --json after a reveal contain the masked ID and phone, never the clear ones")
    func exportsMasked() throws {
        guard CLITests.requireBinary() != nil else { return }
        let dir = try TempDir()
        defer { dir.remove() }
        let (path, seeded) = try CLITests.seed(dir, training: true)
        #expect(seeded.status == 0, "seed failed: \(seeded.stderr)")
        let store = try RiskStore.open(at: path)
        let row = try #require(try store.approvalQueue(limit: 1).rows.first)
        let customer = try #require(try store.customer(row.application.customerID))
        let shown = try store.reveal(customerID: customer.id, by: "zhao.min", reason: "identity check on a call")
        #expect(shown.nationalID == customer.nationalID)

        let outputs = [
            try CLITests.run(["show", row.application.id, "--db", path], in: dir),
            try CLITests.run(["queue", "--db", path, "--json", "--limit", "500"], in: dir),
            try CLITests.run(["queue", "--db", path, "--search", customer.id], in: dir),
            try CLITests.run(["audit", "tail", "--db", path, "-n", "50", "--json"], in: dir),
            try CLITests.run(["audit", "tail", "--db", path, "-n", "50"], in: dir),
        ]
        for run in outputs {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.contains(customer.nationalID), "clear national ID in: \(run.stdout.prefix(300))")
            #expect(!run.stdout.contains(customer.phone), "clear phone in: \(run.stdout.prefix(300))")
        }
        #expect(outputs[0].stdout.contains(customer.maskedNationalID))
        #expect(outputs[3].stdout.contains("pii.reveal"), "the reveal is in the audit log")
        #expect(outputs[3].stdout.contains("identity check on a call"))
    }
}
