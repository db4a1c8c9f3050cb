import Foundation

/// Who may register a trained scorecard as a candidate in the model registry: a supervisor, or the trainer on
/// training data. Officers and auditors may not (an officer would be choosing the model that scores their own
/// applications; an auditor only reads).
public enum ModelRegistrationRules {
    /// Why `user` may not register a candidate here, or nil when they may.
    public static func registrationRefusal(by user: User, onTrainingData isTrainingData: Bool) -> String? {
        switch user.role {
        case .supervisor: return nil
        case .trainer:
            return isTrainingData ? nil
                : "the trainer registers models on training data only (\(user.name)): a supervisor registers on the live desk"
        case .officer, .auditor:
            return "only a supervisor (or the trainer on training data) registers a model; \(user.name) is \(user.role.rawValue)"
        }
    }
}

extension ModelRegistrationRules {
    /// The same rule as a decision refusal, for the store to execute.
    public static func checkRegistration(by user: User, onTrainingData isTrainingData: Bool) throws(DecisionError) {
        guard registrationRefusal(by: user, onTrainingData: isTrainingData) != nil else { return }
        throw .notPermitted(user: user.name, role: user.role,
                            action: user.role == .trainer ? "register a model outside training data" : "register a model")
    }
}
