import Foundation
import RiskCore
@testable import RiskDeskApp
import RiskStore
import Testing
import TerminalUI

/// `riskdesk demo --record` / `--play`: a session logged as replayable commands and played into a fresh copy.
@Suite("training mode: record and play", .serialized)
struct RecordPlayTests {
    /// Decisions as the officer (approve, reject, escalate), a persona switch, and alert steps as the supervisor.
    static func lesson(on desk: TrainingHarness) throws -> (approved: String, rejected: String, escalated: String) {
        let approve = try desk.freeApplication(upTo: Money(yuan: 900_000))
        let reject = try desk.freeApplication(upTo: Money(yuan: 900_000), skipping: [approve])
        let escalate = try desk.freeApplication(upTo: Money(yuan: 900_000), skipping: [approve, reject])
        desk.command("as wang.fang")
        desk.command("goto \(approve)")
        desk.press(.character("a"), .enter)
        desk.command("goto \(reject)")
        desk.press(.character("x"), .enter)
        desk.command("goto \(escalate)")
        desk.press(.character("e"))
        desk.type("needs a <second> look")
        desk.press(.enter)
        desk.command("as zhao.min")
        desk.press(.character("3"), .character("A"), .character("j"), .character("A"), .character("1"), .character("q"))
        return (approve, reject, escalate)
    }

    /// What the test compares: every person's audit record (decisions, claims, alert steps, persona-free), the
    /// stage and version of the applications worked, and the open alerts' states and versions.
    static func finalState(_ desk: TrainingHarness, _ ids: [String]) throws -> [String] {
        func text(_ fields: [String: String]) -> String { fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
        var lines = try desk.store.peopleActions(after: desk.startMark).map {
            "\($0.actor) \($0.action) \($0.subject) \(text($0.before)) \(text($0.after)) \($0.reason)"
        }
        for id in ids {
            let app = try #require(try desk.store.application(id))
            lines.append("\(id) \(app.stage.rawValue) v\(app.version)")
            lines += try desk.store.decisions(for: id).map { "\(id) \($0.actor) \($0.kind) \($0.note)" }
        }
        lines += try desk.store.openAlerts(limit: 500, now: fixedNow).map { "alert \($0.id) \($0.state) v\($0.version) \($0.acknowledgedBy ?? "-")" }
        return lines
    }

    @Test("a recorded session replayed into a fresh copy reaches the same final state")
    func roundTrip() throws {
        let recording = try TrainingHarness(recording: true)
        let ids = try Self.lesson(on: recording)
        recording.runtime.recorder?.finish()
        let text = recording.recordedLines.joined(separator: "\n")
        let script = try CommandScript.parse(text)
        #expect(script.header.user == "trainer" && !script.header.feed)
        // The log reads as commands: the persona switch, the goto and the typed note are whole lines.
        #expect(script.commands.contains { $0.command == ":as zhao.min" && $0.persona == "wang.fang" })
        let escalation = try #require(script.commands.first { $0.command == "e" })
        #expect(escalation.subject == ids.escalated && escalation.pane == "queue" && escalation.persona == "wang.fang")
        #expect(escalation.input == "needs a <lt>second> look<Enter>")
        #expect(script.commands.contains { $0.command == "A" && $0.pane == "alerts" && $0.subject != nil })
        #expect(!script.commands.contains { $0.command == "q" }, "quitting is not recorded")
        let worked = [ids.approved, ids.rejected, ids.escalated]
        let recorded = try Self.finalState(recording, worked)
        #expect(try recording.store.application(ids.approved)?.stage != .manualReview)
        #expect(try recording.store.application(ids.rejected)?.stage == .rejected)
        #expect(try recording.store.application(ids.escalated)?.stage == .escalated)

        let replay = try TrainingHarness()
        #expect(try Self.finalState(replay, worked) != recorded, "a fresh copy starts without the lesson")
        #expect(replay.runtime.play(script) == nil)
        let replayed = try Self.finalState(replay, worked)
        let onlyRecorded = recorded.filter { !replayed.contains($0) }, onlyReplayed = replayed.filter { !recorded.contains($0) }
        #expect(onlyRecorded.isEmpty && onlyReplayed.isEmpty && replayed.count == recorded.count, "\(onlyRecorded) vs \(onlyReplayed)")
        #expect(recorded.count > 10, "the comparison covers the lesson's records")
        #expect(replay.state.user.name == "zhao.min" && !replay.state.shouldQuit, "the console stays usable after the replay")
    }

    @Test("the replay selects each subject by its id, so it acts on the same applications after rows moved")
    func subjectsByID() throws {
        let recording = try TrainingHarness(recording: true)
        let ids = try Self.lesson(on: recording)
        recording.runtime.recorder?.finish()
        let script = try CommandScript.parse(recording.recordedLines.joined(separator: "\n"))

        let replay = try TrainingHarness()
        // Another desk works the top of the queue first: every row below moves up.
        let worked = [ids.approved, ids.rejected, ids.escalated]
        let top = try #require(try replay.store.approvalQueue(limit: 50).rows.first {
            !worked.contains($0.application.id) && $0.application.claimHolder(at: fixedNow) == nil
        }).application
        _ = try replay.store.apply(DecisionRequest(applicationID: top.id, kind: .reject(ReasonCode.rejectionReasons[0]), actor: "zhao.min", note: "",
                                                   expectedVersion: top.version), at: fixedNow)
        replay.poll()
        #expect(replay.runtime.play(script) == nil)
        #expect(try replay.store.application(ids.rejected)?.stage == .rejected)
        #expect(try replay.store.application(ids.escalated)?.stage == .escalated)
        #expect(try replay.store.decisions(for: ids.approved).last?.actor == "wang.fang")
    }

    @Test("an alert the recording saw on its first page but the replay lists further down is found by paging, then acted on")
    func alertFoundByPaging() throws {
        let desk = try TrainingHarness()
        let rows = try desk.store.openAlerts(after: nil, limit: 40, now: fixedNow)
        #expect(desk.state.alerts.pageSize < 30, "the alert is beyond the first page")
        let alert = try #require(rows.count > 30 ? rows[30].alert : nil)
        #expect(alert.state == .open)
        let script = CommandScript(header: RecordingHeader(user: "trainer"), commands: [
            RecordedCommand(t: 0, persona: "zhao.min", pane: "alerts", subject: String(alert.id), command: "A"),
        ])
        #expect(desk.runtime.play(script) == nil)
        #expect(desk.state.user.name == "zhao.min")
        let after = try #require(try desk.store.alert(alert.id))
        #expect(after.state == .acknowledged && after.acknowledgedBy == "zhao.min")
    }

    @Test("a line whose subject is gone stops the replay with its line number and the reason")
    func missingSubject() throws {
        let script = CommandScript(header: RecordingHeader(user: "trainer"), commands: [
            RecordedCommand(t: 0, persona: "trainer", pane: "queue", subject: nil, command: ":as wang.fang"),
            RecordedCommand(t: 1, persona: "wang.fang", pane: "queue", subject: "APP-999999", command: "a", input: "<Enter>"),
        ])
        let desk = try TrainingHarness()
        let failure = try #require(desk.runtime.play(script))
        #expect(failure.line == 3)
        #expect(failure.description == "cannot replay line 3: application APP-999999 is not in the queue")
        #expect(desk.state.dialog == nil, "nothing was approved")
    }

    @Test("the file is checked as it is read: header, version, each line, with the line number")
    func parseErrors() {
        func error(_ text: String) -> String? {
            do { _ = try CommandScript.parse(text); return nil } catch { return error.description }
        }
        let header = #"{"feed":false,"format":"riskdesk-cmdlog","user":"trainer","version":1}"#
        let good = #"{"command":"j","input":"","pane":"queue","persona":"trainer","subject":"APP-000001","t":0.5}"#
        #expect(error("") == "line 1: the file is empty: a command log starts with its header line")
        #expect(error("hello\n" + good)?.hasPrefix("line 1: not a riskdesk command log header") == true)
        #expect(error(header.replacingOccurrences(of: "\"version\":1", with: "\"version\":2"))
                == "line 1: format version 2 is not supported (this riskdesk reads version 1)")
        #expect(error([header, good, "{oops"].joined(separator: "\n"))?.hasPrefix("line 3: not a recorded command") == true)
        #expect(error([header, good.replacingOccurrences(of: "\"queue\"", with: "\"kitchen\"")].joined(separator: "\n"))?
            .hasPrefix("line 2: unknown pane 'kitchen'") == true)
        #expect(error([header, good.replacingOccurrences(of: "\"input\":\"\"", with: "\"input\":\"<Hyper>\"")].joined(separator: "\n"))
                == "line 2: unknown key <Hyper>")
        #expect(error([header, good, "", good.replacingOccurrences(of: "0.5", with: "0.25")].joined(separator: "\n"))
                == "line 4: t goes back in time (0.25 after 0.5)")
        let parsed = try? CommandScript.parse([header, good].joined(separator: "\n"))
        #expect(parsed?.commands.first?.subject == "APP-000001")
        #expect(parsed.map { try? CommandScript.parse($0.text) } == parsed, "written and read back, the same")
    }

    @Test("keys as tokens: characters stand for themselves, named keys in angle brackets, < as <lt>")
    func keyTokens() throws {
        let keys: [Key] = [.character("a"), .enter, .escape, .tab, .backTab, .control("c"), .function(2), .character("<"), .character("张")]
        let text = keys.compactMap(KeyTokens.token(for:)).joined()
        #expect(text == "a<Enter><Esc><Tab><S-Tab><C-c><F2><lt>张")
        #expect(try KeyTokens.keys(from: text) == keys)
        #expect(KeyTokens.token(for: .resize) == nil)
    }
}
