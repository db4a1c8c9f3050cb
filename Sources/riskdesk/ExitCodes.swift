import ArgumentParser
import Foundation
import RiskCore
import RiskStore

/// The documented exit codes.
enum Exit {
    static let refused = ExitCode(3)
    static let auditBroken = ExitCode(4)
    static let dataError = ExitCode(65)
    static let noTerminal = ExitCode(69)

    /// Prints a store error for a person on stderr and returns the exit code that fits it.
    static func report(_ error: StoreError) -> ExitCode {
        printError(error.description)
        switch error {
        case .refused(.unknownApplication), .refused(.unknownUser): return dataError
        case .refused(.overrideOutOfRange), .refused(.rateOutOfBounds): return .validationFailure
        case .callRefused(.outOfRange): return dataError
        case .modelRefused(.unknownVersion), .modelRefused(.notContentAddressed): return dataError
        case .modelRefused(.reasonRequired): return .validationFailure
        case .refused, .callRefused, .modelRefused, .readOnly, .overwriteRefused: return refused
        case .invalidInput: return .validationFailure
        default: return dataError
        }
    }
}

/// Prints one line for a person on stderr; control characters from echoed input are escaped (see `PlainText`).
func printError(_ message: String) {
    printNote(message)
}

/// A line on stderr that is not the command's output.
func printNote(_ message: String) {
    FileHandle.standardError.write(Data(("riskdesk: " + PlainText.escaped(message) + "\n").utf8))
}

/// Opens a database for a command, turning failures into the documented exit codes.
func openStore(_ path: String, readOnly: Bool = false, auditOnly: Bool = false) throws -> RiskStore {
    do {
        return try RiskStore.open(at: path, readOnly: readOnly, auditOnly: auditOnly)
    } catch {
        throw Exit.report(error)
    }
}
