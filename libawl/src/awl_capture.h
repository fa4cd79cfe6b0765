/* SPDX-License-Identifier: Apache-2.0 */
/* awl_capture: access to caller memory the way the NT kernel probes and captures it.
 * Every copy is made by the kernel between the caller's memory and a private staging file
 * (pwrite / pread), so an unmapped, PROT_NONE or read-only page is an error return, never a
 * signal. These calls model user-memory probes, not resources: they are no fault-injection
 * points. The staging file is shared state: callers hold the lock (awl_lock.h), and
 * awl_cap_open must have succeeded. */
#ifndef AWL_CAPTURE_H
#define AWL_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

/* Sets the staging file up when missing (first use, or in a forked child): 0 or -1. */
int awl_cap_open(void);
void awl_cap_close(void);

/* 0, or -1 when any byte faults. */
int awl_cap_read(const void *src, void *dst, size_t len);
int awl_cap_write(void *dst, const void *src, size_t len);
/* Two writes in one system call, in order; the second is skipped when the first faults
 * (as when NT writes two results in one exception frame). */
int awl_cap_write2(void *dst1, const void *src1, size_t len1, void *dst2, const void *src2,
                   size_t len2);
/* A small in/out argument: reads it into `old`, then writes `replace` (or the old bytes
 * back when replace is NULL). Probes the argument for write and captures it in two calls. */
int awl_cap_exchange(void *uaddr, void *old, const void *replace, size_t len);
/* ProbeForWrite: every page of [addr, addr+len) must be writable; proved by reading one byte
 * per page and writing it back unchanged. len 0 always succeeds. */
int awl_cap_probe_write(void *addr, size_t len);
/* Captures n 64-bit entries into a malloc'd buffer (*out, NULL for n == 0); the buffer only
 * grows as fast as the caller's memory proves readable. 0, -1 (fault), -2 (out of memory). */
int awl_cap_array(const void *src, uint64_t n, uint64_t **out);

#endif
