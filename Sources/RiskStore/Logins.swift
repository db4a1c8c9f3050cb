import Foundation
import GRDB
import RiskCore

/// One login-to-user binding.
public struct LoginMapping: Hashable, Sendable {
    public var login: String
    public var userName: String
    public var mappedBy: String
    public var mappedAt: Date
}

extension RiskStore {
    /// The desk users `login` may act as, by name.
    public func mappedUsers(login: String) throws(StoreError) -> [String] {
        try read { db in try Self.mappedUsers(login: login, db) }
    }

    static func mappedUsers(login: String, _ db: Database) throws -> [String] {
        // A file opened read-only before its migration to logins has no mappings yet.
        guard try db.tableExists("user_logins") else { return [] }
        return try String.fetchAll(db, sql: "SELECT user_name FROM user_logins WHERE login = ? ORDER BY user_name", arguments: [login])
    }

    /// Every binding, for `riskdesk users`.
    public func loginMappings() throws(StoreError) -> [LoginMapping] {
        try read { db in
            guard try db.tableExists("user_logins") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM user_logins ORDER BY user_name, login").map { row in
                let r = StrictRow(row, table: "user_logins", key: "login")
                return LoginMapping(login: try r.string("login"), userName: try r.string("user_name"),
                                    mappedBy: try r.string("mapped_by"), mappedAt: try r.date("mapped_at"))
            }
        }
    }

    /// The desk user this process acts as: the one its login maps to; `requested` must name that user, except on
    /// training data (see `Identity.actingUser`).
    public func actingUser(requested: String?, fallback: String? = nil) throws(StoreError) -> User {
        try read { db in
            let mapped = try Self.mappedUsers(login: login, db)
            let training = try Self.isTraining(db)
            let name = try Self.ruling { () throws(DecisionError) in
                try Identity.actingUser(login: login, requested: requested, mapped: mapped, isTrainingData: training, fallback: fallback)
            }
            return try Self.requireUser(name, db)
        }
    }

    /// Maps `login` to the desk user `userName`, as the user this process's login acts as (a supervisor), audited.
    public func mapLogin(_ login: String, to userName: String, actingAs requested: String? = nil,
                         at now: Date = Date()) throws(StoreError) {
        guard Identity.isValidLogin(login) else {
            throw .invalidInput("'\(login)' is not a login name (letters, digits, . _ -; at most 64)")
        }
        try write { db in
            let target = try Self.requireUser(userName, db)
            let training = try Self.isTraining(db)
            let anyMapping = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user_logins)") ?? false
            let myUsers = try Self.mappedUsers(login: self.login, db)
            var actor: User?
            if anyMapping {
                let name = try Self.ruling { () throws(DecisionError) in
                    try Identity.actingUser(login: self.login, requested: requested, mapped: myUsers, isTrainingData: training)
                }
                actor = try Self.requireUser(name, db)
            }
            let actingUser = actor
            try Self.ruling { () throws(DecisionError) in
                try Identity.mayMapLogins(actor: actingUser, target: target, anyMappingExists: anyMapping, isTrainingData: training)
            }
            let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user_logins WHERE login = ? AND user_name = ?)",
                                           arguments: [login, target.name]) ?? false
            guard !exists else { throw StoreError.invalidInput("\(login) is already mapped to \(target.name)") }
            let by = actor?.name ?? "bootstrap:\(self.login)"
            try db.execute(sql: "INSERT INTO user_logins (login, user_name, mapped_by, mapped_at) VALUES (?,?,?,?)",
                           arguments: [login, target.name, by, now.timeIntervalSince1970])
            try AuditChain.append(AuditRecord(actor: actor?.name ?? target.name, action: "identity.map", subject: "login:\(login)",
                                              after: ["user": target.name],
                                              reason: anyMapping ? "" : "bootstrap: the first login mapping, made from login \(self.login)"),
                                  at: now, db)
        }
    }
}
