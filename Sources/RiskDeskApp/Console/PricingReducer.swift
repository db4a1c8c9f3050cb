import Foundation
import RiskCore

/// The pricing table pane's reducer: the table's rates and the grade cursor.
extension AppState {
    mutating func reducePricing(_ action: Action) -> [Effect] {
        guard case let .pricingLoaded(table, maximumLeverage) = action else { return [] }
        pricingTable = table
        pricingMaximumLeverage = maximumLeverage
        return []
    }

    mutating func pricingCommand(_ command: Command) -> [Effect] {
        let last = Grade.allCases.count - 1
        switch command {
        case .moveDown: pricingGradeCursor = min(pricingGradeCursor + 1, last)
        case .moveUp: pricingGradeCursor = max(pricingGradeCursor - 1, 0)
        case .top: pricingGradeCursor = 0
        case .bottom: pricingGradeCursor = last
        case .detail: showsBreakdown.toggle()
        case .editPricing: return [.loadPricingEditor]
        default: break
        }
        return []
    }
}
