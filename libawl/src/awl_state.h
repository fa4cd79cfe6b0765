/* SPDX-License-Identifier: Apache-2.0 */
/* awl_state: set-up, reset and tear-down of the whole library (it orchestrates the pool,
 * regions, handles, spares and system-call counter, which never call back into it), the
 * per-process settings (SeLockMemoryPrivilege stand-in, page limit) and the statistics.
 * Every API call runs between awl_enter and awl_leave: under the lock (awl_lock.h), set up
 * on first use, as one counted fault-injection unit. */
#ifndef AWL_STATE_H
#define AWL_STATE_H

#include <stddef.h>

#include "awe_defs.h"

/* Takes the lock; SUCCESS, or INSUFFICIENT_RESOURCES when the library cannot be set up
 * (the lock is held either way: always pair with awl_leave). */
awe_ntstatus awl_enter(void);
void awl_leave(void);

int awl_state_privilege(void);
size_t awl_state_page_limit(void);

#endif
