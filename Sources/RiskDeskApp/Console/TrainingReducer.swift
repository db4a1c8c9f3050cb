import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The trainer's commands in `riskdesk demo`: `:reset` (with its confirmation) and the guided `:tour`.
extension AppState {
    /// The tour's lessons (data: each a pure predicate over what the store shows done).
    static let tourSteps = Tour.steps()

    /// `:reset` and `:tour [next|back|restart]`.
    mutating func trainingCommand(_ name: String, _ argument: String) -> [Effect] {
        switch name {
        case "reset":
            if let reason = resetRefusal { say(reason, error: true); return [] }
            confirmsReset = true
            say(Self.resetQuestion)
            return []
        default:
            return tourCommand(argument.lowercased())
        }
    }

    static let resetQuestion = "reset the demo to the bundled sample? everything done since is lost · y/Enter reset · Esc cancel"

    /// Why `:reset` cannot run here, or nil: only the trainer, only on the demo's training copy.
    var resetRefusal: String? {
        guard isDemo else { return ":reset works in riskdesk demo only: it puts the demo's scratch copy back as the sample was" }
        return TrainingRules.resetRefusal(by: user, onTrainingData: isTrainingData)
    }

    /// The confirmation's keys: y or Enter resets, Esc or n cancels, anything else asks again.
    mutating func handleResetConfirmation(_ key: Key) -> [Effect] {
        switch key {
        case .character("y"), .character("Y"), .enter:
            confirmsReset = false
            say("resetting the demo…")
            return [.resetDemo]
        case .escape, .character("n"), .character("N"):
            confirmsReset = false
            say("reset cancelled")
        case .control("c"):
            shouldQuit = true
        default:
            say(Self.resetQuestion)
        }
        return []
    }

    private mutating func tourCommand(_ word: String) -> [Effect] {
        switch word {
        case "":
            guard var current = tour else { return startTour() }
            current.isVisible.toggle()
            tour = current
            say(current.isVisible ? "tour shown" : "tour hidden: :tour shows it again")
            return current.isVisible ? checkTour() : []
        case "restart", "start":
            return startTour()
        case "next", "back":
            guard var current = tour else { say("no tour running: :tour starts it", error: true); return [] }
            current.isVisible = true
            if word == "back" {
                current.viewing = max(0, current.viewing - 1)
            } else if current.viewing < current.reached {
                current.viewing += 1
            } else {
                tour = current
                say(current.isComplete ? "the tour is complete" : "not done yet: the store does not show step \(current.viewing + 1) done", error: true)
                return checkTour()
            }
            tour = current
            return []
        case "hide", "off":
            tour?.isVisible = false
            return []
        default:
            say("unknown :tour word '\(PlainText.escaped(word))'; try :tour, :tour next, :tour back or :tour restart", error: true)
            return []
        }
    }

    /// The tour from its first step again (after `:reset`).
    mutating func restartTour() -> [Effect] { startTour() }

    private mutating func startTour() -> [Effect] {
        tour = TourState(stepCount: Self.tourSteps.count)
        say("tour started: follow the strip; each step is checked in the store")
        return [.startTour]
    }

    /// A fresh look at the store for the tour, unless one is already on its way or there is nothing to prove.
    func checkTour() -> [Effect] {
        guard let tour, let checked = tour.checkedThrough ?? tour.mark, !tour.isComplete else { return [] }
        guard !live.pending.contains(where: { if case .checkTour = $0 { true } else { false } }) else { return [] }
        return [.checkTour(after: checked)]
    }

    /// Results for the tour, and the store changes that may have done a step.
    mutating func reduceTraining(_ action: Action) -> [Effect] {
        switch action {
        case let .tourStarted(mark):
            tour?.mark = mark
            return checkTour()
        case let .tourChecked(snapshot, through):
            guard var current = tour else { return [] }
            let before = current.reached
            current.absorb(snapshot.actions, through: through, steps: Self.tourSteps)
            tour = current
            // An error on the status line (a refusal, a replay that stopped) stays until the next key.
            if current.reached > before, status?.isError != true {
                say(current.isComplete ? "tour complete: every step done"
                    : "\(current.reached) of \(current.stepCount) steps done: next, \(Self.tourSteps[current.reached].title.lowercased())")
            }
            return []
        default:
            return []
        }
    }

    /// Store changes arrived: the tour looks again (its steps are proved by what the store holds).
    func followTour(_ action: Action) -> [Effect] {
        switch action {
        case .changesArrived, .reloadEverything: checkTour()
        default: []
        }
    }

    /// Esc hides a visible tour strip before it does anything else; true when it did.
    mutating func hideTourOnEscape() -> Bool {
        guard tour?.isVisible == true else { return false }
        tour?.isVisible = false
        say("tour hidden: :tour shows it again")
        return true
    }
}
