import Foundation
import RiskCore
import RiskStore
import TerminalUI

extension AppState {
    /// Applies an action and returns the effects it asks for. Pure apart from the state itself.
    public mutating func reduce(_ action: Action, keyMap: KeyMap = .standard) -> [Effect] {
        switch action {
        case let .key(key):
            return handle(key, keyMap: keyMap)
        case let .tick(date):
            now = date
            return []
        case let .resize(newSize):
            size = newSize
            queue.pageSize = QueueLayout.visibleRows(for: self)
            alerts.pageSize = AlertsLayout.visibleRows(for: self)
            return [.loadQueue(.reload), .loadAlerts(.reload)]
        case .dataConfirmed:
            lastRefresh = now
            return []
        case .storeChanged:
            lastRefresh = now
            var effects: [Effect] = [.loadQueue(.reload), .loadAlerts(.reload), .loadPricing]
            if let id = queue.selectedRow?.application.id { effects.append(.loadDetail(applicationID: id)) }
            return effects
        case let .queueLoaded(rows, position, total, selected):
            let previousID = queue.selectedRow?.application.id
            queue.rows = rows
            queue.position = position
            queue.total = total
            queue.selected = rows.isEmpty ? 0 : min(max(0, selected), rows.count - 1)
            lastRefresh = now
            if let id = queue.selectedRow?.application.id {
                return id == previousID && detail?.application.id == id ? [] : [.loadDetail(applicationID: id)]
            }
            detail = nil
            return []
        case let .detailLoaded(newDetail):
            if newDetail?.application.id != detail?.application.id { profileScroll = 0 }
            detail = newDetail
            if let grade = newDetail?.application.grade, let g = Grade.allCases.firstIndex(of: grade) {
                pricingGradeCursor = g
            }
            return []
        case let .alertsLoaded(rows, position, counts, selected):
            alerts.rows = rows
            alerts.position = position
            alerts.counts = counts
            alerts.selected = rows.isEmpty ? 0 : min(max(0, selected), rows.count - 1)
            return []
        case let .pricingLoaded(table, maximumLeverage):
            pricingTable = table
            pricingMaximumLeverage = maximumLeverage
            return []
        case let .dialogOpened(newDialog):
            dialog = newDialog
            status = nil
            return []
        case let .decided(summary):
            dialog = nil
            say(summary)
            return [.loadQueue(.reload), .loadAlerts(.reload)]
        case let .failed(message):
            dialog = nil
            say(message, error: true)
            return []
        case let .decisionFailed(message):
            // Keep the dialog and what was typed in it; the message shows inside it and in the status line.
            dialog?.failure = message
            say(message, error: true)
            return [.loadQueue(.reload)]
        case let .info(message):
            say(message)
            return []
        case let .userSwitched(newUser):
            user = newUser
            say("now acting as \(newUser.name) (\(newUser.role.rawValue))")
            return [.loadQueue(.reload)]
        case let .themeChanged(name):
            themeName = name
            say("theme: \(name)")
            return []
        case let .settingsLoaded(entries):
            settingsOverlay = SettingsOverlay(entries: entries)
            return []
        }
    }

    private mutating func handle(_ key: Key, keyMap: KeyMap) -> [Effect] {
        if key == .resize { return [] }
        if isTooSmall {
            if key == .character("q") || key == .control("c") { shouldQuit = true }
            return []
        }
        if showsHelp { return handleHelp(key, keyMap: keyMap) }
        if settingsOverlay != nil { return handleSettingsOverlay(key) }
        if dialog != nil { return handleDialog(key) }
        if prompt != nil { return handlePrompt(key) }
        status = nil  // a message stays until the next key, as in vi and k9s
        guard let command = keyMap.command(for: key, in: focus) else {
            if case let .character(c) = key { say("no key '\(c)' here: press ? for help", error: true) }
            return []
        }
        // A key that cannot act says why and does nothing: no dialog, no claim, no effect.
        if let reason = availability(of: command).reason {
            say(reason, error: true)
            return []
        }
        return perform(command)
    }

    private mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .nextPane: focus = focus.next
        case .previousPane: focus = focus.previous
        case let .focus(pane): focus = pane
        case .moveDown: return move(by: 1)
        case .moveUp: return move(by: -1)
        case .pageDown: return page(down: true)
        case .pageUp: return page(down: false)
        case .top: return jump(top: true)
        case .bottom: return jump(top: false)
        case .detail:
            switch focus {
            case .queue, .profile:
                focus = .profile
            case .pricing:
                showsBreakdown.toggle()
            case .alerts:
                if let alert = alerts.selectedAlert { say("[\(alert.severity.tag)] \(alert.rule) \(alert.subject): \(alert.message)") }
            }
        case .filter:
            focus = .queue
            prompt = (.filter, TextField(text: queue.filter.text, maxLength: Self.promptLimit))
        case .commandLine:
            prompt = (.command, TextField(maxLength: Self.promptLimit))
        case .help:
            showsHelp = true
            helpOffset = 0
        case .close:
            if zoomed { return perform(.zoom) }
            else if showsBreakdown { showsBreakdown = false }
            else if !queue.filter.text.isEmpty || !queue.filter.stages.isEmpty || !queue.filter.grades.isEmpty {
                queue.filter = QueueFilter()
                say("filter cleared")
                return [.loadQueue(.top)]
            } else { status = nil }
        case .quit:
            shouldQuit = true
        case .zoom:
            zoomed.toggle()
            queue.pageSize = QueueLayout.visibleRows(for: self)
            alerts.pageSize = AlertsLayout.visibleRows(for: self)
            return [.loadQueue(.reload), .loadAlerts(.reload)]
        case .approve: return openDecision(.approve)
        case .approveWithConditions: return openDecision(.conditions)
        case .reject: return openDecision(.reject)
        case .requestInfo: return openDecision(.requestInfo)
        case .escalate: return openDecision(.escalate)
        case .note: return openDecision(.note)
        case .releaseClaim:
            guard let row = queue.selectedRow else { say("no application selected", error: true); return [] }
            return [.releaseClaim(applicationID: row.application.id)]
        case .acknowledgeAlert:
            guard let alert = alerts.selectedAlert else { say("no alert selected", error: true); return [] }
            return [.acknowledgeAlert(id: alert.id)]
        }
        return []
    }

    /// The longest filter or command line accepted (a paste beyond it is cut).
    static let promptLimit = 200

    var readOnlyMessage: String {
        readOnlyFlag ? "read-only session (--readonly): nothing is written"
            : "\(user.name) (\(user.role.rawValue)) is read-only here: nothing is written"
    }

    /// Opens a decision dialog; `availability(of:)` has already refused what the role or the stage cannot take,
    /// so nothing is claimed for a decision the pipeline could never accept.
    private mutating func openDecision(_ kind: DecisionDialog.Kind) -> [Effect] {
        guard let row = queue.selectedRow else { say("no application selected", error: true); return [] }
        return [.claimAndOpen(kind, applicationID: row.application.id)]
    }

    private mutating func move(by delta: Int) -> [Effect] {
        switch focus {
        case .queue:
            let target = queue.selected + delta
            if target >= 0 && target < queue.rows.count {
                queue.selected = target
                return queue.selectedRow.map { [.loadDetail(applicationID: $0.application.id)] } ?? []
            }
            return [.loadQueue(delta > 0 ? .nextRow : .previousRow)]
        case .profile:
            profileScroll = min(max(0, profileScroll + delta), maxProfileScroll)
        case .alerts:
            let target = alerts.selected + delta
            if target >= 0 && target < alerts.rows.count {
                alerts.selected = target
                return []
            }
            return alerts.rows.isEmpty ? [] : [.loadAlerts(delta > 0 ? .nextRow : .previousRow)]
        case .pricing:
            pricingGradeCursor = min(max(0, pricingGradeCursor + delta), Grade.allCases.count - 1)
        }
        return []
    }

    private mutating func page(down: Bool) -> [Effect] {
        switch focus {
        case .queue: return [.loadQueue(down ? .nextPage : .previousPage)]
        case .profile: profileScroll = min(max(0, profileScroll + (down ? 10 : -10)), maxProfileScroll)
        case .alerts: return alerts.rows.isEmpty ? [] : [.loadAlerts(down ? .nextPage : .previousPage)]
        case .pricing: break
        }
        return []
    }

    private mutating func jump(top: Bool) -> [Effect] {
        switch focus {
        case .queue: return [.loadQueue(top ? .top : .bottom)]
        case .profile: profileScroll = top ? 0 : maxProfileScroll
        case .alerts: return [.loadAlerts(top ? .top : .bottom)]
        case .pricing: pricingGradeCursor = top ? 0 : Grade.allCases.count - 1
        }
        return []
    }

    /// The furthest the profile can scroll: its lines less the pane's inner height.
    var maxProfileScroll: Int {
        guard let detail, let rect = Layout(size: size, zoomed: zoomed ? focus : nil).panes[.profile] else { return 0 }
        return max(0, ProfilePaneView.lines(for: detail, now: now).count - (rect.height - 2))
    }

    private mutating func handleHelp(_ key: Key, keyMap: KeyMap) -> [Effect] {
        let maxOffset = HelpOverlay(sections: keyMap.helpSections(for: self)).maxOffset(in: Rect(size: size).inset(by: 1))
        switch key {
        case .escape, .character("?"), .character("q"), .enter: showsHelp = false
        case .character("j"), .down: helpOffset = min(helpOffset + 1, maxOffset)
        case .character("k"), .up: helpOffset = max(0, helpOffset - 1)
        case .pageDown: helpOffset = min(helpOffset + 10, maxOffset)
        case .pageUp: helpOffset = max(0, helpOffset - 10)
        case .control("c"): shouldQuit = true
        default: break
        }
        return []
    }

    private mutating func handleDialog(_ key: Key) -> [Effect] {
        // Take the dialog out of the state while editing it, so its text is not copied on every key of a paste.
        guard var d = dialog.take() else { return [] }
        if key == .escape {
            // Cancelling keeps the claim (the officer is still working on it); `u` releases it.
            dialog = nil
            say("cancelled; \(d.application.id) stays claimed by you (u releases it)")
            return []
        }
        defer { dialog = d }
        switch key {
        case .enter:
            d.failure = nil
            switch d.validated(actor: user.name) {
            case let .decision(request)?: return [.decide(request)]
            case let .note(text)?: return [.addNote(applicationID: d.application.id, text: text)]
            case nil: return []
            }
        // In the reject dialog ↓/↑ and j/k pick the reason; elsewhere Tab and ↓/↑ move between fields.
        case .down where d.kind == .reject, .character("j") where d.kind == .reject:
            d.reasonIndex = min(d.reasonIndex + 1, ReasonCode.rejectionReasons.count - 1)
        case .up where d.kind == .reject, .character("k") where d.kind == .reject:
            d.reasonIndex = max(d.reasonIndex - 1, 0)
        case .tab, .down:
            if !d.fields.isEmpty { d.focusedField = (d.focusedField + 1) % d.fields.count }
        case .backTab, .up:
            if !d.fields.isEmpty { d.focusedField = (d.focusedField + d.fields.count - 1) % d.fields.count }
        case .control("c"):
            shouldQuit = true
        default:
            if d.fields.indices.contains(d.focusedField) {
                _ = d.fields[d.focusedField].input.handle(key)
                d.fields[d.focusedField].error = d.fields[d.focusedField].input.reachedLimit ? Note.limitReachedMessage : nil
            }
        }
        return []
    }

    private mutating func handlePrompt(_ key: Key) -> [Effect] {
        guard var p = prompt.take() else { return [] }
        switch key {
        case .escape:
            return []
        case .enter:
            let text = p.field.text.trimmingCharacters(in: .whitespaces)
            if p.kind == .filter {
                queue.filter.text = text
                return [.loadQueue(.top)]
            }
            return runCommand(text)
        case .control("c"):
            prompt = p
            shouldQuit = true
            return []
        default:
            _ = p.field.handle(key)
            prompt = p
            return []
        }
    }

    /// `:goto APP-ID`, `:theme NAME`, `:stage S|all`, `:grade G|all`, `:as USER`, `:quit`.
    mutating func runCommand(_ text: String) -> [Effect] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let name = words.first?.lowercased() else { return [] }
        let argument = words.dropFirst().joined(separator: " ")
        switch name {
        case "q", "quit", "exit":
            shouldQuit = true
        case "goto", "go":
            guard !argument.isEmpty else { say(":goto needs an application id, e.g. :goto APP-000123", error: true); return [] }
            return [.goTo(applicationID: argument.uppercased())]
        case "theme":
            guard !argument.isEmpty else { say(":theme needs a name, e.g. :theme dark", error: true); return [] }
            return [.setTheme(argument)]
        case "stage":
            if argument.isEmpty || argument == "all" || argument == "review" {
                queue.filter.stages = []
            } else {
                let stages = argument.split(separator: ",").map { Stage(name: String($0)) }
                guard stages.allSatisfy({ $0 != nil }) else {
                    say("unknown stage '\(argument)'; try manual_review, escalated, awaiting_second_approval, compliance, active, rejected or all", error: true)
                    return []
                }
                queue.filter.stages = stages.compactMap { $0 }
            }
            say(queue.filter.stages.isEmpty ? "showing stages that need a person" : "stage: " + queue.filter.stages.map(\.label).joined(separator: ", "))
            return [.loadQueue(.top)]
        case "grade":
            if argument.isEmpty || argument == "all" {
                queue.filter.grades = []
            } else {
                let grades = argument.split(separator: ",").map { Grade(letter: String($0)) }
                guard grades.allSatisfy({ $0 != nil }) else { say("unknown grade '\(argument)'; use A–E or all", error: true); return [] }
                queue.filter.grades = grades.compactMap { $0 }
            }
            return [.loadQueue(.top)]
        case "as":
            guard canSwitchUser else { say(":as works on training data only: on real data your login decides who you are", error: true); return [] }
            guard !argument.isEmpty else { say(":as needs a user name, e.g. :as wang.fang", error: true); return [] }
            return [.switchUser(argument)]
        case "help":
            showsHelp = true
        case "settings":
            return [.loadSettings]
        default:
            say("unknown command ':\(name)'; try :goto, :stage, :grade, :theme, :as, :settings or :quit", error: true)
        }
        return []
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
