/* SPDX-License-Identifier: Apache-2.0 */
/* test_codec.c: the program encodings: total binary decoding, canonical re-encoding, text
 * round trips, strict parsing, stable op ids, op-level mutation. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "check.h"
#include "mutate.h"
#include "optable.h"
#include "program.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint8_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint8_t)(rng_state >> 24);
}

/* A random byte string that mostly holds valid op ids, so decoding yields long programs. */
static size_t random_input(uint8_t *buf, size_t cap)
{
    size_t n = (size_t)rnd() * 4 % cap;
    for (size_t i = 0; i < n; i++)
        buf[i] = rnd() < 64 ? awe_op_id((awe_op_kind)(rnd() % AWE_OP_KIND_COUNT)) : rnd();
    return n;
}

TEST(op_ids_are_unique_nonzero_and_stable)
{
    for (int a = 0; a < AWE_OP_KIND_COUNT; a++) {
        CHECK(awe_op_id((awe_op_kind)a) != 0); /* 0 introduces a note record */
        CHECK(awe_op_id((awe_op_kind)a) != 1); /* 1 a text record */
        CHECK_EQ_U64(awe_op_by_id(awe_op_id((awe_op_kind)a)), a);
        for (int b = a + 1; b < AWE_OP_KIND_COUNT; b++)
            CHECK(awe_op_id((awe_op_kind)a) != awe_op_id((awe_op_kind)b));
    }
}

/* Published ids: stored corpora and crash files decode by them, so they may never change
 * (ops.h). A new op adds its line here; no line is ever edited. */
TEST(op_ids_are_frozen)
{
    static const struct { const char *name; uint8_t id; } frozen[] = {
        {"reserve", 0x36}, {"release", 0xA8}, {"alloc", 0xFE}, {"free", 0x07},
        {"map", 0x2A}, {"scatter", 0x6D}, {"write", 0x94}, {"read", 0x70},
        {"check", 0xB0}, {"priv", 0x5D}, {"fault", 0xDD}, {"limit", 0xC8},
        {"pool", 0xDA}, {"query", 0x4B}, {"protect", 0x8E}, {"lock", 0x19}, {"unlock", 0xE3},
    };
    CHECK_EQ_U64(sizeof frozen / sizeof frozen[0], AWE_OP_KIND_COUNT);
    for (size_t i = 0; i < sizeof frozen / sizeof frozen[0]; i++) {
        int k = awe_op_by_name(frozen[i].name);
        CHECK(k >= 0);
        CHECK_EQ_U64(awe_op_id((awe_op_kind)k), frozen[i].id);
    }
}

TEST(decoding_is_total_and_reencoding_canonical)
{
    static uint8_t in[600], once[AWE_PROGRAM_MAX_BYTES], twice[AWE_PROGRAM_MAX_BYTES];
    static awe_program p, q;
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = random_input(in, sizeof in);
        awe_program_decode(in, n, &p);
        CHECK(p.n <= AWE_MAX_OPS);
        size_t len1 = awe_program_encode(&p, once, sizeof once);
        CHECK(len1 > 0 || p.n == 0);
        awe_program_decode(once, len1, &q);
        CHECK(awe_program_equal(&p, &q));
        size_t len2 = awe_program_encode(&q, twice, sizeof twice);
        CHECK_EQ_U64(len1, len2);
        CHECK(memcmp(once, twice, len1) == 0);
    }
}

TEST(text_round_trips_every_decoded_program)
{
    static uint8_t in[600];
    static awe_program p, q;
    static char text[64 * 1024], again[64 * 1024], err[200];
    for (int iter = 0; iter < 1500; iter++) {
        awe_program_decode(in, random_input(in, sizeof in), &p);
        text[0] = again[0] = '\0'; /* fmemopen leaves the buffer as it was when nothing is written */
        FILE *f = fmemopen(text, sizeof text, "w");
        awe_program_print(&p, f);
        fclose(f);
        int rc = awe_program_parse(text, &q, err, sizeof err);
        if (rc != 0)
            fprintf(stderr, "%s\n%s\n", err, text);
        CHECK(rc == 0);
        CHECK(awe_program_equal(&p, &q));
        if (p.n != q.n)
            fprintf(stderr, "%zu ops became %zu\n", p.n, q.n);
        for (size_t i = 0; i < p.n && i < q.n; i++)
            if (memcmp(&p.op[i], &q.op[i], sizeof p.op[i]) != 0) {
                char line[1024];
                awe_op_format(&p.op[i], &p.op[i].note, line, sizeof line);
                fprintf(stderr, "op %zu differs after a text round trip: %s\n", i, line);
                break;
            }
        f = fmemopen(again, sizeof again, "w");
        awe_program_print(&q, f);
        fclose(f);
        CHECK(strcmp(text, again) == 0);
    }
}

static const char sample[] =
    "reserve pages=16\n"
    "reserve@win32 pages=4 type=RESERVE|COMMIT\n"
    "alloc n=8 -> SUCCESS n=8\n"
    "map at=R0+2 pfns=[L0 L1 S3 G2 0] -> CONFLICTING_ADDRESSES\n"
    "map at=R0+2.128 pfns=null n=3 -> SUCCESS\n"
    "scatter at=[R0+1 R1+0 kernel] pfns=ro[L2 0] n=huge -> INVALID_PARAMETER_2\n"
    "free pfns=[L0 L0] h=novm cnt=ro -> ACCESS_VIOLATION\n"
    "alloc@win32 n=4 h=self arr=ro cap=2 numa=1 node=3 -> ACCESS_VIOLATION\n"
    "write at=R0+2 tag=7 -> ok\n"
    "read at=R0+2 -> tag=7\n"
    "read at=R0+9 -> fault\n"
    "release at=R0+1 size=2 type=RELEASE|DECOMMIT -> INVALID_PARAMETER_4\n"
    "check\n"
    "priv off\n"
    "fault 3\n"
    "limit 12\n"
    "pool 0\n";

TEST(text_sample_prints_back_exactly)
{
    static awe_program p;
    static char out[8192], err[200];
    CHECK(awe_program_parse(sample, &p, err, sizeof err) == 0);
    CHECK_EQ_U64(p.n, 17);
    FILE *f = fmemopen(out, sizeof out, "w");
    awe_program_print(&p, f);
    fclose(f);
    if (strcmp(out, sample) != 0)
        fprintf(stderr, "printed:\n%s", out);
    CHECK(strcmp(out, sample) == 0);
}

TEST(notes_survive_the_binary_encoding)
{
    static awe_program p, q;
    static uint8_t bytes[AWE_PROGRAM_MAX_BYTES];
    char err[200];
    CHECK(awe_program_parse(sample, &p, err, sizeof err) == 0);
    size_t len = awe_program_encode(&p, bytes, sizeof bytes);
    awe_program_decode(bytes, len, &q);
    CHECK(awe_program_equal(&p, &q));
    CHECK(q.op[2].note.present && q.op[2].note.has_count && q.op[2].note.count == 8);
    CHECK(q.op[10].note.fault);
}

static void expect_parse_error(const char *text, const char *want)
{
    static awe_program p;
    char err[512] = "";
    CHECK(awe_program_parse(text, &p, err, sizeof err) == -1);
    if (!strstr(err, want))
        fprintf(stderr, "error '%s' does not mention '%s'\n", err, want);
    CHECK(strstr(err, want) != NULL);
}

TEST(parse_errors_name_the_line_and_the_problem)
{
    expect_parse_error("check\nmapp at=R0\n", "line 2: unknown op 'mapp'");
    expect_parse_error("map at=R9+1\n", "bad value for at");
    expect_parse_error("map at=R0+1.4096\n", "bad value for at");
    expect_parse_error("map colour=red\n", "map has no field 'colour'");
    expect_parse_error("map pfns=[L0 X1]\n", "bad value for pfns");
    expect_parse_error("alloc n=auto\n", "bad value for n");
    expect_parse_error("reserve type=RESERVE|BOGUS\n", "bad value for type");
    expect_parse_error("reserve type=RESERVE|0x100000000\n", "bad value for type");
    expect_parse_error("map at=R0 -> NOT_A_STATUS\n", "unknown status 'NOT_A_STATUS'");
    expect_parse_error("read at=R0 -> SUCCESS\n", "a read outcome is");
    expect_parse_error("check@win32\n", "the layer suffix");
    expect_parse_error("priv maybe\n", "bad value 'maybe'");
}

TEST(mutation_keeps_programs_valid_and_inside_the_mask)
{
    static uint8_t in[400], bytes[AWE_PROGRAM_MAX_BYTES];
    static awe_program p, q;
    for (uint32_t seed = 1; seed < 2000; seed++) {
        awe_program_decode(in, random_input(in, sizeof in), &p);
        awe_op_mask map = awe_target_mask("map");
        awe_program_filter(&p, map);
        awe_program_mutate(&p, seed, map);
        CHECK(p.n <= AWE_MAX_OPS);
        for (size_t i = 0; i < p.n; i++)
            CHECK(map & (1u << p.op[i].kind));
        size_t len = awe_program_encode(&p, bytes, sizeof bytes);
        awe_program_decode(bytes, len, &q);
        CHECK(awe_program_equal(&p, &q));
    }
}

#define BIT(k) (1u << AWE_OP_##k)

/* Each target holds the ops its rules need: Map and Scatter meet Free and Release (M6 after
 * F7, V6), Free meets Scatter and the full check (F7 on pages mapped by either call). */
TEST(target_masks_hold_what_their_rules_need)
{
    CHECK(awe_target_mask("sequence") == AWE_OPS_ALL);
    awe_op_mask map = awe_target_mask("map"), fr = awe_target_mask("free");
    awe_op_mask args = awe_target_mask("args");
    CHECK((map & (BIT(MAP) | BIT(SCATTER) | BIT(FREE) | BIT(RELEASE))) ==
          (BIT(MAP) | BIT(SCATTER) | BIT(FREE) | BIT(RELEASE)));
    CHECK((fr & (BIT(ALLOC) | BIT(FREE) | BIT(SCATTER) | BIT(CHECK))) ==
          (BIT(ALLOC) | BIT(FREE) | BIT(SCATTER) | BIT(CHECK)));
    CHECK((args & (BIT(WRITE) | BIT(READ) | BIT(CHECK))) == 0); /* no content traffic */
    CHECK(awe_target_mask("nope") == 0);
    CHECK(strcmp(awe_target_names(), "sequence, map, free, args") == 0);
}

/* Every operand of every row has a description, and its simplification steps end. */
TEST(every_operand_is_described_and_simplifies_finitely)
{
    static uint8_t in[600];
    static awe_program p;
    for (int k = 0; k < AWE_OP_KIND_COUNT; k++) {
        const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)k);
        for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++) {
            const awe_operand *d = awe_operand_of(spec->fields[i].field);
            CHECK(d != NULL);
            CHECK(d->syntax && d->decode && d->encode && d->print && d->parse && d->differs);
        }
    }
    for (int iter = 0; iter < 300; iter++) {
        awe_program_decode(in, random_input(in, sizeof in), &p);
        for (size_t j = 0; j < p.n; j++) {
            const awe_op_spec *spec = awe_op_spec_of((awe_op_kind)p.op[j].kind);
            for (int i = 0; i < AWE_MAX_FIELDS && spec->fields[i].field != AWE_F_END; i++) {
                const awe_operand *d = awe_operand_of(spec->fields[i].field);
                unsigned steps = 0;
                awe_op probe = p.op[j];
                while (d->simplify && steps < 1000 && d->simplify(&probe, steps)) {
                    probe = p.op[j];
                    steps++;
                }
                CHECK(steps < 1000);
            }
        }
    }
}

TEST(parse_refuses_duplicate_keys_and_names_the_range)
{
    expect_parse_error("reserve pages=8 pages=9\n", "field 'pages' given twice");
    expect_parse_error("alloc n=0x10000000000000000\n",
                       "bad value for n: '0x10000000000000000' (a count: any 64-bit number");
    expect_parse_error("map at=R0+4096\n", "R<region 0..7>+<page 0..4095>");
    expect_parse_error("map pfns=[L0 L1 L2 L3 L4 L5 L6 L7 L8 L9 L10 L11 L12 L13 L14 L15 L16]\n",
                       "up to 16 items");
    expect_parse_error("map pfns=[L4000..L4096]\n", "L<0..4095>");
    expect_parse_error("map pfns=[L5..L3]\n", "as a run L0..L255");
    expect_parse_error("map pfns=[L0*4096 0]\n", "4096 entries in all");
    expect_parse_error("map pfns=[0..0]\n", "bad value for pfns");
    expect_parse_error("scatter at=[R0+0..R1+3]\n", "a run of pages R0+0..R0+255");
    expect_parse_error("scatter at=[R0+0..R0+3.16]\n", "bad value for at");
    expect_parse_error("reserve pages=4097\n", "0..4096 pages");
}

/* text parses into p, prints back exactly, and p survives its binary form. */
static void round_trip(const char *text, awe_program *p)
{
    static awe_program q;
    static uint8_t bytes[AWE_PROGRAM_MAX_BYTES];
    char err[200], out[4096];
    CHECK(awe_program_parse(text, p, err, sizeof err) == 0);
    FILE *f = fmemopen(out, sizeof out, "w");
    CHECK(f != NULL);
    awe_program_print(p, f);
    fclose(f);
    CHECK_EQ_STR(out, text);
    size_t len = awe_program_encode(p, bytes, sizeof bytes);
    CHECK(len > 0);
    awe_program_decode(bytes, len, &q);
    CHECK(awe_program_equal(p, &q));
}

/* Values only the text form holds: a 256-page region, 256-entry lists as runs and repeats, a
 * byte offset of 0x123, a count of 0x2000000000000000, flag words outside the binary tables.
 * Each prints back as written and survives the binary form (as a text record). */
TEST(wide_values_print_back_and_survive_the_binary_form)
{
    static const char text[] =
        "reserve pages=256 type=RESERVE|PHYSICAL|TOP_DOWN|0x8 prot=READONLY|GUARD\n"
        "alloc n=256 cap=300\n"
        "map at=R0+0 pfns=[L0..L255]\n"
        "read at=R0+255.0x123\n"
        "map at=R0+3.0x123 pfns=[L0..L255] n=0x2000000000000000\n"
        "scatter at=[R0+0..R0+127 R1+4095*128] pfns=[0*128 L4000..L4095 S7*32]\n"
        "free pfns=[G0..G7 L1*4] n=0xFFFFFFFFFFFF\n"
        "release at=R0+4095.0xFFF size=4096 type=RELEASE|0x8\n";
    static awe_program p;
    static uint8_t bytes[AWE_PROGRAM_MAX_BYTES];
    char err[200];
    round_trip(text, &p);
    CHECK_EQ_U64(awe_pfns_length(&p.op[5].pfns), 256);
    CHECK_EQ_U64(awe_addrs_length(&p.op[5].addrs), 256);
    /* an op inside the binary bounds keeps its compact bytes */
    CHECK(awe_program_parse("map at=R0+1 pfns=[L0 L1]\n", &p, err, sizeof err) == 0);
    CHECK(awe_program_encode(&p, bytes, sizeof bytes) < 16);
}

/* A 0x01 byte that does not start a text record (random or mutated input) is skipped like an
 * unknown id: the ops after it decode as they would without it. */
TEST(stray_text_record_id_costs_one_byte)
{
    static awe_program p, q;
    static uint8_t bytes[AWE_PROGRAM_MAX_BYTES], stray[AWE_PROGRAM_MAX_BYTES + 1];
    char err[200];
    CHECK(awe_program_parse("reserve pages=8\nalloc n=2\nmap at=R0+1 pfns=[L0 L1]\n", &p, err,
                            sizeof err) == 0);
    size_t len = awe_program_encode(&p, bytes, sizeof bytes);
    CHECK(len > 0);
    stray[0] = 0x01;
    memcpy(stray + 1, bytes, len);
    awe_program_decode(stray, len + 1, &q);
    CHECK(awe_program_equal(&p, &q));
}

TEST(win32_and_query_notes_print_back_and_survive_the_binary_form)
{
    static const char text[] =
        "map@win32 at=R0+4 pfns=[L0] -> FALSE error=87\n"
        "free@win32 pfns=[L0 G1] -> FALSE error=487 n=1\n"
        "protect@win32 at=R0+1 prot=READONLY -> TRUE\n"
        "query@win32 at=R0+1 -> TRUE state=COMMIT protect=READWRITE type=PRIVATE size=2\n"
        "query at=R0+0 -> SUCCESS state=RESERVE protect=0 type=PRIVATE|0x8 size=0x10000\n";
    static awe_program p;
    round_trip(text, &p);
    expect_parse_error("map at=R0 -> TRUE\n", "needs @win32");
    expect_parse_error("map@win32 at=R0 -> FALSE\n", "FALSE error=87");
    expect_parse_error("map@win32 at=R0 -> SUCCESS state=COMMIT\n", "unexpected 'state=COMMIT'");
    expect_parse_error("query at=R0 -> SUCCESS size=2 size=3\n", "bad or repeated 'size=3'");
}

TEST(parse_skips_a_utf8_byte_order_mark)
{
    static awe_program p;
    char err[200];
    CHECK(awe_program_parse("\xEF\xBB\xBFreserve pages=8\nalloc n=2\n", &p, err, sizeof err) == 0);
    CHECK_EQ_U64(p.n, 2);
    CHECK_EQ_U64(p.op[0].kind, AWE_OP_RESERVE);
}
