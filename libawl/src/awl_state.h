/* awl_state: the process-wide lock, set-up and tear-down, and the per-process settings
 * (SeLockMemoryPrivilege stand-in, page limit). Every API call runs between awl_enter and
 * awl_leave: under the lock, set up on first use, as one counted fault-injection unit. */
#ifndef AWL_STATE_H
#define AWL_STATE_H

#include <stddef.h>

#include "awe_defs.h"

void awl_lock(void);
void awl_unlock(void);
/* Takes the lock; SUCCESS, or INSUFFICIENT_RESOURCES when the library cannot be set up
 * (the lock is held either way: always pair with awl_leave). */
awe_ntstatus awl_enter(void);
void awl_leave(void);

int awl_state_privilege(void);
size_t awl_state_page_limit(void);

#endif
