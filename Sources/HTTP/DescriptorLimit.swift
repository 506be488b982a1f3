#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open descriptors: every connection ``HTTPServer`` holds costs one (and no thread).
public enum DescriptorLimit {
    /// Lifts the soft limit (often 1,024) towards the hard one, to at most `wanted`; never lowers it.
    public static func raise(to wanted: Int) {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < rlim_t(wanted), limit.rlim_max > limit.rlim_cur
        else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(wanted))
        _ = setrlimit(resource, &limit)
    }
}
