/* SPDX-License-Identifier: Apache-2.0 */
/* export_ops.c: the C code of each op in an exported reproducer (see export_ops.h). Symbolic
 * operands stay symbolic (addr_of, pfn_of: resolved as the reproducer runs); flag words are
 * written as numbers with their names in a comment. */
#include "export_ops.h"

#include <string.h>

#include "optable.h"
#include "symbols.h"
#include "text_names.h"

/* The enumerators of awe_defs.h and program.h by value: the reproducer compiles only if each
 * names the enumerator of that value there (the export tests compile every trace's). */
static const char *const api_words[] = {"AWE_API_NT", "AWE_API_WIN32"};
static const char *const buf_words[] = {"AWE_BUF_OK", "AWE_BUF_NULL", "AWE_BUF_NOACCESS",
                                        "AWE_BUF_READONLY"};
static const char *const handle_words[] = {"AWE_HANDLE_CURRENT", "AWE_HANDLE_SELF",
                                           "AWE_HANDLE_NO_VM_OPERATION", "AWE_HANDLE_NULL",
                                           "AWE_HANDLE_GARBAGE"};
static const char *const pfn_words[] = {"AWE_PFN_LIVE", "AWE_PFN_STALE", "AWE_PFN_GARBAGE",
                                        "AWE_PFN_ZERO"};
static const char *const addr_words[] = {"AWE_ADDR_NULL", "AWE_ADDR_REGION", "AWE_ADDR_ORDINARY",
                                         "AWE_ADDR_KERNEL"};

static void emit_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void emit_expect(FILE *out, const awe_op *op, const awe_note *n, awe_rule rule)
{
    int access = awe_op_note_kind((awe_op_kind)op->kind) == AWE_NOTE_ACCESS;
    const char *id = rule != AWE_RULE_NONE ? awe_rule_name(rule) : "";
    if (!n->present) {
        fprintf(out, "        static const expect_t e = {0, 0, 0, 0, 0, 0, 0, 0, \"\"};\n");
        return;
    }
    if (access) {
        fprintf(out, "        static const expect_t e = {1, 0, 0, 0, 0, %d, %d, %lluull, \"%s\"};\n",
                n->fault, n->has_tag, (unsigned long long)n->tag, id);
        return;
    }
    /* A Win32 note names no status: TRUE stands as SUCCESS, FALSE as a failure (the runtime
     * compares a Win32 call's FALSE by its last error alone). */
    awe_ntstatus status = n->win32 == AWE_NOTE_FALSE ? AWE_STATUS_INVALID_PARAMETER
                          : n->win32 == AWE_NOTE_TRUE ? AWE_STATUS_SUCCESS
                                                      : n->status;
    uint32_t error = n->win32 == AWE_NOTE_FALSE ? n->error : awe_status_to_win32(n->status);
    fprintf(out, "        static const expect_t e = {1, (LONG)0x%08Xu, %u, %d, %lluull, 0, 0, 0, \"%s\"};\n",
            status, error, n->has_count, (unsigned long long)n->count, id);
}

/* A list's entries, one by one (runs written out): the reproducer passes the call the very
 * array the trace's list stands for. Returns how many. */
static size_t emit_pfns(FILE *out, const char *name, const awe_pfn_list *l)
{
    static awe_pfn_ref e[AWE_MAX_ENTRIES];
    size_t n = awe_pfns_expand(l, e, AWE_MAX_ENTRIES);
    fprintf(out, "        ULONG_PTR %s[%zu] = {", name, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%spfn_of(%s, %u)", i ? ", " : "", pfn_words[e[i].kind], e[i].index);
    fprintf(out, "%s};\n", n ? "" : "0");
    return n;
}

static void addr_expr(const awe_addr *a, char *buf, size_t cap)
{
    snprintf(buf, cap, "addr_of(%s, %u, %u, %u)", addr_words[a->kind], a->region, a->page, a->offset);
}

static unsigned long long pages_bytes(uint16_t pages)
{
    return pages == AWE_PAGES_HUGE ? 1ull << 47 : (unsigned long long)pages * AWE_PAGE_SIZE;
}

static void emit_virtual(FILE *out, const awe_op *op, const char *text, size_t i)
{
    char addr[96], flags[96], prot[96];
    addr_expr(&op->addr, addr, sizeof addr);
    if (op->kind == AWE_OP_RESERVE) {
        awe_flags_format(op->atype, 1, flags, sizeof flags);
        awe_flags_format(op->prot, 0, prot, sizeof prot);
        fprintf(out, "        op_reserve(%zu, ", i);
        emit_string(out, text);
        fprintf(out, ", %s, %s, (SIZE_T)%lluull,\n                   /* %s */ 0x%08Xu, /* %s */ 0x%08Xu, &e);\n",
                api_words[op->api], addr, pages_bytes(op->pages), flags, op->atype,
                prot, op->prot);
        return;
    }
    awe_flags_format(op->ftype, 1, flags, sizeof flags);
    fprintf(out, "        op_release(%zu, ", i);
    emit_string(out, text);
    fprintf(out, ", %s, %s, (SIZE_T)%lluull, /* %s */ 0x%08Xu, &e);\n", api_words[op->api], addr,
            pages_bytes(op->pages), flags, op->ftype);
}

static void emit_pages(FILE *out, const awe_op *op, const char *text, size_t i)
{
    if (op->kind == AWE_OP_ALLOC) {
        uint64_t n = awe_resolve_count(&op->count, 0);
        uint64_t cap = awe_alloc_cap(op, n);
        fprintf(out, "        op_alloc(%zu, ", i);
        emit_string(out, text);
        fprintf(out, ", %s, %s, %s, (ULONG_PTR)%lluull, %s, %llu, %d, %u, &e);\n",
                api_words[op->api], handle_words[op->handle], buf_words[op->cntptr],
                (unsigned long long)n, buf_words[op->pfns.kind], (unsigned long long)cap, op->flag,
                op->num);
        return;
    }
    size_t len = emit_pfns(out, "pfns", &op->pfns);
    fprintf(out, "        op_free(%zu, ", i);
    emit_string(out, text);
    fprintf(out, ", %s, %s, %s, (ULONG_PTR)%lluull, %s, pfns, %zu, &e);\n", api_words[op->api],
            handle_words[op->handle], buf_words[op->cntptr],
            (unsigned long long)awe_resolve_count(&op->count, len), buf_words[op->pfns.kind], len);
}

static void emit_mapping(FILE *out, const awe_op *op, const char *text, size_t i)
{
    static awe_addr vas[AWE_MAX_ENTRIES];
    char addr[96];
    size_t len = emit_pfns(out, "pfns", &op->pfns);
    if (op->kind == AWE_OP_MAP) {
        addr_expr(&op->addr, addr, sizeof addr);
        fprintf(out, "        op_map(%zu, ", i);
        emit_string(out, text);
        fprintf(out, ", %s, %s, (ULONG_PTR)%lluull, %s, pfns, %zu, &e);\n", api_words[op->api], addr,
                (unsigned long long)awe_resolve_count(&op->count, len), buf_words[op->pfns.kind],
                len);
        return;
    }
    size_t n_vas = awe_addrs_expand(&op->addrs, vas, AWE_MAX_ENTRIES);
    fprintf(out, "        ULONG_PTR vas[%zu] = {", n_vas ? n_vas : 1);
    for (size_t k = 0; k < n_vas; k++) {
        addr_expr(&vas[k], addr, sizeof addr);
        fprintf(out, "%s%s", k ? ",\n                            " : "", addr);
    }
    fprintf(out, "%s};\n        op_scatter(%zu, ", n_vas ? "" : "0", i);
    emit_string(out, text);
    fprintf(out, ", %s, %s, vas, %zu, (ULONG_PTR)%lluull, %s, pfns, %zu, &e);\n", api_words[op->api],
            buf_words[op->addrs.kind], n_vas,
            (unsigned long long)awe_resolve_count(&op->count, n_vas), buf_words[op->pfns.kind], len);
}


/* The start of a call of the runtime's op_<fn>: "op_map(3, \"map at=R0+0 ...\"". */
static void call_open(FILE *out, const char *fn, size_t i, const char *text)
{
    fprintf(out, "        op_%s(%zu, ", fn, i);
    emit_string(out, text);
}

static void export_reserve(FILE *out, const awe_op *op, const char *text, size_t i)
{
    emit_virtual(out, op, text, i);
}

static void export_release(FILE *out, const awe_op *op, const char *text, size_t i)
{
    emit_virtual(out, op, text, i);
}

static void export_alloc(FILE *out, const awe_op *op, const char *text, size_t i)
{
    emit_pages(out, op, text, i);
}

static void export_free(FILE *out, const awe_op *op, const char *text, size_t i)
{
    emit_pages(out, op, text, i);
}

static void export_map(FILE *out, const awe_op *op, const char *text, size_t i)
{
    emit_mapping(out, op, text, i);
}

static void export_scatter(FILE *out, const awe_op *op, const char *text, size_t i)
{
    emit_mapping(out, op, text, i);
}

static void export_write(FILE *out, const awe_op *op, const char *text, size_t i)
{
    char addr[96];
    addr_expr(&op->addr, addr, sizeof addr);
    call_open(out, "write", i, text);
    fprintf(out, ", %s, %u, &e);\n", addr, op->tag);
}

static void export_read(FILE *out, const awe_op *op, const char *text, size_t i)
{
    char addr[96];
    addr_expr(&op->addr, addr, sizeof addr);
    call_open(out, "read", i, text);
    fprintf(out, ", %s, &e);\n", addr);
}

static void export_priv(FILE *out, const awe_op *op, const char *text, size_t i)
{
    call_open(out, "priv", i, text);
    fprintf(out, ", %d);\n", op->flag);
}

/* check, fault, limit, pool: awefuzz's own business, shown as skipped */
static void control(FILE *out, const char *text, size_t i, const char *why)
{
    call_open(out, "control", i, text);
    fprintf(out, ", \"%s\");\n", why);
}

static void export_check(FILE *out, const awe_op *op, const char *text, size_t i)
{
    (void)op;
    control(out, text, i, "awefuzz compares every page with its model here");
}

#define OWN_CONTROL "a control of awefuzz's own backends: the Windows API has none"

static void export_fault(FILE *out, const awe_op *op, const char *text, size_t i)
{
    (void)op;
    control(out, text, i, OWN_CONTROL);
}

static void export_limit(FILE *out, const awe_op *op, const char *text, size_t i)
{
    (void)op;
    control(out, text, i, OWN_CONTROL);
}

static void export_pool(FILE *out, const awe_op *op, const char *text, size_t i)
{
    (void)op;
    control(out, text, i, OWN_CONTROL);
}

static void export_query(FILE *out, const awe_op *op, const char *text, size_t i)
{
    char addr[96];
    addr_expr(&op->addr, addr, sizeof addr);
    call_open(out, "query", i, text);
    fprintf(out, ", %s, %s, %s,\n                 %s, %u, %s, &e);\n", api_words[op->api],
            handle_words[op->handle], addr, buf_words[op->qbuf], op->qlen, buf_words[op->retlen]);
}

static void export_protect(FILE *out, const awe_op *op, const char *text, size_t i)
{
    char addr[96], prot[256];
    addr_expr(&op->addr, addr, sizeof addr);
    awe_flags_format(op->newprot, 0, prot, sizeof prot);
    call_open(out, "protect", i, text);
    fprintf(out, ", %s, %s, %s,\n                   (SIZE_T)%lluull, /* %s */ 0x%08Xu, %s, %s, %s, &e);\n",
            api_words[op->api], handle_words[op->handle], addr, (unsigned long long)op->size, prot,
            (unsigned)op->newprot, buf_words[op->oldptr], buf_words[op->baseptr],
            buf_words[op->sizeptr]);
}

static void emit_lock(FILE *out, const awe_op *op, const char *text, size_t i, int unlock)
{
    char addr[96];
    addr_expr(&op->addr, addr, sizeof addr);
    call_open(out, "lock", i, text);
    fprintf(out, ", %s, %d, %s, %s,\n                (SIZE_T)%lluull, 0x%Xu, %s, %s, &e);\n",
            api_words[op->api], unlock, handle_words[op->handle], addr,
            (unsigned long long)op->size, (unsigned)op->maptype, buf_words[op->baseptr],
            buf_words[op->sizeptr]);
}

static void export_lock(FILE *out, const awe_op *op, const char *text, size_t i)
{
    emit_lock(out, op, text, i, 0);
}

static void export_unlock(FILE *out, const awe_op *op, const char *text, size_t i)
{
    emit_lock(out, op, text, i, 1);
}

typedef void (*export_fn)(FILE *out, const awe_op *op, const char *text, size_t i);

static const export_fn exporters[AWE_OP_KIND_COUNT] = {
#define AWE_EXPORT_ROW(e, name, id, targets, rule, examples, operands) [AWE_OP_##e] = export_##name,
    AWE_OP_LIST(AWE_EXPORT_ROW)
#undef AWE_EXPORT_ROW
};

void export_op(FILE *out, const awe_op *op, const awe_note *expected, const char *source,
               awe_rule rule, size_t i)
{
    char text[1024];
    awe_note none;
    memset(&none, 0, sizeof none);
    awe_op_format(op, &none, text, sizeof text);
    fprintf(out, "    { /* %s", text);
    if (expected->present) {
        char note[256];
        awe_note_format(op, expected, note, sizeof note);
        fprintf(out, " -> %s (from %s%s%s)", note, source, rule ? "; rule " : "",
                rule ? awe_rule_name(rule) : "");
    }
    fprintf(out, " */\n");
    if (awe_op_note_kind((awe_op_kind)op->kind) != AWE_NOTE_NONE)
        emit_expect(out, op, expected, rule);
    exporters[op->kind < AWE_OP_KIND_COUNT ? op->kind : 0](out, op, text, i);
    fprintf(out, "    }\n");
}
