/* SPDX-License-Identifier: Apache-2.0 */
/* awl_lock.c: the process-wide lock (see awl_lock.h). */
#include "awl_lock.h"

#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void awl_lock(void) { pthread_mutex_lock(&lock); }
void awl_unlock(void) { pthread_mutex_unlock(&lock); }
