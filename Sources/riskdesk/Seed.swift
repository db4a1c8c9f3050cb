import ArgumentParser
import Foundation
import RiskStore

struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a sample database: deterministic for a given seed and --as-of date.")

    @Option(help: "Path of the database to create.") var out: String
    @Option(help: "Number of customers (default: half the applications).") var customers: Int?
    @Option(help: "Number of applications.") var applications: Int = 2_000
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "Add margin accounts until there are this many (for load measurement; spread over the customers).") var accounts: Int?
    @Option(name: .customLong("loan-history"), help: "Historical loans to train models on (default: twenty per customer, 1,000 to 20,000).") var loanHistory: Int?
    @Option(name: .customLong("as-of"), help: "The sample's 'now' as YYYY-MM-DD (default: today).") var asOf: String?
    @Flag(help: "Mark the database as training data (trainers may write only to such a database).") var training = false
    @Flag(help: "Overwrite an existing file.") var force = false

    /// The most applications or customers one sample may have: ten times the largest measured (100,000).
    static let maximumCount = 1_000_000

    func validate() throws {
        guard (1...Self.maximumCount).contains(applications) else {
            throw ValidationError("--applications must be from 1 to \(Self.maximumCount), not \(applications)")
        }
        if let customers, !(1...Self.maximumCount).contains(customers) {
            throw ValidationError("--customers must be from 1 to \(Self.maximumCount), not \(customers)")
        }
        if let loanHistory, !(0...Self.maximumCount).contains(loanHistory) {
            throw ValidationError("--loan-history must be from 0 to \(Self.maximumCount), not \(loanHistory)")
        }
        if let accounts, !(1...Self.maximumCount).contains(accounts) {
            throw ValidationError("--accounts must be from 1 to \(Self.maximumCount), not \(accounts)")
        }
        if let asOf, parseDay(asOf) == nil { throw ValidationError("--as-of must be a date like 2026-11-27, not '\(asOf)'") }
    }

    func run() throws {
        let day = asOf.flatMap(parseDay) ?? Calendar.utc.startOfDay(for: Date())
        let now = day.addingTimeInterval(9.5 * 3_600)
        var options = SampleOptions(customers: customers, applications: applications, seed: seed, isTrainingData: training, asOf: now)
        options.accounts = accounts
        if let loanHistory { options.loanHistory = loanHistory }
        let display = SeedProgressDisplay(profile: ProcessInfo.processInfo.environment["RISKDESK_SEED_PROFILE"] == "1")
        StopSignals.install()
        defer { StopSignals.uninstall() }
        do {
            let summary = try SampleGenerator.seed(to: out, options: options, overwrite: force) { progress in
                display.show(progress)
                return !StopSignals.isRequested
            }
            display.finish()
            let seconds = display.elapsed
            let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            print("wrote \(out): \(summary.applications) applications, \(summary.customers) customers, \(summary.instruments) instruments, \(summary.accounts) accounts, \(summary.alerts) open alerts, \(summary.marginCalls) margin calls, \(summary.auditEntries) audit entries\(training ? " (training data)" : "")")
            print(String(format: "%.1f MB in %.2f s", Double(size) / 1_048_576, seconds))
            display.printProfile()
        } catch StoreError.interrupted(let message) {
            display.finish()
            printError("\(message); \(out) is as it was (the partial file was removed)")
            throw ExitCode(130)
        } catch {
            display.finish()
            throw Exit.report(error)
        }
    }
}


extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()
}

/// `YYYY-MM-DD` between 1970 and 9999 as midnight UTC; nil for anything else, including days that do not exist.
func parseDay(_ text: String) -> Date? {
    let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
    guard pieces.count == 3, pieces.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }) else { return nil }
    let parts = pieces.compactMap { Int($0) }
    guard parts.count == 3, (1970...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]),
          let date = Calendar.utc.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
          Calendar.utc.component(.day, from: date) == parts[2] else { return nil }
    return date
}
