import Foundation

/// One edit of one pricing parameter as a person asked for it, checked: the parameter, its old and new text, and
/// the parameters with the new value in place.
public struct PricingEdit: Hashable, Sendable {
    public var info: PricingParameterInfo
    public var old: PricingParameters
    public var new: PricingParameters

    public var name: String { info.name }
    /// The stored text of the value before and after ("250", "45", "0.6").
    public var oldValue: String { old.fields[info.name] ?? "?" }
    public var newValue: String { new.fields[info.name] ?? "?" }

    /// Resolves the typed name (or alias) and value against `parameters`: an unknown name, a value that is not a
    /// finite number or is out of range, a floor above the cap (or the reverse) and a value equal to the current
    /// one are refused with a message for a person.
    public static func make(_ typedName: String, to typedValue: String,
                            from parameters: PricingParameters) -> Result<PricingEdit, PricingEditError> {
        guard let info = PricingParameterCatalog.info(named: typedName) else { return .failure(.unknownParameter(typedName)) }
        var new = parameters
        if let problem = new.set(info.name, to: typedValue) {
            return .failure(.invalidValue(problem.hasSuffix("is not a number") ? "\(problem); \(info.name) takes \(info.rangeText)" : problem))
        }
        let edit = PricingEdit(info: info, old: parameters, new: new)
        guard edit.oldValue != edit.newValue else { return .failure(.unchanged(name: info.name, value: edit.oldValue, unit: info.unit)) }
        return .success(edit)
    }
}

/// Why a pricing edit was refused before anything was computed or written.
public enum PricingEditError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownParameter(String)
    case invalidValue(String)
    case unchanged(name: String, value: String, unit: String)

    public var description: String {
        switch self {
        case let .unknownParameter(typed): PricingNameError(typed: typed).description
        case let .invalidValue(message): message
        case let .unchanged(name, value, unit):
            "\(name) is already \(value)\(unit == "index" ? "" : " \(unit)"): nothing to change"
        }
    }
}

/// One pending application as a re-pricing reads it: what its price depends on and the quote it holds now.
public struct PendingPricing: Hashable, Sendable {
    public var applicationID: String
    public var input: PricingInput
    public var currentRate: BasisPoints
    public var currentFee: BasisPoints

    public init(applicationID: String, input: PricingInput, currentRate: BasisPoints, currentFee: BasisPoints) {
        self.applicationID = applicationID
        self.input = input
        self.currentRate = currentRate
        self.currentFee = currentFee
    }
}

/// A pending quote that a change moves: its rate and fee before and after.
public struct QuoteMove: Hashable, Sendable, Codable {
    public var applicationID: String
    public var oldRate: BasisPoints
    public var newRate: BasisPoints
    public var oldFee: BasisPoints
    public var newFee: BasisPoints

    public init(applicationID: String, oldRate: BasisPoints, newRate: BasisPoints, oldFee: BasisPoints, newFee: BasisPoints) {
        self.applicationID = applicationID
        self.oldRate = oldRate
        self.newRate = newRate
        self.oldFee = oldFee
        self.newFee = newFee
    }

    public var delta: BasisPoints { newRate - oldRate }
    /// `APP-000709 7.85% → 8.10%`.
    public var text: String { "\(applicationID) \(oldRate.percentText) → \(newRate.percentText)" }
}

/// One cell of the grade × leverage-band table that a change moves.
public struct PricingCellMove: Hashable, Sendable {
    public var grade: Grade
    public var band: String
    public var old: BasisPoints
    public var new: BasisPoints
}

/// What a pricing change would do, small enough to show: the table before and after, and how many pending quotes
/// move with the largest moves each way.
public struct PricingChangePreview: Hashable, Sendable {
    public var parameter: String
    public var unit: String
    public var oldValue: String
    public var newValue: String
    public var bandLabels: [String]
    /// Rows A–E × bands, as `Pricing.table`.
    public var oldTable: [[BasisPoints]]
    public var newTable: [[BasisPoints]]
    public var changedCells: [PricingCellMove]
    /// Pending quoted applications looked at, and those whose rate or fee changes.
    public var pendingCount: Int
    public var changedCount: Int
    /// Of the changed quotes, those whose held rate or fee was made on inputs that have moved since (prices,
    /// sentiment, behaviour): their move is the change's plus catching up with today's inputs.
    public var driftedCount: Int = 0
    /// The largest rises (largest first) and falls (largest fall first), ties by application id.
    public var largestUp: [QuoteMove]
    public var largestDown: [QuoteMove]

    /// "floor_bp 450 → 500 bp".
    public var changeText: String { "\(parameter) \(oldValue) → \(newValue)\(unit == "index" ? "" : " \(unit)")" }

    /// "3 pending quotes change; largest: APP-000709 7.85% → 8.10%, APP-000012 9.00% → 8.80%".
    public var quotesText: String {
        let count = "\(changedCount) of \(pendingCount) pending quote\(pendingCount == 1 ? "" : "s") change\(changedCount == 1 ? "s" : "")"
        let moves = (largestUp.prefix(2) + largestDown.prefix(2)).map(\.text)
        let drift = driftedCount == 0 ? ""
            : " (\(driftedCount) quoted on inputs that have moved since also catch\(driftedCount == 1 ? "es" : "") up with today's)"
        return moves.isEmpty ? count + drift : "\(count)\(drift); largest: " + moves.joined(separator: ", ")
    }
}

/// A pricing change worked out: the preview and every new quote to write (only those that change).
public struct PricingChangePlan: Sendable {
    public var preview: PricingChangePreview
    public var repriced: [(move: QuoteMove, quote: Quote)]
}

extension PricingChange {
    /// How many moves each way a preview keeps.
    public static let largestMoves = 3
}

/// The exact re-pricing of pending quotes when one parameter changes, as a pure function of the parameters and the
/// pending applications' inputs: a quote changes when the new parameters price its inputs differently from the old
/// ones (rate or fee); its move is shown from the rate it holds now to the new one.
public enum PricingChange {
    public static func plan(_ edit: PricingEdit, pending: [PendingPricing], sentiment: Double,
                            maximumLeverage: Leverage, largest: Int = largestMoves) -> PricingChangePlan {
        let bands = Pricing.leverageBands(upTo: maximumLeverage)
        let oldTable = Pricing.table(parameters: edit.old, sentiment: sentiment, maximumLeverage: maximumLeverage)
        let newTable = Pricing.table(parameters: edit.new, sentiment: sentiment, maximumLeverage: maximumLeverage)
        var cells: [PricingCellMove] = []
        for (row, grade) in Grade.allCases.enumerated() {
            for (column, band) in bands.enumerated() where oldTable[row][column] != newTable[row][column] {
                cells.append(PricingCellMove(grade: grade, band: band.label, old: oldTable[row][column], new: newTable[row][column]))
            }
        }
        var repriced: [(move: QuoteMove, quote: Quote)] = []
        var drifted = 0
        for app in pending {
            // Affected means the change itself moves the price: the old and the new parameters priced on the same
            // inputs differ. A quote that has merely drifted from today's inputs (prices moved since it was made)
            // is left alone: re-quoting it is a separate, explicit event, not a side effect of this edit.
            let before = Pricing.quote(app.input, parameters: edit.old)
            let quote = Pricing.quote(app.input, parameters: edit.new)
            guard quote.rate != before.rate || quote.fee != before.fee else { continue }
            if before.rate != app.currentRate || before.fee != app.currentFee { drifted += 1 }
            repriced.append((QuoteMove(applicationID: app.applicationID, oldRate: app.currentRate, newRate: quote.rate,
                                       oldFee: app.currentFee, newFee: quote.fee), quote))
        }
        let moves = repriced.map(\.move)
        let up = moves.filter { $0.delta.value > 0 }
            .sorted { $0.delta != $1.delta ? $0.delta > $1.delta : $0.applicationID < $1.applicationID }
        let down = moves.filter { $0.delta.value < 0 }
            .sorted { $0.delta != $1.delta ? $0.delta < $1.delta : $0.applicationID < $1.applicationID }
        let preview = PricingChangePreview(parameter: edit.name, unit: edit.info.unit, oldValue: edit.oldValue, newValue: edit.newValue,
                                           bandLabels: bands.map(\.label), oldTable: oldTable, newTable: newTable, changedCells: cells,
                                           pendingCount: pending.count, changedCount: repriced.count, driftedCount: drifted,
                                           largestUp: Array(up.prefix(max(0, largest))), largestDown: Array(down.prefix(max(0, largest))))
        return PricingChangePlan(preview: preview, repriced: repriced)
    }

    /// The reason each re-priced quote records: "pricing change: floor_bp 450 → 500".
    public static func quoteReason(_ edit: PricingEdit) -> String {
        "pricing change: \(edit.name) \(edit.oldValue) → \(edit.newValue)"
    }
}
