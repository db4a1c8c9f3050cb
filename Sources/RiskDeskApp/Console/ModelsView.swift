import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// What the `:models` view shows, read in one effect: every version, each one's latest monitoring readings (oldest
/// first, for the PSI sparkline) and the proposals waiting.
public struct ModelsSnapshot: Hashable, Sendable {
    public var versions: [ModelVersionSummary]
    public var readings: [String: [MonitoringReading]]
    public var pending: [ModelProposal]

    public init(versions: [ModelVersionSummary], readings: [String: [MonitoringReading]], pending: [ModelProposal]) {
        self.versions = versions
        self.readings = readings
        self.pending = pending
    }

    /// How many readings a version's sparkline shows at most.
    public static let readingLimit = 30
}

/// The validation report of one version, open over the `:models` view and scrolled by `offset` lines.
public struct ModelReportView: Hashable, Sendable {
    public var model: StoredModel
    public var offset = 0

    public init(model: StoredModel, offset: Int = 0) {
        self.model = model
        self.offset = offset
    }
}

/// The `:models` view: the registry's versions with their figures and drift, the pending switch of the selected
/// version's target, the report overlay (Enter) and the lifecycle's keys (c p b a w).
public struct ModelsView: Hashable, Sendable {
    public var snapshot: ModelsSnapshot
    public var selected = 0
    public var report: ModelReportView?
    /// The pending proposal `a` asks to approve, while y/Enter or Esc is awaited.
    public var confirmsApproval: ModelProposal?

    public init(snapshot: ModelsSnapshot, selected: Int = 0) {
        self.snapshot = snapshot
        self.selected = selected
    }

    public var selectedSummary: ModelVersionSummary? { snapshot.versions[safe: selected] }

    /// The proposal waiting for `target`, if any.
    public func pending(for target: String) -> ModelProposal? {
        snapshot.pending.first { $0.target == target && $0.state == .pending }
    }

    public func champion(of target: String) -> ModelVersionSummary? {
        snapshot.versions.first { $0.target == target && $0.status == .champion }
    }

    /// The version a rollback of `target` would go back to: the latest retired one with a card.
    public func previousChampion(of target: String) -> ModelVersionSummary? {
        snapshot.versions.filter { $0.target == target && $0.status == .retired && $0.hasCard }
            .max { ($0.retiredAt ?? $0.createdAt) < ($1.retiredAt ?? $1.createdAt) }
    }

    /// What the core's availability rules need to know about the selection.
    public var selection: ModelSelection? {
        guard let s = selectedSummary else { return nil }
        let pending = pending(for: s.target).map {
            PendingModelSwitch(isRollback: $0.kind == .rollback, version: $0.version, proposedBy: $0.proposedBy)
        }
        return ModelSelection(version: s.version, target: s.target, status: s.status, hasCard: s.hasCard,
                              hasChampion: champion(of: s.target) != nil,
                              hasPreviousChampion: previousChampion(of: s.target) != nil, pending: pending)
    }

    /// The latest PSI reading of a version, if it has one.
    public func latestPSI(_ version: String) -> MonitoringReading? {
        snapshot.readings[version]?.last { $0.psi != nil }
    }
}

/// A model step that needs a reason, in the reason dialog: what Enter will do and the effect it sends.
public enum ModelReasonStep: Hashable, Sendable {
    case challenge(version: String, target: String, champion: String?)
    case propose(kind: ModelProposal.Kind, version: String, target: String, replaces: String?)
    case withdraw(ModelProposal)

    var title: String {
        switch self {
        case let .challenge(version, _, _): "Make \(version) challenger"
        case let .propose(.promote, version, target, _): "Propose \(version) as champion of \(target)"
        case let .propose(.rollback, version, target, _): "Propose rolling \(target) back to \(version)"
        case let .withdraw(p): "Withdraw the \(p.kind == .promote ? "promotion" : "rollback") of \(p.target) to \(p.version)"
        }
    }

    var bodyLines: [String] {
        switch self {
        case let .challenge(version, target, champion):
            return ["\(version) is scored in the shadow beside \(champion ?? "the champion") on every new application for \(target);",
                    "both scores are kept, the decision still follows the champion. Audited as model.challenge."]
        case let .propose(kind, version, target, replaces):
            let what = kind == .promote ? "\(version) becomes champion of \(target)" : "\(target) rolls back to \(version)"
            return ["Once a different supervisor approves: \(what)" + (replaces.map { ", replacing \($0)" } ?? "") + ",",
                    "and every pending application is re-scored and re-priced in the same step.",
                    "Nothing changes until then. Audited as model.propose."]
        case let .withdraw(p):
            return ["Proposed by \(p.proposedBy): \(PlainText.escaped(p.reason))",
                    "Withdrawn, it stays in the record; nothing switches."]
        }
    }

    var cancelledMessage: String {
        switch self {
        case .challenge: "challenger cancelled: nothing was written"
        case .propose: "proposal cancelled: nothing was written"
        case .withdraw: "withdrawal cancelled: the proposal still waits"
        }
    }

    func effect(reason: String) -> Effect {
        switch self {
        case let .challenge(version, _, _): .makeChallenger(version: version, reason: reason)
        case let .propose(.promote, version, target, _):
            .proposeModelSwitch(kind: .promote, version: version, target: target, reason: reason)
        case let .propose(.rollback, _, target, _): .proposeModelSwitch(kind: .rollback, version: nil, target: target, reason: reason)
        case let .withdraw(p): .withdrawModelProposal(id: p.id, reason: reason)
        }
    }
}

/// The `:models` view's reducer: its loads, its keys and the results of its writes.
extension AppState {
    mutating func reduceModels(_ action: Action) -> [Effect] {
        switch action {
        case let .modelsLoaded(snapshot, opens):
            if opens || modelsView == nil {
                guard opens else { return [] }
                modelsView = ModelsView(snapshot: snapshot)
                if snapshot.versions.isEmpty { say("no model versions in this database") }
            } else if var view = modelsView {
                // A refresh keeps the cursor on the same version, and drops a confirmation whose proposal was decided.
                let version = view.selectedSummary?.version
                view.snapshot = snapshot
                view.selected = snapshot.versions.firstIndex { $0.version == version }
                    ?? min(view.selected, max(0, snapshot.versions.count - 1))
                if let asked = view.confirmsApproval, !snapshot.pending.contains(where: { $0.id == asked.id }) {
                    view.confirmsApproval = nil
                }
                modelsView = view
            }
        case let .modelReportLoaded(model):
            modelsView?.report = ModelReportView(model: model)
        case let .modelWritten(summary):
            reasonDialog = nil
            modelsView?.confirmsApproval = nil
            say(summary)
            return [.loadModels(refresh: true), .loadQueue(.reload)]
        case let .modelWriteFailed(message):
            reasonDialog?.failure = message
            modelsView?.confirmsApproval = nil
            say(message, error: true)
            return [.loadModels(refresh: true)]
        default:
            break
        }
        return []
    }

    mutating func handleModelsView(_ key: Key, keyMap: KeyMap) -> [Effect] {
        guard var view = modelsView else { return [] }
        if key == .control("c") { shouldQuit = true; return [] }
        if key == .character("?") { showsHelp = true; helpOffset = 0; return [] }
        if var report = view.report {
            let page = max(1, size.height - 8)
            switch key {
            case .escape, .character("q"): view.report = nil
            case .character("j"), .down: report.offset += 1
            case .character("k"), .up: report.offset -= 1
            case .pageDown, .character(" "): report.offset += page
            case .pageUp: report.offset -= page
            case .character("g"), .home: report.offset = 0
            case .character("G"), .end: report.offset = Int.max / 2
            default: break
            }
            if view.report != nil {
                report.offset = min(max(0, report.offset), ModelsView.lastReportOffset(report, width: size.width, height: size.height))
                view.report = report
            }
            modelsView = view
            return []
        }
        if let proposal = view.confirmsApproval {
            switch key {
            case .enter, .character("y"):
                return [.approveModelProposal(id: proposal.id)]
            case .escape, .character("n"):
                view.confirmsApproval = nil
                modelsView = view
                say("approval cancelled: nothing was written")
            default:
                break
            }
            return []
        }
        status = nil
        let last = max(0, view.snapshot.versions.count - 1)
        switch key {
        case .escape, .character("q"): modelsView = nil; return []
        case .character("j"), .down: view.selected = min(view.selected + 1, last)
        case .character("k"), .up: view.selected = max(0, view.selected - 1)
        case .pageDown: view.selected = min(view.selected + 10, last)
        case .pageUp: view.selected = max(0, view.selected - 10)
        case .character("g"), .home: view.selected = 0
        case .character("G"), .end: view.selected = last
        case .character(":"):
            prompt = (.command, TextField(maxLength: Self.promptLimit))
            return []
        default:
            guard let command = keyMap.modelsCommand(for: key) else {
                if case let .character(c) = key { say("no key '\(c)' in the models view: press ? for help", error: true) }
                return []
            }
            if let reason = availability(of: command).reason {
                say(reason, error: true)
                return []
            }
            return performModelCommand(command)
        }
        modelsView = view
        return []
    }

    /// A model key the availability rules let through: open the report, a reason dialog, or the approval's confirmation.
    private mutating func performModelCommand(_ command: Command) -> [Effect] {
        guard let view = modelsView, let s = view.selectedSummary else { return [] }
        switch command {
        case .openModelReport:
            return [.loadModelReport(version: s.version)]
        case .makeChallenger:
            reasonDialog = ReasonDialog(purpose: .model(.challenge(version: s.version, target: s.target,
                                                                   champion: view.champion(of: s.target)?.version)))
        case .proposePromotion:
            reasonDialog = ReasonDialog(purpose: .model(.propose(kind: .promote, version: s.version, target: s.target,
                                                                 replaces: view.champion(of: s.target)?.version)))
        case .proposeRollback:
            guard let previous = view.previousChampion(of: s.target) else { return [] }
            reasonDialog = ReasonDialog(purpose: .model(.propose(kind: .rollback, version: previous.version, target: s.target,
                                                                 replaces: view.champion(of: s.target)?.version)))
        case .approveModelSwitch:
            modelsView?.confirmsApproval = view.pending(for: s.target)
        case .withdrawModelSwitch:
            guard let pending = view.pending(for: s.target) else { return [] }
            reasonDialog = ReasonDialog(purpose: .model(.withdraw(pending)))
        default:
            break
        }
        return []
    }

    /// Whether a `:models` key can act now (nil for other commands): RiskCore's `ModelActionAvailability` with the
    /// person, the training flag and the selected version's status and pending proposal.
    func modelAvailability(of command: Command) -> KeyAvailability? {
        let action: ModelAction
        switch command {
        case .openModelReport:
            if modelsView == nil { return .disabled("open :models first") }
            return modelsView?.selectedSummary == nil ? .disabled("no model version selected") : .available
        case .makeChallenger: action = .makeChallenger
        case .proposePromotion: action = .proposePromotion
        case .proposeRollback: action = .proposeRollback
        case .approveModelSwitch: action = .approve
        case .withdrawModelSwitch: action = .withdraw
        default: return nil
        }
        if readOnlyFlag { return .unavailable(readOnlyMessage) }
        if let role = ModelActionAvailability.roleRefusal(action, by: user, onTrainingData: isTrainingData) {
            return .unavailable(role.description)
        }
        if modelsView == nil { return .disabled("open :models first") }
        guard let refusal = ModelActionAvailability.refusal(action, by: user, onTrainingData: isTrainingData,
                                                            selection: modelsView?.selection) else { return .available }
        return refusal.isPermanent ? .unavailable(refusal.description) : .disabled(refusal.description)
    }
}

extension ModelsView {
    /// The report's lines for the console at `width` (the overlay's inner width).
    static func reportLines(_ report: ModelReportView, width: Int) -> [StyledLine] {
        ModelReportText.lines(summary: report.model.summary, card: report.model.card, report: report.model.report,
                              width: max(1, width))
    }

    /// The overlay's inner width and the rows it shows for a screen size.
    static func reportArea(width: Int, height: Int) -> (width: Int, rows: Int) { (max(1, width - 6), max(1, height - 6)) }

    /// The last offset that still fills the overlay.
    static func lastReportOffset(_ report: ModelReportView, width: Int, height: Int) -> Int {
        let area = reportArea(width: width, height: height)
        return max(0, reportLines(report, width: area.width).count - area.rows)
    }
}
