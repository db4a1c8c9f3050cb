import Foundation

/// Who may register a trained scorecard as a candidate in the model registry: a supervisor, or the trainer on
/// training data. Officers and auditors may not (an officer would be choosing the model that scores their own
/// applications; an auditor only reads).
public enum ModelRegistrationRules {
    /// Why `user` may not register a candidate here, or nil when they may.
    public static func registrationRefusal(by user: User, onTrainingData isTrainingData: Bool) -> String? {
        // The lifecycle's own rule of who manages models; only the words are registration's.
        do throws(ModelLifecycleError) {
            try ModelLifecycleRules.requireModelManager(user, action: "register a model", onTrainingData: isTrainingData)
            return nil
        } catch {
            return user.role == .trainer
                ? "the trainer registers models on training data only (\(user.name)): a supervisor registers on the live desk"
                : "only a supervisor (or the trainer on training data) registers a model; \(user.name) is \(user.role.rawValue)"
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
