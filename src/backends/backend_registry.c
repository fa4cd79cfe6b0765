/* SPDX-License-Identifier: Apache-2.0 */
/* backend_registry.c: the backends compiled into this build. */
#include <string.h>

#include "backend.h"

#ifdef _WIN32
extern const awe_backend_ops awe_backend_win32, awe_backend_nt;
static const awe_backend_ops *const backends[] = {&awe_backend_win32, &awe_backend_nt};
static const char list[] = "win32, nt";
#else
extern const awe_backend_ops awe_backend_linux;
static const awe_backend_ops *const backends[] = {&awe_backend_linux};
static const char list[] = "linux";
#endif

const awe_backend_ops *awe_backend_find(const char *name)
{
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++)
        if (strcmp(backends[i]->name, name) == 0)
            return backends[i];
    return NULL;
}

const char *awe_backend_list(void)
{
    return list;
}

const awe_backend_ops *awe_backend_default(void)
{
    return backends[0];
}
