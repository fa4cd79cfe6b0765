/* SPDX-License-Identifier: Apache-2.0 */
/* program.h: operation programs. A program is a short sequence of AWE operations whose
 * operands are symbolic (the i-th live PFN, region j + page k, a stale PFN, a garbage PFN),
 * so one program runs unchanged on every backend although their PFN values and addresses
 * differ. Programs have two encodings:
 *   - binary, for fuzzing: a total decoder (any bytes decode to a valid, bounded program) and
 *     frozen op ids, so corpora survive new ops (codec_binary.c);
 *   - text, for people: one op per line, optionally with the expected outcome after "->"
 *     (text_print.c, text_parse.c).
 * The operations are listed once, in ops.h, and their operands described once, in
 * operands.h. */
#ifndef AWE_PROGRAM_H
#define AWE_PROGRAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "awe_defs.h"
#include "ops.h"

#define AWE_MAX_OPS 48       /* ops per program */
#define AWE_MAX_LIST 16      /* items per PFN or address list (an item can be a run) */
#define AWE_MAX_ENTRIES 4096 /* entries a list expands to; writable entries of an alloc */
#define AWE_MAX_REGIONS 8    /* regions a program can name (R0..R7) */
#define AWE_MAX_PAGES 4096   /* pages of a region, page index of an address (text) */
#define AWE_GARBAGE_COUNT 8  /* never-granted PFN values G0..G7 */
/* The binary encoding's smaller bounds (codec_binary.c): an op past them travels as its text
 * line, so every program has a binary form, but random bytes only build values inside them. */
#define AWE_BIN_REGION_PAGES 64
#define AWE_BIN_COUNT 64

typedef enum {
#define AWE_OP_ENUM(e, name, id, targets, rule, examples, operands) AWE_OP_##e,
    AWE_OP_LIST(AWE_OP_ENUM)
#undef AWE_OP_ENUM
    AWE_OP_KIND_COUNT
} awe_op_kind;

/* An address operand. */
typedef enum {
    AWE_ADDR_NULL = 0,   /* 0 (the default) */
    AWE_ADDR_REGION,     /* region `region` + `page` pages + `offset` bytes */
    AWE_ADDR_ORDINARY,   /* a committed page of ordinary memory, in no region */
    AWE_ADDR_KERNEL,     /* above user space */
    AWE_ADDR_KIND_COUNT
} awe_addr_kind;

/* A list item stands for 1 + `more` entries: the same entry repeated (step 0), or entries
 * whose PFN index or page rises by one each (step 1). Lone entries have more == 0. */
typedef struct {
    uint8_t kind;   /* awe_addr_kind */
    uint8_t region; /* 0..AWE_MAX_REGIONS-1 */
    uint16_t page;  /* 0..AWE_MAX_PAGES-1 (may lie past the region's end) */
    uint16_t offset;/* byte offset within the page, 0..4095 */
    uint8_t step;   /* list items only: see above */
    uint16_t more;
} awe_addr;

/* A PFN operand: which PFN, resolved at run time against the PFNs this program was granted. */
typedef enum {
    AWE_PFN_LIVE = 0, /* index-th owned PFN in grant order (modulo the number owned) */
    AWE_PFN_STALE,    /* index-th freed PFN (modulo the number freed) */
    AWE_PFN_GARBAGE,  /* index-th value of a table of never-granted values */
    AWE_PFN_ZERO,     /* 0 */
    AWE_PFN_KIND_COUNT
} awe_pfn_kind;

typedef struct {
    uint8_t kind;   /* awe_pfn_kind */
    uint8_t step;   /* list items: see awe_addr */
    uint16_t index; /* 0..AWE_MAX_ENTRIES-1 (G: 0..AWE_GARBAGE_COUNT-1) */
    uint16_t more;
} awe_pfn_ref;

/* A count operand: the list's length, a literal, or a boundary value. */
typedef enum {
    AWE_COUNT_AUTO = 0, /* the length of the op's list */
    AWE_COUNT_LITERAL,  /* `value`: any 64-bit value */
    AWE_COUNT_HUGE,     /* MAXULONG_PTR / PAGE_SIZE + 1: past the M1/S1 limit */
    AWE_COUNT_EDGE,     /* MAXULONG_PTR / PAGE_SIZE: the largest count M1/S1 accept */
    AWE_COUNT_MAX,      /* MAXULONG_PTR */
    AWE_COUNT_KIND_COUNT
} awe_count_kind;

typedef struct {
    uint8_t kind;
    uint64_t value;
} awe_count;

/* `len` items, which expand to awe_pfns_length() entries (awe_pfns_expand). */
typedef struct {
    uint8_t kind; /* awe_buf_kind of the array pointer */
    uint8_t len;
    awe_pfn_ref pfn[AWE_MAX_LIST];
} awe_pfn_list;

typedef struct {
    uint8_t kind; /* awe_buf_kind of the array pointer */
    uint8_t len;
    awe_addr addr[AWE_MAX_LIST];
} awe_addr_list;

/* What a "->" annotation says the outcome must be: the status (SUCCESS n=2), or for an @win32
 * call its Win32 result (TRUE, FALSE error=87); for a query also fields of the
 * MEMORY_BASIC_INFORMATION (state=COMMIT protect=READWRITE type=PRIVATE size=2); for an
 * access fault, ok or tag=N. */
enum { AWE_NOTE_STATUS_FORM = 0, AWE_NOTE_TRUE = 1, AWE_NOTE_FALSE = 2 };
enum {
    AWE_NOTE_MBI_STATE = 1,
    AWE_NOTE_MBI_PROTECT = 2,
    AWE_NOTE_MBI_TYPE = 4,
    AWE_NOTE_MBI_SIZE = 8,
};

typedef struct {
    uint8_t present;
    uint8_t has_count;
    uint8_t has_tag;
    uint8_t fault;      /* read: the access faults */
    uint8_t win32;      /* AWE_NOTE_TRUE / AWE_NOTE_FALSE: the Win32 result, not a status */
    uint8_t mbi;        /* query: which AWE_NOTE_MBI_* fields are stated */
    awe_ntstatus status;
    uint32_t error;     /* FALSE: the last error */
    uint64_t count;     /* *NumberOfPages after the call */
    uint64_t tag;       /* read: the content tag */
    uint32_t state, protect, type; /* query: MEMORY_BASIC_INFORMATION fields */
    uint64_t pages;     /* query: RegionSize, in pages */
} awe_note;

/* One operation. Each op kind uses the subset of fields its table row lists. */
typedef struct {
    uint8_t kind;    /* awe_op_kind */
    uint8_t api;     /* awe_api */
    uint8_t handle;  /* awe_handle_kind */
    uint8_t cntptr;  /* awe_buf_kind of the *NumberOfPages pointer */
    uint8_t tag;     /* content tag 1..255 */
    uint8_t flag;    /* on/off, numa */
    uint8_t num;     /* fault position, limit, pool, numa node */
    uint32_t atype;  /* VirtualAlloc's flAllocationType: any value */
    uint32_t prot;   /* VirtualAlloc's flProtect: any value */
    uint32_t ftype;  /* VirtualFree's dwFreeType: any value */
    uint16_t pages;  /* region size or release size in pages; AWE_PAGES_HUGE = huge */
    uint16_t cap;    /* alloc: writable PFN-array entries; AWE_CAP_AUTO: see awe_alloc_cap */
    awe_count count;
    awe_addr addr;
    awe_pfn_list pfns;
    awe_addr_list addrs;
    awe_note note;
    /* query, protect, lock, unlock (rules Q, P, L) */
    uint64_t size;     /* a byte count, any value; AWE_SIZE_HUGE = past user space */
    uint32_t newprot;  /* protect: the new protection, any value (P1 judges it) */
    uint32_t maptype;  /* Nt lock/unlock: MapType, any value (L1 judges it) */
    uint16_t qlen;     /* query: the buffer length passed, in bytes (0..AWE_QUERY_MAX_LEN) */
    uint8_t qbuf;      /* query: awe_buf_kind of the MEMORY_BASIC_INFORMATION buffer */
    uint8_t retlen;    /* Nt query: awe_buf_kind of ReturnLength (null: not asked for) */
    uint8_t baseptr;   /* Nt protect/lock/unlock: awe_buf_kind of *BaseAddress */
    uint8_t sizeptr;   /* Nt protect/lock/unlock: awe_buf_kind of *RegionSize */
    uint8_t oldptr;    /* protect: awe_buf_kind of *OldProtect */
} awe_op;

typedef struct {
    size_t n;
    awe_op op[AWE_MAX_OPS];
} awe_program;

#define AWE_PAGES_HUGE 0xFFFFu
#define AWE_CAP_AUTO 0xFFFFu
#define AWE_SIZE_HUGE (1ull << 47)   /* a byte count past the end of user space (P3, L2) */
#define AWE_QUERY_MAX_LEN 4096u      /* a query buffer fits the arena page it ends */

/* Binary codec. Decoding never fails: unknown op ids are skipped, missing bytes read as
 * zero, values are folded into range, an op's text line that does not parse is skipped, at
 * most AWE_MAX_OPS ops are kept. Encoding produces the
 * canonical bytes: encode(decode(encode(p))) == encode(p). Returns the bytes written, or 0 when
 * `cap` is too small. */
void awe_program_decode(const uint8_t *data, size_t size, awe_program *out);
size_t awe_program_encode(const awe_program *p, uint8_t *out, size_t cap);
/* Upper bounds: one op's text line (awe_op_format, with a note), one op's encoding (an op
 * the binary fields cannot hold travels as its text line: id, length, text; plus a note
 * record) and a program's. */
#define AWE_OP_TEXT_MAX 1024
#define AWE_OP_MAX_BYTES (3 + AWE_OP_TEXT_MAX + 36)
#define AWE_PROGRAM_MAX_BYTES (AWE_MAX_OPS * AWE_OP_MAX_BYTES)

/* Lists (lists.c): the entries a list's items expand to, and the entries themselves, at most
 * cap of them; each returns the full length. A lone entry comes back with more == 0. */
size_t awe_pfns_length(const awe_pfn_list *l);
size_t awe_pfns_expand(const awe_pfn_list *l, awe_pfn_ref *out, size_t cap);
size_t awe_addrs_length(const awe_addr_list *l);
size_t awe_addrs_expand(const awe_addr_list *l, awe_addr *out, size_t cap);
/* The entries an allocation's PFN array has room for, given the count it passes: its cap, or
 * (cap=auto) as many as it asks for, up to AWE_MAX_ENTRIES (operand_scalars.c). */
uint64_t awe_alloc_cap(const awe_op *op, uint64_t n);

/* An op of that kind with every field at its default (what a missing text key means). */
void awe_op_init(awe_op *op, awe_op_kind kind);
/* Brings an op to its canonical form (a NULL list carries no entries and a literal count). */
void awe_op_canonicalize(awe_op *op);

/* Text codec. awe_op_format writes one op (without newline) and, when `note` is present, its
 * outcome after " -> ". awe_program_print writes one op per line with the ops' own notes.
 * awe_program_parse reads that format (blank lines and # comments allowed); on error it
 * returns -1 and puts "line N: what is wrong" in err. */
void awe_op_format(const awe_op *op, const awe_note *note, char *buf, size_t cap);
void awe_note_format(const awe_op *op, const awe_note *note, char *buf, size_t cap);
void awe_program_print(const awe_program *p, FILE *out);
int awe_program_parse(const char *text, awe_program *out, char *err, size_t err_len);

int awe_program_equal(const awe_program *a, const awe_program *b);

#endif
