/* SPDX-License-Identifier: Apache-2.0 */
/* awl_capture.c: probing and capturing caller memory without ever taking a signal
 * (see awl_capture.h), and the public awl_probe_* calls built on the same primitive. */
#include "awl_capture.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "awl_internal.h"
#include "awl_lock.h"

#define BATCH 512u          /* iovecs per system call (IOV_MAX is 1024) */
#define CHUNK_ENTRIES 8192u /* first capture buffer, in entries */
/* The staging file: one capture chunk, so a chunk is one system call. */
#define SCRATCH_BYTES (CHUNK_ENTRIES * sizeof(uint64_t))

/* The kernel copies between caller memory and a private memfd (pwrite from the caller's
 * bytes, pread into them), and the library reads and writes the same file through a shared
 * mapping of its own. A copy the kernel cannot make is a short count or EFAULT, never a
 * signal, and one pwrite/pread costs about half a process_vm_readv/writev, which pins pages
 * and checks ptrace access on every call. */
static struct {
    int fd;
    unsigned char *view; /* the file, mapped shared */
} scratch = {-1, NULL};

static pthread_once_t fork_hook_once = PTHREAD_ONCE_INIT;

/* A forked child shares the parent's file: it must not stage through it. */
static void drop_in_child(void)
{
    awl_cap_close();
}

static void install_fork_hook(void)
{
    pthread_atfork(NULL, NULL, drop_in_child);
}

int awl_cap_open(void)
{
    if (scratch.view != NULL)
        return 0;
    pthread_once(&fork_hook_once, install_fork_hook);
    int fd = memfd_create("awl-capture", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    void *view = MAP_FAILED;
    if (ftruncate(fd, (off_t)SCRATCH_BYTES) == 0)
        view = mmap(NULL, SCRATCH_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (view == MAP_FAILED) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    /* Every page of the file exists from now on: a copy never needs memory, so a failed
     * one can only mean a fault in the caller's range. */
    memset(view, 0, SCRATCH_BYTES);
    scratch.fd = fd;
    scratch.view = view;
    return 0;
}

void awl_cap_close(void)
{
    if (scratch.view == NULL)
        return;
    munmap(scratch.view, SCRATCH_BYTES);
    close(scratch.fd);
    scratch.fd = -1;
    scratch.view = NULL;
}

/* Caller memory -> scratch from offset 0, in iovec order: bytes copied before the first
 * fault (at most SCRATCH_BYTES in all). */
static size_t gather(const struct iovec *remote, size_t n)
{
    ssize_t got;
    do /* one range: pwrite skips copying in an iovec array */
        got = n == 1 ? pwrite(scratch.fd, remote->iov_base, remote->iov_len, 0)
                     : pwritev(scratch.fd, remote, (int)n, 0);
    while (got < 0 && errno == EINTR);
    return got < 0 ? 0 : (size_t)got;
}

/* Scratch from offset 0 -> caller memory, in iovec order: bytes copied before the first
 * fault. */
static size_t spread(const struct iovec *remote, size_t n)
{
    ssize_t got;
    do
        got = n == 1 ? pread(scratch.fd, remote->iov_base, remote->iov_len, 0)
                     : preadv(scratch.fd, remote, (int)n, 0);
    while (got < 0 && errno == EINTR);
    return got < 0 ? 0 : (size_t)got;
}

int awl_cap_read(const void *src, void *dst, size_t len)
{
    uintptr_t at = (uintptr_t)src;
    for (size_t done = 0; done < len;) {
        size_t step = len - done < SCRATCH_BYTES ? len - done : SCRATCH_BYTES;
        struct iovec r = {(void *)(at + done), step};
        if (gather(&r, 1) != step)
            return -1;
        memcpy((char *)dst + done, scratch.view, step);
        done += step;
    }
    return 0;
}

int awl_cap_write(void *dst, const void *src, size_t len)
{
    uintptr_t at = (uintptr_t)dst;
    for (size_t done = 0; done < len;) {
        size_t step = len - done < SCRATCH_BYTES ? len - done : SCRATCH_BYTES;
        struct iovec r = {(void *)(at + done), step};
        memcpy(scratch.view, (const char *)src + done, step);
        if (spread(&r, 1) != step)
            return -1;
        done += step;
    }
    return 0;
}

int awl_cap_write2(void *dst1, const void *src1, size_t len1, void *dst2, const void *src2,
                   size_t len2)
{
    if (len2 > SCRATCH_BYTES - len1 || len1 > SCRATCH_BYTES)
        return awl_cap_write(dst1, src1, len1) ? -1 : awl_cap_write(dst2, src2, len2);
    struct iovec remote[2] = {{dst1, len1}, {dst2, len2}};
    memcpy(scratch.view, src1, len1);
    memcpy(scratch.view + len1, src2, len2);
    return spread(remote, 2) == len1 + len2 ? 0 : -1;
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
    struct iovec remote[BATCH];
    for (size_t i = 0; i < n; i++)
        remote[i] = (struct iovec){(void *)addrs[i], 1};
    if (gather(remote, n) != n)
        return -1;
    return spread(remote, n) == n ? 0 : -1;
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
        if (awl_cap_read((const void *)(at + (uintptr_t)(got * sizeof *buf)), buf + got,
                         step * sizeof *buf)) {
            free(buf);
            return -1;
        }
        got += step;
    }
    *out = buf;
    return 0;
}

/* ---- public probes ---- */

/* The public probes run outside any API call: they take the lock the scratch file needs. */
int awl_probe_read(const void *addr, void *buf, size_t len)
{
    awl_lock();
    int rc = awl_cap_open() ? -1 : awl_cap_read(addr, buf, len);
    awl_unlock();
    return rc;
}

int awl_probe_write(void *addr, const void *buf, size_t len)
{
    awl_lock();
    int rc = awl_cap_open() ? -1 : awl_cap_write(addr, buf, len);
    awl_unlock();
    return rc;
}

/* Reads words[i..i+n) in one call; returns how many leading entries were read whole. */
static size_t read_batch(const void *const *addrs, size_t n, uint64_t *words)
{
    struct iovec remote[BATCH];
    for (size_t i = 0; i < n; i++)
        remote[i] = (struct iovec){(void *)(uintptr_t)addrs[i], sizeof words[i]};
    size_t whole = gather(remote, n) / sizeof words[0];
    memcpy(words, scratch.view, whole * sizeof words[0]);
    return whole;
}

size_t awl_probe_words(const void *const *addrs, size_t n, uint64_t *words, unsigned char *ok)
{
    size_t readable = 0, i = 0;
    awl_lock();
    if (awl_cap_open() != 0) {
        memset(ok, 0, n);
        memset(words, 0, n * sizeof *words);
        i = n;
    }
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
    awl_unlock();
    return readable;
}
