import ArgumentParser
import RiskCore

/// Checks a writing command's `--reason`: required, because it is recorded in the audit log, and no longer than a
/// note. `what` ends the message: "--reason: say why the price changes; …".
func checkReason(_ reason: String, why what: String) throws {
    if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw ValidationError("--reason: say why \(what); it is recorded in the audit log")
    }
    if reason.count > Note.maximumLength {
        throw ValidationError("--reason: at most \(Note.maximumLength) characters")
    }
}
