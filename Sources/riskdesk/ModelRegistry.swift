import ArgumentParser
import Foundation
import RiskCore
import RiskDeskApp
import RiskStore

/// `riskdesk model list|show|export|import|challenge|propose|rollback|approve|withdraw`: the registry and its four-eyes
/// approvals. Writing commands act as the desk user the login maps to (`--user` only on training data).
enum ModelRegistryCommands {
    /// Runs `body`, turning a store error into the documented exit code.
    static func run(_ body: () throws(StoreError) -> Void) throws {
        do throws(StoreError) { try body() } catch { throw Exit.report(error) }
    }
}

struct ModelList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every model version: target, status, trained, AUC, KS and any pending proposal.")
    @Option(help: "Database file.") var db: String
    @ArgumentParser.Flag(help: "JSON instead of a table.") var json = false

    func run() throws {
        let store = try openStore(db, readOnly: true)
        try ModelRegistryCommands.run { () throws(StoreError) in
            let versions = try store.modelVersions()
            let proposals = try store.modelProposals(pendingOnly: true)
            print(json ? ModelRegistryReport.listJSON(versions, proposals: proposals)
                       : ModelRegistryReport.list(versions, proposals: proposals))
        }
    }
}

struct ModelShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A version's card: scaling, window, content hash, and each characteristic's bins with WOE and points.")
    @Option(help: "Database file.") var db: String
    @Argument(help: "Model version, e.g. sc-2026.1.") var version: String

    func run() throws {
        let store = try openStore(db, readOnly: true)
        try ModelRegistryCommands.run { () throws(StoreError) in
            guard let model = try store.storedModel(version) else { throw .modelRefused(.unknownVersion(version)) }
            print(ModelRegistryReport.show(model))
        }
    }
}

struct ModelExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a version's card as JSON (importable elsewhere with `model import`).")
    @Option(help: "Database file.") var db: String
    @Option(help: "Where to write the card; refuses an existing file unless --force.") var out: String
    @ArgumentParser.Flag(help: "Overwrite --out if it exists.") var force = false
    @Argument(help: "Model version.") var version: String

    func run() throws {
        let store = try openStore(db, readOnly: true)
        var card: Scorecard?
        try ModelRegistryCommands.run { () throws(StoreError) in
            guard let model = try store.storedModel(version) else { throw .modelRefused(.unknownVersion(version)) }
            guard let stored = model.card else { throw .modelRefused(.noCard(version: version)) }
            card = stored
        }
        guard let card else { return }
        if FileManager.default.fileExists(atPath: out) && !force {
            printError("\(out) already exists; pass --force to overwrite it")
            throw Exit.refused
        }
        do { try card.exportedJSON().write(to: URL(fileURLWithPath: out)) } catch {
            printError("cannot write \(out): \(error.localizedDescription)")
            throw Exit.dataError
        }
        print("wrote \(card.version) (\(card.characteristics.count) characteristics) to \(out)")
    }
}

struct ModelImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Register a card file as a candidate (a supervisor); a tampered card or a version already present is refused.")
    @Option(help: "Database file.") var db: String
    @Option(help: "Who imports it (on training data, any user).") var user: String?
    @Argument(help: "A card exported by `model export` or `model train --out`.") var file: String

    func run() throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            printError("cannot read \(file): \(error.localizedDescription)")
            throw Exit.dataError
        }
        let card: Scorecard
        do throws(ScorecardFormatError) { card = try Scorecard.imported(from: data) } catch {
            printError("\(file): \(error.description)")
            throw Exit.dataError
        }
        let store = try openStore(db)
        try ModelRegistryCommands.run { () throws(StoreError) in
            let actor = try store.actingUser(requested: user)
            try store.importScorecard(card, by: actor.name)
            let unknown = FeatureCatalog.unknownFeatures(of: card)
            print("imported \(card.version) (\(card.target.code), \(card.characteristics.count) characteristics) as a candidate by \(actor.name)"
                  + (unknown.isEmpty ? "" : "; it reads \(unknown.joined(separator: ", ")), which the desk cannot score live"))
        }
    }
}

struct ModelChallenge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "challenge", abstract: "Make a candidate the challenger of its target (scored in the shadow on new applications).")
    @Option(help: "Database file.") var db: String
    @Option(help: "Who (the user your login maps to; on training data, any user).") var user: String?
    @Option(help: "Why (required; recorded in the audit log).") var reason: String
    @Argument(help: "Candidate version.") var version: String

    func validate() throws { try checkReason(reason, why: "this card is made a challenger") }

    func run() throws {
        let store = try openStore(db)
        try ModelRegistryCommands.run { () throws(StoreError) in
            let actor = try store.actingUser(requested: user)
            try store.makeChallenger(version, by: actor.name, reason: reason)
            print("\(version) is the challenger (by \(actor.name)): new applications are scored by it in the shadow")
        }
    }
}

struct ModelPropose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose", abstract: "Propose a challenger for champion; a different supervisor approves it (`model approve ID`).")
    @Option(help: "Database file.") var db: String
    @Option(help: "Who proposes (the user your login maps to; on training data, any user).") var user: String?
    @Option(help: "Why (required; recorded in the audit log).") var reason: String
    @Argument(help: "Challenger version.") var version: String

    func validate() throws { try checkReason(reason, why: "this card should become champion") }

    func run() throws {
        let store = try openStore(db)
        try ModelRegistryCommands.run { () throws(StoreError) in
            let actor = try store.actingUser(requested: user)
            guard let model = try store.storedModel(version) else { throw .modelRefused(.unknownVersion(version)) }
            let proposal = try store.proposeModelSwitch(.promote, version: version, target: model.summary.target, by: actor.name,
                                                        reason: reason)
            print("proposal #\(proposal.id): promote \(version) to champion of \(proposal.target) (replacing \(proposal.replaces ?? "none")), "
                  + "by \(actor.name); a different supervisor approves with `riskdesk model approve \(proposal.id)`")
        }
    }
}

struct ModelRollback: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Propose rolling a target back to its previous champion; a different supervisor approves it.")
    @Option(help: "Database file.") var db: String
    @Option(help: "Who proposes (the user your login maps to; on training data, any user).") var user: String?
    @Option(help: "Target: default_12m or margin_call_30d.") var target = ModelTarget.default12m.code
    @Option(help: "Why (required; recorded in the audit log).") var reason: String

    func validate() throws {
        try checkReason(reason, why: "the champion should be rolled back")
        guard ModelTarget.desk(code: target) != nil else {
            throw ValidationError("--target must be \(ModelTarget.desk.map(\.code).joined(separator: " or "))")
        }
    }

    func run() throws {
        let store = try openStore(db)
        try ModelRegistryCommands.run { () throws(StoreError) in
            let actor = try store.actingUser(requested: user)
            let proposal = try store.proposeModelSwitch(.rollback, version: nil, target: target, by: actor.name, reason: reason)
            print("proposal #\(proposal.id): roll \(target) back from \(proposal.replaces ?? "none") to \(proposal.version), by \(actor.name); "
                  + "a different supervisor approves with `riskdesk model approve \(proposal.id)`")
        }
    }
}

struct ModelApprove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a pending proposal (a supervisor other than the proposer): the champion switches and pending applications are re-scored and re-priced.")
    @Option(help: "Database file.") var db: String
    @Option(help: "Who approves (the user your login maps to; on training data, any user).") var user: String?
    @Argument(help: "Proposal number (see `model list`).") var id: Int64

    func run() throws {
        let store = try openStore(db)
        try ModelRegistryCommands.run { () throws(StoreError) in
            let actor = try store.actingUser(requested: user)
            let result = try store.approveModelProposal(id, by: actor.name)
            print(ModelRegistryReport.switched(result, proposal: id) + " (approved by \(actor.name))")
        }
    }
}

struct ModelWithdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: "Withdraw a pending proposal (its proposer or another supervisor), with a reason.")
    @Option(help: "Database file.") var db: String
    @Option(help: "Who withdraws it (the user your login maps to; on training data, any user).") var user: String?
    @Option(help: "Why (required; recorded in the audit log).") var reason: String
    @Argument(help: "Proposal number.") var id: Int64

    func validate() throws { try checkReason(reason, why: "the proposal is withdrawn") }

    func run() throws {
        let store = try openStore(db)
        try ModelRegistryCommands.run { () throws(StoreError) in
            let actor = try store.actingUser(requested: user)
            try store.withdrawModelProposal(id, by: actor.name, reason: reason)
            print("proposal #\(id) withdrawn by \(actor.name)")
        }
    }
}
