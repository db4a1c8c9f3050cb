import ArgumentParser
import Foundation
import RiskCore
import RiskStore

struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide an application as a user, through the same rules as the console.",
        discussion: "Refused (exit 3) when the role, the user's limit, four eyes, a claim or a stale version forbids it; nothing is written then.")

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case approve, approveWith = "approve-with", reject, requestInfo = "request-info", escalate, rollback
    }

    @Option(help: "Database file.") var db: String
    @Option(help: "Who decides: the desk user your login is mapped to (needed only when it maps to several). On training data, any user.") var user: String?
    @Argument(help: "Application id.") var applicationID: String
    @Argument(help: "approve | approve-with | reject | request-info | escalate | rollback") var action: Action
    @Option(help: "Approved line for approve-with, e.g. 500000, 500k, ¥1.2m.") var line: String?
    @Option(help: "Approved leverage for approve-with, e.g. 2.0.") var leverage: String?
    @Option(help: "Reason code for reject (R01–R08).") var reason: String?
    @Option(help: "Note (required for request-info, escalate, rollback), at most 2,000 characters.") var note: String = ""
    @Option(name: .customLong("price-override"), help: "Change to the quoted rate in bp, within ±300 (beyond ±50 a different supervisor must approve it).") var priceOverride: Int?
    @ArgumentParser.Flag(name: .customLong("second"), help: "Give the second approval (four eyes) to the terms a different approver proposed. Without it, approve means a first approval and is refused on an application that already has one.") var second = false
    @Option(name: .customLong("expect-version"), help: "Fail if the application's version differs (default: current).") var expectVersion: Int?

    func validate() throws {
        // Overflow-safe range check before anything computes with the number (|Int.min| does not exist).
        if let priceOverride, priceOverride < -10_000 || priceOverride > 10_000 {
            throw ValidationError("--price-override: \(priceOverride) bp is not a rate change; give basis points within ±10000 (the policy allows ±300)")
        }
        do throws(NoteError) { _ = try Note.validated(note) } catch { throw ValidationError("--note: \(error.description)") }
        if second && action != .approve && action != .approveWith {
            throw ValidationError("--second goes with approve or approve-with")
        }
        if let line { do { _ = try Money.parsing(line) } catch { throw ValidationError("--line: \(error.message)") } }
        if let leverage { do { _ = try Leverage.parsing(leverage) } catch { throw ValidationError("--leverage: \(error.message)") } }
        if action == .approveWith && line == nil && leverage == nil {
            throw ValidationError("approve-with needs --line and/or --leverage")
        }
        if action == .reject {
            guard let reason else {
                throw ValidationError("reject needs --reason; one of: " + ReasonCode.rejectionReasons.map { "\($0.code) (\($0.text))" }.joined(separator: ", "))
            }
            guard ReasonCode.rejection(reason) != nil else {
                throw ValidationError("unknown reason code '\(reason)'; one of: " + ReasonCode.rejectionReasons.map(\.code).joined(separator: ", "))
            }
        }
    }

    func run() throws {
        let store = try openStore(db)
        do {
            let actor = try store.actingUser(requested: user)
            guard let app = try store.application(applicationID) else { throw StoreError.refused(.unknownApplication(applicationID)) }
            let kind: DecisionKind
            switch action {
            case .approve: kind = .approve
            case .approveWith:
                kind = .approveWithConditions(line: line.flatMap(Money.parse) ?? app.requestedLine,
                                              leverage: leverage.flatMap(Leverage.parse) ?? app.requestedLeverage)
            case .reject: kind = .reject(reason.flatMap(ReasonCode.rejection) ?? ReasonCode(code: "", text: ""))
            case .requestInfo: kind = .requestInfo
            case .escalate: kind = .escalate
            case .rollback: kind = .rollback
            }
            let outcome = try store.apply(DecisionRequest(
                applicationID: app.id, kind: kind, actor: actor.name, note: note, expectedVersion: expectVersion ?? app.version,
                priceOverride: priceOverride.map(BasisPoints.init), intent: second ? .second : .first))
            print(PlainText.escaped("\(app.id): \(outcome.summary) (\(outcome.from.label) → \(outcome.to.label))"))
        } catch let error as StoreError {
            throw Exit.report(error)
        }
    }
}
