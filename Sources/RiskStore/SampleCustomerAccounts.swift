import Foundation
import GRDB
import RiskCore

/// The desk's book at scale (`SampleOptions.accountForEveryCustomer`): every customer who has applied and holds no margin
/// account yet gets one opened some months ago, financed up to 30–90% of what Art. 40 allowed on the opening day's closes
/// at the standard rate, with positions, transfers and accrued interest as an activated application's account has.
extension Generation {
    mutating func makeCustomerAccounts() throws {
        let rate = BasisPoints(800)  // the 8% the bulk accounts carry
        let ratio = ScreeningPolicy().financingMarginRatio
        // Opened within the price history (trading days spread over calendar days as `priceHistory` lays them out).
        let oldest = max(31, min(300, options.priceDays * 7 / 5 - 1))
        try report(.accounts, 0, customers.count)
        for (index, customer) in customers.enumerated() {
            if applicants.contains(customer.id), let book = books[customer.id], book.financed == .zero {
                let opened = now.addingTimeInterval(-Double(random.int(30...oldest)) * day)
                let allowed = snapshot(of: book, on: opened).maximumFinancing(ratio: ratio)
                try openAccount("A" + customer.id, application: nil, customer: customer,
                                target: allowed.scaled(by: 0.3 + random.unit() * 0.6), rate: rate, ratio: ratio, opened: opened)
            }
            try report(.accounts, index + 1, customers.count)
        }
    }
}
