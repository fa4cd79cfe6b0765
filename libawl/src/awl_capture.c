/* awl_capture.c: probing and capturing caller memory without ever taking a signal
 * (see awl_capture.h), and the public awl_probe_* calls built on the same primitive. */
#include "awl_capture.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "awl_internal.h"

#define BATCH 512u          /* iovecs per system call (IOV_MAX is 1024) */
#define CHUNK_ENTRIES 8192u /* first capture buffer, in entries */

static void *uptr(uintptr_t a)
{
    return (void *)a;
}

/* The own pid, cached (a system call saved per probe); a forked child re-learns it. */
static atomic_int cached_pid;
static pthread_once_t fork_hook_once = PTHREAD_ONCE_INIT;

static void forget_pid(void)
{
    atomic_store(&cached_pid, 0);
}

static void install_fork_hook(void)
{
    pthread_atfork(NULL, NULL, forget_pid);
}

static pid_t self_pid(void)
{
    pid_t pid = (pid_t)atomic_load(&cached_pid);
    if (pid == 0) {
        pthread_once(&fork_hook_once, install_fork_hook);
        pid = getpid();
        atomic_store(&cached_pid, (int)pid);
    }
    return pid;
}

/* One transfer, repeated over partial progress; -1 as soon as no progress is possible. */
static int transfer(int write, uintptr_t remote, void *local, size_t len)
{
    pid_t self = self_pid();
    while (len > 0) {
        struct iovec l = {local, len}, r = {uptr(remote), len};
        ssize_t got = write ? process_vm_writev(self, &l, 1, &r, 1, 0)
                            : process_vm_readv(self, &l, 1, &r, 1, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        remote += (size_t)got;
        local = (char *)local + got;
        len -= (size_t)got;
    }
    return 0;
}

int awl_cap_read(const void *src, void *dst, size_t len)
{
    return transfer(0, (uintptr_t)src, dst, len);
}

int awl_cap_write(void *dst, const void *src, size_t len)
{
    return transfer(1, (uintptr_t)dst, (void *)(uintptr_t)src, len);
}

int awl_cap_write2(void *dst1, const void *src1, size_t len1, void *dst2, const void *src2,
                   size_t len2)
{
    struct iovec local[2] = {{(void *)(uintptr_t)src1, len1}, {(void *)(uintptr_t)src2, len2}};
    struct iovec remote[2] = {{dst1, len1}, {dst2, len2}};
    ssize_t got = process_vm_writev(self_pid(), local, 2, remote, 2, 0);
    if (got == (ssize_t)(len1 + len2))
        return 0;
    /* Short: finish in order, one transfer at a time, stopping at the first fault. */
    size_t done = got > 0 ? (size_t)got : 0;
    if (done < len1 && awl_cap_write((char *)dst1 + done, (const char *)src1 + done, len1 - done))
        return -1;
    size_t done2 = done > len1 ? done - len1 : 0;
    return awl_cap_write((char *)dst2 + done2, (const char *)src2 + done2, len2 - done2);
}

int awl_cap_exchange(void *uaddr, void *old, const void *replace, size_t len)
{
    if (awl_cap_read(uaddr, old, len))
        return -1;
    return awl_cap_write(uaddr, replace ? replace : old, len);
}

/* Reads one byte at each address and writes it back: all must succeed. */
static int touch_bytes(const uintptr_t *addrs, size_t n)
{
    struct iovec local[BATCH], remote[BATCH];
    unsigned char bytes[BATCH];
    pid_t self = self_pid();
    for (size_t i = 0; i < n; i++) {
        local[i] = (struct iovec){&bytes[i], 1};
        remote[i] = (struct iovec){uptr(addrs[i]), 1};
    }
    if (process_vm_readv(self, local, n, remote, n, 0) != (ssize_t)n)
        return -1;
    if (process_vm_writev(self, local, n, remote, n, 0) != (ssize_t)n)
        return -1;
    return 0;
}

int awl_cap_probe_write(void *addr, size_t len)
{
    if (len == 0)
        return 0;
    uintptr_t a = (uintptr_t)addr, end = a + len;
    if (end < a || end == 0)
        return -1; /* wraps around the address space: NT's probe rejects it too */
    uintptr_t addrs[BATCH];
    size_t n = 0;
    for (uintptr_t p = a; p < end && p >= a; p = awl_page_down(p) + AWL_PAGE) {
        addrs[n++] = p;
        if (n == BATCH) {
            if (touch_bytes(addrs, n))
                return -1;
            n = 0;
        }
    }
    return n ? touch_bytes(addrs, n) : 0;
}

int awl_cap_array(const void *src, uint64_t n, uint64_t **out)
{
    *out = NULL;
    if (n == 0)
        return 0;
    size_t cap = n < CHUNK_ENTRIES ? (size_t)n : CHUNK_ENTRIES;
    uint64_t *buf = malloc(cap * sizeof *buf);
    if (buf == NULL)
        return -2;
    uintptr_t at = (uintptr_t)src;
    uint64_t got = 0;
    while (got < n) {
        if (got == cap) {
            /* Grow only after the caller's memory proved readable this far. */
            size_t want = (n - got > cap) ? cap * 2 : (size_t)n;
            uint64_t *bigger = realloc(buf, want * sizeof *buf);
            if (bigger == NULL) {
                free(buf);
                return -2;
            }
            buf = bigger;
            cap = want;
        }
        size_t step = cap - (size_t)got;
        if (transfer(0, at + (uintptr_t)(got * sizeof *buf), buf + got, step * sizeof *buf)) {
            free(buf);
            return -1;
        }
        got += step;
    }
    *out = buf;
    return 0;
}

/* ---- public probes ---- */

int awl_probe_read(const void *addr, void *buf, size_t len)
{
    return awl_cap_read(addr, buf, len);
}

int awl_probe_write(void *addr, const void *buf, size_t len)
{
    return awl_cap_write(addr, buf, len);
}

/* Reads words[i..i+n) in one call; returns how many leading entries were read whole. */
static size_t read_batch(const void *const *addrs, size_t n, uint64_t *words)
{
    struct iovec local[BATCH], remote[BATCH];
    for (size_t i = 0; i < n; i++) {
        local[i] = (struct iovec){&words[i], sizeof words[i]};
        remote[i] = (struct iovec){(void *)(uintptr_t)addrs[i], sizeof words[i]};
    }
    ssize_t got;
    do
        got = process_vm_readv(self_pid(), local, n, remote, n, 0);
    while (got < 0 && errno == EINTR);
    return got <= 0 ? 0 : (size_t)got / sizeof words[0];
}

size_t awl_probe_words(const void *const *addrs, size_t n, uint64_t *words, unsigned char *ok)
{
    size_t readable = 0, i = 0;
    while (i < n) {
        size_t batch = n - i < BATCH ? n - i : BATCH;
        size_t whole = read_batch(addrs + i, batch, words + i);
        for (size_t k = 0; k < whole; k++)
            ok[i + k] = 1;
        readable += whole;
        i += whole;
        if (whole < batch) {
            /* The kernel stops at the first entry that faults: mark it and go on after it. */
            ok[i] = 0;
            words[i] = 0;
            i++;
        }
    }
    return readable;
}
