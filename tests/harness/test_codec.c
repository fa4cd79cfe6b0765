/* test_codec.c: the program encodings: total binary decoding, canonical re-encoding, text
 * round trips, strict parsing, stable op ids, op-level mutation. */
#define _POSIX_C_SOURCE 200809L
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
        CHECK_EQ_U64(awe_op_by_id(awe_op_id((awe_op_kind)a)), a);
        for (int b = a + 1; b < AWE_OP_KIND_COUNT; b++)
            CHECK(awe_op_id((awe_op_kind)a) != awe_op_id((awe_op_kind)b));
    }
    /* Published ids: corpora depend on them, so they may never change. */
    CHECK_EQ_U64(awe_op_id(AWE_OP_MAP), awe_op_id((awe_op_kind)awe_op_by_name("map")));
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
    char err[200] = "";
    CHECK(awe_program_parse(text, &p, err, sizeof err) == -1);
    if (!strstr(err, want))
        fprintf(stderr, "error '%s' does not mention '%s'\n", err, want);
    CHECK(strstr(err, want) != NULL);
}

TEST(parse_errors_name_the_line_and_the_problem)
{
    expect_parse_error("check\nmapp at=R0\n", "line 2: unknown op 'mapp'");
    expect_parse_error("map at=R9+1\n", "bad value for at");
    expect_parse_error("map at=R0+1.7\n", "bad value for at");
    expect_parse_error("map colour=red\n", "map has no field 'colour'");
    expect_parse_error("map pfns=[L0 X1]\n", "bad value for pfns");
    expect_parse_error("alloc n=auto\n", "bad value for n");
    expect_parse_error("reserve type=RESERVE|BOGUS\n", "bad value for type");
    expect_parse_error("reserve type=RESERVE|PHYSICAL|COMMIT|TOP_DOWN\n", "bad value for type");
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
        awe_program_filter(&p, AWE_OPS_MAP);
        awe_program_mutate(&p, seed, AWE_OPS_MAP);
        CHECK(p.n <= AWE_MAX_OPS);
        for (size_t i = 0; i < p.n; i++)
            CHECK(AWE_OPS_MAP & (1u << p.op[i].kind));
        size_t len = awe_program_encode(&p, bytes, sizeof bytes);
        awe_program_decode(bytes, len, &q);
        CHECK(awe_program_equal(&p, &q));
    }
}

TEST(target_masks_are_known_by_name)
{
    CHECK(awe_target_mask("sequence") == AWE_OPS_ALL);
    CHECK(awe_target_mask("map") == AWE_OPS_MAP);
    CHECK(awe_target_mask("free") == AWE_OPS_FREE);
    CHECK(awe_target_mask("args") == AWE_OPS_ARGS);
    CHECK(awe_target_mask("nope") == 0);
}
