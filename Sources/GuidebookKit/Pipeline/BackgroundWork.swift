import Foundation

/// Work started on its own thread and collected later: the search index is built while pages
/// render, so its single-threaded parts run beside the parallel ones instead of after them.
final class BackgroundWork<Result: Sendable>: @unchecked Sendable {
    private let done = NSCondition()
    private var result: Result?
    private var seconds = 0.0

    init(_ work: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            let start = ContinuousClock.now
            let value = work()
            let elapsed = ContinuousClock.now - start
            done.lock()
            result = value
            seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            done.broadcast()
            done.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work; also says how long it ran.
    func wait() -> (result: Result, seconds: Double) {
        done.lock()
        defer { done.unlock() }
        while result == nil { done.wait() }
        return (result!, seconds)
    }
}
