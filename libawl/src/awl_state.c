/* SPDX-License-Identifier: Apache-2.0 */
/* awl_state.c: set-up, reset, tear-down, settings and statistics (see awl_state.h). */
#include "awl_state.h"

#include <errno.h>
#include <string.h>

#include "awl_capture.h"
#include "awl_handles.h"
#include "awl_internal.h"
#include "awl_lock.h"
#include "awl_pool.h"
#include "awl_regions.h"
#include "awl_spare.h"
#include "awl_sys.h"

#define DEFAULT_POOL_PAGES 65536u
/* PFNs must stay 32-bit numbers (NT rejects larger frames). */
#define MAX_POOL_PAGES ((size_t)1 << 31)

static struct {
    int up;
    awl_config cfg; /* as configured (pool_pages resolved) */
    int privilege;  /* as changed at run time */
    size_t page_limit;
} state;

int awl_state_privilege(void) { return state.privilege; }
size_t awl_state_page_limit(void) { return state.page_limit; }

static awl_config resolve(const awl_config *cfg)
{
    /* Without a configuration (a program ported from Windows that never calls awl_init)
     * the process holds the privilege, as an AWE program's account must. */
    awl_config c = {DEFAULT_POOL_PAGES, 0, 1};
    if (cfg) {
        c = *cfg;
        if (c.pool_pages == 0)
            c.pool_pages = DEFAULT_POOL_PAGES;
    }
    return c;
}

static int same_config(const awl_config *a, const awl_config *b)
{
    return a->pool_pages == b->pool_pages && a->page_limit == b->page_limit &&
           (a->privilege != 0) == (b->privilege != 0);
}

static void apply_settings(void)
{
    state.privilege = state.cfg.privilege != 0;
    state.page_limit = state.cfg.page_limit;
}

static int set_up(const awl_config *c)
{
    if (awl_pool_open(c->pool_pages))
        return -1;
    state.cfg = *c;
    state.up = 1;
    apply_settings();
    awl_spare_fill();
    return 0;
}

static int reset_locked(void)
{
    awl_sys_disarm();
    awl_regions_reset();
    int rc = awl_pool_reset();
    if (awl_pool_resize(state.cfg.pool_pages)) /* undo awl_set_pool_free */
        rc = -1;
    awl_handles_reset();
    apply_settings();
    awl_spare_fill();
    return rc;
}

static int ensure_up(void)
{
    if (state.up)
        return 0;
    awl_config c = resolve(NULL);
    return set_up(&c);
}

awe_ntstatus awl_enter(void)
{
    awl_lock();
    if (ensure_up() || awl_cap_open())
        return AWE_STATUS_INSUFFICIENT_RESOURCES;
    if (awl_spare_count() < AWL_SPARE_VMAS)
        awl_spare_fill();
    awl_sys_call_begin();
    return AWE_STATUS_SUCCESS;
}

void awl_leave(void)
{
    awl_sys_call_end();
    awl_unlock();
}

/* ---- public set-up and control ---- */

int awl_init(const awl_config *cfg)
{
    awl_config c = resolve(cfg);
    if (c.pool_pages > MAX_POOL_PAGES) {
        errno = EINVAL;
        return -1;
    }
    int rc = 0;
    awl_lock();
    if (!state.up) {
        rc = set_up(&c);
    } else if (!same_config(&c, &state.cfg)) {
        /* A different configuration starts over empty with it. */
        reset_locked();
        if (awl_pool_resize(c.pool_pages))
            rc = -1;
        else
            state.cfg = c;
        apply_settings();
    }
    awl_unlock();
    return rc;
}

int awl_reset(void)
{
    awl_lock();
    int rc = state.up ? reset_locked() : 0;
    awl_unlock();
    return rc;
}

void awl_shutdown(void)
{
    awl_lock();
    if (state.up) {
        awl_sys_disarm();
        awl_regions_reset();
        awl_pool_close();
        awl_handles_reset();
        awl_spare_drop_all();
        memset(&state, 0, sizeof state);
    }
    awl_cap_close(); /* the public probes open it without the rest */
    awl_unlock();
}

void awl_set_lock_privilege(int enabled)
{
    awl_lock();
    if (ensure_up() == 0)
        state.privilege = enabled != 0;
    awl_unlock();
}

void awl_set_page_limit(size_t pages)
{
    awl_lock();
    if (ensure_up() == 0)
        state.page_limit = pages;
    awl_unlock();
}

int awl_set_pool_free(size_t free_pages)
{
    int rc = -1;
    awl_lock();
    if (ensure_up() == 0) {
        size_t owned = awl_pool_owned_count();
        if (free_pages > MAX_POOL_PAGES - owned)
            errno = EINVAL;
        else
            rc = awl_pool_set_total(owned + free_pages);
    }
    awl_unlock();
    return rc;
}

void awl_get_stats(awl_stats *out)
{
    memset(out, 0, sizeof *out);
    awl_lock();
    if (state.up) {
        out->pages_owned = awl_pool_owned_count();
        out->pages_mapped = awl_pool_mapped_count();
        out->regions = awl_region_count();
        out->pool_free = awl_pool_free_count();
        for (size_t i = 0; i < out->regions; i++)
            out->vmas_estimate += awl_region_segments(awl_region_at(i));
    }
    awl_unlock();
}
