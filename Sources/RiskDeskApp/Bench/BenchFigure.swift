import Foundation
import RiskCore

/// One measured quantity of `riskdesk bench`: its samples in milliseconds (or a plain note when it has none) and
/// the order statistics the table asks for (median, p99, max; nearest-rank percentiles).
public struct BenchFigure: Sendable {
    public var name: String
    public var samples: [Double]
    /// What the samples count when they are not milliseconds (e.g. "/s"); nil for milliseconds.
    public var unit: String?

    public init(name: String, samples: [Double], unit: String? = nil) {
        self.name = name
        self.samples = samples
        self.unit = unit
    }

    /// A line of text with no figure (a heading or a remark).
    public static func note(_ text: String) -> BenchFigure { BenchFigure(name: text, samples: []) }

    public var median: Double { percentile(0.5) }
    public var p99: Double { percentile(0.99) }
    public var max: Double { samples.max() ?? 0 }

    /// The nearest-rank percentile (`NearestRank`); 0 without samples.
    public func percentile(_ p: Double) -> Double { NearestRank.percentile(samples, p) ?? 0 }

    public var line: String {
        guard !samples.isEmpty else { return name }
        let label = name.padding(toLength: 44, withPad: " ", startingAt: 0)
        let unitText = unit ?? "ms"
        if samples.count == 1 { return label + Self.number(samples[0]) + " " + unitText }
        return label + "median " + Self.number(median) + "   p99 " + Self.number(p99) + "   max " + Self.number(max)
            + " \(unitText)   (n=\(samples.count))"
    }

    /// Right-aligned with three decimals below 100, one below 10,000, none above.
    static func number(_ value: Double) -> String {
        let text = value < 100 ? String(format: "%.3f", value) : value < 10_000 ? String(format: "%.1f", value) : String(format: "%.0f", value)
        return String(repeating: " ", count: Swift.max(0, 9 - text.count)) + text
    }
}

/// Milliseconds taken by `body`, on the monotonic clock.
func milliseconds<E: Error>(_ body: () throws(E) -> Void) throws(E) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}
