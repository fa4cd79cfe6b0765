/* SPDX-License-Identifier: Apache-2.0 */
/* awl_handles: the process handle table (A4, F3): (HANDLE)-1, and handles to the own
 * process opened with an access mask by awl_open_process. */
#ifndef AWL_HANDLES_H
#define AWL_HANDLES_H

#include "awl.h"

/* A4/F3: SUCCESS, ACCESS_DENIED (no PROCESS_VM_OPERATION) or INVALID_HANDLE. */
awe_ntstatus awl_handle_check(AWL_HANDLE h);
/* Q1: as awl_handle_check, for PROCESS_QUERY_INFORMATION (0x400) or, as current Windows
 * implies it, PROCESS_QUERY_LIMITED_INFORMATION. */
awe_ntstatus awl_handle_check_query(AWL_HANDLE h);
void awl_handles_reset(void);

#endif
