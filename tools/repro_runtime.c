/* SPDX-License-Identifier: Apache-2.0 */
/* repro_runtime.c: what an exported reproducer (awefuzz export) adds to the harness's own
 * sources: one function per op that places the arguments, makes the call, and prints
 * whether the outcome is the one expected; setup, the summary and main. Everything it builds
 * on (vocabulary, program enums, argument arena, page contents, symbolic operands, the calls
 * on each layer, the own process) is the harness's code, embedded before this file in the
 * order tools/CMakeLists.txt lists; the ops the reproducer performs (run_program) follow it.
 * The #include lines of embedded files are dropped: the files come in dependency order. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "awe_defs.h"
#include "content.h"
#include "program.h"
#include "symbols.h"
#include "win_calls.h"
#include "win_exports.h"
#include "win_self.h"

#ifdef _MSC_VER
#pragma comment(lib, "advapi32.lib")
#endif

/* What the PFN array holds before an allocation: entries the call must not write (A8/A9). */
#define REPRO_SENTINEL ((uintptr_t)0xA5A5A5A5A5A5A5A5ull)

/* What an op is expected to do: a status (Nt: the NTSTATUS; Win32: TRUE, or FALSE with the
 * last error given), maybe *NumberOfPages after the call, or for a memory access whether it
 * faults and the content tag it reads. */
typedef struct {
    int check;
    LONG status;
    DWORD win32_error;
    int has_count;
    unsigned long long count;
    int fault;
    int has_tag;
    unsigned long long tag;
    const char *rule; /* the rule of the AWE semantics that decides it, "" when not known */
} expect_t;

static awe_win_exports exports;
static awe_win_self own;
static awe_arena *arena;
static awe_symbols sym; /* what R0+2, L0, S1, G3 stand for in this run */
static int differences, privilege_held;

/* ---- symbolic operands, as the generated code names them ---- */

HANDLE handle_of(awe_handle_kind kind)
{
    return awe_win_self_handle(&own, kind);
}

ULONG_PTR addr_of(awe_addr_kind kind, unsigned region, unsigned page, unsigned offset)
{
    awe_addr a = {0};
    a.kind = (uint8_t)kind, a.region = (uint8_t)region, a.page = (uint16_t)page;
    a.offset = (uint16_t)offset;
    return (ULONG_PTR)awe_resolve_addr(&sym, &a);
}

ULONG_PTR pfn_of(awe_pfn_kind kind, unsigned index)
{
    awe_pfn_ref r = {0};
    r.kind = (uint8_t)kind, r.index = (uint16_t)index;
    return (ULONG_PTR)awe_resolve_pfn(&sym, &r);
}

/* ---- outcomes ---- */

static void status_text(char *buf, size_t cap, awe_ntstatus status)
{
    const char *name = awe_status_short_name(status);
    snprintf(buf, cap, "%s%s 0x%08lX", name ? "STATUS_" : "an NTSTATUS", name ? name : "",
             (unsigned long)status);
}

/* Prints what the call did and whether it is what was expected; 1 when it succeeded. */
static int outcome(const awe_call_result *r, int has_count, uintptr_t count, const expect_t *e)
{
    char got[96], want[96];
    int same = 1;
    if (r->has_status) {
        status_text(got, sizeof got, r->status);
        status_text(want, sizeof want, (awe_ntstatus)e->status);
        same = r->status == (awe_ntstatus)e->status;
    } else {
        if (r->win32_ok)
            snprintf(got, sizeof got, "TRUE");
        else
            snprintf(got, sizeof got, "FALSE, last error %lu", (unsigned long)r->win32_error);
        if (e->status >= 0)
            snprintf(want, sizeof want, "TRUE");
        else
            snprintf(want, sizeof want, "FALSE, last error %lu", (unsigned long)e->win32_error);
        same = r->win32_ok ? e->status >= 0 : e->status < 0 && r->win32_error == e->win32_error;
    }
    if (has_count) {
        size_t at = strlen(got);
        snprintf(got + at, sizeof got - at, ", *NumberOfPages %llu", (unsigned long long)count);
    }
    if (e->has_count) {
        size_t at = strlen(want);
        snprintf(want + at, sizeof want - at, ", *NumberOfPages %llu", e->count);
        same = same && has_count && count == e->count;
    }
    if (!e->check)
        printf("       did: %s (nothing to compare with)\n", got);
    else if (same)
        printf("       ok: %s\n", got);
    else {
        printf("       DIFFERENT: expected %s%s%s, got %s\n", want, *e->rule ? " by rule " : "",
               e->rule, got);
        differences++;
    }
    return r->has_status ? AWE_NT_SUCCESS(r->status) : r->win32_ok;
}

/* 1, after saying so, when the call is not exported on that layer. */
static int missing(awe_api api, awe_win_call call, const expect_t *e)
{
    if (exports.fn[api == AWE_API_WIN32][call])
        return 0;
    printf("       DIFFERENT: %s is not exported%s\n", awe_win_export_name(api, call),
           e->check ? "" : " (nothing to compare with)");
    differences += e->check;
    return 1;
}

static void skipped(const char *why)
{
    printf("       skipped: %s\n", why);
}

/* Printed before the call, so that a crash shows which op it was. */
static void begin(int i, const char *text)
{
    printf("op %2d  %s\n", i, text);
}

/* Entries an argument of that kind carries (NULL and the guard page carry none). */
static size_t entries(awe_buf_kind kind, size_t n)
{
    if (kind != AWE_BUF_OK && kind != AWE_BUF_READONLY)
        return 0;
    return n < AWE_ARENA_SLOT_ENTRIES ? n : AWE_ARENA_SLOT_ENTRIES;
}

/* ---- one function per operation ---- */

void op_reserve(int i, const char *text, awe_api api, ULONG_PTR addr, SIZE_T size, DWORD type,
                DWORD prot, const expect_t *e)
{
    void *base = (void *)addr;
    size_t bytes = size;
    awe_call_result r = {0};
    begin(i, text);
    if (addr && !awe_symbols_in_live(&sym, addr)) {
        skipped("an address outside this run's regions would touch memory it did not create");
        return;
    }
    if (missing(api, AWE_WIN_VALLOC, e))
        return;
    awe_win_virtual_alloc(&exports, api, &base, &bytes, type, prot, &r);
    if (bytes == 0) /* the Win32 layer does not say: whole pages */
        bytes = (size + AWE_PAGE_SIZE - 1) / AWE_PAGE_SIZE * AWE_PAGE_SIZE;
    if (outcome(&r, 0, 0, e) && addr == 0)
        awe_symbols_add_region(&sym, (uint64_t)(uintptr_t)base, bytes / AWE_PAGE_SIZE,
                               (type & MEM_PHYSICAL) != 0);
}

void op_release(int i, const char *text, awe_api api, ULONG_PTR addr, SIZE_T size, DWORD type,
                const expect_t *e)
{
    void *base = (void *)addr;
    awe_call_result r = {0};
    begin(i, text);
    if (addr && addr != (ULONG_PTR)AWE_KERNEL_ADDRESS && !awe_symbols_in_live(&sym, addr)) {
        skipped("an address outside this run's regions would free memory it did not create");
        return;
    }
    if (missing(api, AWE_WIN_VFREE, e))
        return;
    awe_win_virtual_free(&exports, api, &base, size, type, &r);
    if (outcome(&r, 0, 0, e) && (type & MEM_RELEASE))
        awe_symbols_release(&sym, addr);
}

void op_alloc(int i, const char *text, awe_api api, awe_handle_kind handle, awe_buf_kind cnt_kind,
              ULONG_PTR n, awe_buf_kind arr_kind, size_t cap, int numa, DWORD node,
              const expect_t *e)
{
    static uintptr_t granted[AWE_ARENA_SLOT_ENTRIES];
    static uint64_t grant[AWE_ARENA_SLOT_ENTRIES];
    uintptr_t count = n, got_count = n;
    awe_call_result r = {0};
    begin(i, text);
    uintptr_t *cnt = awe_arena_place(arena, AWE_SLOT_COUNT, cnt_kind, &count, 1, 0);
    uintptr_t *arr = awe_arena_place(arena, AWE_SLOT_PFNS, arr_kind, NULL, cap, REPRO_SENTINEL);
    if (missing(api, awe_win_allocate_call(api, numa), e))
        return;
    awe_win_allocate(&exports, api, handle_of(handle), cnt, arr, numa, node, &r);
    if (entries(cnt_kind, 1))
        awe_arena_fetch(arena, AWE_SLOT_COUNT, &got_count, 1);
    if (!outcome(&r, 1, got_count, e))
        return;
    size_t k = entries(arr_kind, cap);
    if (got_count < k)
        k = got_count;
    awe_arena_fetch(arena, AWE_SLOT_PFNS, granted, k);
    for (size_t g = 0; g < k; g++)
        grant[g] = granted[g];
    awe_symbols_grant(&sym, grant, k);
}

void op_free(int i, const char *text, awe_api api, awe_handle_kind handle, awe_buf_kind cnt_kind,
             ULONG_PTR n, awe_buf_kind arr_kind, const uintptr_t *pfns, size_t len,
             const expect_t *e)
{
    static uint64_t freed[AWE_MAX_ENTRIES];
    uintptr_t count = n, got_count = n;
    awe_call_result r = {0};
    begin(i, text);
    uintptr_t *cnt = awe_arena_place(arena, AWE_SLOT_COUNT, cnt_kind, &count, 1, 0);
    uintptr_t *arr = awe_arena_place(arena, AWE_SLOT_PFNS, arr_kind, pfns, len, 0);
    if (missing(api, AWE_WIN_FREE, e))
        return;
    awe_win_free_pages(&exports, api, handle_of(handle), cnt, arr, &r);
    if (entries(cnt_kind, 1))
        awe_arena_fetch(arena, AWE_SLOT_COUNT, &got_count, 1);
    int succeeded = outcome(&r, 1, got_count, e);
    /* F5: the count says how long a prefix was freed; a failure that never wrote it freed nothing */
    if (!succeeded && got_count == n)
        return;
    size_t k = got_count < len ? got_count : len;
    if (k > AWE_MAX_ENTRIES)
        k = AWE_MAX_ENTRIES;
    for (size_t f = 0; f < k; f++)
        freed[f] = pfns[f];
    awe_symbols_free(&sym, freed, k);
}

void op_map(int i, const char *text, awe_api api, ULONG_PTR va, ULONG_PTR n, awe_buf_kind arr_kind,
            const uintptr_t *pfns, size_t len, const expect_t *e)
{
    awe_call_result r = {0};
    begin(i, text);
    uintptr_t *arr = awe_arena_place(arena, AWE_SLOT_PFNS, arr_kind, pfns, len, 0);
    if (missing(api, AWE_WIN_MAP, e))
        return;
    awe_win_map(&exports, api, (void *)va, n, arr, &r);
    outcome(&r, 0, 0, e);
}

void op_scatter(int i, const char *text, awe_api api, awe_buf_kind vas_kind, const uintptr_t *vas,
                size_t n_vas, ULONG_PTR n, awe_buf_kind arr_kind, const uintptr_t *pfns,
                size_t len, const expect_t *e)
{
    awe_call_result r = {0};
    begin(i, text);
    uintptr_t *va_arr = awe_arena_place(arena, AWE_SLOT_VAS, vas_kind, vas, n_vas, 0);
    uintptr_t *arr = awe_arena_place(arena, AWE_SLOT_PFNS, arr_kind, pfns, len, 0);
    if (missing(api, AWE_WIN_SCATTER, e))
        return;
    awe_win_scatter(&exports, api, (void **)(void *)va_arr, n, arr, &r);
    outcome(&r, 0, 0, e);
}

/* Memory this run did not create: a protection change or lock there would change the
 * reproducer itself (0 and the kernel address reach no memory). */
static int foreign(ULONG_PTR addr)
{
    return addr && addr != (ULONG_PTR)AWE_KERNEL_ADDRESS && !awe_symbols_in_live(&sym, addr);
}

/* Prints the values a successful call wrote back, for the reader to judge (the expectation
 * carries the status only). */
static void wrote_back(const char *what, unsigned long long value)
{
    printf("       wrote %s = 0x%llX\n", what, value);
}

void op_query(int i, const char *text, awe_api api, awe_handle_kind handle, ULONG_PTR addr,
              awe_buf_kind buf_kind, size_t len, awe_buf_kind ret_kind, const expect_t *e)
{
    awe_call_result r = {0};
    awe_mbi mbi;
    uintptr_t retlen = REPRO_SENTINEL;
    size_t returned = 0;
    begin(i, text);
    void *buf = awe_arena_place_bytes(arena, AWE_SLOT_QUERY, buf_kind, len, 8, 0xA5);
    uintptr_t *ret = awe_arena_place(arena, AWE_SLOT_RETLEN, ret_kind, NULL, 1, REPRO_SENTINEL);
    if (missing(api, AWE_WIN_QUERY, e))
        return;
    awe_win_query(&exports, api, handle_of(handle), (const void *)addr, buf, len,
                  (size_t *)(void *)ret, &returned, &r);
    if (!outcome(&r, 0, 0, e))
        return;
    memset(&mbi, 0xA5, sizeof mbi);
    awe_arena_fetch_bytes(arena, AWE_SLOT_QUERY, &mbi, sizeof mbi);
    if (entries(ret_kind, 1) && api == AWE_API_NT)
        awe_arena_fetch(arena, AWE_SLOT_RETLEN, &retlen, 1);
    printf("       MEMORY_BASIC_INFORMATION: BaseAddress 0x%llX AllocationBase 0x%llX "
           "AllocationProtect 0x%X RegionSize 0x%llX State 0x%X Protect 0x%X Type 0x%X; %s %llu\n",
           (unsigned long long)mbi.base_address, (unsigned long long)mbi.allocation_base,
           (unsigned)mbi.allocation_protect, (unsigned long long)mbi.region_size,
           (unsigned)mbi.state, (unsigned)mbi.protect, (unsigned)mbi.type,
           api == AWE_API_NT ? "ReturnLength" : "returned",
           (unsigned long long)(api == AWE_API_NT ? retlen : returned));
}

void op_protect(int i, const char *text, awe_api api, awe_handle_kind handle, ULONG_PTR addr,
                SIZE_T size, DWORD prot, awe_buf_kind old_kind, awe_buf_kind base_kind,
                awe_buf_kind size_kind, const expect_t *e)
{
    awe_call_result r = {0};
    uintptr_t base_in = addr, size_in = size;
    uint32_t old = 0;
    begin(i, text);
    if (foreign(addr)) {
        skipped("an address outside this run's regions would change memory it did not create");
        return;
    }
    uintptr_t *bp = awe_arena_place(arena, AWE_SLOT_BASE, base_kind, &base_in, 1, 0);
    uintptr_t *sp = awe_arena_place(arena, AWE_SLOT_SIZE, size_kind, &size_in, 1, 0);
    uint32_t *op = awe_arena_place_bytes(arena, AWE_SLOT_OLD, old_kind, sizeof old, sizeof old, 0xA5);
    if (missing(api, AWE_WIN_PROTECT, e))
        return;
    awe_win_protect(&exports, api, handle_of(handle), (void *)addr, size, (void **)(void *)bp,
                    (size_t *)(void *)sp, prot, op, &r);
    if (!outcome(&r, 0, 0, e))
        return;
    if (entries(old_kind, 1)) {
        awe_arena_fetch_bytes(arena, AWE_SLOT_OLD, &old, sizeof old);
        wrote_back("*OldProtect", old);
    }
}

void op_lock(int i, const char *text, awe_api api, int unlock, awe_handle_kind handle,
             ULONG_PTR addr, SIZE_T size, DWORD map_type, awe_buf_kind base_kind,
             awe_buf_kind size_kind, const expect_t *e)
{
    awe_call_result r = {0};
    uintptr_t base_in = addr, size_in = size;
    begin(i, text);
    if (foreign(addr)) {
        skipped("an address outside this run's regions would lock memory it did not create");
        return;
    }
    uintptr_t *bp = awe_arena_place(arena, AWE_SLOT_BASE, base_kind, &base_in, 1, 0);
    uintptr_t *sp = awe_arena_place(arena, AWE_SLOT_SIZE, size_kind, &size_in, 1, 0);
    if (missing(api, awe_win_lock_call(unlock), e))
        return;
    awe_win_lock(&exports, api, unlock, handle_of(handle), (void *)addr, size,
                 (void **)(void *)bp, (size_t *)(void *)sp, map_type, &r);
    if (outcome(&r, 0, 0, e) && api == AWE_API_NT && entries(size_kind, 1)) {
        awe_arena_fetch(arena, AWE_SLOT_SIZE, &size_in, 1);
        wrote_back("*RegionSize", size_in);
    }
}

static void access_outcome(int ok, int has_tag, int64_t tag, const expect_t *e)
{
    char got[64], want[64];
    if (ok && has_tag && tag >= 0)
        snprintf(got, sizeof got, "tag=%lld", (long long)tag);
    else
        snprintf(got, sizeof got, "%s", !ok ? "fault" : has_tag ? "foreign content" : "ok");
    if (e->has_tag)
        snprintf(want, sizeof want, "tag=%llu", e->tag);
    else
        snprintf(want, sizeof want, "%s", e->fault ? "fault" : "ok");
    int same = e->fault ? !ok : ok && (!e->has_tag || tag == (int64_t)e->tag);
    if (!e->check)
        printf("       did: %s (nothing to compare with)\n", got);
    else if (same)
        printf("       ok: %s\n", got);
    else {
        printf("       DIFFERENT: expected %s%s%s, got %s\n", want, *e->rule ? " by rule " : "",
               e->rule, got);
        differences++;
    }
}

void op_write(int i, const char *text, ULONG_PTR va, unsigned tag, const expect_t *e)
{
    static uint64_t page[AWE_WORDS_PER_PAGE];
    begin(i, text);
    va &= ~(ULONG_PTR)(AWE_PAGE_SIZE - 1);
    if (!awe_symbols_in_live_awe(&sym, va)) {
        skipped("not in a live AWE region of this run");
        return;
    }
    awe_content_fill(tag, 0, page); /* reproducers keep no frame stamps: the tag alone */
    access_outcome(awe_win_self_write(&own, (void *)va, page, sizeof page) == 0, 0, 0, e);
}

void op_read(int i, const char *text, ULONG_PTR va, const expect_t *e)
{
    static uint64_t page[AWE_WORDS_PER_PAGE];
    begin(i, text);
    va &= ~(ULONG_PTR)(AWE_PAGE_SIZE - 1);
    if (!awe_symbols_in_live_awe(&sym, va)) {
        skipped("not in a live AWE region of this run");
        return;
    }
    int ok = awe_win_self_read(&own, (const void *)va, page, sizeof page) == 0;
    uint64_t tag = 0;
    uint16_t stamp = 0;
    access_outcome(ok, 1, ok && awe_content_decode(page, &tag, &stamp) == 0 ? (int64_t)tag : -1, e);
}

void op_priv(int i, const char *text, int on)
{
    begin(i, text);
    if (awe_win_set_lock_privilege(on) == 0)
        printf("       ok\n");
    else
        skipped("SeLockMemoryPrivilege cannot be switched (not held)");
}

void op_control(int i, const char *text, const char *why)
{
    begin(i, text);
    skipped(why);
}

/* ---- the run ---- */

static int setup(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* every line out before a crash */
    awe_win_exports_load(&exports);
    arena = awe_arena_new();
    if (!arena || awe_win_self_open(&own) != 0)
        return 0;
    awe_symbols_reset(&sym, (uint64_t)(uintptr_t)awe_arena_ordinary(arena));
    privilege_held = awe_win_set_lock_privilege(1) == 0;
    if (!privilege_held)
        printf("note: SeLockMemoryPrivilege is not held (grant \"Lock pages in memory\" and log on "
               "again): allocations cannot succeed\n");
    return 1;
}

static int finish(void)
{
    printf("%d difference%s\n", differences, differences == 1 ? "" : "s");
    if (differences)
        return 1;
    return privilege_held ? 0 : 77; /* without the privilege, agreement proves little */
}

void run_program(void); /* the program's ops: generated after this file */

int main(void)
{
    if (!setup()) {
        printf("cannot reserve the argument pages or open the own process\n");
        return 2;
    }
    run_program();
    return finish();
}
/* ---- the program ------------------------------------------------------------------------ */
