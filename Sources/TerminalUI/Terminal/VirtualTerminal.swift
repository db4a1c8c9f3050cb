/// An in-memory terminal for tests: it keeps the last presented grid and replays queued keys.
public final class VirtualTerminal: Terminal {
    public private(set) var size: Size
    public let colorDepth: ColorDepth
    /// The most recently presented grid.
    public private(set) var lastFrame: Grid?
    /// How many times `present(_:)` was called.
    public private(set) var presentCount = 0
    /// Whether `shutdown()` was called.
    public private(set) var isShutDown = false
    private var pendingKeys: [Key] = []
    /// The next key to read: reading advances it instead of shifting the array, so a queued paste reads in O(1) per key.
    private var nextKey = 0

    public init(width: Int = 80, height: Int = 24, colorDepth: ColorDepth = .twoFiftySix) {
        self.size = Size(width: width, height: height)
        self.colorDepth = colorDepth
    }

    /// Queues keys for `readKey(timeoutMilliseconds:)` to return in order.
    public func enqueue(_ keys: [Key]) {
        pendingKeys.append(contentsOf: keys)
    }

    /// Queues one key.
    public func enqueue(_ key: Key) {
        pendingKeys.append(key)
    }

    /// Keys queued but not yet read.
    public var pendingKeyCount: Int { pendingKeys.count - nextKey }

    /// Changes the size and queues a `.resize` key, as a real terminal does.
    public func resize(to newSize: Size) {
        size = newSize
        pendingKeys.append(.resize)
    }

    /// The text of the last presented frame ("" before the first frame).
    public var screenText: String {
        lastFrame?.text() ?? ""
    }

    public func present(_ grid: Grid) {
        lastFrame = grid
        presentCount += 1
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard nextKey < pendingKeys.count else { return nil }
        let key = pendingKeys[nextKey]
        nextKey += 1
        if nextKey == pendingKeys.count {
            pendingKeys.removeAll(keepingCapacity: true)
            nextKey = 0
        }
        return key
    }

    public func shutdown() {
        isShutDown = true
    }
}
