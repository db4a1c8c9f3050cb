import Foundation
import RiskCore

// The registry helper's write API, stubbed so the console compiles before it is merged: each refuses with a clear
// message. The integrator deletes this file at merge, when the real implementations arrive.
extension RiskStore {
    /// Candidate → challenger (a supervisor, or a trainer on training data), audited `model.challenge`.
    public func makeChallenger(_ version: String, by user: String, reason: String, at now: Date = Date()) throws(StoreError) {
        throw StoreError.invalidInput("the model registry is not merged yet")
    }

    /// Proposes making `version` champion of its target (kind .promote, a challenger), or rolling `target` back to
    /// its previous champion (kind .rollback, version nil). Audited `model.propose`.
    public func proposeModelSwitch(_ kind: ModelProposal.Kind, version: String?, target: String, by user: String,
                                   reason: String, at now: Date = Date()) throws(StoreError) -> ModelProposal {
        throw StoreError.invalidInput("the model registry is not merged yet")
    }

    /// A different supervisor approves: the switch happens in the same transaction (re-score + re-price pending
    /// applications, one audit entry `model.promote` / `model.rollback`).
    public func approveModelProposal(_ id: Int64, by user: String, at now: Date = Date()) throws(StoreError) -> ModelSwitchResult {
        throw StoreError.invalidInput("the model registry is not merged yet")
    }

    public func withdrawModelProposal(_ id: Int64, by user: String, reason: String, at now: Date = Date()) throws(StoreError) {
        throw StoreError.invalidInput("the model registry is not merged yet")
    }

    /// Registers an imported card as a candidate, audited `model.import`.
    public func importScorecard(_ card: Scorecard, by user: String, at now: Date = Date()) throws(StoreError) {
        throw StoreError.invalidInput("the model registry is not merged yet")
    }
}
