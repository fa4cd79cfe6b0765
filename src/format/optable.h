/* SPDX-License-Identifier: Apache-2.0 */
/* optable.h: the op table, made from the op list (ops.h): per op its name, frozen binary id,
 * targets, report rule, examples and operands; lookups by id and name; the fuzz targets'
 * op masks; and the value tables behind the flag-word operands. */
#ifndef AWE_OPTABLE_H
#define AWE_OPTABLE_H

#include <stdint.h>

#include "operands.h"
#include "program.h"

#define AWE_MAX_FIELDS 10
#define AWE_MAX_EXAMPLES 4

typedef struct {
    awe_field field;
    const char *key; /* text key; NULL for the op-name suffix (api) or a positional value */
} awe_field_spec;

typedef struct {
    const char *name;
    const char *upper;  /* name in canonical divergence keys: "MAP" */
    uint8_t id;         /* frozen binary id */
    uint32_t targets;   /* AWE_T(...) bits */
    const char *rule;   /* the op's main rule id ("M9"), "NONE" for controls */
    const char *examples[AWE_MAX_EXAMPLES + 1]; /* NULL-terminated */
    awe_field_spec fields[AWE_MAX_FIELDS];      /* AWE_F_END-terminated */
} awe_op_spec;

const awe_op_spec *awe_op_spec_of(awe_op_kind kind);
uint8_t awe_op_id(awe_op_kind kind);
/* The op with that id, or -1. */
int awe_op_by_id(uint8_t id);
/* The op with that name, or -1. */
int awe_op_by_name(const char *name);
int awe_op_uses(const awe_op_spec *spec, awe_field f);
/* The op names separated by spaces, for messages. */
const char *awe_op_names(void);

/* What a "->" note on an op of that kind can say: nothing (controls, check), a status and
 * count (calls), or an access outcome (read: fault or tag; write: fault or ok). */
typedef enum { AWE_NOTE_NONE = 0, AWE_NOTE_STATUS, AWE_NOTE_ACCESS } awe_note_kind;
awe_note_kind awe_op_note_kind(awe_op_kind kind);
/* Keeps only what the op's kind of note can say, so every binary note has one text form. */
void awe_note_canonicalize(awe_op *op);
/* 1 when a status note says the call ends with `status`: the same status, or at the Win32
 * level TRUE for a success and FALSE with the last error the status maps to for a failure. */
int awe_note_says(const awe_note *n, awe_ntstatus status);

/* Which op kinds a fuzz target lets programs contain (bit k = awe_op_kind k). */
typedef uint32_t awe_op_mask;
#define AWE_OPS_ALL ((awe_op_mask)((1u << AWE_OP_KIND_COUNT) - 1))
/* The mask of a fuzz target by name (targets.h); 0 when unknown. */
awe_op_mask awe_target_mask(const char *target);
/* "sequence, map, free, args": for messages. */
const char *awe_target_names(void);

/* Value tables of the flag-word operands (operand_flags.c): counts, then lookups by index
 * (folded into range) and by value. */
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
