/// Process-wide memory settings for commands that handle many records.
enum Memory {
    /// Stops glibc from giving heap memory back after every large free and asking for it
    /// again on the next allocation. Bulk work (SQLite's page cache, one portfolio after
    /// another) otherwise moves the top of the heap up and down tens of thousands of times:
    /// measured on a 5,000-experience import, 210,000 page faults and 1.45 s of CPU before,
    /// 2,200 and 0.81 s after. Peak memory is unchanged; a short-lived process simply keeps
    /// what it used until it exits.
    static func keepHeapForBulkWork() {
        #if os(Linux)
        // M_TRIM_THRESHOLD (-1) and M_TOP_PAD (-2) from <malloc.h>, which Swift does not import.
        _ = mallopt(-1, 256 << 20)
        _ = mallopt(-2, 16 << 20)
        #endif
    }
}

#if os(Linux)
/// glibc's `mallopt(3)`.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
