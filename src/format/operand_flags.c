/* SPDX-License-Identifier: Apache-2.0 */
/* operand_flags.c: the flag-word operands (allocation type, protection, free type). Each is an
 * index into a table of the values worth trying, so random bytes mostly pick a useful one;
 * the text form names the value's bits ("RESERVE|PHYSICAL"). */
#include "operand_util.h"
#include "optable.h"
#include "text_names.h"

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

static int parse_table_flags(const char *s, int mem, int (*index)(uint32_t), uint8_t *out)
{
    uint32_t v;
    if (awe_flags_parse(s, mem, &v))
        return -1;
    int i = index(v);
    if (i < 0)
        return -1;
    *out = (uint8_t)i;
    return 0;
}

static void put_flags(awe_sbuf *s, uint32_t v, int mem)
{
    char tmp[128];
    awe_flags_format(v, mem, tmp, sizeof tmp);
    awe_put(s, "%s", tmp);
}

/* threshold: the byte below which the common value (index 0) is read; mem: MEM_* names (1)
 * or PAGE_* names (0). */
#define FLAGS_OPERAND(obj, count, threshold, mem, syntax)                                     \
    static void obj##_dec(awe_reader *r, awe_op *op)                                         \
    {                                                                                         \
        uint8_t b = awe_rd(r);                                                                \
        op->obj = b < threshold ? 0 : (uint8_t)((b - threshold) % count);                    \
    }                                                                                         \
    static void obj##_enc(awe_writer *w, const awe_op *op)                                   \
    {                                                                                         \
        awe_wr(w, op->obj == 0 ? 0 : (uint8_t)(threshold + op->obj));                        \
    }                                                                                         \
    static int obj##_differs(const awe_op *op, const awe_op *def) { return op->obj != def->obj; } \
    static void obj##_print(awe_sbuf *s, const awe_op *op, int positional)                   \
    {                                                                                         \
        (void)positional;                                                                     \
        put_flags(s, awe_##obj##_value(op->obj), mem);                                       \
    }                                                                                         \
    static int obj##_parse(const char *text, int positional, awe_op *op)                     \
    {                                                                                         \
        (void)positional;                                                                     \
        return parse_table_flags(text, mem, awe_##obj##_index, &op->obj);                     \
    }                                                                                         \
    static int obj##_simplify(awe_op *op, unsigned step)                                     \
    {                                                                                         \
        return step == 0 && op->obj ? (op->obj = 0, 1) : 0;                                  \
    }                                                                                         \
    const awe_operand awe_operand_##obj = {syntax, obj##_dec, obj##_enc, obj##_differs,      \
                                           obj##_print, obj##_parse, obj##_simplify, NULL};

FLAGS_OPERAND(atype, AWE_ATYPE_COUNT, 0x80, 1,
              "an allocation type of the table: RESERVE|PHYSICAL, RESERVE|COMMIT, RESERVE, "
              "PHYSICAL, RESERVE|PHYSICAL|COMMIT (or |TOP_DOWN, |RESET, |WRITE_WATCH, "
              "|LARGE_PAGES, |0x1), COMMIT, 0, RESET")
FLAGS_OPERAND(prot, AWE_PROT_COUNT, 0xC0, 0,
              "READWRITE, READONLY, NOACCESS, EXECUTE_READWRITE, 0, READWRITE|GUARD, WRITECOPY "
              "or READWRITE|NOCACHE")
FLAGS_OPERAND(ftype, AWE_FTYPE_COUNT, 0xC0, 1, "RELEASE, DECOMMIT, RELEASE|DECOMMIT, 0 or RESET")
