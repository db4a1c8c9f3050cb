import Foundation
import RiskCore
import RiskStore
import TerminalUI

/// The `:calls` view: every live margin call with its figures now, read by an effect and refreshed while open when a
/// margin call or an account changes. `t` records the selected call's top-up to recovery; the rest of the work on
/// calls is `riskdesk call …`.
public struct CallsOverlay: Hashable, Sendable {
    public var lines: [MarginCallLine]
    /// The call the cursor is on (j/k, PgDn/PgUp move it; the table scrolls to keep it visible).
    public var selected = 0

    public init(lines: [MarginCallLine], selected: Int = 0) {
        self.lines = lines
        self.selected = selected
    }

    public static let hint = "j/k PgDn/PgUp scroll · t top up to recovery · Esc close · more with: riskdesk call reduce|extend"

    /// The title with the count of live calls and how many are overdue.
    public func title(at now: Date) -> String {
        let overdue = lines.filter { Self.isOverdue($0.open.call, at: now) }.count
        return "Margin calls — \(lines.count) live" + (overdue > 0 ? ", \(overdue) overdue" : "")
    }

    /// True when the call's deadline has passed (the review may not have marked it overdue yet).
    public static func isOverdue(_ call: MarginCall, at now: Date) -> Bool { call.state == .overdue || call.deadline <= now }

    /// One table row: call, account, customer, ratio, the cushion to the warning and close-out lines (points and how
    /// much the collateral may fall), the top-up to recovery, the deadline (exchange time), time left (`over 2h` once
    /// passed) and state.
    static func cells(_ line: MarginCallLine, now: Date) -> [String] {
        let call = line.open.call
        let cushions = line.open.cushions.map { "\($0.points >= 0 ? "+" : "")\(BasisPoints($0.points).percentText) \($0.collateralFall.formattedCompact)" }
        let deadline = String(MarginCallReport.time(call.deadline).dropFirst(5).dropLast(3))
        let left = call.deadline.timeIntervalSince(now)
        return [call.id.map(String.init) ?? "", call.accountID, PlainText.escaped(line.customerName),
                line.open.ratio?.percentText ?? "—", cushions[safe: 0] ?? "", cushions[safe: 1] ?? "",
                call.topUp.formattedCompact, deadline, left > 0 ? Durations.short(left) : "over " + Durations.short(-left),
                call.state.rawValue]
    }

    static let columns = [
        TableColumn(title: "Call", width: .fixed(5), alignment: .right), TableColumn(title: "Account", width: .fixed(8)),
        TableColumn(title: "Customer", width: .flexible(minimum: 6, weight: 1)),
        TableColumn(title: "Ratio", width: .fixed(7), alignment: .right),
        TableColumn(title: "To warning", width: .fixed(15), alignment: .right),
        TableColumn(title: "To close-out", width: .fixed(15), alignment: .right),
        TableColumn(title: "Top-up", width: .fixed(8), alignment: .right), TableColumn(title: "Deadline", width: .fixed(11)),
        TableColumn(title: "Left", width: .fixed(9), alignment: .right), TableColumn(title: "State", width: .fixed(7)),
    ]
}

/// The `:calls` view's reducer: its loads (opening and refreshing) and its keys.
extension AppState {
    mutating func reduceCalls(_ action: Action) -> [Effect] {
        guard case let .callsLoaded(lines, opens) = action else { return [] }
        if opens {
            callsOverlay = CallsOverlay(lines: lines)
            if lines.isEmpty { say("no live margin calls") }
        } else if var view = callsOverlay {
            // A refresh keeps the cursor on the same call when it is still live.
            let id = view.lines[safe: view.selected]?.open.call.id
            view.lines = lines
            view.selected = lines.firstIndex { $0.open.call.id == id } ?? min(view.selected, max(0, lines.count - 1))
            callsOverlay = view
        }
        return []
    }

    mutating func handleCallsOverlay(_ key: Key) -> [Effect] {
        guard var view = callsOverlay else { return [] }
        let last = max(0, view.lines.count - 1)
        switch key {
        case .escape, .character("q"): callsOverlay = nil; return []
        case .character("j"), .down: view.selected = min(view.selected + 1, last)
        case .character("k"), .up: view.selected = max(0, view.selected - 1)
        case .pageDown: view.selected = min(view.selected + 10, last)
        case .pageUp: view.selected = max(0, view.selected - 10)
        case .character("g"), .home: view.selected = 0
        case .character("G"), .end: view.selected = last
        case .control("c"): shouldQuit = true
        case .character("t"): return topUpSelectedCall()
        default: break
        }
        callsOverlay = view
        return []
    }

    /// `t`: the customer's cash top-up of the selected call's amount to recovery, through the store's `topUp` (which
    /// checks who may record it and marks the call met when the account is back above the recovery line).
    mutating func topUpSelectedCall() -> [Effect] {
        guard let line = callsOverlay.flatMap({ $0.lines[safe: $0.selected] }) else { say("no margin call selected", error: true); return [] }
        if isReadOnly { say(readOnlyMessage, error: true); return [] }
        let call = line.open.call
        guard call.topUp.fen > 0 else { say("call \(call.id.map(String.init) ?? "?") needs no top-up", error: true); return [] }
        return [.topUpCall(accountID: call.accountID, amount: call.topUp)]
    }
}
