import TerminalUI

/// Everything a key can ask the console to do.
public enum Command: Hashable, Sendable {
    case nextPane, previousPane, focus(Pane), moveDown, moveUp, top, bottom, pageDown, pageUp
    case detail, filter, commandLine, help, close, quit, zoom
    case approve, approveWithConditions, reject, requestInfo, escalate, note, releaseClaim
    case acknowledgeAlert, assignAlertToSelf, resolveAlert, snoozeAlert, escalateAlert, cycleAlertFilter
    // Supervisors (issue 9): the second-approval view, rolling a decision back, revealing a masked ID and phone.
    case secondApprovals, rollback, reveal
    case editPricing
    // Desk metrics (issue 9).
    case toggleMetrics
    // The `:models` view (issue 10): the report, and the model lifecycle's steps.
    case openModelReport, makeChallenger, proposePromotion, proposeRollback, approveModelSwitch, withdrawModelSwitch
}

/// Where a binding applies: everywhere, or only when a pane has focus.
public enum KeyScope: Hashable, Sendable {
    case global
    case pane(Pane)
    /// Inside the `:models` view (its keys act there only).
    case models

    var helpTitle: String {
        switch self {
        case .global: "Everywhere"
        case let .pane(p): p.title
        case .models: "Models view (:models)"
        }
    }
}

/// One row of the key map: keys, where they act, what they do, and the words the help shows.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var scope: KeyScope
    public var command: Command
    public var help: String
    /// The short word the footer shows when the scope is focused; nil keeps the binding out of the footer.
    public var footer: String?

    public init(_ keys: [Key], _ scope: KeyScope, _ command: Command, _ help: String, footer: String? = nil) {
        self.keys = keys
        self.scope = scope
        self.command = command
        self.help = help
        self.footer = footer
    }

    public var keyLabel: String { keys.map(\.displayName).joined(separator: "/") }
}

/// The one table that drives both key dispatch and the help overlay, so the help cannot lie.
public struct KeyMap: Sendable {
    public var bindings: [KeyBinding]

    public static let standard = KeyMap(bindings: [
        KeyBinding([.tab], .global, .nextPane, "next pane", footer: "pane"),
        KeyBinding([.backTab], .global, .previousPane, "previous pane"),
        KeyBinding([.character("1")], .global, .focus(.queue), "approval queue"),
        KeyBinding([.character("2")], .global, .focus(.profile), "customer profile"),
        KeyBinding([.character("3")], .global, .focus(.alerts), "risk alerts"),
        KeyBinding([.character("4")], .global, .focus(.pricing), "pricing table"),
        KeyBinding([.character("j"), .down], .global, .moveDown, "move down"),
        KeyBinding([.character("k"), .up], .global, .moveUp, "move up"),
        KeyBinding([.character("g"), .home], .global, .top, "top"),
        KeyBinding([.character("G"), .end], .global, .bottom, "bottom"),
        KeyBinding([.pageDown], .global, .pageDown, "page down"),
        KeyBinding([.pageUp], .global, .pageUp, "page up"),
        KeyBinding([.enter], .global, .detail, "detail / breakdown"),
        KeyBinding([.character("/")], .global, .filter, "filter the queue by text", footer: "filter"),
        KeyBinding([.character(":")], .global, .commandLine, "commands: goto stage grade alerts assign calls models rollback reveal tour reset theme as settings", footer: "cmd"),
        KeyBinding([.character("?")], .global, .help, "this help", footer: "help"),
        KeyBinding([.escape], .global, .close, "close / clear filter"),
        KeyBinding([.character("z")], .global, .zoom, "zoom the focused pane"),
        KeyBinding([.character("q"), .control("c")], .global, .quit, "quit", footer: "quit"),
        KeyBinding([.character("m")], .global, .toggleMetrics, "desk metrics: sparklines of the last hour and day"),
        KeyBinding([.character("a")], .pane(.queue), .approve, "approve", footer: "approve"),
        KeyBinding([.character("c")], .pane(.queue), .approveWithConditions, "approve with conditions", footer: "conditions"),
        KeyBinding([.character("x")], .pane(.queue), .reject, "reject with a reason code", footer: "reject"),
        KeyBinding([.character("i")], .pane(.queue), .requestInfo, "request information", footer: "info"),
        KeyBinding([.character("e")], .pane(.queue), .escalate, "escalate (note required)", footer: "escalate"),
        KeyBinding([.character("n")], .pane(.queue), .note, "add a note", footer: "note"),
        KeyBinding([.character("u")], .pane(.queue), .releaseClaim, "release claim", footer: "release"),
        KeyBinding([.character("S")], .pane(.queue), .secondApprovals, "second-approval view ↔ the previous stage filter"),
        KeyBinding([.character("B")], .pane(.queue), .rollback, "roll back a decided application (reason required)"),
        KeyBinding([.character("v")], .pane(.profile), .reveal, "reveal ID and phone for 30 s (reason required, audited)", footer: "reveal"),
        KeyBinding([.character("A")], .pane(.alerts), .acknowledgeAlert, "acknowledge alert", footer: "ack"),
        KeyBinding([.character("o")], .pane(.alerts), .assignAlertToSelf, "assign alert to me", footer: "take"),
        KeyBinding([.character("R")], .pane(.alerts), .resolveAlert, "resolve alert (disposition; note for other)", footer: "resolve"),
        KeyBinding([.character("s")], .pane(.alerts), .snoozeAlert, "snooze alert (15m … the desk's maximum)", footer: "snooze"),
        KeyBinding([.character("e")], .pane(.alerts), .escalateAlert, "escalate alert to supervisors (reason required)", footer: "escalate"),
        KeyBinding([.character("f")], .pane(.alerts), .cycleAlertFilter, "filter: all → mine → unassigned → critical → calls", footer: "filter"),
        KeyBinding([.character("E")], .pane(.pricing), .editPricing, "edit a pricing parameter: preview, then re-price pending quotes",
                   footer: "edit"),
        KeyBinding([.enter], .models, .openModelReport, "validation report: ROC, histogram, calibration, IV, bins", footer: "report"),
        KeyBinding([.character("c")], .models, .makeChallenger, "make the candidate challenger (reason)", footer: "challenger"),
        KeyBinding([.character("p")], .models, .proposePromotion, "propose as champion (reason)", footer: "promote"),
        KeyBinding([.character("b")], .models, .proposeRollback, "propose a rollback to the previous champion (reason)", footer: "rollback"),
        KeyBinding([.character("a")], .models, .approveModelSwitch, "approve the pending switch (re-prices)", footer: "approve"),
        KeyBinding([.character("w")], .models, .withdrawModelSwitch, "withdraw the pending switch (reason)", footer: "withdraw"),
    ])

    /// The command for a key in the focused pane: the pane's own binding first, then the global one.
    public func command(for key: Key, in pane: Pane) -> Command? {
        bindings.first { $0.scope == .pane(pane) && $0.keys.contains(key) }?.command
            ?? bindings.first { $0.scope == .global && $0.keys.contains(key) }?.command
    }

    /// The `:models` view's command for a key (its own bindings only).
    public func modelsCommand(for key: Key) -> Command? {
        bindings.first { $0.scope == .models && $0.keys.contains(key) }?.command
    }

    /// The help overlay's sections, straight from the table.
    public var helpSections: [HelpOverlay.Section] {
        helpScopes.map { scope in
            HelpOverlay.Section(title: scope.helpTitle,
                                entries: bindings.filter { $0.scope == scope }.map { ($0.keyLabel, $0.help) })
        }
    }

    /// The help overlay's sections for this person and selection: a key that cannot act now says why
    /// after its description ("approve — claimed by li.na: …").
    public func helpSections(for state: AppState) -> [HelpOverlay.Section] {
        helpSections.enumerated().map { index, section in
            let scope = helpScopes[index]
            let scoped = bindings.filter { $0.scope == scope }
            return HelpOverlay.Section(title: section.title, entries: scoped.map { binding in
                let reason = state.availability(of: binding).reason
                return (binding.keyLabel, reason.map { "\(binding.help) — \($0)" } ?? binding.help)
            })
        }
    }

    private var helpScopes: [KeyScope] {
        var scopes: [KeyScope] = [.global]
        for pane in Pane.allCases where bindings.contains(where: { $0.scope == .pane(pane) }) { scopes.append(.pane(pane)) }
        if bindings.contains(where: { $0.scope == .models }) { scopes.append(.models) }
        return scopes
    }

    /// Footer hints for this person and selection: keys that can never act for them are left out, keys
    /// that cannot act on the current selection are kept but marked disabled (drawn dimmed).
    public func footer(for state: AppState) -> [FooterHint] {
        // The `:models` view's own keys while it is open (the panes' keys do not act under it).
        let shown = state.modelsView != nil
            ? bindings.filter { $0.scope == .models } + bindings.filter { $0.command == .help || $0.command == .quit }
            : footerBindings(for: state.focus)
        return shown.compactMap { binding in
            guard let word = binding.footer else { return nil }
            switch state.availability(of: binding) {
            case .available: return FooterHint(key: binding.keys[0].displayName, text: word, isDisabled: false)
            case .disabled: return FooterHint(key: binding.keys[0].displayName, text: word, isDisabled: true)
            case .unavailable: return nil
            }
        }
    }

    private func footerBindings(for pane: Pane) -> [KeyBinding] {
        // Help and quit come right after the pane's own keys so a narrow footer never hides them.
        let global = bindings.filter { $0.scope == .global }
        let first = global.filter { $0.command == .help || $0.command == .quit }
        return bindings.filter { $0.scope == .pane(pane) } + first + global.filter { !first.contains($0) }
    }
}

/// One key in the footer: the key, its word, and whether it is disabled for the current selection.
public struct FooterHint: Hashable, Sendable {
    public var key: String
    public var text: String
    public var isDisabled: Bool
}
