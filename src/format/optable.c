/* SPDX-License-Identifier: Apache-2.0 */
/* optable.c: the op table rows, expanded from the op list (ops.h). */
#include "optable.h"

#include <stdio.h>
#include <string.h>

#define AWE_ARG(field, key) {AWE_F_##field, key}

static const awe_op_spec op_table[AWE_OP_KIND_COUNT] = {
#define AWE_OP_ROW(e, name_, id_, targets_, rule_, examples_, operands_)                      \
    [AWE_OP_##e] = {.name = #name_, .upper = #e, .id = id_, .targets = targets_,              \
                    .rule = #rule_, .examples = {AWE_UNPAREN examples_},                       \
                    .fields = {AWE_UNPAREN operands_}},
    AWE_OP_LIST(AWE_OP_ROW)
#undef AWE_OP_ROW
};

const awe_op_spec *awe_op_spec_of(awe_op_kind kind)
{
    return &op_table[kind < AWE_OP_KIND_COUNT ? kind : 0];
}

int awe_op_uses(const awe_op_spec *spec, awe_field f)
{
    for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++)
        if (spec->fields[i].field == f)
            return 1;
    return 0;
}

uint8_t awe_op_id(awe_op_kind kind)
{
    return awe_op_spec_of(kind)->id;
}

int awe_op_by_id(uint8_t id)
{
    for (int k = 0; k < AWE_OP_KIND_COUNT; k++)
        if (op_table[k].id == id)
            return k;
    return -1;
}

int awe_op_by_name(const char *name)
{
    for (int k = 0; k < AWE_OP_KIND_COUNT; k++)
        if (strcmp(op_table[k].name, name) == 0)
            return k;
    return -1;
}

const char *awe_op_names(void)
{
    static char names[256];
    if (!names[0])
        for (int k = 0; k < AWE_OP_KIND_COUNT; k++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", k ? " " : "",
                     op_table[k].name);
    return names;
}

static const char *const target_names[AWE_TARGET_COUNT] = {
#define AWE_TARGET_NAME(e, name, purpose) [AWE_T_BIT_##e] = name,
    AWE_TARGET_LIST(AWE_TARGET_NAME)
#undef AWE_TARGET_NAME
};

awe_op_mask awe_target_mask(const char *target)
{
    for (int t = 0; t < AWE_TARGET_COUNT; t++) {
        if (strcmp(target_names[t], target) != 0)
            continue;
        awe_op_mask mask = 0;
        for (int k = 0; k < AWE_OP_KIND_COUNT; k++)
            if (op_table[k].targets & (1u << t))
                mask |= 1u << k;
        return mask;
    }
    return 0;
}

const char *awe_target_names(void)
{
    static char names[128];
    if (!names[0])
        for (int t = 0; t < AWE_TARGET_COUNT; t++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", t ? ", " : "",
                     target_names[t]);
    return names;
}

void awe_op_init(awe_op *op, awe_op_kind kind)
{
    memset(op, 0, sizeof *op);
    op->kind = (uint8_t)kind;
    op->tag = 1;
    op->cap = AWE_CAP_AUTO;
    op->atype = awe_atype_value(0);     /* the first of each table is the common value */
    op->prot = awe_prot_value(0);
    op->ftype = awe_ftype_value(0);
    op->size = AWE_PAGE_SIZE;           /* one page */
    op->newprot = AWE_PAGE_READWRITE;   /* what Map installs (P11) */
    op->maptype = AWE_MAP_PROCESS;      /* what the Win32 calls pass (L1) */
    op->qlen = AWE_MBI_SIZE;            /* exactly one MEMORY_BASIC_INFORMATION (Q1) */
    op->count.kind = awe_op_uses(awe_op_spec_of(kind), AWE_F_N) ? AWE_COUNT_LITERAL : AWE_COUNT_AUTO;
}

static int unreadable(uint8_t kind)
{
    return kind == AWE_BUF_NULL || kind == AWE_BUF_NOACCESS;
}

/* A NULL or no-access list has no entries to name. When it is the list the op's count
 * counts (the addresses of a scatter, the PFNs otherwise), its count becomes the literal it
 * stood for. */
void awe_op_canonicalize(awe_op *op)
{
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    int counts_addrs = awe_op_uses(spec, AWE_F_ADDRS);
    if (awe_op_uses(spec, AWE_F_PFNS) && unreadable(op->pfns.kind)) {
        if (!counts_addrs && op->count.kind == AWE_COUNT_AUTO)
            op->count.kind = AWE_COUNT_LITERAL, op->count.value = awe_pfns_length(&op->pfns);
        op->pfns.len = 0;
        memset(op->pfns.pfn, 0, sizeof op->pfns.pfn);
    }
    if (counts_addrs && unreadable(op->addrs.kind)) {
        if (op->count.kind == AWE_COUNT_AUTO)
            op->count.kind = AWE_COUNT_LITERAL, op->count.value = awe_addrs_length(&op->addrs);
        op->addrs.len = 0;
        memset(op->addrs.addr, 0, sizeof op->addrs.addr);
    }
}

awe_note_kind awe_op_note_kind(awe_op_kind kind)
{
    if (kind == AWE_OP_READ || kind == AWE_OP_WRITE)
        return AWE_NOTE_ACCESS;
    return awe_op_uses(awe_op_spec_of(kind), AWE_F_API) ? AWE_NOTE_STATUS : AWE_NOTE_NONE;
}

void awe_note_canonicalize(awe_op *op)
{
    awe_note *n = &op->note, c;
    memset(&c, 0, sizeof c);
    switch (n->present ? awe_op_note_kind((awe_op_kind)op->kind) : AWE_NOTE_NONE) {
    case AWE_NOTE_NONE:
        break;
    case AWE_NOTE_STATUS:
        c.present = 1;
        c.win32 = op->api == AWE_API_WIN32 && n->win32 <= AWE_NOTE_FALSE ? n->win32 : 0;
        c.status = c.win32 ? 0 : n->status;
        c.error = c.win32 == AWE_NOTE_FALSE ? n->error : 0;
        c.has_count = n->has_count;
        c.count = n->has_count ? n->count : 0;
        if (op->kind == AWE_OP_QUERY) {
            c.mbi = n->mbi & 15;
            c.state = c.mbi & AWE_NOTE_MBI_STATE ? n->state : 0;
            c.protect = c.mbi & AWE_NOTE_MBI_PROTECT ? n->protect : 0;
            c.type = c.mbi & AWE_NOTE_MBI_TYPE ? n->type : 0;
            c.pages = c.mbi & AWE_NOTE_MBI_SIZE ? n->pages : 0;
        }
        break;
    case AWE_NOTE_ACCESS:
        c.present = 1;
        c.fault = n->fault;
        c.has_tag = (uint8_t)(!n->fault && op->kind == AWE_OP_READ);
        c.tag = c.has_tag ? n->tag : 0;
        break;
    }
    *n = c;
}

int awe_note_says(const awe_note *n, awe_ntstatus status)
{
    switch (n->win32) {
    case AWE_NOTE_TRUE: return AWE_NT_SUCCESS(status);
    case AWE_NOTE_FALSE: return !AWE_NT_SUCCESS(status) && n->error == awe_status_to_win32(status);
    default: return n->status == status;
    }
}
