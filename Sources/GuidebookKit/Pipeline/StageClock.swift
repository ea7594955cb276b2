/// Wall time per stage, for `--timings`.
struct StageClock {
    private(set) var timings: [StageTiming] = []
    private var start = ContinuousClock.now

    mutating func record(_ stage: String, seconds: Double) {
        timings.append(StageTiming(stage: stage, seconds: seconds))
    }

    mutating func lap(_ stage: String) {
        let now = ContinuousClock.now
        let elapsed = now - start
        timings.append(StageTiming(stage: stage, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        start = now
    }
}
