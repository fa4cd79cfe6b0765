/* optable.h: the op table. One row per operation: its name, its stable binary id, the operand
 * fields it uses with their text keys. The binary codec,
 * the text codec, the executor and the tools all work from this table, so adding an op is
 * adding a row. Also the value tables behind the small-integer operands (allocation types,
 * protections, free types, garbage PFNs). */
#ifndef AWE_OPTABLE_H
#define AWE_OPTABLE_H

#include <stdint.h>

#include "program.h"

typedef enum {
    AWE_F_END = 0, /* ends a row's field list */
    AWE_F_API,    /* @nt / @win32 suffix on the op name */
    AWE_F_HANDLE, /* h=cur|self|novm|null|bad */
    AWE_F_CNTPTR, /* cnt=ok|null|noaccess|ro: the *NumberOfPages pointer */
    AWE_F_N,      /* n=<count> with no list behind it (alloc) */
    AWE_F_COUNT,  /* n=<count>, default: the list's length */
    AWE_F_CAP,    /* cap=<entries> of the output array, default: as many as requested */
    AWE_F_ARRKIND,/* arr=ok|null|noaccess|ro: the output array pointer (alloc) */
    AWE_F_ADDR,   /* at=R0+3 */
    AWE_F_PFNS,   /* pfns=[L0 S1 G2 0] */
    AWE_F_ADDRS,  /* at=[R0+1 R1+2] */
    AWE_F_PAGES,  /* pages=<n> or size=<n> */
    AWE_F_ATYPE,  /* type=RESERVE|PHYSICAL */
    AWE_F_PROT,   /* prot=READWRITE */
    AWE_F_FTYPE,  /* type=RELEASE */
    AWE_F_TAG,    /* tag=<1..255> */
    AWE_F_FLAG,   /* on|off, or numa=1 */
    AWE_F_NUM     /* a small number */
} awe_field;

#define AWE_MAX_FIELDS 8

typedef struct {
    awe_field field;
    const char *key; /* text key; NULL for the op-name suffix (api) or a positional value */
} awe_field_spec;

typedef struct {
    const char *name;
    const char *upper; /* name in canonical divergence keys: "MAP" */
    awe_field_spec fields[AWE_MAX_FIELDS];
} awe_op_spec;

const awe_op_spec *awe_op_spec_of(awe_op_kind kind);
/* Stable one-byte id of an op: a hash of its name (unique across the table; tested). */
uint8_t awe_op_id(awe_op_kind kind);
/* The op with that id, or -1. */
int awe_op_by_id(uint8_t id);
/* The op with that name, or -1. */
int awe_op_by_name(const char *name);
int awe_op_uses(const awe_op_spec *spec, awe_field f);

/* What a "->" note on an op of that kind can say: nothing (controls, check), a status and
 * count (calls), or an access outcome (read: fault or tag; write: fault or ok). */
typedef enum { AWE_NOTE_NONE = 0, AWE_NOTE_STATUS, AWE_NOTE_ACCESS } awe_note_kind;
awe_note_kind awe_op_note_kind(awe_op_kind kind);
/* Keeps only what the op's kind of note can say, so every binary note has one text form. */
void awe_note_canonicalize(awe_op *op);

/* Value tables. Counts first, then lookups by index (folded into range) and by value. */
#define AWE_ATYPE_COUNT 13
#define AWE_PROT_COUNT 8
#define AWE_FTYPE_COUNT 5
uint32_t awe_atype_value(unsigned index);
uint32_t awe_prot_value(unsigned index);
uint32_t awe_ftype_value(unsigned index);
int awe_atype_index(uint32_t value); /* -1 when not in the table */
int awe_prot_index(uint32_t value);
int awe_ftype_index(uint32_t value);

#endif
