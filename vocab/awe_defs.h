/* SPDX-License-Identifier: Apache-2.0 */
/* awe_defs.h: the vocabulary every part of awefuzz shares: page size, NTSTATUS and
 * Win32 error values, VirtualAlloc/VirtualFree flag bits and the symbolic handle values.
 * Pure constants (prefixed AWE_ so they never collide with <windows.h>), plus the
 * NTSTATUS -> Win32 error mapping of spec section 1. */
#ifndef AWE_DEFS_H
#define AWE_DEFS_H

#include <stdint.h>

#define AWE_PAGE_SIZE 4096u
#define AWE_PAGE_SHIFT 12u
#define AWE_ALLOC_GRANULARITY 65536u
#define AWE_MAXULONG_PTR UINT64_MAX

/* The highest user address NT x64 hands out (MM_HIGHEST_VAD_ADDRESS) and the
 * first byte past user space (MM_USER_PROBE_ADDRESS). */
#define AWE_HIGHEST_USER_ADDRESS 0x00007FFFFFFEFFFFull
#define AWE_USER_PROBE_ADDRESS 0x00007FFFFFFF0000ull

typedef uint32_t awe_ntstatus;

#define AWE_STATUS_SUCCESS                0x00000000u
#define AWE_STATUS_NOT_IMPLEMENTED        0xC0000002u
#define AWE_STATUS_ACCESS_VIOLATION       0xC0000005u
#define AWE_STATUS_INVALID_HANDLE         0xC0000008u
#define AWE_STATUS_INVALID_PARAMETER      0xC000000Du
#define AWE_STATUS_NO_MEMORY              0xC0000017u
#define AWE_STATUS_CONFLICTING_ADDRESSES  0xC0000018u
#define AWE_STATUS_UNABLE_TO_FREE_VM      0xC000001Au
#define AWE_STATUS_ACCESS_DENIED          0xC0000022u
#define AWE_STATUS_INVALID_PAGE_PROTECTION 0xC0000045u
#define AWE_STATUS_PRIVILEGE_NOT_HELD     0xC0000061u
#define AWE_STATUS_FREE_VM_NOT_AT_BASE    0xC000009Fu
#define AWE_STATUS_INSUFFICIENT_RESOURCES 0xC000009Au
#define AWE_STATUS_MEMORY_NOT_ALLOCATED   0xC00000A0u
#define AWE_STATUS_INVALID_PARAMETER_1    0xC00000EFu
#define AWE_STATUS_INVALID_PARAMETER_2    0xC00000F0u
#define AWE_STATUS_INVALID_PARAMETER_3    0xC00000F1u
#define AWE_STATUS_INVALID_PARAMETER_4    0xC00000F2u
#define AWE_STATUS_INVALID_PARAMETER_5    0xC00000F3u
#define AWE_STATUS_INVALID_PARAMETER_6    0xC00000F4u
#define AWE_STATUS_COMMITMENT_LIMIT       0xC000012Du
#define AWE_STATUS_INFO_LENGTH_MISMATCH   0xC0000004u
#define AWE_STATUS_NOT_LOCKED             0xC000002Au
#define AWE_STATUS_INCOMPATIBLE_FILE_MAP  0xC000004Du
#define AWE_STATUS_WORKING_SET_QUOTA      0xC00000A1u
#define AWE_STATUS_PROCESS_IS_TERMINATING 0xC000010Au
#define AWE_STATUS_DATATYPE_MISALIGNMENT  0x80000002u /* a warning: not a success either */
#define AWE_STATUS_GUARD_PAGE_VIOLATION   0x80000001u /* a warning: not a success either */
#define AWE_STATUS_NOT_COMMITTED          0xC000002Du
/* Informational: successes, the Win32 call returns TRUE. */
#define AWE_STATUS_WAS_LOCKED             0x00000019u
#define AWE_STATUS_WAS_UNLOCKED           0x00000017u

#define AWE_NT_SUCCESS(s) ((s) < 0x80000000u)

/* Win32 error codes (GetLastError values). */
#define AWE_ERROR_SUCCESS                0u
#define AWE_ERROR_INVALID_FUNCTION       1u
#define AWE_ERROR_ACCESS_DENIED          5u
#define AWE_ERROR_INVALID_HANDLE         6u
#define AWE_ERROR_NOT_ENOUGH_MEMORY      8u
#define AWE_ERROR_BAD_LENGTH             24u
#define AWE_ERROR_INVALID_PARAMETER      87u
#define AWE_ERROR_NOT_LOCKED             158u
#define AWE_ERROR_CALL_NOT_IMPLEMENTED   120u
#define AWE_ERROR_INVALID_ADDRESS        487u
#define AWE_ERROR_NOACCESS               998u
#define AWE_ERROR_PRIVILEGE_NOT_HELD     1314u
#define AWE_ERROR_NO_SYSTEM_RESOURCES    1450u
#define AWE_ERROR_WORKING_SET_QUOTA      1453u
#define AWE_ERROR_COMMITMENT_LIMIT       1455u

/* VirtualAlloc / VirtualFree flag bits and page protections (winnt.h values). */
#define AWE_MEM_COMMIT      0x00001000u
#define AWE_MEM_RESERVE     0x00002000u
#define AWE_MEM_DECOMMIT    0x00004000u
#define AWE_MEM_RELEASE     0x00008000u
#define AWE_MEM_RESET       0x00080000u
#define AWE_MEM_TOP_DOWN    0x00100000u
#define AWE_MEM_WRITE_WATCH 0x00200000u
#define AWE_MEM_PHYSICAL    0x00400000u
#define AWE_MEM_LARGE_PAGES 0x20000000u
#define AWE_MEM_FREE        0x00010000u /* MEMORY_BASIC_INFORMATION.State / Type values */
#define AWE_MEM_PRIVATE     0x00020000u
#define AWE_MEM_MAPPED      0x00040000u
#define AWE_MEM_IMAGE       0x01000000u

/* NtLockVirtualMemory / NtUnlockVirtualMemory MapType bits (L1). */
#define AWE_MAP_PROCESS 1u
#define AWE_MAP_SYSTEM  2u

#define AWE_PAGE_NOACCESS          0x01u
#define AWE_PAGE_READONLY          0x02u
#define AWE_PAGE_READWRITE         0x04u
#define AWE_PAGE_WRITECOPY         0x08u
#define AWE_PAGE_EXECUTE           0x10u
#define AWE_PAGE_EXECUTE_READ      0x20u
#define AWE_PAGE_EXECUTE_READWRITE 0x40u
#define AWE_PAGE_EXECUTE_WRITECOPY 0x80u
#define AWE_PAGE_GUARD             0x100u
#define AWE_PAGE_NOCACHE           0x200u
#define AWE_PAGE_WRITECOMBINE      0x400u

/* MEMORY_BASIC_INFORMATION of a 64-bit process, field for field as winnt.h lays it out (48
 * bytes), so VirtualQuery / NtQueryVirtualMemory write it the same on every backend and the
 * oracle predicts it. */
typedef struct {
    uint64_t base_address;
    uint64_t allocation_base;
    uint32_t allocation_protect;
    uint16_t partition_id;
    uint16_t reserved0;
    uint64_t region_size;
    uint32_t state;
    uint32_t protect;
    uint32_t type;
    uint32_t reserved1;
} awe_mbi;
#define AWE_MBI_SIZE 48u
_Static_assert(sizeof(awe_mbi) == AWE_MBI_SIZE, "MEMORY_BASIC_INFORMATION is 48 bytes on x64");

/* Access rights of a process handle that AWE checks (A4). */
#define AWE_PROCESS_VM_OPERATION 0x0008u
#define AWE_PROCESS_QUERY_LIMITED_INFORMATION 0x1000u

/* Which layer the caller used: the Nt* call (NTSTATUS) or the Win32 wrapper (BOOL + last error).
 * The wrappers are pass-through except where a rule says otherwise (V7). */
typedef enum { AWE_API_NT = 0, AWE_API_WIN32 = 1 } awe_api;

/* The process handle argument, symbolically (A4, F3). */
typedef enum {
    AWE_HANDLE_CURRENT = 0,     /* GetCurrentProcess(), (HANDLE)-1: always fine */
    AWE_HANDLE_SELF,            /* a real handle to this process with PROCESS_VM_OPERATION */
    AWE_HANDLE_NO_VM_OPERATION, /* a real handle to this process without it -> ACCESS_DENIED */
    AWE_HANDLE_NULL,            /* 0 -> INVALID_HANDLE */
    AWE_HANDLE_GARBAGE,         /* a value that is no handle -> INVALID_HANDLE */
    AWE_HANDLE_KIND_COUNT
} awe_handle_kind;

/* Where a pointer argument points. Arrays are laid out so that the entry after the last
 * accessible one lies on a guard page: accessing more than `valid` entries faults. */
typedef enum {
    AWE_BUF_OK = 0,   /* readable and writable for `valid` entries */
    AWE_BUF_NULL,     /* the NULL pointer */
    AWE_BUF_NOACCESS, /* points into a page with no access at all */
    AWE_BUF_READONLY  /* readable, not writable, for `valid` entries */
} awe_buf_kind;

/* RtlNtStatusToDosError for every status AWE produces; unknown ones map to
 * 317 (ERROR_MR_MID_NOT_FOUND), as Windows does. */
uint32_t awe_status_to_win32(awe_ntstatus status);

/* Short form used in traces: "CONFLICTING_ADDRESSES", "SUCCESS"; NULL when unknown
 * (callers print unknown values as hex). */
const char *awe_status_short_name(awe_ntstatus status);

/* The short name, or "0x%08X" for a status without one: how every message and trace writes a
 * status. Returns buf. */
const char *awe_status_format(awe_ntstatus status, char *buf, unsigned cap);

/* Parse a short name ("CONFLICTING_ADDRESSES"), the same with "STATUS_" in front, or a
 * hex value ("0xC0000018"); returns 0 on success, -1 when the text is none of these. */
int awe_status_parse(const char *text, awe_ntstatus *out);

#endif
