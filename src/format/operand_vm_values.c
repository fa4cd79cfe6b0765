/* SPDX-License-Identifier: Apache-2.0 */
/* operand_vm_values.c: the value operands of query, protect, lock and unlock: a byte size, a
 * new protection and a MapType. Each takes any value of its width, since the calls judge the
 * value themselves (P1, P3, L1, L2), but random bytes mostly pick a value of a class worth
 * trying: page multiples, one byte past or short of one, the protections AWE accepts. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "operand_util.h"

#define PAGE ((uint64_t)AWE_PAGE_SIZE)

/* ---- size: bytes. Binary: one byte for page multiples (0..64 pages), one byte past a
 * multiple (P8: a range straddling a page boundary covers both pages), one byte short of one,
 * huge; else an escape and 8 raw bytes. ---- */

static void size_dec(awe_reader *r, awe_op *op)
{
    uint8_t b = awe_rd(r);
    if (b < 0x80)
        op->size = (b % 65u) * PAGE;
    else if (b < 0xA0)
        op->size = ((b - 0x80u) % 17u) * PAGE + 1;
    else if (b < 0xC0)
        op->size = ((b - 0xA0u) % 16u + 1) * PAGE - 1;
    else if (b < 0xFE)
        op->size = awe_rd_le(r, 8);
    else
        op->size = AWE_SIZE_HUGE;
}

static void size_enc(awe_writer *w, const awe_op *op)
{
    uint64_t v = op->size;
    if (v % PAGE == 0 && v / PAGE <= 64)
        awe_wr(w, (uint8_t)(v / PAGE));
    else if (v % PAGE == 1 && v / PAGE <= 16)
        awe_wr(w, (uint8_t)(0x80 + v / PAGE));
    else if (v != UINT64_MAX && (v + 1) % PAGE == 0 && (v + 1) / PAGE >= 1 && (v + 1) / PAGE <= 16)
        awe_wr(w, (uint8_t)(0xA0 + (v + 1) / PAGE - 1));
    else if (v == AWE_SIZE_HUGE)
        awe_wr(w, 0xFE);
    else
        awe_wr(w, 0xC0), awe_wr_le(w, v, 8);
}

static int size_differs(const awe_op *op, const awe_op *def) { return op->size != def->size; }

static void size_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    if (op->size == AWE_SIZE_HUGE)
        awe_put(s, "huge");
    else
        opu_put_u64(s, op->size);
}

static int size_parse(const char *text, int positional, awe_op *op)
{
    (void)positional;
    if (strcmp(text, "huge") == 0)
        return op->size = AWE_SIZE_HUGE, 0;
    return opu_parse_u64(text, UINT64_MAX, &op->size);
}

/* Smaller sizes only, so shrinking ends: one page, the whole pages of it, half of it. */
static int size_simplify(awe_op *op, unsigned step)
{
    uint64_t v = op->size, cand[3] = {PAGE, v & ~(PAGE - 1), v / 2}, kept[3];
    unsigned n = 0;
    if (v == AWE_SIZE_HUGE)
        cand[1] = cand[2] = PAGE;
    for (int i = 0; i < 3; i++) {
        int dup = 0;
        for (unsigned j = 0; j < n; j++)
            dup |= kept[j] == cand[i];
        if (cand[i] < v && !dup)
            kept[n++] = cand[i];
    }
    return step < n ? (op->size = kept[step], 1) : 0;
}

const awe_operand awe_operand_size = {"a byte count (decimal or 0x hex, any 64-bit value) or huge "
                                      "(past user space)",
                                      size_dec, size_enc, size_differs, size_print, size_parse,
                                      size_simplify, NULL};

/* ---- newprot: a protection. The classes of P1 and P6: the three AWE accepts first, every
 * other base value, the modifiers on a base, modifiers where P1 forbids them, none, two
 * bases, bits at 0x800 and above. Binary: one byte picks from the table (mostly the first
 * three), 0xFF escapes to 4 raw bytes. ---- */

static const uint32_t prot_classes[] = {
    AWE_PAGE_READWRITE, AWE_PAGE_READONLY, AWE_PAGE_NOACCESS,
    AWE_PAGE_WRITECOPY, AWE_PAGE_EXECUTE, AWE_PAGE_EXECUTE_READ, AWE_PAGE_EXECUTE_READWRITE,
    AWE_PAGE_EXECUTE_WRITECOPY,
    AWE_PAGE_READWRITE | AWE_PAGE_GUARD, AWE_PAGE_READWRITE | AWE_PAGE_NOCACHE,
    AWE_PAGE_READWRITE | AWE_PAGE_WRITECOMBINE, AWE_PAGE_READONLY | AWE_PAGE_GUARD,
    AWE_PAGE_READONLY | AWE_PAGE_NOCACHE, AWE_PAGE_READONLY | AWE_PAGE_WRITECOMBINE,
    AWE_PAGE_EXECUTE_READ | AWE_PAGE_GUARD,
    AWE_PAGE_NOACCESS | AWE_PAGE_GUARD, AWE_PAGE_NOACCESS | AWE_PAGE_NOCACHE,
    AWE_PAGE_READWRITE | AWE_PAGE_GUARD | AWE_PAGE_NOCACHE,
    AWE_PAGE_READWRITE | AWE_PAGE_NOCACHE | AWE_PAGE_WRITECOMBINE,
    0, AWE_PAGE_READONLY | AWE_PAGE_READWRITE,
    0x800, AWE_PAGE_READWRITE | 0x800, AWE_PAGE_READWRITE | 0x40000000u, 0xFFFFFFFFu,
};
#define PROT_CLASSES (sizeof prot_classes / sizeof prot_classes[0])
#define PROT_COMMON 3    /* READWRITE, READONLY, NOACCESS: below 0x60 */
#define PROT_TABLE 0x60  /* table index i >= PROT_COMMON is byte 0x60 + i */
#define PROT_RAW 0xFF

static int prot_class(uint32_t v)
{
    for (size_t i = 0; i < PROT_CLASSES; i++)
        if (prot_classes[i] == v)
            return (int)i;
    return -1;
}

static void newprot_dec(awe_reader *r, awe_op *op)
{
    uint8_t b = awe_rd(r);
    if (b == PROT_RAW)
        op->newprot = (uint32_t)awe_rd_le(r, 4);
    else if (b < PROT_TABLE)
        op->newprot = prot_classes[b % PROT_COMMON];
    else
        op->newprot = prot_classes[(b - PROT_TABLE) % PROT_CLASSES];
}

static void newprot_enc(awe_writer *w, const awe_op *op)
{
    int i = prot_class(op->newprot);
    if (i < 0)
        awe_wr(w, PROT_RAW), awe_wr_le(w, op->newprot, 4);
    else
        awe_wr(w, (uint8_t)(i < PROT_COMMON ? i : PROT_TABLE + i));
}

static int newprot_differs(const awe_op *op, const awe_op *def) { return op->newprot != def->newprot; }

static void newprot_print(awe_sbuf *s, const awe_op *op, int positional)
{
    char tmp[256]; /* every name and the unnamed bits: 0xFFFFFFFF */
    (void)positional;
    awe_flags_format(op->newprot, 0, tmp, sizeof tmp);
    awe_put(s, "%s", tmp);
}

static int newprot_parse(const char *text, int positional, awe_op *op)
{
    (void)positional;
    return awe_flags_parse(text, 0, &op->newprot);
}

static int newprot_simplify(awe_op *op, unsigned step)
{
    return step == 0 && op->newprot != AWE_PAGE_READWRITE ? (op->newprot = AWE_PAGE_READWRITE, 1) : 0;
}

const awe_operand awe_operand_newprot = {"PAGE_* names joined by | (READONLY, READWRITE|GUARD) or "
                                         "a number (0x800)",
                                         newprot_dec, newprot_enc, newprot_differs, newprot_print,
                                         newprot_parse, newprot_simplify, NULL};

/* ---- maptype: NtLockVirtualMemory's MapType (L1): MAP_PROCESS mostly, the other
 * combinations and bits past them sometimes, 0xFF escapes to 4 raw bytes. ---- */

static const uint32_t maptypes[] = {AWE_MAP_PROCESS, AWE_MAP_SYSTEM,
                                    AWE_MAP_PROCESS | AWE_MAP_SYSTEM, 0, 4,
                                    AWE_MAP_PROCESS | 4, 0x80000001u, 0xFFFFFFFFu};
#define MAPTYPES (sizeof maptypes / sizeof maptypes[0])

static void maptype_dec(awe_reader *r, awe_op *op)
{
    uint8_t b = awe_rd(r);
    if (b == 0xFF)
        op->maptype = (uint32_t)awe_rd_le(r, 4);
    else
        op->maptype = b < 0xC0 ? AWE_MAP_PROCESS : maptypes[(b - 0xC0) % MAPTYPES];
}

static void maptype_enc(awe_writer *w, const awe_op *op)
{
    for (size_t i = 0; i < MAPTYPES; i++)
        if (maptypes[i] == op->maptype) {
            awe_wr(w, (uint8_t)(i == 0 ? 0 : 0xC0 + i));
            return;
        }
    awe_wr(w, 0xFF);
    awe_wr_le(w, op->maptype, 4);
}

static int maptype_differs(const awe_op *op, const awe_op *def) { return op->maptype != def->maptype; }

static void maptype_print(awe_sbuf *s, const awe_op *op, int positional)
{
    (void)positional;
    awe_put(s, op->maptype < 256 ? "%u" : "0x%X", (unsigned)op->maptype);
}

static int maptype_parse(const char *text, int positional, awe_op *op)
{
    uint64_t v;
    (void)positional;
    return opu_parse_u64(text, 0xFFFFFFFFu, &v) ? -1 : (op->maptype = (uint32_t)v, 0);
}

static int maptype_simplify(awe_op *op, unsigned step)
{
    return step == 0 && op->maptype != AWE_MAP_PROCESS ? (op->maptype = AWE_MAP_PROCESS, 1) : 0;
}

const awe_operand awe_operand_maptype = {"a number (1 MAP_PROCESS, 2 MAP_SYSTEM, any 32-bit value)",
                                         maptype_dec, maptype_enc, maptype_differs, maptype_print,
                                         maptype_parse, maptype_simplify, NULL};
