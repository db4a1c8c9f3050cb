import Foundation
import GRDB
import RiskCore

/// One step a margin-call review or desk action wrote: the audit action (`margin_call.open` …) and the call after it.
public struct MarginCallEvent: Hashable, Sendable {
    public var action: String
    public var call: MarginCall
}

/// A live margin call with its account's ratio now, the cushion to each line and the deadline (the `:calls` view).
public struct OpenMarginCall: Hashable, Sendable {
    public var call: MarginCall
    public var customerID: String
    public var ratio: BasisPoints?
    /// To the warning line, then to the close-out line.
    public var cushions: [MarginCushion]
}

extension RiskStore {
    // MARK: Reading

    /// The margin-call policy from the stored settings.
    static func marginCallPolicy(_ db: Database) throws -> MarginCallPolicy {
        let stored = try storedSettings(db)
        return try settingRuling { () throws(SettingError) in try DeskSettings.marginCallPolicy(from: stored) }
    }

    /// Margin accounts with their positions valued at last prices; every account when `ids` is nil.
    static func marginAccounts(_ ids: [String]?, _ db: Database) throws -> [MarginAccount] {
        var accountSQL = "SELECT * FROM accounts"
        var positionSQL = """
            SELECT p.account_id, p.quantity, p.financed_cost_fen, i.* FROM positions p JOIN instruments i ON i.code = p.code
            """
        var arguments = StatementArguments()
        if let ids {
            guard !ids.isEmpty else { return [] }
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            accountSQL += " WHERE id IN (\(marks))"
            positionSQL += " WHERE p.account_id IN (\(marks))"
            arguments = StatementArguments(ids)
        }
        var positions: [String: [Position]] = [:]
        for row in try Row.fetchAll(db, sql: positionSQL + " ORDER BY p.account_id, p.code", arguments: arguments) {
            let r = StrictRow(row, table: "positions", key: "code")
            positions[try r.string("account_id"), default: []].append(
                Position(instrument: try Rows.instrument(row), quantity: try r.positionFactor("quantity"),
                         financedCost: try r.money("financed_cost_fen")))
        }
        return try Row.fetchAll(db, sql: accountSQL + " ORDER BY id", arguments: arguments).map { row in
            let id = try StrictRow(row, table: "accounts", key: "id").string("id")
            return try Rows.marginAccount(row, positions: positions[id] ?? [])
        }
    }

    static func marginAccount(_ id: String, _ db: Database) throws -> MarginAccount {
        guard let account = try marginAccounts([id], db).first else { throw StoreError.notFound("no account \(id)") }
        return account
    }

    static func marginCall(_ row: Row) throws -> MarginCall {
        let r = StrictRow(row, table: "margin_calls", key: "id")
        return MarginCall(id: try r.int64("id"), accountID: try r.string("account_id"), openedAt: try r.date("opened_at"),
                          ratioAtOpen: BasisPoints(try r.int("ratio_at_open_bp")), amountAtOpen: try r.money("amount_at_open_fen"),
                          ratio: BasisPoints(try r.int("ratio_bp")), topUp: try r.money("top_up_fen"),
                          reduction: try r.optionalMoney("reduction_fen"), deadline: try r.date("deadline"),
                          state: try r.enumeration("state", MarginCallState.self), metAt: try r.optionalDate("met_at"),
                          metHow: try r.optionalEnumeration("met_how", MarginCallMet.self),
                          extensions: try r.int("extensions", in: 0...Int(Int32.max)), extendedBy: try r.optionalString("extended_by"),
                          extensionReason: try r.optionalString("extension_reason"), closedOutAt: try r.optionalDate("closed_out_at"),
                          protectedUntil: row.hasColumn("protected_until") ? try r.optionalDate("protected_until") : nil)
    }

    static func liveMarginCalls(_ accountIDs: [String], _ db: Database) throws -> [String: MarginCall] {
        guard !accountIDs.isEmpty else { return [:] }
        var calls: [String: MarginCall] = [:]
        // Chunked so a batch of any size stays under SQLite's variable limit.
        for start in stride(from: 0, to: accountIDs.count, by: 500) {
            let chunk = Array(accountIDs[start..<min(start + 500, accountIDs.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT * FROM margin_calls WHERE state IN ('open','overdue') AND account_id IN (\(marks))",
                                        arguments: StatementArguments(chunk)) {
                let call = try marginCall(row)
                calls[call.accountID] = call
            }
        }
        return calls
    }

    /// False on a file opened read-only before `v11-margin-calls`: it has no calls, and the readers say so.
    static func hasMarginCalls(_ db: Database) throws -> Bool { try db.tableExists("margin_calls") }

    /// One call by id.
    public func marginCall(id: Int64) throws(StoreError) -> MarginCall? {
        try read { db in
            guard try Self.hasMarginCalls(db) else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM margin_calls WHERE id = ?", arguments: [id]).map(Self.marginCall)
        }
    }

    /// Every live call (open or overdue), soonest deadline first, with its account's ratio and cushions now.
    public func openMarginCalls() throws(StoreError) -> [OpenMarginCall] {
        try read { db in
            guard try Self.hasMarginCalls(db) else { return [] }
            let calls = try Row.fetchAll(db, sql: "SELECT * FROM margin_calls WHERE state IN ('open','overdue') ORDER BY deadline, id")
                .map(Self.marginCall)
            let accounts = Dictionary(try Self.marginAccounts(calls.map(\.accountID), db).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return calls.compactMap { call in
                guard let account = accounts[call.accountID] else { return nil }
                return OpenMarginCall(call: call, customerID: account.customerID, ratio: MarginCallRules.ratio(of: account),
                                      cushions: MarginCallRules.cushions(of: account))
            }
        }
    }

    /// The daily margin-call record of an exchange day (UTC+8): every call live at some moment of that day — opened
    /// before its end and not met or closed out before its start — in opening order.
    public func marginCallRecord(on day: String) throws(StoreError) -> [MarginCall] {
        guard let bounds = MarginCallDeadline.bounds(ofDay: day) else {
            throw .invalidInput("'\(day)' is not a date; give YYYY-MM-DD")
        }
        return try read { db in
            guard try Self.hasMarginCalls(db) else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT * FROM margin_calls WHERE opened_at < ? AND COALESCE(met_at, closed_out_at, ?) >= ? ORDER BY opened_at, id
                """, arguments: [bounds.end.timeIntervalSince1970, bounds.end.timeIntervalSince1970, bounds.start.timeIntervalSince1970])
                .map(Self.marginCall)
        }
    }

    // MARK: Writing

    /// Writes a call (insert when it has no id) and its audit entry; returns the call with its id.
    static func save(_ call: MarginCall, action: String, actor: String, reason: String = "", before: [String: String] = [:],
                     at now: Date, _ db: Database) throws -> MarginCall {
        var call = call
        let arguments: StatementArguments = [call.accountID, call.openedAt.timeIntervalSince1970, call.ratioAtOpen.value, call.amountAtOpen.fen,
                                             call.ratio.value, call.topUp.fen, call.reduction?.fen, call.deadline.timeIntervalSince1970,
                                             call.state.rawValue, call.metAt?.timeIntervalSince1970, call.metHow?.rawValue, call.extensions,
                                             call.extendedBy, call.extensionReason, call.closedOutAt?.timeIntervalSince1970, now.timeIntervalSince1970]
        if let id = call.id {
            try db.cachedStatement(sql: """
                UPDATE margin_calls SET account_id = ?, opened_at = ?, ratio_at_open_bp = ?, amount_at_open_fen = ?, ratio_bp = ?,
                    top_up_fen = ?, reduction_fen = ?, deadline = ?, state = ?, met_at = ?, met_how = ?, extensions = ?, extended_by = ?,
                    extension_reason = ?, closed_out_at = ?, updated_at = ? WHERE id = ?
                """).execute(arguments: arguments + [id])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO margin_calls (account_id, opened_at, ratio_at_open_bp, amount_at_open_fen, ratio_bp, top_up_fen, reduction_fen,
                    deadline, state, met_at, met_how, extensions, extended_by, extension_reason, closed_out_at, updated_at, protected_until)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """).execute(arguments: arguments + [call.protectedUntil?.timeIntervalSince1970])
            call.id = db.lastInsertedRowID
        }
        try AuditChain.append(AuditRecord(actor: actor, action: action, subject: "account:\(call.accountID)", before: before,
                                          after: auditFields(call), reason: reason), at: now, db)
        return call
    }

    static func auditFields(_ call: MarginCall) -> [String: String] {
        var fields = ["call": call.id.map(String.init) ?? "", "state": call.state.rawValue, "ratio_bp": "\(call.ratio.value)",
                      "top_up_fen": "\(call.topUp.fen)", "deadline": AuditChain.timestamp(call.deadline)]
        if let reduction = call.reduction { fields["reduction_fen"] = "\(reduction.fen)" }
        if let how = call.metHow { fields["met_how"] = how.rawValue }
        if call.extensions > 0 { fields["extensions"] = "\(call.extensions)" }
        if let protected = call.protectedUntil { fields["protected_until"] = AuditChain.timestamp(protected) }
        return fields
    }

    /// Reviews the calls of `accounts` inside the caller's transaction (the feed engine calls this per batch with the
    /// accounts it revalued): opens, updates, marks met on recovery, turns overdue ones into close-out instructions,
    /// each with an audit entry. Returns what it wrote.
    static func reviewMarginCalls(_ accounts: [MarginAccount], at now: Date, by actor: String = "engine",
                                  metBy how: MarginCallMet = .recovered, _ db: Database) throws -> [MarginCallEvent] {
        let policy = try marginCallPolicy(db)
        let live = try liveMarginCalls(accounts.map(\.id), db)
        var events: [MarginCallEvent] = []
        for account in accounts {
            let current = live[account.id]
            let review = try callRuling { () throws(MarginCallError) in
                try MarginCallRules.review(current, account: account, at: now, policy: policy, metBy: how)
            }
            guard let call = review.call, let action = review.action else { continue }
            let saved = try save(call, action: action, actor: actor, before: current.map(auditFields) ?? [:], at: now, db)
            events.append(MarginCallEvent(action: action, call: saved))
        }
        return events
    }

    /// Reviews every account's call now, in one transaction (the CLI's `call review`, tests).
    @discardableResult
    public func reviewMarginCalls(at now: Date = Date(), by actor: String = "engine") throws(StoreError) -> [MarginCallEvent] {
        try write { db in try Self.reviewMarginCalls(try Self.marginAccounts(nil, db), at: now, by: actor, db) }
    }

    /// The acting user and the training flag, refused unless they may record a top-up or a reduction.
    private static func recorder(_ name: String, action: String, _ db: Database) throws -> User {
        let user = try requireUser(name, db)
        let training = try isTraining(db)
        try callRuling { () throws(MarginCallError) in try MarginCallRules.checkMayRecord(user, onTrainingData: training, action: action) }
        return user
    }

    /// Records the customer's cash top-up against the account's live call: a transfer in, the cash, an audit entry,
    /// then the call re-checked (met by top-up when it restores the recovery line, else its amount shrinks).
    @discardableResult
    public func topUp(account id: String, amount: Money, by actor: String, at now: Date = Date()) throws(StoreError) -> MarginCallEvent? {
        try write { db in
            _ = try Self.recorder(actor, action: "record a margin-call top-up", db)
            guard let call = try Self.liveMarginCalls([id], db)[id] else { throw StoreError.callRefused(.noLiveCall(accountID: id)) }
            let account = try Self.marginAccount(id, db)
            let after = try Self.callRuling { () throws(MarginCallError) in try MarginCallRules.toppedUp(account, amount: amount) }
            try db.execute(sql: "INSERT INTO transfers (account_id, at, amount_fen, direction, counterparty) VALUES (?,?,?,'in','margin call top-up')",
                           arguments: [id, now.timeIntervalSince1970, amount.fen])
            try db.execute(sql: "UPDATE accounts SET cash_fen = ? WHERE id = ?", arguments: [after.cash.fen, id])
            try AuditChain.append(AuditRecord(actor: actor, action: "account.top_up", subject: "account:\(id)",
                                              before: ["cash_fen": "\(account.cash.fen)"],
                                              after: ["cash_fen": "\(after.cash.fen)", "amount_fen": "\(amount.fen)", "call": "\(call.id ?? 0)"],
                                              reason: "margin call top-up"), at: now, db)
            return try Self.reviewMarginCalls([after], at: now, by: actor, metBy: .topUp, db).first
        }
    }

    /// Sells `quantity` of `code` at its last price against the account's live call and repays financing with the
    /// proceeds (see `MarginCallRules.reduced`), with an audit entry, then re-checks the call (met by reduction when
    /// it restores the recovery line).
    public func reduce(account id: String, code: String, quantity: Int64, by actor: String,
                       at now: Date = Date()) throws(StoreError) -> (reduction: MarginCallRules.Reduction, event: MarginCallEvent?) {
        try write { db in
            _ = try Self.recorder(actor, action: "record a margin-call reduction", db)
            guard let call = try Self.liveMarginCalls([id], db)[id] else { throw StoreError.callRefused(.noLiveCall(accountID: id)) }
            let account = try Self.marginAccount(id, db)
            let sale = try Self.callRuling { () throws(MarginCallError) in
                try MarginCallRules.reduced(account, code: code, quantity: quantity)
            }
            let left = sale.account.positions.first { $0.instrument.code == code }
            if let left {
                try db.execute(sql: "UPDATE positions SET quantity = ?, financed_cost_fen = ? WHERE account_id = ? AND code = ?",
                               arguments: [left.quantity, left.financedCost.fen, id, code])
            } else {
                try db.execute(sql: "DELETE FROM positions WHERE account_id = ? AND code = ?", arguments: [id, code])
            }
            try db.execute(sql: "UPDATE accounts SET cash_fen = ?, financed_fen = ? WHERE id = ?",
                           arguments: [sale.account.cash.fen, sale.account.financed.fen, id])
            try AuditChain.append(AuditRecord(actor: actor, action: "account.reduce", subject: "account:\(id)",
                                              before: ["cash_fen": "\(account.cash.fen)", "financed_fen": "\(account.financed.fen)"],
                                              after: ["cash_fen": "\(sale.account.cash.fen)", "financed_fen": "\(sale.account.financed.fen)",
                                                      "sold": "\(quantity) \(code) at \(sale.price.fen) fen", "call": "\(call.id ?? 0)"],
                                              reason: "margin call reduction"), at: now, db)
            let event = try Self.reviewMarginCalls([sale.account], at: now, by: actor, metBy: .reduction, db).first
            return (sale, event)
        }
    }

    /// A supervisor extends a live call by `days` trading days with a reason; audited with the reason.
    @discardableResult
    public func extendMarginCall(id: Int64, by actor: String, days: Int, reason: String, at now: Date = Date()) throws(StoreError) -> MarginCall {
        try write { db in
            let user = try Self.requireUser(actor, db)
            let training = try Self.isTraining(db)
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM margin_calls WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("no margin call \(id)")
            }
            let call = try Self.marginCall(row)
            let policy = try Self.marginCallPolicy(db)
            let extended = try Self.callRuling { () throws(MarginCallError) in
                try MarginCallRules.extend(call, by: user, onTrainingData: training, days: days, reason: reason, policy: policy, at: now)
            }
            return try Self.save(extended, action: "margin_call.extend", actor: actor, reason: extended.extensionReason ?? reason,
                                 before: Self.auditFields(call), at: now, db)
        }
    }
}
