import Foundation
import GRDB
import RiskCore
@testable import RiskStore
import Testing

@Suite("fast JSON")
struct FastJSONTests {
    static func encoded<T: Encodable>(_ value: T, _ formatting: JSONEncoder.OutputFormatting) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func breakdownsAndFlagsAreWhatTheEncoderWrites() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (store, _) = try Fixture.sample(in: dir, applications: 150, seed: 8)
        let breakdowns = try store.read { db in try String.fetchAll(db, sql: "SELECT breakdown FROM quotes") }
        #expect(breakdowns.count > 100)
        for text in breakdowns {
            let quote = try JSONDecoder().decode(Quote.self, from: Data(text.utf8))
            #expect(try FastJSON.breakdown(quote) == Self.encoded(quote, [.sortedKeys]))
            #expect(try FastJSON.breakdown(quote) == text)
        }
        let flagLists = try store.read { db in try String.fetchAll(db, sql: "SELECT flags FROM applications") }
        #expect(flagLists.contains { $0.contains("auto-approve") })
        for text in flagLists {
            let flags = try JSONDecoder().decode([Flag].self, from: Data(text.utf8))
            #expect(try FastJSON.flags(flags) == Self.encoded(flags, [.sortedKeys, .withoutEscapingSlashes]))
        }
    }

    @Test func textThatNeedsEscapingGoesThroughTheEncoder() throws {
        var quote = Pricing.quote(PricingInput(probabilityOfDefault: 0.02, leverage: Leverage(hundredths: 150), board: .main,
                                               volatility: 0.3, marginCallsLast12Months: 0, maxDaysPastDue: 0, tenureMonths: 30,
                                               sentiment: 0, line: Money(yuan: 500_000)), parameters: PricingParameters())
        for driver in ["a/b", "say \"hi\"", "back\\slash", "two\nlines", "tab\there", "张伟 ± ×"] {
            quote.components[0].driver = driver
            #expect(try FastJSON.breakdown(quote) == Self.encoded(quote, [.sortedKeys]), "\(driver)")
            let flags = [Flag(code: "X", text: driver), Flag(code: "Y/Z", text: "plain")]
            #expect(try FastJSON.flags(flags) == Self.encoded(flags, [.sortedKeys, .withoutEscapingSlashes]), "\(driver)")
        }
        #expect(try FastJSON.flags([]) == "[]")
    }

    @Test func leverageTextIsTheFormattedValue() {
        for hundredths in Array(0...1_200) + [99_999, 123_456, 1_000_000_000, -150, -5] {
            let leverage = Leverage(hundredths: hundredths)
            let formatted = hundredths % 10 == 0 ? String(format: "%.1f×", leverage.value) : String(format: "%.2f×", leverage.value)
            #expect(leverage.text == formatted, "\(hundredths)")
        }
    }
}
