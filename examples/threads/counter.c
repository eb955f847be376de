// Spawns worker threads through wasi-threads that update shared state three ways: an atomic counter,
// a total guarded by a futex-style lock built on memory.atomic.wait32/notify, and a count of finished
// workers that the main thread waits on. Prints the results; exits 0 when they are exactly right.
//
// Freestanding (no libc): Debian's wasi-libc has no wasm32-wasi-threads build, so this program brings
// its own thread entry, lock and output. Build with build.sh beside it; run with
//   heron run -W threads=y -S threads=y examples/threads/counter.wasm

#include <stdint.h>

#define WORKERS 4
#define ITERATIONS 100000
#define STACK_SIZE 16384

__attribute__((import_module("wasi"), import_name("thread-spawn")))
int32_t thread_spawn(void *start_arg);

typedef struct { const char *bytes; uint32_t length; } ciovec;

__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t fd_write(int32_t fd, const ciovec *iovs, int32_t count, uint32_t *written);

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit")))
_Noreturn void proc_exit(int32_t code);

// What a worker gets: the top of its own stack (set by wasi_thread_start before any C runs) and its number.
typedef struct { char *stack_top; int32_t index; } start_info;

static start_info starts[WORKERS];
static char stacks[WORKERS][STACK_SIZE] __attribute__((aligned(16)));

static int32_t counter;          // updated with atomic read-modify-writes only
static int32_t lock_state;       // 0 free, 1 held, 2 held with waiters
static int64_t guarded_total;    // updated with plain loads and stores, under the lock
static int32_t finished;         // workers done; the main thread waits on it

static void lock(void) {
    int32_t free = 0;
    if (__atomic_compare_exchange_n(&lock_state, &free, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) return;
    // Contended: mark it so the holder notifies, and sleep until it is free.
    while (__atomic_exchange_n(&lock_state, 2, __ATOMIC_SEQ_CST) != 0)
        __builtin_wasm_memory_atomic_wait32(&lock_state, 2, -1);
}

static void unlock(void) {
    if (__atomic_exchange_n(&lock_state, 0, __ATOMIC_SEQ_CST) == 2)
        __builtin_wasm_memory_atomic_notify(&lock_state, 1);
}

// Called by wasi_thread_start (below) on the worker's own stack.
void worker_main(int32_t tid, start_info *info) {
    (void)tid;
    for (int32_t i = 0; i < ITERATIONS; i++) {
        __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
        lock();
        guarded_total += info->index + 1;
        unlock();
    }
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
    __builtin_wasm_memory_atomic_notify(&finished, 1);
}

// wasi_thread_start, the entry wasi-threads calls in each new instance, is thread_start.s: it switches
// to the worker's stack, which C cannot do, then calls worker_main.


static char *format(char *at, const char *text) { while (*text) *at++ = *text++; return at; }

static char *decimal(char *at, int64_t value) {
    char digits[20];
    int n = 0;
    do { digits[n++] = (char)('0' + value % 10); value /= 10; } while (value > 0);
    while (n > 0) *at++ = digits[--n];
    return at;
}

void _start(void) {
    for (int32_t i = 0; i < WORKERS; i++) {
        starts[i].stack_top = stacks[i] + STACK_SIZE;
        starts[i].index = i;
        if (thread_spawn(&starts[i]) <= 0) {
            static const char message[] = "thread-spawn failed\n";
            ciovec out = { message, sizeof message - 1 };
            uint32_t written;
            fd_write(2, &out, 1, &written);
            proc_exit(2);
        }
    }
    int32_t done;
    while ((done = __atomic_load_n(&finished, __ATOMIC_SEQ_CST)) != WORKERS)
        __builtin_wasm_memory_atomic_wait32(&finished, done, -1);

    // Each worker adds its number (1..WORKERS) ITERATIONS times.
    int64_t expected_total = (int64_t)ITERATIONS * WORKERS * (WORKERS + 1) / 2;
    char line[128], *at = line;
    at = format(at, "workers=");
    at = decimal(at, WORKERS);
    at = format(at, " counter=");
    at = decimal(at, counter);
    at = format(at, " total=");
    at = decimal(at, guarded_total);
    at = format(at, "\n");
    ciovec out = { line, (uint32_t)(at - line) };
    uint32_t written;
    fd_write(1, &out, 1, &written);
    proc_exit(counter == WORKERS * ITERATIONS && guarded_total == expected_total ? 0 : 1);
}
