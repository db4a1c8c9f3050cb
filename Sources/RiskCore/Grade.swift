/// The risk grade from the probability of default: A < 1%, B < 2.5%, C < 5%, D < 10%, E ≥ 10%.
public enum Grade: String, CaseIterable, Comparable, Sendable, Codable {
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    public init(probabilityOfDefault pd: Double) {
        switch pd {
        case ..<0.01: self = .a
        case ..<0.025: self = .b
        case ..<0.05: self = .c
        case ..<0.10: self = .d
        default: self = .e
        }
    }

    public init?(letter: String) { self.init(rawValue: letter.uppercased()) }

    private var rank: Int { Grade.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rank < rhs.rank }

    /// A PD typical of the grade, used to price the grade × leverage table.
    public var representativePD: Double {
        switch self {
        case .a: 0.005
        case .b: 0.0175
        case .c: 0.0375
        case .d: 0.075
        case .e: 0.15
        }
    }
}
