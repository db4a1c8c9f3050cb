import Foundation

/// Why a margin-call step was refused; each case carries a message for a person.
public enum MarginCallError: Error, Equatable, Sendable, CustomStringConvertible {
    case notPermitted(user: String, role: Role, action: String)
    case reasonRequired
    case extensionNotLater(days: Int)
    case extensionTooLong(days: Int, maximum: Int)
    case notLive(id: Int64?, state: MarginCallState)
    case noLiveCall(accountID: String)
    case amountNotPositive(Money)
    case amountTooLarge(Money)
    case notHeld(accountID: String, code: String)
    case quantityNotPositive(Int64)
    case quantityExceedsHolding(code: String, held: Int64, requested: Int64)
    case noPrice(code: String)
    /// A figure does not fit in 64-bit fen: corrupt or absurd data, never computed around.
    case outOfRange(String)

    public var description: String {
        switch self {
        case let .notPermitted(user, role, action):
            "\(user) (\(role.rawValue)) may not \(action)"
        case .reasonRequired:
            "an extension needs a reason"
        case let .extensionNotLater(days):
            "an extension must move the deadline later: \(days) trading day\(days == 1 ? "" : "s") does not"
        case let .extensionTooLong(days, maximum):
            "an extension of \(days) trading days is beyond the most allowed (\(maximum)); close out or extend again later"
        case let .notLive(id, state):
            "margin call \(id.map(String.init) ?? "?") is \(state.rawValue.replacingOccurrences(of: "_", with: " ")), no longer open: nothing was written"
        case let .noLiveCall(accountID):
            "account \(accountID) has no open margin call"
        case let .amountNotPositive(amount):
            "a top-up must be more than ¥0.00, not \(amount.formatted)"
        case let .amountTooLarge(amount):
            "a top-up of \(amount.formatted) does not fit the account's cash (overflow)"
        case let .notHeld(accountID, code):
            "account \(accountID) holds no \(code)"
        case let .quantityNotPositive(quantity):
            "the quantity to sell must be at least 1, not \(quantity)"
        case let .quantityExceedsHolding(code, held, requested):
            "cannot sell \(requested) \(code): the account holds \(held)"
        case let .noPrice(code):
            "\(code) has no positive last price to sell at"
        case let .outOfRange(what):
            "\(what) is out of range"
        }
    }
}
