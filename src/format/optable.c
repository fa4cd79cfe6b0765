/* optable.c: the op table rows and the operand value tables. */
#include "optable.h"

#include <string.h>


#define F(field, key) {field, key}

/* Row order follows awe_op_kind. Field order is the binary and the text order. */
static const awe_op_spec op_table[AWE_OP_KIND_COUNT] = {
    [AWE_OP_RESERVE] = {"reserve", "RESERVE",
        {F(AWE_F_API, NULL), F(AWE_F_PAGES, "pages"), F(AWE_F_ATYPE, "type"), F(AWE_F_PROT, "prot"),
         F(AWE_F_ADDR, "at")}},
    [AWE_OP_RELEASE] = {"release", "RELEASE",
        {F(AWE_F_API, NULL), F(AWE_F_ADDR, "at"), F(AWE_F_PAGES, "size"), F(AWE_F_FTYPE, "type")}},
    [AWE_OP_ALLOC] = {"alloc", "ALLOC",
        {F(AWE_F_API, NULL), F(AWE_F_N, "n"), F(AWE_F_HANDLE, "h"), F(AWE_F_CNTPTR, "cnt"),
         F(AWE_F_ARRKIND, "arr"), F(AWE_F_CAP, "cap"), F(AWE_F_FLAG, "numa"), F(AWE_F_NUM, "node")}},
    [AWE_OP_FREE] = {"free", "FREE",
        {F(AWE_F_API, NULL), F(AWE_F_PFNS, "pfns"), F(AWE_F_COUNT, "n"), F(AWE_F_HANDLE, "h"),
         F(AWE_F_CNTPTR, "cnt")}},
    [AWE_OP_MAP] = {"map", "MAP",
        {F(AWE_F_API, NULL), F(AWE_F_ADDR, "at"), F(AWE_F_PFNS, "pfns"), F(AWE_F_COUNT, "n")}},
    [AWE_OP_SCATTER] = {"scatter", "SCATTER",
        {F(AWE_F_API, NULL), F(AWE_F_ADDRS, "at"), F(AWE_F_PFNS, "pfns"), F(AWE_F_COUNT, "n")}},
    [AWE_OP_WRITE] = {"write", "WRITE", {F(AWE_F_ADDR, "at"), F(AWE_F_TAG, "tag")}},
    [AWE_OP_READ] = {"read", "READ", {F(AWE_F_ADDR, "at")}},
    [AWE_OP_CHECK] = {"check", "CHECK", {{AWE_F_END, NULL}}},
    [AWE_OP_PRIV] = {"priv", "PRIV", {F(AWE_F_FLAG, NULL)}},
    [AWE_OP_FAULT] = {"fault", "FAULT", {F(AWE_F_NUM, NULL)}},
    [AWE_OP_LIMIT] = {"limit", "LIMIT", {F(AWE_F_NUM, NULL)}},
    [AWE_OP_POOL] = {"pool", "POOL", {F(AWE_F_NUM, NULL)}}};

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

/* FNV-1a over the name, folded to a byte. Ids must stay fixed once published: corpora
 * depend on them. The salt is the smallest that makes the current names collision-free. */
static uint8_t name_hash(const char *name)
{
    uint32_t h = 2166136261u ^ 0x5Au;
    for (; *name; name++)
        h = (h ^ (uint8_t)*name) * 16777619u;
    return (uint8_t)(h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24));
}

uint8_t awe_op_id(awe_op_kind kind)
{
    return name_hash(awe_op_spec_of(kind)->name);
}

int awe_op_by_id(uint8_t id)
{
    for (int k = 0; k < AWE_OP_KIND_COUNT; k++)
        if (awe_op_id((awe_op_kind)k) == id)
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

/* Allocation types worth trying: the valid AWE and plain forms, then every V2 case. */
static const uint32_t atype_values[AWE_ATYPE_COUNT] = {
    AWE_MEM_RESERVE | AWE_MEM_PHYSICAL,
    AWE_MEM_RESERVE | AWE_MEM_COMMIT,
    AWE_MEM_RESERVE,
    AWE_MEM_PHYSICAL,
    AWE_MEM_RESERVE | AWE_MEM_PHYSICAL | AWE_MEM_COMMIT,
    AWE_MEM_RESERVE | AWE_MEM_PHYSICAL | AWE_MEM_TOP_DOWN,
    AWE_MEM_RESERVE | AWE_MEM_PHYSICAL | AWE_MEM_RESET,
    AWE_MEM_RESERVE | AWE_MEM_PHYSICAL | AWE_MEM_WRITE_WATCH,
    AWE_MEM_RESERVE | AWE_MEM_PHYSICAL | AWE_MEM_LARGE_PAGES,
    AWE_MEM_COMMIT,
    0,
    AWE_MEM_RESET,
    AWE_MEM_RESERVE | AWE_MEM_PHYSICAL | 0x1u,
};

static const uint32_t prot_values[AWE_PROT_COUNT] = {
    AWE_PAGE_READWRITE, AWE_PAGE_READONLY, AWE_PAGE_NOACCESS, AWE_PAGE_EXECUTE_READWRITE, 0,
    AWE_PAGE_READWRITE | AWE_PAGE_GUARD, AWE_PAGE_WRITECOPY, AWE_PAGE_READWRITE | AWE_PAGE_NOCACHE,
};

static const uint32_t ftype_values[AWE_FTYPE_COUNT] = {
    AWE_MEM_RELEASE, AWE_MEM_DECOMMIT, AWE_MEM_RELEASE | AWE_MEM_DECOMMIT, 0, AWE_MEM_RESET,
};

uint32_t awe_atype_value(unsigned index) { return atype_values[index % AWE_ATYPE_COUNT]; }
uint32_t awe_prot_value(unsigned index) { return prot_values[index % AWE_PROT_COUNT]; }
uint32_t awe_ftype_value(unsigned index) { return ftype_values[index % AWE_FTYPE_COUNT]; }

static int index_of(const uint32_t *values, int n, uint32_t value)
{
    for (int i = 0; i < n; i++)
        if (values[i] == value)
            return i;
    return -1;
}

int awe_atype_index(uint32_t value) { return index_of(atype_values, AWE_ATYPE_COUNT, value); }
int awe_prot_index(uint32_t value) { return index_of(prot_values, AWE_PROT_COUNT, value); }
int awe_ftype_index(uint32_t value) { return index_of(ftype_values, AWE_FTYPE_COUNT, value); }

void awe_op_init(awe_op *op, awe_op_kind kind)
{
    memset(op, 0, sizeof *op);
    op->kind = (uint8_t)kind;
    op->tag = 1;
    op->cap = AWE_CAP_AUTO;
    op->count.kind = awe_op_uses(awe_op_spec_of(kind), AWE_F_N) ? AWE_COUNT_LITERAL : AWE_COUNT_AUTO;
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
        c.status = n->status;
        c.has_count = n->has_count;
        c.count = n->has_count ? n->count : 0;
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
