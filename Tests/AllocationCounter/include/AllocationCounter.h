#ifndef SPROUT_ALLOCATION_COUNTER_H
#define SPROUT_ALLOCATION_COUNTER_H

// Counts the heap allocations made by the calling thread between begin and end, for tests that check the
// engine's promise that a training step allocates nothing.
//
// The target defines glibc's allocator entry points (malloc, calloc, realloc, reallocarray, memalign,
// posix_memalign, aligned_alloc, valloc, pvalloc, free); because the test executable defines them, the dynamic
// linker binds every library's calls (the Swift runtime's, Foundation's, OpenBLAS's) to them. Each forwards to
// glibc's own implementation (__libc_malloc and friends) and, while this thread is counting, adds one to a
// thread-local counter: tests that Swift Testing runs in parallel on other threads do not disturb the count.
//
// Only on glibc (Linux); elsewhere begin and end exist but count nothing.

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Zeroes the calling thread's counter and starts counting its allocating calls.
void sprout_allocations_begin(void);

/// Stops counting on the calling thread and returns the allocating calls (malloc, calloc, realloc, reallocarray,
/// memalign, posix_memalign, aligned_alloc, valloc, pvalloc) it made since `sprout_allocations_begin`; free is not
/// counted.
int64_t sprout_allocations_end(void);

/// Called once per counted allocation and otherwise empty: to find where an allocation comes from, run the test
/// binary under gdb with `break sprout_allocation_counted` and look at the backtrace.
void sprout_allocation_counted(void);

#ifdef __cplusplus
}
#endif

#endif
