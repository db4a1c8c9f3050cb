import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

/// A pricing parameter of 1e19 used to trap the process in `Int(number.rounded())`; now it is refused.
@Suite("Pricing parameters: out-of-range input")
struct PricingParameterInputTests {
    @Test func hugeValuesAreInvalidInputAndWriteNothing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        let audit = try store.rowCount("audit_log")
        let cases: [(String, String, String)] = [
            ("funding_cost_bp", "1e19", "funding_cost_bp must be 0–10000 bp, not 1e19"),
            ("fee_bp", "-9223372036854775808", "fee_bp must be 0–10000 bp, not -9223372036854775808"),
            ("cap_bp", "9223372036854775807", "cap_bp must be 0–10000 bp, not 9223372036854775807"),
            ("capital_ratio_pct", "1e308", "capital_ratio_pct must be 0–100"),
        ]
        for (name, value, message) in cases {
            #expect(storeError { try store.setPricingParameter(name, to: value, by: "zhao.min", reason: "r", at: Fixture.later) }
                == .invalidInput(message))
        }
        #expect(try store.rowCount("audit_log") == audit)
        #expect(try store.rowCount("pricing_parameters") == 0)
    }

    @Test func aHugeStoredValueIsIgnoredNotTrappedOn() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try Fixture.store(in: dir)
        // Written by hand or by another tool, bypassing the checks.
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO pricing_parameters (name, value, updated_at, updated_by) VALUES
                ('cap_bp', '1e19', 0, 'x'), ('floor_bp', '500', 0, 'x'), ('fee_bp', '9223372036854775807', 0, 'x')
                """)
        }
        let parameters = try store.pricingParameters()
        #expect(parameters.cap == BasisPoints(1_200))   // the default: 1e19 is no cap
        #expect(parameters.floor == BasisPoints(500))
        #expect(parameters.fee == BasisPoints(10))
        // a re-quote prices with them without trapping
        #expect(try store.requote(Fixture.small, by: "zhao.min", reason: "").rate.value >= 500)
    }
}
