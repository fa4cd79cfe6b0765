/* SPDX-License-Identifier: Apache-2.0 */
/* awl_sys: the one door through which the backend makes every system call that changes
 * memory or the page pool (mmap, munmap, mprotect, mlock, munlock, fallocate, ftruncate,
 * memfd_create).
 * Inside an API call each one is counted and can be made to fail (fault injection), so tests
 * can reach every failure position. Calls made outside an API call (init, reset) or marked
 * quiet (housekeeping that is no part of a call's effect) are neither counted nor failed. */
#ifndef AWL_SYS_H
#define AWL_SYS_H

#include <stddef.h>
#include <sys/types.h>

/* Bracket one API call: begin takes over the armed fault, end records the count. */
void awl_sys_call_begin(void);
void awl_sys_call_end(void);
void awl_sys_arm(unsigned k, int err);
void awl_sys_disarm(void);
unsigned awl_sys_last_count(void);

/* Housekeeping brackets (nestable): calls inside are not fault points. */
void awl_sys_quiet_begin(void);
void awl_sys_quiet_end(void);

/* Same contracts as the libc calls (MAP_FAILED / -1 with errno). */
void *awl_sys_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int awl_sys_munmap(void *addr, size_t len);
int awl_sys_mprotect(void *addr, size_t len, int prot);
int awl_sys_mlock(const void *addr, size_t len);
int awl_sys_munlock(const void *addr, size_t len);
int awl_sys_punch(int fd, off_t off, off_t len);
int awl_sys_ftruncate(int fd, off_t len);
int awl_sys_memfd(const char *name);
int awl_sys_close(int fd);

#endif
