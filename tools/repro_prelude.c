/* ---- the part every exported reproducer shares ---------------------------------------- */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdio.h>
#include <string.h>
#ifdef _MSC_VER
#pragma comment(lib, "advapi32.lib")
#endif

typedef LONG(NTAPI *nt_pages_fn)(HANDLE, PULONG_PTR, PULONG_PTR);
typedef LONG(NTAPI *nt_map_fn)(PVOID, ULONG_PTR, PULONG_PTR);
typedef LONG(NTAPI *nt_scatter_fn)(PVOID *, ULONG_PTR, PULONG_PTR);
typedef LONG(NTAPI *nt_valloc_fn)(HANDLE, PVOID *, ULONG_PTR, PSIZE_T, ULONG, ULONG);
typedef LONG(NTAPI *nt_vfree_fn)(HANDLE, PVOID *, PSIZE_T, ULONG);
typedef LONG(NTAPI *nt_rw_fn)(HANDLE, PVOID, PVOID, SIZE_T, SIZE_T *);
typedef BOOL(WINAPI *pages_fn)(HANDLE, PULONG_PTR, PULONG_PTR);
typedef BOOL(WINAPI *pages_numa_fn)(HANDLE, PULONG_PTR, PULONG_PTR, DWORD);
typedef BOOL(WINAPI *map_fn)(PVOID, ULONG_PTR, PULONG_PTR);
typedef BOOL(WINAPI *scatter_fn)(PVOID *, ULONG_PTR, PULONG_PTR);

enum { API_NT = 0, API_WIN32 = 1 };
enum { BUF_OK = 0, BUF_NULL, BUF_NOACCESS, BUF_RO };
enum { H_CURRENT = 0, H_SELF, H_NO_VM_OPERATION, H_NULL, H_GARBAGE };
enum { PFN_LIVE = 0, PFN_STALE, PFN_GARBAGE, PFN_ZERO };
enum { ADDR_NULL = 0, ADDR_REGION, ADDR_ORDINARY, ADDR_KERNEL };
enum { SLOT_COUNT = 0, SLOT_PFNS, SLOT_VAS, SLOT_N };

#define PAGE 4096u
#define SLOT_ENTRIES 512u
#define KERNEL_ADDRESS 0xFFFF800000001000ull
#define MAX_REGIONS 8
#define MAX_GRANTED 4096
#define SENTINEL ((ULONG_PTR)0xA5A5A5A5A5A5A5A5ull)

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

static struct {
    nt_pages_fn nt_alloc, nt_free;
    nt_map_fn nt_map;
    nt_scatter_fn nt_scatter;
    nt_valloc_fn nt_valloc;
    nt_vfree_fn nt_vfree;
    nt_rw_fn nt_read, nt_write;
    pages_fn alloc, free_pages;
    pages_numa_fn alloc_numa;
    map_fn map;
    scatter_fn scatter;
} api;

static HANDLE self_handle, novm_handle;
static unsigned char *arena;       /* per slot: a data page, then a guard page */
static unsigned char *ordinary;    /* committed read-write memory in no region */
static size_t placed[SLOT_N];
static ULONG_PTR region_base[MAX_REGIONS];
static ULONG_PTR region_pages[MAX_REGIONS];
static int region_live[MAX_REGIONS], region_awe[MAX_REGIONS];
static size_t n_regions;
static ULONG_PTR granted[MAX_GRANTED];
static int granted_live[MAX_GRANTED];
static size_t n_granted;
static ULONG_PTR max_granted;
static int differences, privilege_held;

static void (*proc(const char *dll, const char *name))(void)
{
    HMODULE m = GetModuleHandleA(dll);
    return m ? (void (*)(void))GetProcAddress(m, name) : NULL;
}

int set_lock_privilege(int on)
{
    HANDLE token;
    TOKEN_PRIVILEGES tp;
    int ok = 0;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &token))
        return 0;
    tp.PrivilegeCount = 1;
    tp.Privileges[0].Attributes = on ? SE_PRIVILEGE_ENABLED : 0;
    if (LookupPrivilegeValueA(NULL, "SeLockMemoryPrivilege", &tp.Privileges[0].Luid) &&
        AdjustTokenPrivileges(token, FALSE, &tp, 0, NULL, NULL) && GetLastError() == ERROR_SUCCESS)
        ok = 1;
    CloseHandle(token);
    return ok;
}

int setup(void)
{
    api.nt_alloc = (nt_pages_fn)proc("ntdll.dll", "NtAllocateUserPhysicalPages");
    api.nt_free = (nt_pages_fn)proc("ntdll.dll", "NtFreeUserPhysicalPages");
    api.nt_map = (nt_map_fn)proc("ntdll.dll", "NtMapUserPhysicalPages");
    api.nt_scatter = (nt_scatter_fn)proc("ntdll.dll", "NtMapUserPhysicalPagesScatter");
    api.nt_valloc = (nt_valloc_fn)proc("ntdll.dll", "NtAllocateVirtualMemory");
    api.nt_vfree = (nt_vfree_fn)proc("ntdll.dll", "NtFreeVirtualMemory");
    api.nt_read = (nt_rw_fn)proc("ntdll.dll", "NtReadVirtualMemory");
    api.nt_write = (nt_rw_fn)proc("ntdll.dll", "NtWriteVirtualMemory");
    api.alloc = (pages_fn)proc("kernel32.dll", "AllocateUserPhysicalPages");
    api.alloc_numa = (pages_numa_fn)proc("kernel32.dll", "AllocateUserPhysicalPagesNuma");
    api.free_pages = (pages_fn)proc("kernel32.dll", "FreeUserPhysicalPages");
    api.map = (map_fn)proc("kernel32.dll", "MapUserPhysicalPages");
    api.scatter = (scatter_fn)proc("kernel32.dll", "MapUserPhysicalPagesScatter");
    self_handle = OpenProcess(PROCESS_VM_OPERATION | PROCESS_QUERY_LIMITED_INFORMATION, FALSE,
                              GetCurrentProcessId());
    novm_handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, GetCurrentProcessId());
    arena = VirtualAlloc(NULL, 2 * PAGE * (SLOT_N + 1), MEM_RESERVE | MEM_COMMIT, PAGE_NOACCESS);
    if (!arena)
        return 0;
    ordinary = arena + 2 * PAGE * SLOT_N;
    DWORD old;
    VirtualProtect(ordinary, PAGE, PAGE_READWRITE, &old);
    setvbuf(stdout, NULL, _IONBF, 0); /* every line out before a crash */
    privilege_held = set_lock_privilege(1);
    if (!privilege_held)
        printf("note: SeLockMemoryPrivilege is not held (grant \"Lock pages in memory\" and log on "
               "again): allocations cannot succeed\n");
    return 1;
}

/* Where a pointer argument points: n entries ending exactly where a guard page begins, or
 * NULL, or into the guard page, or read-only entries. */
ULONG_PTR *place(int slot, int kind, const ULONG_PTR *init, size_t n, ULONG_PTR fill)
{
    unsigned char *data = arena + 2 * PAGE * (size_t)slot;
    DWORD old;
    if (n > SLOT_ENTRIES)
        n = SLOT_ENTRIES;
    placed[slot] = 0;
    if (kind == BUF_NULL)
        return NULL;
    if (kind == BUF_NOACCESS)
        return (ULONG_PTR *)(void *)(data + PAGE);
    VirtualProtect(data, PAGE, PAGE_READWRITE, &old);
    ULONG_PTR *p = (ULONG_PTR *)(void *)(data + PAGE - n * sizeof(ULONG_PTR));
    for (size_t i = 0; i < n; i++)
        p[i] = init ? init[i] : fill;
    placed[slot] = n;
    if (kind == BUF_RO)
        VirtualProtect(data, PAGE, PAGE_READONLY, &old);
    return p;
}

int read_memory(const void *va, void *buf, size_t len)
{
    SIZE_T got = 0;
    if (api.nt_read)
        return api.nt_read(GetCurrentProcess(), (PVOID)(ULONG_PTR)va, buf, len, &got) >= 0 && got == len;
    return ReadProcessMemory(GetCurrentProcess(), va, buf, len, &got) && got == len;
}

int write_memory(void *va, const void *buf, size_t len)
{
    SIZE_T got = 0;
    if (api.nt_write)
        return api.nt_write(GetCurrentProcess(), va, (PVOID)(ULONG_PTR)buf, len, &got) >= 0 && got == len;
    return WriteProcessMemory(GetCurrentProcess(), va, buf, len, &got) && got == len;
}

/* ---- symbolic operands: what R0+2, L0, S1, G3 stand for in this run ---- */

HANDLE handle_of(int kind)
{
    switch (kind) {
    case H_SELF: return self_handle;
    case H_NO_VM_OPERATION: return novm_handle;
    case H_NULL: return NULL;
    case H_GARBAGE: return (HANDLE)(ULONG_PTR)0x7BADBAD0u;
    default: return GetCurrentProcess();
    }
}

ULONG_PTR addr_of(int kind, unsigned region, unsigned page, unsigned offset)
{
    switch (kind) {
    case ADDR_REGION:
        if (n_regions == 0)
            return (ULONG_PTR)ordinary + offset;
        return region_base[region % n_regions] + (ULONG_PTR)page * PAGE + offset;
    case ADDR_ORDINARY: return (ULONG_PTR)ordinary;
    case ADDR_KERNEL: return (ULONG_PTR)KERNEL_ADDRESS;
    default: return 0;
    }
}

static ULONG_PTR garbage(unsigned index)
{
    switch (index % 8) {
    case 0: return 1;
    case 1: return max_granted + 1;
    case 2: return 0xFFFFFFFFull;
    case 3: return (1ull << 32) | (n_granted ? granted[0] : 0x1000u);
    case 4: return ~(ULONG_PTR)0;
    case 5: return 0xDEADBEEFull;
    case 6: return max_granted + 0x10000;
    default: return 0x7FFFFFFFull;
    }
}

/* The index-th granted PFN that is live (or freed), cycling; 0 when there is none. */
static int nth(int live, unsigned index, ULONG_PTR *out)
{
    size_t count = 0, want;
    for (size_t g = 0; g < n_granted; g++)
        count += granted_live[g] == live;
    if (count == 0)
        return 0;
    want = index % count;
    for (size_t g = 0; g < n_granted; g++)
        if (granted_live[g] == live && want-- == 0) {
            *out = granted[g];
            return 1;
        }
    return 0;
}

ULONG_PTR pfn_of(int kind, unsigned index)
{
    ULONG_PTR v;
    switch (kind) {
    case PFN_LIVE: return nth(1, index, &v) ? v : garbage(1);
    case PFN_STALE: return nth(0, index, &v) ? v : garbage(index);
    case PFN_GARBAGE: return garbage(index);
    default: return 0;
    }
}

static void add_region(ULONG_PTR base, ULONG_PTR pages, int awe)
{
    if (n_regions == MAX_REGIONS)
        return;
    region_base[n_regions] = base;
    region_pages[n_regions] = pages;
    region_live[n_regions] = 1;
    region_awe[n_regions++] = awe;
}

static void release_region(ULONG_PTR va)
{
    for (size_t i = 0; i < n_regions; i++)
        if (va >= region_base[i] && va - region_base[i] < PAGE)
            region_live[i] = 0;
}

/* 1 when va lies in a live region this run created (an AWE one when awe_only). */
static int in_live_region(ULONG_PTR va, int awe_only)
{
    for (size_t i = 0; i < n_regions; i++)
        if (region_live[i] && (region_awe[i] || !awe_only) && va >= region_base[i] &&
            va - region_base[i] < region_pages[i] * PAGE)
            return 1;
    return 0;
}

static void grant(const ULONG_PTR *pfns, size_t n)
{
    for (size_t i = 0; i < n && n_granted < MAX_GRANTED; i++) {
        granted[n_granted] = pfns[i];
        granted_live[n_granted++] = 1;
        if (pfns[i] > max_granted)
            max_granted = pfns[i];
    }
}

static void forget(const ULONG_PTR *pfns, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t g = 0; g < n_granted; g++)
            if (granted[g] == pfns[i] && granted_live[g]) {
                granted_live[g] = 0;
                break;
            }
}

/* ---- outcomes ---- */

static const char *status_name(LONG status)
{
    switch ((unsigned long)status) {
    case 0x00000000ul: return "STATUS_SUCCESS";
    case 0xC0000002ul: return "STATUS_NOT_IMPLEMENTED";
    case 0xC0000005ul: return "STATUS_ACCESS_VIOLATION";
    case 0xC0000008ul: return "STATUS_INVALID_HANDLE";
    case 0xC000000Dul: return "STATUS_INVALID_PARAMETER";
    case 0xC0000018ul: return "STATUS_CONFLICTING_ADDRESSES";
    case 0xC0000022ul: return "STATUS_ACCESS_DENIED";
    case 0xC0000045ul: return "STATUS_INVALID_PAGE_PROTECTION";
    case 0xC0000061ul: return "STATUS_PRIVILEGE_NOT_HELD";
    case 0xC000009Aul: return "STATUS_INSUFFICIENT_RESOURCES";
    case 0xC000009Ful: return "STATUS_FREE_VM_NOT_AT_BASE";
    case 0xC00000A0ul: return "STATUS_MEMORY_NOT_ALLOCATED";
    case 0xC00000EFul: return "STATUS_INVALID_PARAMETER_1";
    case 0xC00000F0ul: return "STATUS_INVALID_PARAMETER_2";
    case 0xC00000F1ul: return "STATUS_INVALID_PARAMETER_3";
    case 0xC00000F2ul: return "STATUS_INVALID_PARAMETER_4";
    case 0xC00000F3ul: return "STATUS_INVALID_PARAMETER_5";
    case 0xC00000F4ul: return "STATUS_INVALID_PARAMETER_6";
    case 0xC000012Dul: return "STATUS_COMMITMENT_LIMIT";
    default: return "an NTSTATUS";
    }
}

/* Prints what the call did and whether it is what was expected; 1 when it succeeded. */
static int outcome(int api_kind, LONG status, BOOL ok, DWORD error,
                   int has_count, ULONG_PTR count, const expect_t *e)
{
    char got[96], want[96];
    int same = 1;
    if (api_kind == API_NT) {
        snprintf(got, sizeof got, "%s 0x%08lX", status_name(status), (unsigned long)status);
        snprintf(want, sizeof want, "%s 0x%08lX", status_name(e->status), (unsigned long)e->status);
        same = status == e->status;
    } else {
        if (ok)
            snprintf(got, sizeof got, "TRUE");
        else
            snprintf(got, sizeof got, "FALSE, last error %lu", (unsigned long)error);
        if (e->status >= 0)
            snprintf(want, sizeof want, "TRUE");
        else
            snprintf(want, sizeof want, "FALSE, last error %lu", (unsigned long)e->win32_error);
        same = ok ? e->status >= 0 : e->status < 0 && error == e->win32_error;
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
    return api_kind == API_NT ? status >= 0 : ok != FALSE;
}

static void missing(const char *name, const expect_t *e)
{
    printf("       DIFFERENT: %s is not exported%s\n", name, e->check ? "" : " (nothing to compare with)");
    differences += e->check;
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

/* ---- one function per operation ---- */

void op_reserve(int i, const char *text, int api_kind, ULONG_PTR addr, SIZE_T size, DWORD type,
                DWORD prot, const expect_t *e)
{
    begin(i, text);
    PVOID base = (PVOID)addr;
    SIZE_T bytes = size;
    LONG status = 0;
    BOOL ok = FALSE;
    DWORD error = 0;
    if (addr && !in_live_region(addr, 0)) {
        skipped("an address outside this run's regions would touch memory it did not create");
        return;
    }
    if (api_kind == API_NT) {
        if (!api.nt_valloc) {
            missing("NtAllocateVirtualMemory", e);
            return;
        }
        status = api.nt_valloc(GetCurrentProcess(), &base, 0, &bytes, type, prot);
    } else {
        SetLastError(0);
        base = VirtualAlloc((PVOID)addr, size, type, prot);
        ok = base != NULL;
        error = ok ? 0 : GetLastError();
        bytes = (size + PAGE - 1) / PAGE * PAGE;
    }
    if (outcome(api_kind, status, ok, error, 0, 0, e) && addr == 0)
        add_region((ULONG_PTR)base, bytes / PAGE, (type & MEM_PHYSICAL) != 0);
}

void op_release(int i, const char *text, int api_kind, ULONG_PTR addr, SIZE_T size, DWORD type,
                const expect_t *e)
{
    begin(i, text);
    PVOID base = (PVOID)addr;
    SIZE_T bytes = size;
    LONG status = 0;
    BOOL ok = FALSE;
    DWORD error = 0;
    if (addr && addr != (ULONG_PTR)KERNEL_ADDRESS && !in_live_region(addr, 0)) {
        skipped("an address outside this run's regions would free memory it did not create");
        return;
    }
    if (api_kind == API_NT) {
        if (!api.nt_vfree) {
            missing("NtFreeVirtualMemory", e);
            return;
        }
        status = api.nt_vfree(GetCurrentProcess(), &base, &bytes, type);
    } else {
        SetLastError(0);
        ok = VirtualFree((PVOID)addr, size, type);
        error = ok ? 0 : GetLastError();
    }
    if (outcome(api_kind, status, ok, error, 0, 0, e) && (type & MEM_RELEASE))
        release_region(addr);
}

void op_alloc(int i, const char *text, int api_kind, int handle, int cnt_kind, ULONG_PTR n,
              int arr_kind, size_t cap, int numa, DWORD node, const expect_t *e)
{
    begin(i, text);
    ULONG_PTR *cnt = place(SLOT_COUNT, cnt_kind, &n, 1, 0);
    ULONG_PTR *arr = place(SLOT_PFNS, arr_kind, NULL, cap, SENTINEL);
    ULONG_PTR got_count = n;
    LONG status = 0;
    BOOL ok = FALSE;
    DWORD error = 0;
    if (api_kind == API_NT) {
        if (!api.nt_alloc) {
            missing("NtAllocateUserPhysicalPages", e);
            return;
        }
        status = api.nt_alloc(handle_of(handle), cnt, arr);
    } else {
        if (numa ? !api.alloc_numa : !api.alloc) {
            missing(numa ? "AllocateUserPhysicalPagesNuma" : "AllocateUserPhysicalPages", e);
            return;
        }
        SetLastError(0);
        ok = numa ? api.alloc_numa(handle_of(handle), cnt, arr, node)
                  : api.alloc(handle_of(handle), cnt, arr);
        error = ok ? 0 : GetLastError();
    }
    if (cnt_kind == BUF_OK || cnt_kind == BUF_RO)
        got_count = *cnt;
    if (outcome(api_kind, status, ok, error, 1, got_count, e) && arr)
        grant(arr, got_count < placed[SLOT_PFNS] ? got_count : placed[SLOT_PFNS]);
}

void op_free(int i, const char *text, int api_kind, int handle, int cnt_kind, ULONG_PTR n,
             int arr_kind, const ULONG_PTR *pfns, size_t len, const expect_t *e)
{
    begin(i, text);
    ULONG_PTR *cnt = place(SLOT_COUNT, cnt_kind, &n, 1, 0);
    ULONG_PTR *arr = place(SLOT_PFNS, arr_kind, pfns, len, 0);
    ULONG_PTR got_count = n;
    LONG status = 0;
    BOOL ok = FALSE;
    DWORD error = 0;
    if (api_kind == API_NT) {
        if (!api.nt_free) {
            missing("NtFreeUserPhysicalPages", e);
            return;
        }
        status = api.nt_free(handle_of(handle), cnt, arr);
    } else {
        if (!api.free_pages) {
            missing("FreeUserPhysicalPages", e);
            return;
        }
        SetLastError(0);
        ok = api.free_pages(handle_of(handle), cnt, arr);
        error = ok ? 0 : GetLastError();
    }
    if (cnt_kind == BUF_OK || cnt_kind == BUF_RO)
        got_count = *cnt;
    int succeeded = outcome(api_kind, status, ok, error, 1, got_count, e);
    /* F5: the count says how long a prefix was freed; a failure that never wrote it freed nothing */
    if (succeeded || got_count != n)
        forget(pfns, got_count < len ? got_count : len);
}

void op_map(int i, const char *text, int api_kind, ULONG_PTR va, ULONG_PTR n, int arr_kind,
            const ULONG_PTR *pfns, size_t len, const expect_t *e)
{
    begin(i, text);
    ULONG_PTR *arr = place(SLOT_PFNS, arr_kind, pfns, len, 0);
    LONG status = 0;
    BOOL ok = FALSE;
    DWORD error = 0;
    if (api_kind == API_NT) {
        if (!api.nt_map) {
            missing("NtMapUserPhysicalPages", e);
            return;
        }
        status = api.nt_map((PVOID)va, n, arr);
    } else {
        if (!api.map) {
            missing("MapUserPhysicalPages", e);
            return;
        }
        SetLastError(0);
        ok = api.map((PVOID)va, n, arr);
        error = ok ? 0 : GetLastError();
    }
    outcome(api_kind, status, ok, error, 0, 0, e);
}

void op_scatter(int i, const char *text, int api_kind, int vas_kind, const ULONG_PTR *vas,
                size_t n_vas, ULONG_PTR n, int arr_kind, const ULONG_PTR *pfns, size_t len,
                const expect_t *e)
{
    begin(i, text);
    ULONG_PTR *va_arr = place(SLOT_VAS, vas_kind, vas, n_vas, 0);
    ULONG_PTR *arr = place(SLOT_PFNS, arr_kind, pfns, len, 0);
    LONG status = 0;
    BOOL ok = FALSE;
    DWORD error = 0;
    if (api_kind == API_NT) {
        if (!api.nt_scatter) {
            missing("NtMapUserPhysicalPagesScatter", e);
            return;
        }
        status = api.nt_scatter((PVOID *)(void *)va_arr, n, arr);
    } else {
        if (!api.scatter) {
            missing("MapUserPhysicalPagesScatter", e);
            return;
        }
        SetLastError(0);
        ok = api.scatter((PVOID *)(void *)va_arr, n, arr);
        error = ok ? 0 : GetLastError();
    }
    outcome(api_kind, status, ok, error, 0, 0, e);
}

/* Page contents: word k of a page written with tag T is (T << 48) | (k << 16) | 0xA5A5. */
static unsigned long long content_word(unsigned long long tag, unsigned k)
{
    return tag ? (tag << 48) | ((unsigned long long)k << 16) | 0xA5A5u : 0;
}

static void access_outcome(int ok, int has_tag, long long tag, const expect_t *e)
{
    char got[64], want[64];
    if (ok && has_tag && tag >= 0)
        snprintf(got, sizeof got, "tag=%lld", tag);
    else
        snprintf(got, sizeof got, "%s", !ok ? "fault" : has_tag ? "foreign content" : "ok");
    if (e->has_tag)
        snprintf(want, sizeof want, "tag=%llu", e->tag);
    else
        snprintf(want, sizeof want, "%s", e->fault ? "fault" : "ok");
    int same = e->fault ? !ok : ok && (!e->has_tag || tag == (long long)e->tag);
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
    begin(i, text);
    static unsigned long long page[PAGE / 8];
    va &= ~(ULONG_PTR)(PAGE - 1);
    if (!in_live_region(va, 1)) {
        skipped("not in a live AWE region of this run");
        return;
    }
    for (unsigned k = 0; k < PAGE / 8; k++)
        page[k] = content_word(tag, k);
    access_outcome(write_memory((void *)va, page, PAGE), 0, 0, e);
}

void op_read(int i, const char *text, ULONG_PTR va, const expect_t *e)
{
    begin(i, text);
    static unsigned long long page[PAGE / 8];
    long long tag;
    va &= ~(ULONG_PTR)(PAGE - 1);
    if (!in_live_region(va, 1)) {
        skipped("not in a live AWE region of this run");
        return;
    }
    int ok = read_memory((const void *)va, page, PAGE);
    tag = (long long)(page[0] >> 48);
    for (unsigned k = 0; ok && k < PAGE / 8; k++)
        if (page[k] != content_word((unsigned long long)tag, k)) {
            tag = -1;
            break;
        }
    access_outcome(ok, 1, tag, e);
}

void op_priv(int i, const char *text, int on)
{
    begin(i, text);
    if (set_lock_privilege(on))
        printf("       ok\n");
    else
        skipped("SeLockMemoryPrivilege cannot be switched (not held)");
}

void op_control(int i, const char *text, const char *why)
{
    begin(i, text);
    skipped(why);
}

int finish(void)
{
    printf("%d difference%s\n", differences, differences == 1 ? "" : "s");
    if (differences)
        return 1;
    return privilege_held ? 0 : 77; /* without the privilege, agreement proves little */
}
/* ---- the program ------------------------------------------------------------------------ */
