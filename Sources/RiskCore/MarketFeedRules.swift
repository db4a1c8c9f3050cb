import Foundation

/// Who may run the market simulator against a database: it writes prices, alerts and applications as the engine.
public enum MarketFeedRules {
    /// Supervisors may run the feed; trainers only on training data; officers and auditors never.
    public static func mayRun(_ user: User, isTrainingData: Bool) throws(DecisionError) {
        switch user.role {
        case .supervisor: return
        case .trainer where isTrainingData: return
        case .trainer: throw .notPermitted(user: user.name, role: user.role, action: "run the market feed on real data")
        case .officer, .auditor: throw .notPermitted(user: user.name, role: user.role, action: "run the market feed")
        }
    }
}
