import Foundation

/// Who is at the keyboard: desk users are bound to operating-system logins, as PostgreSQL's peer authentication
/// binds database roles to system users. A process acts as the desk user its login is mapped to; naming another
/// user is refused, except on a database marked as training data, where a trainer switches personas freely.
public enum Identity {
    /// The desk user a process with `login` acts as.
    /// - Parameters:
    ///   - requested: the name given with `--user` or `:as`, if any.
    ///   - mapped: the desk users `login` is mapped to, in a stable order.
    ///   - fallback: on training data with nothing named or mapped, who to act as (the demo's trainer).
    public static func actingUser(login: String, requested: String?, mapped: [String], isTrainingData: Bool,
                                  fallback: String? = nil) throws(DecisionError) -> String {
        let named = requested?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if isTrainingData {
            if let named { return named }
            if let first = mapped.first { return first }
            if let fallback { return fallback }
            throw .loginNotMapped(login: login)
        }
        if let named {
            guard mapped.contains(named) else { throw .notYourIdentity(login: login, requested: named, allowed: mapped) }
            return named
        }
        switch mapped.count {
        case 0: throw .loginNotMapped(login: login)
        case 1: return mapped[0]
        default: throw .ambiguousLogin(login: login, users: mapped)
        }
    }

    /// Whether `actor` may map logins to desk users. A supervisor may (a trainer on training data); on a database
    /// where no login is mapped yet, the first mapping may be made by anyone at the machine, but only to a
    /// supervisor, who then maps everybody else (the bootstrap; its audit entry says so).
    public static func mayMapLogins(actor: User?, target: User, anyMappingExists: Bool,
                                    isTrainingData: Bool) throws(DecisionError) {
        if !anyMappingExists {
            guard target.role == .supervisor || (isTrainingData && target.role == .trainer) else {
                throw .bootstrapNeedsSupervisor(user: target.name)
            }
            return
        }
        guard let actor else { throw .loginNotMapped(login: "") }
        guard actor.actsAsSupervisor(onTrainingData: isTrainingData) else {
            throw .notPermitted(user: actor.name, role: actor.role, action: "map logins to desk users")
        }
    }

    /// A login as the system spells it: letters, digits and `._-`, at most 64 characters, not starting with `-`.
    public static func isValidLogin(_ login: String) -> Bool {
        guard !login.isEmpty, login.count <= 64, !login.hasPrefix("-") else { return false }
        return login.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
