/* SPDX-License-Identifier: Apache-2.0 */
/* windows.h (shim): the declarations the windows.h-only sources use (src/backends/win/,
 * src/platform/platform_win32.c, tools/repro_runtime.c), with the real header's names, types
 * and values, so that hosts without windows.h compile those sources and the exported
 * reproducers (tools/CMakeLists.txt, cmake/windows-tests.cmake): a change that breaks them
 * breaks every build, not only the Windows one. Compiling only: nothing built with it is
 * linked or run. A name the sources start using must be added here. */
#ifndef AWE_WINDOWS_H_SHIM
#define AWE_WINDOWS_H_SHIM

#include <stdint.h>

#define WINAPI
#define NTAPI
#define TRUE 1
#define FALSE 0

typedef int BOOL;
typedef unsigned long DWORD, *PDWORD;
typedef long LONG;
typedef unsigned long ULONG, *PULONG;
typedef uintptr_t ULONG_PTR, *PULONG_PTR; /* one type with uintptr_t, as on x64 Windows */
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef void *PVOID, *LPVOID, *HANDLE, **PHANDLE;
typedef const void *LPCVOID;
typedef const char *LPCSTR;
typedef struct awe_shim_module *HMODULE;
typedef intptr_t(WINAPI *FARPROC)(void);

typedef struct {
    DWORD LowPart;
    LONG HighPart;
} LUID, *PLUID;
typedef struct {
    LUID Luid;
    DWORD Attributes;
} LUID_AND_ATTRIBUTES;
typedef struct {
    DWORD PrivilegeCount;
    LUID_AND_ATTRIBUTES Privileges[1];
} TOKEN_PRIVILEGES, *PTOKEN_PRIVILEGES;
typedef union {
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    long long QuadPart;
} LARGE_INTEGER;

#define ERROR_SUCCESS 0L
#define MEM_COMMIT 0x00001000
#define MEM_RESERVE 0x00002000
#define MEM_RELEASE 0x00008000
#define MEM_PHYSICAL 0x00400000
#define PAGE_NOACCESS 0x01
#define PAGE_READONLY 0x02
#define PAGE_READWRITE 0x04
#define PROCESS_VM_OPERATION 0x0008
#define PROCESS_QUERY_LIMITED_INFORMATION 0x1000
#define TOKEN_ADJUST_PRIVILEGES 0x0020
#define TOKEN_QUERY 0x0008
#define SE_PRIVILEGE_ENABLED 0x00000002L

HMODULE WINAPI GetModuleHandleA(LPCSTR name);
HMODULE WINAPI LoadLibraryA(LPCSTR name);
FARPROC WINAPI GetProcAddress(HMODULE module, LPCSTR name);
HANDLE WINAPI GetCurrentProcess(void);
DWORD WINAPI GetCurrentProcessId(void);
HANDLE WINAPI OpenProcess(DWORD access, BOOL inherit, DWORD pid);
BOOL WINAPI CloseHandle(HANDLE handle);
DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD error);
BOOL WINAPI OpenProcessToken(HANDLE process, DWORD access, PHANDLE token);
BOOL WINAPI LookupPrivilegeValueA(LPCSTR system, LPCSTR name, PLUID luid);
BOOL WINAPI AdjustTokenPrivileges(HANDLE token, BOOL disable_all, PTOKEN_PRIVILEGES state,
                                  DWORD len, PTOKEN_PRIVILEGES previous, PDWORD return_len);
LPVOID WINAPI VirtualAlloc(LPVOID address, SIZE_T size, DWORD type, DWORD protect);
BOOL WINAPI VirtualFree(LPVOID address, SIZE_T size, DWORD type);
BOOL WINAPI VirtualProtect(LPVOID address, SIZE_T size, DWORD protect, PDWORD old);
BOOL WINAPI ReadProcessMemory(HANDLE process, LPCVOID va, LPVOID buf, SIZE_T len, SIZE_T *got);
BOOL WINAPI WriteProcessMemory(HANDLE process, LPVOID va, LPCVOID buf, SIZE_T len, SIZE_T *got);
BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *freq);
BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *count);

#endif
