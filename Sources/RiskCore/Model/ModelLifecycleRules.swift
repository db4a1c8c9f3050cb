import Foundation

/// Why a step of a card's lifecycle was refused, for a person. Nothing was written.
public enum ModelLifecycleError: Error, Equatable, Sendable, CustomStringConvertible {
    case notPermitted(user: String, role: Role, action: String)
    case readOnly(user: String)
    case reasonRequired(action: String)
    case unknownVersion(String)
    /// The version is listed but has no card (a version from before cards were data): it cannot be scored with.
    case noCard(version: String)
    case unknownFeatures(version: String, features: [String])
    case notDeskTarget(version: String, target: String)
    /// The step needs the card in another status (e.g. promoting a candidate that never was a challenger).
    case wrongStatus(version: String, status: ModelStatus, action: String, needed: ModelStatus)
    case noPreviousChampion(target: String)
    case noChampion(target: String)
    case proposalPending(target: String, id: Int64, proposedBy: String)
    case proposalNotPending(id: Int64, state: String)
    /// The champion changed (or the card left the status it had) since the proposal was made.
    case superseded(id: Int64, detail: String)
    /// Four eyes: the approver is the proposer, by name or by the login behind them.
    case fourEyes(user: String, proposer: String, detail: String)
    case alreadyImported(version: String)
    /// An imported card must carry its content hash as its version (only the shipped default keeps its name), so a
    /// card edited and renamed cannot pass as another.
    case notContentAddressed(version: String, contentVersion: String)

    public var description: String {
        switch self {
        case let .notPermitted(user, role, action):
            "\(user) (\(role.rawValue)) may not \(action): model switches are a supervisor's"
        case let .readOnly(user):
            "\(user) is read-only here: nothing was written"
        case let .reasonRequired(action):
            "a reason is required to \(action): the audit log must say why"
        case let .unknownVersion(version):
            "no model version \(version) (see `riskdesk model list`)"
        case let .noCard(version):
            "\(version) has no stored card (a version from before cards were data): it cannot score applications"
        case let .unknownFeatures(version, features):
            "\(version) reads \(features.joined(separator: ", ")), which the desk cannot read from an application: "
                + "it can be reported on, not put in front of live applications"
        case let .notDeskTarget(version, target):
            "\(version) predicts \(target), not a desk target (\(ModelTarget.desk.map(\.code).joined(separator: " or ")))"
        case let .wrongStatus(version, status, action, needed):
            "\(version) is \(status == .retired ? "retired" : "a " + status.rawValue): only a \(needed.rawValue) can be \(action)"
        case let .noPreviousChampion(target):
            "there is no previous champion of \(target) with a card to roll back to"
        case let .noChampion(target):
            "\(target) has no champion"
        case let .proposalPending(target, id, by):
            "proposal #\(id) by \(by) is already waiting for \(target): approve or withdraw it first"
        case let .proposalNotPending(id, state):
            "proposal #\(id) is \(state), not pending: nothing to decide"
        case let .superseded(id, detail):
            "proposal #\(id) is superseded: \(detail); it was marked superseded, propose again if still wanted"
        case let .fourEyes(user, proposer, detail):
            "four eyes: \(user) cannot approve what \(proposer) proposed (\(detail)): a second, different supervisor must approve"
        case let .alreadyImported(version):
            "\(version) is already in the registry: nothing was imported"
        case let .notContentAddressed(version, contentVersion):
            "the card calls itself \(version) but its content hashes to \(contentVersion): a card's version is its content hash "
                + "(edited by hand? set \"version\" to \(contentVersion) if the edit is meant), nothing was imported"
        }
    }
}

/// A registered version as the lifecycle rules see it.
public struct ModelVersionFacts: Hashable, Sendable {
    public var version: String
    public var target: String
    public var status: ModelStatus
    public var hasCard: Bool
    /// When it last became champion (nil: never was, as far as the registry knows).
    public var promotedAt: Date?
    public var retiredAt: Date?

    public init(version: String, target: String, status: ModelStatus, hasCard: Bool, promotedAt: Date? = nil,
                retiredAt: Date? = nil) {
        self.version = version
        self.target = target
        self.status = status
        self.hasCard = hasCard
        self.promotedAt = promotedAt
        self.retiredAt = retiredAt
    }
}

/// A proposal to switch a champion, as the lifecycle rules see it.
public struct ModelSwitchFacts: Hashable, Sendable {
    public var id: Int64
    public var isRollback: Bool
    /// The card that becomes champion if approved.
    public var version: String
    public var target: String
    /// The champion when it was proposed.
    public var replaces: String?
    public var proposedBy: String
    /// The logins that stand for the proposer: the one the proposal was written from and those mapped to them.
    public var proposerLogins: Set<String>
    public var isPending: Bool
    public var state: String

    public init(id: Int64, isRollback: Bool, version: String, target: String, replaces: String?, proposedBy: String,
                proposerLogins: Set<String>, isPending: Bool, state: String) {
        self.id = id
        self.isRollback = isRollback
        self.version = version
        self.target = target
        self.replaces = replaces
        self.proposedBy = proposedBy
        self.proposerLogins = proposerLogins
        self.isPending = isPending
        self.state = state
    }
}

/// Who may take a card through its lifecycle (SR 11-7: develop, validate, approve, monitor, retire), as pure functions
/// the store only executes. Every step is a supervisor's (a trainer's on training data); officers and auditors may do
/// none. Promotion and rollback need a proposer and a different approving person (four eyes).
public enum ModelLifecycleRules {
    /// Refuses whoever may not switch models: officers, auditors, trainers on real data.
    public static func requireModelManager(_ user: User, action: String, onTrainingData isTraining: Bool) throws(ModelLifecycleError) {
        if Access.isReadOnly(user.role, onTrainingData: isTraining) { throw .readOnly(user: user.name) }
        guard user.may(.switchModel, onTrainingData: isTraining), user.actsAsSupervisor(onTrainingData: isTraining) else {
            throw .notPermitted(user: user.name, role: user.role, action: action)
        }
    }

    /// The reason, trimmed; refused when empty.
    public static func requireReason(_ reason: String, action: String) throws(ModelLifecycleError) -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .reasonRequired(action: action) }
        return trimmed
    }

    /// Whether a card may score live applications: every feature known to the desk, its target a desk target.
    public static func requireDeskCard(_ card: Scorecard) throws(ModelLifecycleError) {
        let unknown = FeatureCatalog.unknownFeatures(of: card)
        guard unknown.isEmpty else { throw .unknownFeatures(version: card.version, features: unknown) }
        guard ModelTarget.desk(code: card.target.code) != nil else {
            throw .notDeskTarget(version: card.version, target: card.target.code)
        }
    }

    /// Candidate → challenger. Returns the challenger it replaces (which goes back to candidate), if any.
    public static func challenge(_ model: ModelVersionFacts, card: Scorecard?, by user: User, reason: String,
                                 registry: [ModelVersionFacts], onTrainingData isTraining: Bool)
        throws(ModelLifecycleError) -> (reason: String, replaced: String?) {
        try requireModelManager(user, action: "make a challenger", onTrainingData: isTraining)
        let reason = try requireReason(reason, action: "make a challenger")
        guard model.status == .candidate else {
            throw .wrongStatus(version: model.version, status: model.status, action: "made a challenger", needed: .candidate)
        }
        guard let card else { throw .noCard(version: model.version) }
        try requireDeskCard(card)
        let replaced = registry.first { $0.target == model.target && $0.status == .challenger && $0.version != model.version }
        return (reason, replaced?.version)
    }

    /// Proposing a challenger for champion of its target.
    public static func proposePromotion(_ model: ModelVersionFacts, by user: User, reason: String, pending: ModelSwitchFacts?,
                                        onTrainingData isTraining: Bool) throws(ModelLifecycleError) -> String {
        try requireModelManager(user, action: "propose a champion", onTrainingData: isTraining)
        let reason = try requireReason(reason, action: "propose a champion")
        guard model.status == .challenger else {
            throw .wrongStatus(version: model.version, status: model.status, action: "proposed for champion", needed: .challenger)
        }
        guard model.hasCard else { throw .noCard(version: model.version) }
        if let pending { throw .proposalPending(target: pending.target, id: pending.id, proposedBy: pending.proposedBy) }
        return reason
    }

    /// The champion a rollback of `target` returns to: the most recently retired version of that target that was
    /// champion and has a card.
    public static func previousChampion(of target: String, in registry: [ModelVersionFacts]) -> ModelVersionFacts? {
        registry.filter { $0.target == target && $0.status == .retired && $0.promotedAt != nil && $0.hasCard }
            .max { ($0.retiredAt ?? .distantPast, $0.version) < ($1.retiredAt ?? .distantPast, $1.version) }
    }

    /// Proposing a rollback of `target`: returns the version it returns to and the champion it replaces.
    public static func proposeRollback(target: String, by user: User, reason: String, registry: [ModelVersionFacts],
                                       pending: ModelSwitchFacts?, onTrainingData isTraining: Bool)
        throws(ModelLifecycleError) -> (reason: String, to: String, from: String) {
        try requireModelManager(user, action: "propose a rollback", onTrainingData: isTraining)
        let reason = try requireReason(reason, action: "propose a rollback")
        guard let current = registry.first(where: { $0.target == target && $0.status == .champion }) else {
            throw .noChampion(target: target)
        }
        guard let previous = previousChampion(of: target, in: registry) else { throw .noPreviousChampion(target: target) }
        if let pending { throw .proposalPending(target: pending.target, id: pending.id, proposedBy: pending.proposedBy) }
        return (reason, previous.version, current.version)
    }

    /// Approving a proposal: a supervisor who is not the proposer, by name nor by login (on training data a trainer's
    /// personas count as the people they stand for, as second approvals do: names are compared), while the proposal
    /// is still current. A `.superseded` refusal means the store should mark it superseded.
    public static func approve(_ proposal: ModelSwitchFacts, by user: User, login: String, userLogins: Set<String>,
                               registry: [ModelVersionFacts], onTrainingData isTraining: Bool) throws(ModelLifecycleError) {
        try requireModelManager(user, action: "approve a model switch", onTrainingData: isTraining)
        guard proposal.isPending else { throw .proposalNotPending(id: proposal.id, state: proposal.state) }
        if user.name == proposal.proposedBy {
            throw .fourEyes(user: user.name, proposer: proposal.proposedBy, detail: "the same user")
        }
        if !isTraining {
            let shared = proposal.proposerLogins.intersection(userLogins.union(login.isEmpty ? [] : [login]))
            if let same = shared.sorted().first {
                throw .fourEyes(user: user.name, proposer: proposal.proposedBy,
                                detail: "both names are used by the login '\(same)': one person")
            }
        }
        if let reason = staleness(proposal, registry: registry) { throw .superseded(id: proposal.id, detail: reason) }
    }

    /// Why a pending proposal no longer holds (nil when it does): the champion changed since it was proposed, or the
    /// card it would promote is no longer a challenger (or no longer a retired former champion, for a rollback).
    public static func staleness(_ proposal: ModelSwitchFacts, registry: [ModelVersionFacts]) -> String? {
        let champion = registry.first { $0.target == proposal.target && $0.status == .champion }?.version
        if champion != proposal.replaces {
            return "the champion of \(proposal.target) is now \(champion ?? "none"), not \(proposal.replaces ?? "none") as when proposed"
        }
        guard let model = registry.first(where: { $0.version == proposal.version }) else {
            return "\(proposal.version) is no longer registered"
        }
        if !model.hasCard { return "\(proposal.version) has no card" }
        if proposal.isRollback {
            if previousChampion(of: proposal.target, in: registry)?.version != proposal.version {
                return "\(proposal.version) is no longer the previous champion of \(proposal.target)"
            }
        } else if model.status != .challenger {
            return "\(proposal.version) is no longer the challenger (it is a \(model.status.rawValue))"
        }
        return nil
    }

    /// Withdrawing a pending proposal: the proposer or another supervisor, with a reason.
    public static func withdraw(_ proposal: ModelSwitchFacts, by user: User, reason: String,
                                onTrainingData isTraining: Bool) throws(ModelLifecycleError) -> String {
        try requireModelManager(user, action: "withdraw a model proposal", onTrainingData: isTraining)
        let reason = try requireReason(reason, action: "withdraw a proposal")
        guard proposal.isPending else { throw .proposalNotPending(id: proposal.id, state: proposal.state) }
        return reason
    }

    /// Registering an imported card as a candidate: a supervisor (a trainer on training data); a version not
    /// already present, and the card's own content hash (the shipped default excepted). A card the desk cannot score with may still be registered (to be reported on); it cannot
    /// become a challenger.
    public static func importCard(_ card: Scorecard, by user: User, existing: Bool,
                                  onTrainingData isTraining: Bool) throws(ModelLifecycleError) {
        try requireModelManager(user, action: "import a scorecard", onTrainingData: isTraining)
        if existing { throw .alreadyImported(version: card.version) }
        // The shipped default is the one card known by name; every other card is known by its content.
        guard card.version == card.contentVersion || card == .standard else {
            throw .notContentAddressed(version: card.version, contentVersion: card.contentVersion)
        }
    }
}
