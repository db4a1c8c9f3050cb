import Testing
import RiskCore

@Suite("nearest-rank percentiles")
struct NearestRankTests {
    @Test("of 1…10 the median is 5, p90 is 9, p91 is 10; p outside 0…1 is clamped; nothing or NaN gives nil")
    func ranks() {
        let values = (1...10).reversed().map(Double.init)
        #expect(NearestRank.percentile(values, 0.5) == 5)
        #expect(NearestRank.percentile(values, 0.9) == 9)
        #expect(NearestRank.percentile(values, 0.91) == 10)
        #expect(NearestRank.percentile(values, 0) == 1)
        #expect(NearestRank.percentile(values, 7) == 10)
        #expect(NearestRank.percentile(values, -1) == 1)
        #expect(NearestRank.percentile([], 0.5) == nil)
        #expect(NearestRank.percentile(values, .nan) == nil)
    }
}
