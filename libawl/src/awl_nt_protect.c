/* SPDX-License-Identifier: Apache-2.0 */
/* awl_nt_protect.c: NtProtectVirtualMemory (P1..P13), in the check order of the NT kernel
 * (protect.c, physical.c's MiProtectAweRegion). AWE pages get real protections: mprotect
 * of their shared memfd mappings to PROT_READ or PROT_NONE (P9, P13); every Map puts
 * read-write back (P11, awl_regions.c). Plain pages: ordinary private-memory semantics.
 * All or nothing (P7): the tables change only after every mprotect succeeded; a failure
 * midway puts the pages already changed back. */
#include <errno.h>

#include "awl_capture.h"
#include "awl_handles.h"
#include "awl_internal.h"
#include "awl_pageinfo.h"
#include "awl_pagestate.h"
#include "awl_regions.h"
#include "awl_spare.h"
#include "awl_state.h"
#include "awl_sys.h"

#define BASE_PROTECTIONS 0xFFu
#define MODIFIERS (AWE_PAGE_GUARD | AWE_PAGE_NOCACHE | AWE_PAGE_WRITECOMBINE)

static int one_bit(uint32_t v) { return v != 0 && (v & (v - 1)) == 0; }

/* P1: exactly one base protection, at most one modifier and none on NOACCESS, nothing at
 * 0x800 or above. */
static int p1_well_formed(uint32_t protect)
{
    uint32_t base = protect & BASE_PROTECTIONS, mods = protect & MODIFIERS;
    if ((protect & ~(BASE_PROTECTIONS | MODIFIERS)) || !one_bit(base))
        return 0;
    return mods == 0 || (one_bit(mods) && base != AWE_PAGE_NOACCESS);
}

/* P6: what an AWE region accepts. */
static int p6_awe_protection(uint32_t protect)
{
    return protect == AWE_PAGE_READWRITE || protect == AWE_PAGE_READONLY ||
           protect == AWE_PAGE_NOACCESS;
}

/* One protection change: pages [first, end) of r take `protect`. */
typedef struct {
    awl_region *r;
    size_t first, end;
    uint32_t protect;
} prot_job;

/* Page i changes: AWE pages only while mapped (P9, P12: unmapped ones are passed over and
 * remember nothing), and only pages whose protection differs (no system call otherwise). */
static int changes(const prot_job *j, size_t i)
{
    if (j->r->kind == AWL_REGION_AWE && j->r->pfn[i] == 0)
        return 0;
    return awl_page_protect(j->r, i) != j->protect;
}

static void *page_va(const prot_job *j, size_t i)
{
    return (void *)(j->r->base + i * AWL_PAGE);
}

/* Puts the protection of the changing pages in [j->first, upto) back, as the tables (not yet
 * written) still hold it: a run per old protection. At the map-count limit a spare VMA slot
 * is given back first, as awl_mapping.c's rollback does. */
static void undo(const prot_job *j, size_t upto)
{
    for (size_t i = j->first; i < upto;) {
        if (!changes(j, i)) {
            i++;
            continue;
        }
        uint32_t old = awl_page_protect(j->r, i);
        size_t e = i + 1;
        while (e < upto && changes(j, e) && awl_page_protect(j->r, e) == old)
            e++;
        while (awl_sys_mprotect(page_va(j, i), (e - i) * AWL_PAGE, awl_pageinfo_linux_prot(old)) &&
               errno == ENOMEM && awl_spare_release_one() == 0)
            ;
        i = e;
    }
}

/* P9: one mprotect per run of changing pages; then the tables. */
static awe_ntstatus apply(const prot_job *j)
{
    int prot = awl_pageinfo_linux_prot(j->protect);
    for (size_t i = j->first; i < j->end;) {
        if (!changes(j, i)) {
            i++;
            continue;
        }
        size_t e = i + 1;
        while (e < j->end && changes(j, e))
            e++;
        if (awl_sys_mprotect(page_va(j, i), (e - i) * AWL_PAGE, prot)) {
            undo(j, e); /* e, not i: a failed mprotect over several mappings may be partial */
            return AWE_STATUS_INSUFFICIENT_RESOURCES;
        }
        i = e;
    }
    for (size_t i = j->first; i < j->end; i++)
        if (changes(j, i))
            j->r->info[i] = (uint16_t)((j->r->info[i] & AWL_INFO_LOCKED) | j->protect);
    return AWE_STATUS_SUCCESS;
}

/* P6, P9..P12 in an AWE region. */
static awe_ntstatus protect_awe(prot_job *j, uint32_t *old)
{
    awl_region *r = j->r;
    if (!p6_awe_protection(j->protect))
        return AWE_STATUS_CONFLICTING_ADDRESSES;           /* P6 */
    /* P10: the first page alone; unmapped reads as NOACCESS (Query says 0 for it). */
    uint32_t first = awl_page_protect(r, j->first);
    *old = first ? first : AWE_PAGE_NOACCESS;
    /* Only [lo, hi) can hold mapped pages. */
    if (r->mapped == 0)
        return AWE_STATUS_SUCCESS;                         /* P9: nothing mapped, no effect */
    j->first = j->first > r->lo ? j->first : r->lo;
    j->end = j->end < r->hi ? j->end : r->hi;
    int any = 0;
    for (size_t i = j->first; i < j->end && !any; i++)
        any = changes(j, i);
    if (!any)
        return AWE_STATUS_SUCCESS;
    if (awl_page_info_ensure(r))
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    return apply(j);
}

/* Locks back the pages of [first, end) the tables say are locked (a failed protect that had
 * unlocked them first). */
static void relock(const prot_job *j)
{
    for (size_t i = j->first; i < j->end; i++)
        if (j->r->info[i] & AWL_INFO_LOCKED)
            (void)awl_sys_mlock(page_va(j, i), AWL_PAGE); /* best effort: the unlock did work */
}

/* A plain region: private memory, every page committed. A NOACCESS or GUARD page leaves the
 * working set, which ends its lock: NT says so with STATUS_WAS_UNLOCKED, a success (INF). */
static awe_ntstatus protect_plain(prot_job *j, uint32_t *old)
{
    if (j->protect & (AWE_PAGE_WRITECOPY | AWE_PAGE_EXECUTE_WRITECOPY))
        return AWE_STATUS_INVALID_PARAMETER_4;             /* protect.c: not for private pages */
    int unlock = 0;
    for (size_t i = j->first; i < j->end; i++) {
        if (awl_page_state(j->r, i) != AWE_MEM_COMMIT)
            return AWL_STATUS_NOT_COMMITTED;
        unlock |= (j->r->info[i] & AWL_INFO_LOCKED) != 0;
    }
    unlock &= (j->protect & AWE_PAGE_GUARD) || (j->protect & 0xFFu) == AWE_PAGE_NOACCESS;
    *old = awl_page_protect(j->r, j->first);
    /* unlocking first keeps all or nothing: munlock of pages not locked is harmless */
    if (unlock && awl_sys_munlock(page_va(j, j->first), (j->end - j->first) * AWL_PAGE))
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    awe_ntstatus st = apply(j);
    if (st != AWE_STATUS_SUCCESS) {
        if (unlock)
            relock(j);
        return st;
    }
    if (!unlock)
        return AWE_STATUS_SUCCESS;
    for (size_t i = j->first; i < j->end; i++)
        j->r->info[i] &= (uint16_t)~AWL_INFO_LOCKED;
    return AWE_STATUS_WAS_UNLOCKED;
}

static awe_ntstatus protect_locked(AWL_HANDLE process, AWL_PVOID *base_ptr, AWL_SIZE_T *size_ptr,
                                   uint32_t protect, AWL_ULONG *old_ptr)
{
    if (!p1_well_formed(protect))
        return AWE_STATUS_INVALID_PAGE_PROTECTION;         /* P1 */
    uintptr_t base;
    uint64_t size;
    if (awl_cap_exchange(base_ptr, &base, NULL, sizeof base) ||
        awl_cap_exchange(size_ptr, &size, NULL, sizeof size) || old_ptr == NULL ||
        awl_cap_probe_write(old_ptr, sizeof *old_ptr))
        return AWE_STATUS_ACCESS_VIOLATION;                /* P2 */
    if (base > AWL_HIGHEST_USER)
        return AWE_STATUS_INVALID_PARAMETER_2;             /* P3 */
    if (AWL_HIGHEST_USER - base < size || size == 0)
        return AWE_STATUS_INVALID_PARAMETER_3;
    awe_ntstatus st = awl_handle_check(process);           /* P4 */
    if (st != AWE_STATUS_SUCCESS)
        return st;
    uintptr_t first = awl_page_down(base), last = (base + size - 1) | AWL_PAGE_MASK;
    awl_region *r = awl_region_find(first);
    if (r == NULL || last > awl_region_last(r))
        return AWE_STATUS_CONFLICTING_ADDRESSES;           /* P5 */
    prot_job j = {r, (first - r->base) / AWL_PAGE, (last - r->base) / AWL_PAGE + 1, protect};
    uint32_t old = 0;
    st = r->kind == AWL_REGION_AWE ? protect_awe(&j, &old) : protect_plain(&j, &old);
    if (!AWE_NT_SUCCESS(st))
        return st;                                         /* P7: nothing written */
    /* P8, P10: results go back like NT's; a fault here does not undo the change. */
    uint64_t out_size = last - first + 1;
    awl_cap_write2(size_ptr, &out_size, sizeof out_size, base_ptr, &first, sizeof first);
    awl_cap_write(old_ptr, &old, sizeof old);
    return st; /* SUCCESS, or WAS_UNLOCKED */
}

AWL_NTSTATUS AwlNtProtectVirtualMemory(AWL_HANDLE ProcessHandle, AWL_PVOID *BaseAddress,
                                       AWL_SIZE_T *RegionSize, AWL_ULONG NewProtect,
                                       AWL_ULONG *OldProtect)
{
    awe_ntstatus st = awl_enter();
    if (st == AWE_STATUS_SUCCESS)
        st = protect_locked(ProcessHandle, BaseAddress, RegionSize, NewProtect, OldProtect);
    awl_leave();
    return st;
}
