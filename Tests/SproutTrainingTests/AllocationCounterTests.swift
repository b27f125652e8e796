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

    /// The instances are stored into an array reserved before the region: escaping, they cannot be promoted to the
    /// stack or removed by a release build's optimizer.
    @Test func everyClassInstanceIsCounted() {
        var boxes: [Box] = []
        boxes.reserveCapacity(3)
        let allocations = countingAllocations {
            for value in 1...3 { boxes.append(Box(value)) }
        }.allocations
        #expect(boxes.map(\.value) == [1, 2, 3])
        #expect(allocations == 3)
    }

    /// C code calls the allocator directly (OpenBLAS uses malloc; the Swift runtime uses posix_memalign for
    /// over-aligned objects): each call counts once, and free not at all. The pointers are kept and freed after the
    /// region, else a release build deletes each unused malloc/free pair.
    @Test func theCFamilyIsCounted() {
        var pointers: [UnsafeMutableRawPointer?] = []
        pointers.reserveCapacity(6)
        let (status, allocations) = countingAllocations {
            var pointer: UnsafeMutableRawPointer?
            let status = posix_memalign(&pointer, 64, 256)
            pointers.append(pointer)
            pointers.append(malloc(16))
            pointers.append(calloc(4, 4))
            pointers.append(realloc(nil, 8))
            pointers.append(aligned_alloc(32, 64))
            pointers.append(valloc(64))
            return status
        }
        // A plain loop: in a debug build `for pointer in pointers` allocates by itself (the unspecialized
        // IndexingIterator reads each element through a coroutine whose frame is malloc'd, and the first use of its
        // type instantiates metadata).
        let frees = countingAllocations {
            pointers.withUnsafeBufferPointer { buffer in
                var index = 0
                while index < buffer.count {
                    free(buffer[index])
                    index += 1
                }
            }
        }.allocations
        #expect(status == 0)
        #expect(pointers.allSatisfy { $0 != nil })
        #expect(allocations == 6)
        #expect(frees == 0)
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
