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
    @Option(name: .customLong("as-of"), help: "The sample's 'now' as YYYY-MM-DD (default: today).") var asOf: String?
    @Flag(help: "Mark the database as training data (trainers may write only to such a database).") var training = false
    @Flag(help: "Overwrite an existing file.") var force = false

    func validate() throws {
        guard applications >= 1 else { throw ValidationError("--applications must be at least 1") }
        if let customers, customers < 1 { throw ValidationError("--customers must be at least 1") }
        if let asOf, parseDay(asOf) == nil { throw ValidationError("--as-of must be a date like 2026-11-27, not '\(asOf)'") }
    }

    func run() throws {
        let day = asOf.flatMap(parseDay) ?? Calendar.utc.startOfDay(for: Date())
        let now = day.addingTimeInterval(9.5 * 3_600)
        let started = Date()
        do {
            let store = try RiskStore.create(at: out, overwrite: force)
            let summary = try SampleGenerator.generate(into: store, options: SampleOptions(
                customers: customers, applications: applications, seed: seed, isTrainingData: training, asOf: now))
            try store.checkpoint()
            let seconds = Date().timeIntervalSince(started)
            let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            print("wrote \(out): \(summary.applications) applications, \(summary.customers) customers, \(summary.instruments) instruments, \(summary.accounts) accounts, \(summary.alerts) open alerts, \(summary.auditEntries) audit entries\(training ? " (training data)" : "")")
            print(String(format: "%.1f MB in %.2f s", Double(size) / 1_048_576, seconds))
        } catch {
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

func parseDay(_ text: String) -> Date? {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    return Calendar.utc.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
}
