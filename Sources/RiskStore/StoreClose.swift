import Foundation
import GRDB

extension RiskStore {
    /// Closes the store's connections now (the demo's `:reset` replaces the file underneath, which needs every
    /// connection to it closed first). Any later use of this store fails with a database error.
    public func close() throws(StoreError) {
        try wrap {
            if let pool = writer as? DatabasePool {
                try pool.close()
            } else if let queue = writer as? DatabaseQueue {
                try queue.close()
            }
        }
    }
}
