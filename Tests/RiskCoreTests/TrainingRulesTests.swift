import Testing
@testable import RiskCore

@Suite("Training rules: who may reset the demo")
struct TrainingRulesTests {
    let trainer = User(name: "trainer", displayName: "Trainer", role: .trainer, approvalLimit: Money(yuan: 20_000_000))
    let supervisor = User(name: "zhao.min", displayName: "Zhao Min", role: .supervisor, approvalLimit: Money(yuan: 20_000_000))

    @Test func onlyTheTrainerOnTrainingDataResets() {
        #expect(TrainingRules.resetRefusal(by: trainer, onTrainingData: true) == nil)
        // A trainer on real data, and a supervisor persona on the training copy, are refused.
        #expect(TrainingRules.resetRefusal(by: trainer, onTrainingData: false) == ":reset works on training data only")
        #expect(TrainingRules.resetRefusal(by: supervisor, onTrainingData: true)
            == "only the trainer resets the demo (you are zhao.min, supervisor): :as trainer first")
    }
}
