import Foundation
import RiskStore
import TerminalUI

/// What the console knows about the work in flight and the change log it tails: the effects still running, the
/// keys held until their results arrive, the last seq read and the market's freshness.
public struct LiveState: Sendable {
    /// Effects sent to the runtime whose results have not come back (`.finished`), oldest first.
    public var pending: [Effect] = []
    /// Keys pressed while an effect that holds keys was running, replayed in order when it finishes.
    public var heldKeys: [Key] = []
    /// When the oldest write still running started (for the "database busy" message).
    public var writeStartedAt: Date?
    /// The last change-log seq this console has taken into account.
    public var seq: Int64 = 0
    /// True once `liveStarted` arrived: polling starts only then.
    public var isStarted = false
    /// The time of the newest `market` entry (the feed writes one per batch), nil when no feed ever wrote.
    public var lastMarketUpdate: Date?
    public var staleAfter: TimeInterval = 30
    /// Alerts with a greater id arriving through the log were raised while the console was open.
    public var newestAlertIDAtStart: Int64 = 0
    /// A queue (alerts) reload asked for while a move of that window was running: sent when the move finishes,
    /// so the reload starts from the moved window instead of undoing the move.
    public var queueReloadWanted = false
    public var alertsReloadWanted = false
    /// True between the terminal's bracketed-paste markers: the keys are pasted text.
    public var isPasting = false
    /// Keys of the current paste that were dropped because no text field had focus.
    public var droppedPasteKeys = 0

    /// True while keys must wait.
    public var isHoldingKeys: Bool { pending.contains(where: \.holdsKeys) }
    public var isSaving: Bool { pending.contains(where: \.isWrite) }
    public var isPolling: Bool { pending.contains { if case .pollChanges = $0 { true } else { false } } }

    /// Seconds since the last market update at `now`, nil when there never was one.
    public func marketAge(at now: Date) -> TimeInterval? { lastMarketUpdate.map { max(0, now.timeIntervalSince($0)) } }

    /// True when the feed has been silent longer than the setting allows.
    public func isStale(at now: Date) -> Bool { marketAge(at: now).map { $0 > staleAfter } ?? false }

    /// The busy timeout of the store's connections: a write running longer is waiting for another writer.
    static let busyTimeout: TimeInterval = 5
}
