/// Who may put a training copy back as the bundled sample was (`:reset` in `riskdesk demo`): the trainer, on
/// training data only.
public enum TrainingRules {
    /// Why `user` may not reset the demo here, or nil when they may.
    public static func resetRefusal(by user: User, onTrainingData isTrainingData: Bool) -> String? {
        guard isTrainingData else { return ":reset works on training data only" }
        guard user.role == .trainer else {
            return "only the trainer resets the demo (you are \(user.name), \(user.role.rawValue)): :as trainer first"
        }
        return nil
    }
}
