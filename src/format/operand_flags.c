/* SPDX-License-Identifier: Apache-2.0 */
/* operand_flags.c: the flag-word operands (allocation type, protection, free type). An op holds
 * any 32-bit value; the binary encoding indexes a table of the values worth trying, so random
 * bytes mostly pick a useful one; the text form names the value's bits ("RESERVE|PHYSICAL"). */
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

static void put_flags(awe_sbuf *s, uint32_t v, int mem)
{
    char tmp[128];
    awe_flags_format(v, mem, tmp, sizeof tmp);
    awe_put(s, "%s", tmp);
}

/* Binary: an index into the table of values worth trying (threshold: the byte below which the
 * common value, index 0, is read); a value outside the table travels as text (codec_binary.c).
 * Text: any value, as names or numbers. mem: MEM_* names (1) or PAGE_* names (0). */
#define FLAGS_OPERAND(obj, count, threshold, mem, syntax)                                     \
    static void obj##_dec(awe_reader *r, awe_op *op)                                         \
    {                                                                                         \
        uint8_t b = awe_rd(r);                                                                \
        op->obj = awe_##obj##_value(b < threshold ? 0 : (unsigned)(b - threshold) % count);  \
    }                                                                                         \
    static void obj##_enc(awe_writer *w, const awe_op *op)                                   \
    {                                                                                         \
        int i = awe_##obj##_index(op->obj);                                                   \
        awe_wr(w, i <= 0 ? 0 : (uint8_t)(threshold + i));                                    \
    }                                                                                         \
    static int obj##_differs(const awe_op *op, const awe_op *def) { return op->obj != def->obj; } \
    static void obj##_print(awe_sbuf *s, const awe_op *op, int positional)                   \
    {                                                                                         \
        (void)positional;                                                                     \
        put_flags(s, op->obj, mem);                                                           \
    }                                                                                         \
    static int obj##_parse(const char *text, int positional, awe_op *op)                     \
    {                                                                                         \
        (void)positional;                                                                     \
        return awe_flags_parse(text, mem, &op->obj);                                          \
    }                                                                                         \
    static int obj##_simplify(awe_op *op, unsigned step)                                     \
    {                                                                                         \
        uint32_t common = awe_##obj##_value(0);                                               \
        return step == 0 && op->obj != common ? (op->obj = common, 1) : 0;                    \
    }                                                                                         \
    const awe_operand awe_operand_##obj = {syntax, obj##_dec, obj##_enc, obj##_differs,      \
                                           obj##_print, obj##_parse, obj##_simplify, NULL};

FLAGS_OPERAND(atype, AWE_ATYPE_COUNT, 0x80, 1,
              "an allocation type: MEM_* names joined by | (RESERVE|PHYSICAL), numbers, or both")
FLAGS_OPERAND(prot, AWE_PROT_COUNT, 0xC0, 0,
              "a protection: PAGE_* names joined by | (READWRITE|GUARD), numbers, or both")
FLAGS_OPERAND(ftype, AWE_FTYPE_COUNT, 0xC0, 1,
              "a free type: MEM_* names joined by | (RELEASE), numbers, or both")
