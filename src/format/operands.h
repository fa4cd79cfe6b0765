/* SPDX-License-Identifier: Apache-2.0 */
/* operands.h: the operands, each described once. An op's row (ops.h) lists which operands it
 * takes; everything that reads or writes an operand goes through its description here: the
 * binary codec, the text printer and parser, the shrinker and the known-difference matching.
 * A new operand is one row of AWE_FIELD_LIST and one awe_operand object; the ops that take it
 * name it in their rows.
 *
 * X(ENUM, object): AWE_F_<ENUM>, described by the awe_operand `object` (operand_*.c). */
#ifndef AWE_OPERANDS_H
#define AWE_OPERANDS_H

#include "codec_io.h"
#include "program.h"

#define AWE_FIELD_LIST(X)                                                                     \
    X(API, awe_operand_api)         /* @nt / @win32 suffix on the op name */                  \
    X(HANDLE, awe_operand_handle)   /* h=cur|self|novm|null|bad */                            \
    X(CNTPTR, awe_operand_cntptr)   /* cnt=ok|null|noaccess|ro: the *NumberOfPages pointer */ \
    X(N, awe_operand_n)             /* n=<count> with no list behind it (alloc) */            \
    X(COUNT, awe_operand_count)     /* n=<count>, default: the list's length */               \
    X(CAP, awe_operand_cap)         /* cap=<entries> of the output array */                   \
    X(ARRKIND, awe_operand_arrkind) /* arr=ok|null|noaccess|ro: the output array (alloc) */   \
    X(ADDR, awe_operand_addr)       /* at=R0+3 */                                             \
    X(PFNS, awe_operand_pfns)       /* pfns=[L0 S1 G2 0] */                                   \
    X(ADDRS, awe_operand_addrs)     /* at=[R0+1 R1+2] */                                      \
    X(PAGES, awe_operand_pages)     /* pages=<n> or size=<n> */                               \
    X(ATYPE, awe_operand_atype)     /* type=RESERVE|PHYSICAL */                               \
    X(PROT, awe_operand_prot)       /* prot=READWRITE */                                      \
    X(FTYPE, awe_operand_ftype)     /* type=RELEASE */                                        \
    X(TAG, awe_operand_tag)         /* tag=<1..255> */                                        \
    X(FLAG, awe_operand_flag)       /* on|off, or numa=1 */                                   \
    X(NUM, awe_operand_num)         /* a small number */                                      \
    X(SIZE, awe_operand_size)       /* size=<bytes>: any 64-bit value, or huge */             \
    X(NEWPROT, awe_operand_newprot) /* prot=READONLY: any 32-bit protection value */          \
    X(QBUF, awe_operand_qbuf)       /* buf=48, buf=ro:48, buf=null: query buffer, length */   \
    X(RETLEN, awe_operand_retlen)   /* retlen=ok|null|noaccess|ro: *ReturnLength (Nt) */      \
    X(BASEPTR, awe_operand_baseptr) /* baseptr=...: *BaseAddress (Nt protect, lock) */        \
    X(SIZEPTR, awe_operand_sizeptr) /* sizeptr=...: *RegionSize (Nt protect, lock) */         \
    X(OLDPTR, awe_operand_oldptr)   /* oldptr=...: *OldProtect (protect) */                   \
    X(MAPTYPE, awe_operand_maptype) /* maptype=<n>: Nt lock/unlock MapType, any 32-bit value */

typedef enum {
    AWE_F_END = 0, /* ends a row's operand list */
#define AWE_FIELD_ENUM(e, object) AWE_F_##e,
    AWE_FIELD_LIST(AWE_FIELD_ENUM)
#undef AWE_FIELD_ENUM
    AWE_F_LIMIT
} awe_field;

/* Where a word of a known-difference crash entry names a pointer argument ("pfns=null"). */
#define AWE_ARG_WORD_LEN 24

typedef struct {
    /* What the text form accepts: the error message of a bad value quotes it. */
    const char *syntax;
    /* Binary: reads its bytes (folded into range, biased to the common case) / writes the
     * canonical ones. */
    void (*decode)(awe_reader *r, awe_op *op);
    void (*encode)(awe_writer *w, const awe_op *op);
    /* Text: 1 when the operand differs from its default (def), so it must be printed. */
    int (*differs)(const awe_op *op, const awe_op *def);
    void (*print)(awe_sbuf *s, const awe_op *op, int positional);
    /* 0, or -1 when text is not a value of this operand. */
    int (*parse)(const char *text, int positional, awe_op *op);
    /* The shrinker's candidates: makes the step-th simpler form of the operand (0, 1, ...)
     * and returns 1, or returns 0 when there is no such step (op unchanged). Simpler means
     * smaller numbers, shorter lists, defaults. NULL: nothing to simplify. */
    int (*simplify)(awe_op *op, unsigned step);
    /* The words a known-difference crash entry can name this pointer argument by, each
     * "<key>=<kind>" (key: the operand's text key in the op's row). NULL: not a pointer. */
    int (*arg_words)(const awe_op *op, const char *key, char words[][AWE_ARG_WORD_LEN]);
} awe_operand;

#define AWE_FIELD_DECLARE(e, object) extern const awe_operand object;
AWE_FIELD_LIST(AWE_FIELD_DECLARE)
#undef AWE_FIELD_DECLARE

const awe_operand *awe_operand_of(awe_field f);

#endif
