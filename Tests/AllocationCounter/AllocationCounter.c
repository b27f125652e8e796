// See include/AllocationCounter.h. Every function here runs on every allocation of the whole test process (all test
// targets link into one executable), so each is a forward to glibc plus a thread-local test: no lock, no I/O, and
// nothing that could allocate and recurse. The thread-local variables use the initial-exec TLS model so that
// reading them never calls __tls_get_addr (which may itself allocate).

#include "AllocationCounter.h"

#include <stdbool.h>

#define TLS _Thread_local __attribute__((tls_model("initial-exec")))

static TLS bool counting;
static TLS int64_t allocations;

void sprout_allocations_begin(void) {
    allocations = 0;
    counting = true;
}

int64_t sprout_allocations_end(void) {
    counting = false;
    return allocations;
}

__attribute__((noinline)) void sprout_allocation_counted(void) {
    __asm__ volatile("" ::: "memory");  // keeps the call (and so the breakpoint) from being optimized away
}

#if defined(__GLIBC__)

#include <errno.h>
#include <stddef.h>

// glibc's allocator under its exported internal names: the functions malloc & co. would have reached.
extern void *__libc_malloc(size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

static inline void count(void) {
    if (__builtin_expect(counting, 0)) {
        allocations += 1;
        sprout_allocation_counted();
    }
}

void *malloc(size_t size) {
    count();
    return __libc_malloc(size);
}

void free(void *pointer) {
    __libc_free(pointer);
}

void *calloc(size_t count_, size_t size) {
    count();
    return __libc_calloc(count_, size);
}

void *realloc(void *pointer, size_t size) {
    count();
    return __libc_realloc(pointer, size);
}

// glibc's own reallocarray calls its internal realloc, which this file cannot see; defined here so it is counted.
void *reallocarray(void *pointer, size_t count_, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(count_, size, &bytes)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(pointer, bytes);
}

void *memalign(size_t alignment, size_t size) {
    count();
    return __libc_memalign(alignment, size);
}

// glibc 2.36's aligned_alloc is memalign itself (one symbol, two names).
void *aligned_alloc(size_t alignment, size_t size) {
    count();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    // POSIX: a power of two that is a multiple of sizeof(void *), else EINVAL (and *result untouched).
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0 || alignment == 0) return EINVAL;
    count();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}

void *valloc(size_t size) {
    count();
    return __libc_valloc(size);
}

void *pvalloc(size_t size) {
    count();
    return __libc_pvalloc(size);
}

#endif
