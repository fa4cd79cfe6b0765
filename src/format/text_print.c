/* SPDX-License-Identifier: Apache-2.0 */
/* text_print.c: programs as text, one op per line: "map at=R0+2 pfns=[L0 L1] -> SUCCESS".
 * A field is printed only when it differs from its default (awe_op_init), so a line shows
 * what is special about the op. */
#include <string.h>

#include "operand_util.h"
#include "optable.h"
#include "text_names.h"

static void put_note(awe_sbuf *s, const awe_op *op, const awe_note *n)
{
    if (op->kind == AWE_OP_READ || op->kind == AWE_OP_WRITE) {
        if (n->fault)
            awe_put(s, "fault");
        else if (n->has_tag)
            awe_put(s, "tag=%u", (unsigned)n->tag);
        else
            awe_put(s, "ok");
        return;
    }
    char text[128];
    if (n->win32 == AWE_NOTE_TRUE)
        awe_put(s, "TRUE");
    else if (n->win32 == AWE_NOTE_FALSE)
        awe_put(s, "FALSE error=%u", n->error);
    else
        awe_put(s, "%s", awe_status_format(n->status, text, sizeof text));
    if (n->has_count)
        awe_put(s, " n=%llu", (unsigned long long)n->count);
    if (n->mbi & AWE_NOTE_MBI_STATE)
        awe_flags_format(n->state, 1, text, sizeof text), awe_put(s, " state=%s", text);
    if (n->mbi & AWE_NOTE_MBI_PROTECT)
        awe_flags_format(n->protect, 0, text, sizeof text), awe_put(s, " protect=%s", text);
    if (n->mbi & AWE_NOTE_MBI_TYPE)
        awe_flags_format(n->type, 1, text, sizeof text), awe_put(s, " type=%s", text);
    if (n->mbi & AWE_NOTE_MBI_SIZE)
        awe_put(s, " size="), opu_put_u64(s, n->pages);
}

void awe_note_format(const awe_op *op, const awe_note *note, char *buf, size_t cap)
{
    awe_sbuf s = {buf, cap, 0};
    buf[0] = '\0';
    put_note(&s, op, note);
}

void awe_op_format(const awe_op *op, const awe_note *note, char *buf, size_t cap)
{
    const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)op->kind);
    awe_op def;
    awe_sbuf s = {buf, cap, 0};
    awe_op_init(&def, (awe_op_kind)op->kind);
    buf[0] = '\0';
    awe_put(&s, "%s", spec->name);
    if (awe_op_uses(spec, AWE_F_API) && op->api != AWE_API_NT)
        awe_operand_api.print(&s, op, 0);
    for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++) {
        const awe_field_spec *fs = &spec->fields[i];
        if (fs->field == AWE_F_API)
            continue;
        if (fs->key == NULL) {
            awe_put(&s, " ");
            awe_operand_of(fs->field)->print(&s, op, 1);
        } else if (awe_operand_of(fs->field)->differs(op, &def)) {
            awe_put(&s, " %s=", fs->key);
            awe_operand_of(fs->field)->print(&s, op, 0);
        }
    }
    if (note && note->present && awe_op_note_kind((awe_op_kind)op->kind) != AWE_NOTE_NONE) {
        awe_put(&s, " -> ");
        put_note(&s, op, note);
    }
}

void awe_program_print(const awe_program *p, FILE *out)
{
    char line[AWE_OP_TEXT_MAX + 128];
    for (size_t i = 0; i < p->n; i++) {
        awe_op_format(&p->op[i], &p->op[i].note, line, sizeof line);
        fprintf(out, "%s\n", line);
    }
}

int awe_program_equal(const awe_program *a, const awe_program *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (memcmp(&a->op[i], &b->op[i], sizeof a->op[i]) != 0)
            return 0;
    return 1;
}
