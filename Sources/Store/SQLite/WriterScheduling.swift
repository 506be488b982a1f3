#if canImport(Glibc)
import Glibc
#endif

/// Who gets a core first when the service is busy (issue 17). A database has one writer at a time: every request
/// of a batch waits for it, so the thread running the batch is the one to keep on a core. Under load it was
/// preempted two to three times per batch by the service's own threads waking up (a worker taking a request, a
/// delivery finishing), and a 1 ms batch took 5 ms of wall time.
///
/// `backgroundThreads()` puts the calling thread — and every thread it starts afterwards, which inherit the
/// policy — in Linux's `SCHED_BATCH` class: such a thread never preempts the running one when it wakes; it waits
/// for the next scheduling point, as throughput work does. While a thread runs a batch it is back in the normal
/// class (``leading(_:)``), so a waking service thread does not preempt it. Other processes are not affected, and
/// an idle core still runs any waking thread at once. Neither change needs a privilege. Elsewhere: nothing.
public enum WriterScheduling {
    /// Puts the calling thread, and the threads it starts from now on, in the background class.
    public static func backgroundThreads() {
        #if os(Linux)
        var parameters = sched_param()
        _ = sched_setscheduler(0, batchPolicy, &parameters)
        #endif
    }

    /// Runs `work` with the calling thread in the normal class if it was in the background class.
    static func leading(_ work: () -> Void) {
        #if os(Linux)
        guard sched_getscheduler(0) == batchPolicy else { return work() }
        var parameters = sched_param()
        _ = sched_setscheduler(0, SCHED_OTHER, &parameters)
        defer { _ = sched_setscheduler(0, batchPolicy, &parameters) }
        #endif
        work()
    }

    #if os(Linux)
    /// `SCHED_BATCH` (a GNU extension Swift's Glibc module does not export).
    private static let batchPolicy: Int32 = 3
    #endif
}
