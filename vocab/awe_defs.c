/* SPDX-License-Identifier: Apache-2.0 */
/* awe_defs.c: status names and the NTSTATUS -> Win32 error mapping (spec section 1). */
#include "awe_defs.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct status_row {
    awe_ntstatus status;
    uint32_t win32;
    const char *name;
};

static const struct status_row status_rows[] = {
    {AWE_STATUS_SUCCESS, AWE_ERROR_SUCCESS, "SUCCESS"},
    {AWE_STATUS_NOT_IMPLEMENTED, AWE_ERROR_INVALID_FUNCTION, "NOT_IMPLEMENTED"},
    {AWE_STATUS_ACCESS_VIOLATION, AWE_ERROR_NOACCESS, "ACCESS_VIOLATION"},
    {AWE_STATUS_INVALID_HANDLE, AWE_ERROR_INVALID_HANDLE, "INVALID_HANDLE"},
    {AWE_STATUS_INVALID_PARAMETER, AWE_ERROR_INVALID_PARAMETER, "INVALID_PARAMETER"},
    {AWE_STATUS_NO_MEMORY, AWE_ERROR_NOT_ENOUGH_MEMORY, "NO_MEMORY"},
    {AWE_STATUS_CONFLICTING_ADDRESSES, AWE_ERROR_INVALID_ADDRESS, "CONFLICTING_ADDRESSES"},
    {AWE_STATUS_UNABLE_TO_FREE_VM, AWE_ERROR_INVALID_PARAMETER, "UNABLE_TO_FREE_VM"},
    {AWE_STATUS_ACCESS_DENIED, AWE_ERROR_ACCESS_DENIED, "ACCESS_DENIED"},
    {AWE_STATUS_INVALID_PAGE_PROTECTION, AWE_ERROR_INVALID_PARAMETER, "INVALID_PAGE_PROTECTION"},
    {AWE_STATUS_PRIVILEGE_NOT_HELD, AWE_ERROR_PRIVILEGE_NOT_HELD, "PRIVILEGE_NOT_HELD"},
    {AWE_STATUS_FREE_VM_NOT_AT_BASE, AWE_ERROR_INVALID_ADDRESS, "FREE_VM_NOT_AT_BASE"},
    {AWE_STATUS_INSUFFICIENT_RESOURCES, AWE_ERROR_NO_SYSTEM_RESOURCES, "INSUFFICIENT_RESOURCES"},
    {AWE_STATUS_MEMORY_NOT_ALLOCATED, AWE_ERROR_INVALID_ADDRESS, "MEMORY_NOT_ALLOCATED"},
    {AWE_STATUS_INVALID_PARAMETER_1, AWE_ERROR_INVALID_PARAMETER, "INVALID_PARAMETER_1"},
    {AWE_STATUS_INVALID_PARAMETER_2, AWE_ERROR_INVALID_PARAMETER, "INVALID_PARAMETER_2"},
    {AWE_STATUS_INVALID_PARAMETER_3, AWE_ERROR_INVALID_PARAMETER, "INVALID_PARAMETER_3"},
    {AWE_STATUS_INVALID_PARAMETER_4, AWE_ERROR_INVALID_PARAMETER, "INVALID_PARAMETER_4"},
    {AWE_STATUS_INVALID_PARAMETER_5, AWE_ERROR_INVALID_PARAMETER, "INVALID_PARAMETER_5"},
    {AWE_STATUS_INVALID_PARAMETER_6, AWE_ERROR_INVALID_PARAMETER, "INVALID_PARAMETER_6"},
    {AWE_STATUS_COMMITMENT_LIMIT, AWE_ERROR_COMMITMENT_LIMIT, "COMMITMENT_LIMIT"},
    {AWE_STATUS_INFO_LENGTH_MISMATCH, AWE_ERROR_BAD_LENGTH, "INFO_LENGTH_MISMATCH"},
    {AWE_STATUS_NOT_LOCKED, AWE_ERROR_NOT_LOCKED, "NOT_LOCKED"},
    {AWE_STATUS_INCOMPATIBLE_FILE_MAP, AWE_ERROR_INVALID_PARAMETER, "INCOMPATIBLE_FILE_MAP"},
    {AWE_STATUS_WORKING_SET_QUOTA, AWE_ERROR_WORKING_SET_QUOTA, "WORKING_SET_QUOTA"},
    {AWE_STATUS_PROCESS_IS_TERMINATING, AWE_ERROR_ACCESS_DENIED, "PROCESS_IS_TERMINATING"},
    {AWE_STATUS_DATATYPE_MISALIGNMENT, AWE_ERROR_NOACCESS, "DATATYPE_MISALIGNMENT"},
    {AWE_STATUS_GUARD_PAGE_VIOLATION, AWE_ERROR_NOACCESS, "GUARD_PAGE_VIOLATION"},
    {AWE_STATUS_NOT_COMMITTED, AWE_ERROR_INVALID_ADDRESS, "NOT_COMMITTED"},
    {AWE_STATUS_WAS_LOCKED, AWE_ERROR_SUCCESS, "WAS_LOCKED"},
    {AWE_STATUS_WAS_UNLOCKED, AWE_ERROR_SUCCESS, "WAS_UNLOCKED"},
};

#define N_STATUS_ROWS (sizeof status_rows / sizeof status_rows[0])

static const struct status_row *find_status(awe_ntstatus status)
{
    for (size_t i = 0; i < N_STATUS_ROWS; i++)
        if (status_rows[i].status == status)
            return &status_rows[i];
    return NULL;
}

uint32_t awe_status_to_win32(awe_ntstatus status)
{
    const struct status_row *row = find_status(status);
    return row ? row->win32 : 317u;
}

const char *awe_status_short_name(awe_ntstatus status)
{
    const struct status_row *row = find_status(status);
    return row ? row->name : NULL;
}

const char *awe_status_format(awe_ntstatus status, char *buf, unsigned cap)
{
    const char *name = awe_status_short_name(status);
    if (name)
        snprintf(buf, cap, "%s", name);
    else
        snprintf(buf, cap, "0x%08X", status);
    return buf;
}

int awe_status_parse(const char *text, awe_ntstatus *out)
{
    if (strncmp(text, "STATUS_", 7) == 0)
        text += 7;
    for (size_t i = 0; i < N_STATUS_ROWS; i++) {
        if (strcmp(text, status_rows[i].name) == 0) {
            *out = status_rows[i].status;
            return 0;
        }
    }
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X') && text[2]) {
        char *end;
        unsigned long v = strtoul(text + 2, &end, 16);
        if (*end == '\0' && v <= 0xFFFFFFFFul) {
            *out = (awe_ntstatus)v;
            return 0;
        }
    }
    return -1;
}
