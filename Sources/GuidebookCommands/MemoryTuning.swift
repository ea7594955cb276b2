#if os(Linux)
import CMalloc
#endif

/// glibc gives each thread that allocates an arena of its own (up to eight per core) and keeps what
/// they free for later: with a build's worker threads that was over 100 MiB of the peak memory of a
/// 10,000-page guide. Two arenas keep that build under 512 MiB (issue 7: 480-493 MiB against 580-591),
/// for a few percent more build time, within this machine's noise. The only place the commands call
/// the C library.
enum MemoryTuning {
    static func limitArenas() {
        #if os(Linux)
        _ = mallopt(M_ARENA_MAX, 2)
        #endif
    }
}
