import Foundation
import Synchronization

/// How many pages the per-page stages work on at once: one per core unless `guidebook build
/// --jobs` says otherwise. Output never depends on it (a test builds with 1 and with 7).
public enum Parallelism {
    private static let configured = Atomic<Int>(0)

    public static var workers: Int {
        let count = configured.load(ordering: .relaxed)
        return count > 0 ? count : ProcessInfo.processInfo.activeProcessorCount
    }

    /// 0 goes back to one per core.
    public static func setWorkers(_ count: Int) {
        configured.store(max(0, count), ordering: .relaxed)
    }
}

extension Array where Element: Sendable {
    /// `map` spread over `Parallelism.workers` threads, results in order. Each worker takes the
    /// next unclaimed element, so slow pages do not hold up a fixed share.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let workers = Swift.min(Parallelism.workers, count)
        guard workers > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        let next = Atomic<Int>(0)
        self.withUnsafeBufferPointer { elements in
            nonisolated(unsafe) let input = elements
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < input.count else { return }
                    slots[index] = transform(input[index])
                }
            }
        }
        return results.map { $0! }
    }
}
