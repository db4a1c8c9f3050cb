/// What the `:models` view's keys may do for a person on the selected version: the console's question before a
/// key acts ("may I press `a` here, and if not, why?"). The store enforces the lifecycle itself when it writes
/// (ModelLifecycleRules); this only answers early, with the same words a person would get after Enter.
public enum ModelAction: String, CaseIterable, Hashable, Sendable {
    case makeChallenger, proposePromotion, proposeRollback, approve, withdraw

    /// The words the refusals use ("propose a promotion").
    public var label: String {
        switch self {
        case .makeChallenger: "make a challenger"
        case .proposePromotion: "propose a promotion"
        case .proposeRollback: "propose a rollback"
        case .approve: "approve a model switch"
        case .withdraw: "withdraw a model switch"
        }
    }
}

/// The promotion or rollback waiting on the selected version's target.
public struct PendingModelSwitch: Hashable, Sendable {
    public var isRollback: Bool
    public var version: String
    public var proposedBy: String

    public init(isRollback: Bool, version: String, proposedBy: String) {
        self.isRollback = isRollback
        self.version = version
        self.proposedBy = proposedBy
    }
}

/// What the view knows about the selected version and its target.
public struct ModelSelection: Hashable, Sendable {
    public var version: String
    public var target: String
    public var status: ModelStatus
    /// False for a version from before cards were data: it can be listed, not scored with or switched to.
    public var hasCard: Bool
    /// The target has a champion, and a retired version with a card to roll back to.
    public var hasChampion: Bool
    public var hasPreviousChampion: Bool
    public var pending: PendingModelSwitch?

    public init(version: String, target: String, status: ModelStatus, hasCard: Bool, hasChampion: Bool,
                hasPreviousChampion: Bool, pending: PendingModelSwitch?) {
        self.version = version
        self.target = target
        self.status = status
        self.hasCard = hasCard
        self.hasChampion = hasChampion
        self.hasPreviousChampion = hasPreviousChampion
        self.pending = pending
    }
}

/// Why a model action cannot be taken: `isPermanent` when the person can never take it here (their role, the data),
/// so the key is left out; otherwise it is the selection that stands in the way, and the key is dimmed.
public struct ModelActionRefusal: Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public var isPermanent: Bool

    public init(_ description: String, isPermanent: Bool) {
        self.description = description
        self.isPermanent = isPermanent
    }
}

public enum ModelActionAvailability {
    /// Why `user` may not take `action` on `selection` (nil: selection absent refuses every action), or nil when they
    /// may. The role first (supervisors only; a trainer on training data), then the lifecycle: only a candidate with a
    /// card becomes challenger, only a challenger is proposed for promotion, a rollback needs a champion and a previous
    /// one, one proposal waits per target, and four eyes: the proposer never approves their own proposal.
    public static func refusal(_ action: ModelAction, by user: User, onTrainingData isTrainingData: Bool,
                               selection: ModelSelection?) -> ModelActionRefusal? {
        if let role = roleRefusal(action, by: user, onTrainingData: isTrainingData) { return role }
        guard let s = selection else { return ModelActionRefusal("no model version selected", isPermanent: false) }
        let situational = { (text: String) in ModelActionRefusal(text, isPermanent: false) }
        switch action {
        case .makeChallenger:
            guard s.hasCard else { return situational("\(s.version) has no card (a version from before cards were data): it cannot be scored with") }
            guard s.status == .candidate else { return situational("\(s.version) is \(s.status.rawValue): only a candidate becomes challenger") }
        case .proposePromotion:
            guard s.status == .challenger else {
                return situational("\(s.version) is \(s.status.rawValue): only a challenger is proposed for champion (c makes a candidate challenger)")
            }
            if let pending = s.pending { return situational(pendingText(pending, target: s.target)) }
        case .proposeRollback:
            guard s.hasChampion else { return situational("\(s.target) has no champion to roll back") }
            guard s.hasPreviousChampion else { return situational("\(s.target) has no previous champion with a card to roll back to") }
            if let pending = s.pending { return situational(pendingText(pending, target: s.target)) }
        case .approve:
            guard let pending = s.pending else { return situational("no promotion or rollback is waiting for \(s.target)") }
            guard pending.proposedBy != user.name else {
                return situational("four eyes: you proposed it; a different supervisor must approve")
            }
        case .withdraw:
            guard s.pending != nil else { return situational("no promotion or rollback is waiting for \(s.target)") }
        }
        return nil
    }

    /// Why the role can never take model actions here, or nil.
    public static func roleRefusal(_ action: ModelAction, by user: User, onTrainingData isTrainingData: Bool) -> ModelActionRefusal? {
        // The same rule the store enforces (ModelLifecycleRules), asked early, in the view's words.
        do throws(ModelLifecycleError) {
            try ModelLifecycleRules.requireModelManager(user, action: action.label, onTrainingData: isTrainingData)
            return nil
        } catch .readOnly {
            return ModelActionRefusal("\(user.name) (\(user.role.rawValue)) is read-only here: nothing is written", isPermanent: true)
        } catch {
            return ModelActionRefusal("supervisors only: \(user.name) (\(user.role.rawValue)) may not \(action.label)", isPermanent: true)
        }
    }

    private static func pendingText(_ pending: PendingModelSwitch, target: String) -> String {
        "a \(pending.isRollback ? "rollback" : "promotion") to \(pending.version) by \(pending.proposedBy) is already waiting for "
            + "\(target): approve (a) or withdraw (w) it first"
    }
}
