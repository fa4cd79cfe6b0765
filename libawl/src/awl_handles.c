/* SPDX-License-Identifier: Apache-2.0 */
/* awl_handles.c: the process handle table (see awl_handles.h). */
#include "awl_handles.h"

#include <stdint.h>

#include "awl_lock.h"

#define MAX_HANDLES 64u
/* Handle values look like NT's (multiples of 4) and start well above small integers, so a
 * stray 0x4 or 0x8 is no handle. */
#define HANDLE_FIRST 0x400u

static struct {
    int used;
    AWL_DWORD access;
} table[MAX_HANDLES];

static AWL_HANDLE value_of(unsigned i)
{
    return (AWL_HANDLE)(uintptr_t)(HANDLE_FIRST + 4u * i);
}

static int slot_of(AWL_HANDLE h, unsigned *slot)
{
    uintptr_t v = (uintptr_t)h;
    if (v < HANDLE_FIRST || (v - HANDLE_FIRST) % 4u != 0 || (v - HANDLE_FIRST) / 4u >= MAX_HANDLES)
        return 0;
    *slot = (unsigned)((v - HANDLE_FIRST) / 4u);
    return table[*slot].used;
}

/* A4 / F3 */
awe_ntstatus awl_handle_check(AWL_HANDLE h)
{
    unsigned i;
    if (h == AWL_CURRENT_PROCESS)
        return AWE_STATUS_SUCCESS;
    if (!slot_of(h, &i))
        return AWE_STATUS_INVALID_HANDLE;
    if (!(table[i].access & AWE_PROCESS_VM_OPERATION))
        return AWE_STATUS_ACCESS_DENIED;
    return AWE_STATUS_SUCCESS;
}

awe_ntstatus awl_handle_check_query(AWL_HANDLE h)
{
    unsigned i;
    if (h == AWL_CURRENT_PROCESS)
        return AWE_STATUS_SUCCESS;
    if (!slot_of(h, &i))
        return AWE_STATUS_INVALID_HANDLE;
    /* Q1: NtQueryVirtualMemory asks for PROCESS_QUERY_INFORMATION; the NT52 kernel predates
     * PROCESS_QUERY_LIMITED_INFORMATION, which does not do. */
    if (!(table[i].access & 0x0400u))
        return AWE_STATUS_ACCESS_DENIED;
    return AWE_STATUS_SUCCESS;
}

void awl_handles_reset(void)
{
    for (unsigned i = 0; i < MAX_HANDLES; i++)
        table[i].used = 0;
}

AWL_HANDLE awl_open_process(AWL_DWORD access)
{
    AWL_HANDLE h = NULL;
    awl_lock();
    for (unsigned i = 0; i < MAX_HANDLES && h == NULL; i++) {
        if (!table[i].used) {
            table[i].used = 1;
            table[i].access = access;
            h = value_of(i);
        }
    }
    awl_unlock();
    return h;
}

void awl_close_handle(AWL_HANDLE h)
{
    unsigned i;
    awl_lock();
    if (slot_of(h, &i))
        table[i].used = 0;
    awl_unlock();
}
