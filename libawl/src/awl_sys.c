/* SPDX-License-Identifier: Apache-2.0 */
/* awl_sys.c: the counted, failable system-call wrapper (see awl_sys.h). */
#include "awl_sys.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "awl.h"
#include "awl_lock.h"

static struct {
    unsigned armed_k; /* waiting for the next API call */
    int armed_err;
    unsigned k;       /* active during the current call */
    int err;
    unsigned count;
    unsigned last;
    int in_call;
    int quiet;
} sys;

void awl_sys_call_begin(void)
{
    sys.in_call = 1;
    sys.count = 0;
    sys.k = sys.armed_k;
    sys.err = sys.armed_err;
    sys.armed_k = 0;
}

void awl_sys_call_end(void)
{
    sys.last = sys.count;
    sys.in_call = 0;
    sys.k = 0;
}

void awl_sys_arm(unsigned k, int err)
{
    sys.armed_k = k;
    sys.armed_err = err ? err : ENOMEM;
}

void awl_sys_disarm(void)
{
    sys.armed_k = 0;
    sys.k = 0;
}

unsigned awl_sys_last_count(void)
{
    return sys.last;
}

void awl_sys_quiet_begin(void)
{
    sys.quiet++;
}

void awl_sys_quiet_end(void)
{
    sys.quiet--;
}

/* Every wrapper passes here first: -1 (errno set) when this is the call chosen to fail. */
static int fault_point(void)
{
    if (!sys.in_call || sys.quiet)
        return 0;
    sys.count++;
    if (sys.k != 0 && sys.count == sys.k) {
        errno = sys.err;
        return -1;
    }
    return 0;
}

void *awl_sys_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (fault_point())
        return MAP_FAILED;
    return mmap(addr, len, prot, flags, fd, off);
}

int awl_sys_munmap(void *addr, size_t len)
{
    if (fault_point())
        return -1;
    return munmap(addr, len);
}

int awl_sys_mprotect(void *addr, size_t len, int prot)
{
    if (fault_point())
        return -1;
    return mprotect(addr, len, prot);
}

int awl_sys_mlock(const void *addr, size_t len)
{
    if (fault_point())
        return -1;
    return (int)syscall(SYS_mlock, addr, len); /* not mlock(): sanitizers make that a no-op */
}

int awl_sys_munlock(const void *addr, size_t len)
{
    if (fault_point())
        return -1;
    return (int)syscall(SYS_munlock, addr, len);
}

int awl_sys_punch(int fd, off_t off, off_t len)
{
    if (fault_point())
        return -1;
    return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off, len);
}

int awl_sys_ftruncate(int fd, off_t len)
{
    if (fault_point())
        return -1;
    return ftruncate(fd, len);
}

int awl_sys_memfd(const char *name)
{
    if (fault_point())
        return -1;
    int fd = memfd_create(name, MFD_CLOEXEC);
    /* Nobody reads the pool's access time, and every mmap of the file would update it
     * (touch_atime): a measurable part of a one-call Map. Best effort: without the flag
     * the file only costs a little more. */
    if (fd >= 0)
        (void)fcntl(fd, F_SETFL, O_NOATIME);
    return fd;
}

int awl_sys_close(int fd)
{
    return close(fd);
}

/* ---- public fault-injection controls ---- */

void awl_fault_inject(unsigned k, int err)
{
    awl_lock();
    if (k == 0)
        awl_sys_disarm();
    else
        awl_sys_arm(k, err);
    awl_unlock();
}

unsigned awl_last_syscall_count(void)
{
    awl_lock();
    unsigned n = awl_sys_last_count();
    awl_unlock();
    return n;
}
