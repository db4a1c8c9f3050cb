import Foundation
@testable import RiskStore
import Testing

@Suite("sample text")
struct SampleTextTests {
    @Test func paddedNumbersAreWhatStringFormatGives() {
        for (value, width) in [(0, 6), (7, 6), (123_456, 6), (1_000_000, 6), (42, 3), (99_999_999, 8), (5, 1), (12, 7)] {
            #expect(SampleText.padded(value, width) == String(format: "%0\(width)d", value), "\(value) \(width)")
        }
    }

    @Test func timestampsAreTheAuditChainsForWholeAndFractionalSeconds() {
        var dates = [Fixture.asOf, Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -200_000_000),
                     Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
                     Date(timeIntervalSince1970: 4_102_444_799), Date(timeIntervalSince1970: 1_795_771_800.25)]
        var seconds: Int64 = -1_000_000_000
        while seconds < 4_000_000_000 {
            dates.append(Date(timeIntervalSince1970: Double(seconds)))
            seconds += 7_777_777
        }
        for date in dates {
            #expect(SampleText.timestamp(date) == AuditChain.timestamp(date), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func dayNumbersRoundTripWithCivilDates() {
        for day in stride(from: -10_000, through: 40_000, by: 97) {
            let civil = SampleText.civil(day: day)
            let text = "\(civil.year)-\(SampleText.padded(civil.month, 2))-\(SampleText.padded(civil.day, 2))"
            #expect(Generation.dayNumber(text) == day, "\(text)")
            #expect(String(AuditChain.timestamp(Date(timeIntervalSince1970: Double(day) * 86_400)).prefix(10)) == text)
        }
        #expect(Generation.dayNumber("2026-13-01") == nil)
        #expect(Generation.dayNumber("2026-11") == nil)
    }

    @Test func jsonIsTheAuditChainsEncoding() {
        let maps: [[String: String]] = [
            [:], ["stage": "manual_review", "version": "1"],
            ["leverage": "1.42×", "line": "82000000", "stage": "submitted", "version": "1", "rate_bp": "536", "approval": "sole"],
            ["reason_code": "R06", "reason": "x", "rate": "1", "rate_bp": "2", "ra": "3", "a_b": "4", "ab": "5", "a": "6"],
            ["subject": "account:A000123/x", "name": "张伟", "rule": "concentration"],
            // Outside the direct path: the encoder decides.
            ["note": "a \"quoted\" word", "path": "C:\\dir", "line": "one\ntwo"], ["Upper": "1", "lower": "2"], ["k1": "1", "k10": "2", "k9": "3"],
        ]
        for fields in maps {
            #expect(SampleText.json(fields) == AuditChain.json(fields), "\(fields)")
        }
    }
}
