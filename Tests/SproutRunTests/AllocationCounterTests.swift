#if os(Linux)
import AllocationCounter
import Foundation
import Synchronization
import Testing

/// The calling thread's heap allocations (malloc, calloc, realloc, the memalign family) made by `body`, and its
/// result. Synchronous on purpose: an `await` could resume on another thread, whose allocations the thread-local
/// counter would not see.
func countingAllocations<Result>(_ body: () throws -> Result) rethrows -> (result: Result, allocations: Int64) {
    sprout_allocations_begin()
    let result: Result
    do {
        result = try body()
    } catch {
        _ = sprout_allocations_end()
        throw error
    }
    return (result, sprout_allocations_end())
}

/// A class instance: Swift always allocates one on the heap when it escapes.
private final class Box {
    var value: Int
    init(_ value: Int) { self.value = value }
}

/// What `otherThreadsAreNotCounted` shares between its two threads (created before the counted region).
private final class Handshake: Sendable {
    let started = Atomic<Bool>(false)
    let done = Atomic<Bool>(false)
    let arrays = Mutex<[[Float]]>([])
}

/// The allocation counter must be able to fail: it sees what the Swift runtime allocates (the interposition of glibc's
/// malloc reaches it), sees nothing in an empty region, and only counts its own thread.
@Suite struct AllocationCounterTests {
    @Test func anEmptyRegionCountsNothing() {
        #expect(countingAllocations {}.allocations == 0)
    }

    /// An array's storage comes from swift_allocObject -> swift_slowAlloc -> malloc inside libswiftCore: only
    /// counted if the dynamic linker binds the runtime's malloc to ours. The array escapes the region, so the
    /// optimizer cannot put it on the stack or remove it.
    @Test func anArrayIsCounted() {
        let (array, allocations) = countingAllocations { [Float](repeating: 0, count: 100) }
        #expect(array.count == 100)
        #expect(allocations >= 1)
    }

    @Test func everyClassInstanceIsCounted() {
        let (boxes, allocations) = countingAllocations {
            (Box(1), Box(2), Box(3))
        }
        #expect(boxes.0.value + boxes.1.value + boxes.2.value == 6)
        #expect(allocations == 3)
    }

    /// C code calls the allocator directly (OpenBLAS uses malloc; the Swift runtime uses posix_memalign for
    /// over-aligned objects): each call counts once, and free not at all.
    @Test func theCFamilyIsCounted() {
        let (status, allocations) = countingAllocations {
            var pointer: UnsafeMutableRawPointer?
            let status = posix_memalign(&pointer, 64, 256)
            free(pointer)
            free(malloc(16))
            free(calloc(4, 4))
            free(realloc(nil, 8))
            free(aligned_alloc(32, 64))
            free(valloc(64))
            return status
        }
        #expect(status == 0)
        #expect(allocations == 6)
    }

    /// Another thread allocating while this one counts leaves the count at 0: Swift Testing runs tests in
    /// parallel, and their allocations must not be charged to a training step.
    @Test func otherThreadsAreNotCounted() {
        let shared = Handshake()
        let thread = Thread {
            while !shared.started.load(ordering: .acquiring) {}
            let arrays = (0..<100).map { [Float](repeating: Float($0), count: 10) }
            shared.arrays.withLock { $0 = arrays }
            shared.done.store(true, ordering: .releasing)
        }
        thread.start()
        let (_, allocations) = countingAllocations {
            shared.started.store(true, ordering: .releasing)
            while !shared.done.load(ordering: .acquiring) {}
        }
        #expect(shared.arrays.withLock { $0.count } == 100)
        #expect(allocations == 0)
    }
}
#endif
