import Foundation
import RiskCore
import TerminalUI

/// The filter and command line reducer: editing the line and running what Enter submits.
extension AppState {
    mutating func handlePrompt(_ key: Key) -> [Effect] {
        guard var p = prompt.take() else { return [] }
        switch key {
        case .escape:
            guard p.kind == .filter else { return [] }
            // The filter was applied as it was typed: Esc puts back the one the prompt opened with.
            return confirmSearch(queue.textBeforePrompt.take() ?? queue.filter.text)
        case .enter:
            let text = p.field.text.trimmingCharacters(in: .whitespaces)
            if p.kind == .filter {
                // Already applied as it was typed; Enter keeps it.
                queue.textBeforePrompt = nil
                return confirmSearch(text)
            }
            return runCommand(text)
        case .control("c"):
            prompt = p
            shouldQuit = true
            return []
        default:
            _ = p.field.handle(key)
            prompt = p
            return p.kind == .filter ? search(p.field.text.trimmingCharacters(in: .whitespaces)) : []
        }
    }

    /// Leaves the prompt filtering by `text`. Keys after it act on the filtered rows, so when that page has not
    /// arrived yet the search is asked for again holding keys (as any move of the window does).
    mutating func confirmSearch(_ text: String) -> [Effect] {
        let effects = search(text)
        guard queue.shownSearchGeneration != queue.searchGeneration else { return effects }
        return [.searchQueue(generation: queue.searchGeneration, confirmed: true)]
            + effects.filter { if case .searchQueue = $0 { false } else { true } }
    }

    /// Filters the queue by `text` as typed: a new search generation whose first page and count are asked for
    /// without holding keys (each supersedes the one before). Nothing when the text is what is already shown.
    mutating func search(_ text: String) -> [Effect] {
        guard text != queue.filter.text else { return [] }
        queue.filter.text = text
        queue.searchGeneration += 1
        queue.matchCount = nil
        return [.searchQueue(generation: queue.searchGeneration, confirmed: false),
                .countQueueMatches(generation: queue.searchGeneration)]
    }

    /// `:assign USER`: the selected alert to `USER`. Whether this person may assign to that one (supervisors anyone who
    /// works alerts, officers only themselves) is the lifecycle's rule, asked by the store when it writes.
    mutating func assignSelectedAlert(to name: String) -> [Effect] {
        guard !name.isEmpty, !name.contains(" ") else { say(":assign needs one user name, e.g. :assign li.na", error: true); return [] }
        if let reason = availability(of: .acknowledgeAlert).unavailableReason { say(reason, error: true); return [] }
        guard let alert = alerts.selectedAlert else { say("no alert selected: :assign works on the alerts pane's selection", error: true); return [] }
        return [.assignAlert(id: alert.id, version: alert.version, to: name)]
    }

    /// `:goto APP-ID`, `:theme NAME`, `:stage S|all`, `:grade G|all`, `:alerts mine|unassigned|critical|calls|all`,
    /// `:assign USER`, `:calls`, `:as USER`, `:settings`, `:quit`.
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
        case "alerts":
            let word = argument.isEmpty ? "all" : argument.lowercased()
            guard let choice = AlertsFilterChoice(rawValue: word) else {
                say("unknown alert filter '\(PlainText.escaped(argument))'; try mine, unassigned, critical, calls or all", error: true)
                return []
            }
            return showAlerts(choice)
        case "assign":
            return assignSelectedAlert(to: argument)
        case "calls":
            return [.loadCalls(refresh: false)]
        case "models":
            return [.loadModels(refresh: false)]
        case "rollback", "reveal":
            return supervisorLine(name, argument: argument)
        case "reset", "tour":  // training mode (TrainingReducer.swift)
            return trainingCommand(name, argument)
        default:
            say("unknown command ':\(PlainText.escaped(name))'; try :goto, :stage, :grade, :alerts, :assign, :calls, :models, :rollback, :reveal, :theme, :as, :settings, :tour, :reset or :quit", error: true)
        }
        return []
    }
}
