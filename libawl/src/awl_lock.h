/* SPDX-License-Identifier: Apache-2.0 */
/* awl_lock: the one process-wide lock. Public entry points hold it while they touch any state
 * of the library; the modules below them never take it themselves, so it depends on nothing
 * and everything may use it. Not recursive: take it once per public call. */
#ifndef AWL_LOCK_H
#define AWL_LOCK_H

void awl_lock(void);
void awl_unlock(void);

#endif
