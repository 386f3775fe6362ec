/* test_record_read.c: reading run records back (cc_record_read, src/run/cc_record.h).
 *
 * Records written by cc_record (RUNNING, COMPLETED, FAILED) read back with their fields and
 * every parameter's text as cc_spec_format gives it; hand-made files refused with a reason:
 * each required field missing or of the wrong type, an unknown status, truncated, not JSON,
 * not an object, duplicate keys, longer than the limit, endless, absent.
 * Not here: the merge's use of it (tests/bad_input.sh), git provenance (tests/record_git.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cc_record.h"
#include "cc_test.h"

/* The parameters of a small driver, one of each type. */
static struct {
    int epochs, flag, arch, taus[4], n_taus;
    double alpha, rtol, betas[4];
    int n_betas;
    char tag[16];
} P = {.epochs = 5, .flag = 0, .arch = 1, .taus = {3, 5}, .n_taus = 2, .alpha = 0.123456789012345, .rtol = 1e-6,
       .betas = {0.25, 1e20}, .n_betas = 2, .tag = "a\"b"};
static const cc_spec SPECS[] = {
    CC_SPEC_INT("train.epochs", &P.epochs, 1, 100, "epochs"),
    CC_SPEC_DOUBLE("model.alpha", &P.alpha, 0, 1, "leak"), /* more digits than %g keeps */
    CC_SPEC_DOUBLE("verify.rtol", &P.rtol, 0, 1, "tolerance"),
    CC_SPEC_BOOL("model.flag", &P.flag, "flag"),
    CC_SPEC_CHOICE("model.arch", &P.arch, "none|cereb_fb", "architecture"),
    CC_SPEC_LIST_INT("sweep.tau", P.taus, &P.n_taus, 0, 10, "windows"),
    CC_SPEC_LIST_DOUBLE("sweep.beta", P.betas, &P.n_betas, 0, 1e30, "betas"),
    CC_SPEC_STRING("run.tag", P.tag, "tag"),
    CC_SPEC_END};

static char dir[64];
static char path[128];

static void write_file(const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

/* Read path: expect status want, and (when refused) a reason holding why. 1 if so. */
static int expect(const char *what, int want, const char *why)
{
    cc_record_info info;
    char err[512] = "";
    cc_test_reset_error();
    int s = cc_record_read(path, &info, err, sizeof err);
    int ok = s == want && (want == GSL_SUCCESS || strstr(err, why)) && cc_test_last_errno == 0;
    if (!ok) printf("\n    %s: status %d (want %d), reason \"%s\" (want \"%s\")", what, s, want, err, why);
    CU_ASSERT(ok);
    if (s == GSL_SUCCESS) cc_record_info_free(&info);
    CU_ASSERT_PTR_NULL(info.root);
    return ok;
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/cc-test-record-XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/u.json", dir);
}

static void teardown(void)
{
    unlink(path);
    rmdir(dir);
}

/* A record of each status, as the drivers write it, reads back whole. */
static void test_written(void)
{
    setup();
    cc_record *r = cc_record_alloc(path, "figt", "u");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(cc_record_set_context(r, dir, NULL, 0, "0123456789abcdef"), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_record_set_config(r, SPECS), GSL_SUCCESS);
    const char *status_name[] = {"RUNNING", "COMPLETED", "FAILED"};
    for (int k = 0; k < 3; k++) {
        if (k == 0) CU_ASSERT_EQUAL(cc_record_begin(r), GSL_SUCCESS);
        if (k > 0) CU_ASSERT_EQUAL(cc_record_end(r, k == 1, "boom"), GSL_SUCCESS);
        cc_record_info info;
        char err[256] = "", buf[256];
        CU_ASSERT_EQUAL_FATAL(cc_record_read(path, &info, err, sizeof err), GSL_SUCCESS);
        CU_ASSERT_STRING_EQUAL(info.driver, "figt");
        CU_ASSERT_STRING_EQUAL(info.unit, "u");
        CU_ASSERT_STRING_EQUAL(info.config_id, "0123456789abcdef");
        CU_ASSERT_EQUAL(info.status, (cc_record_status)(k == 0 ? CC_RECORD_RUNNING : k == 1 ? CC_RECORD_COMPLETED
                                                                                     : CC_RECORD_FAILED));
        CU_ASSERT(cc_record_field_text(&info, "status", buf, sizeof buf) > 0 && !strcmp(buf, status_name[k]));
        /* every parameter reads back as the text the driver would print for it */
        int bad = 0;
        for (const cc_spec *s = SPECS; s->key; s++) {
            char want[256];
            cc_spec_format(s, want, sizeof want);
            int len = cc_record_config_text(&info, s->key, buf, sizeof buf);
            if (len != (int)strlen(want) || strcmp(buf, want)) {
                printf("\n    %s: \"%s\" read back, \"%s\" written", s->key, len < 0 ? "(none)" : buf, want);
                bad++;
            }
        }
        CC_ASSERT_NONE_WRONG(bad, "parameters read back");
        CU_ASSERT_EQUAL(cc_record_config_text(&info, "no.such", buf, sizeof buf), -1);
        CU_ASSERT_EQUAL(cc_record_field_text(&info, "config", buf, sizeof buf), -1); /* an object */
        cc_record_info_free(&info);
    }
    cc_record_free(r);
    teardown();
}

/* The whole record, with one field replaced: %s stands for the fields around it. */
#define GOOD_HEAD "{\"driver\": \"figt\", \"unit\": \"u\", "
#define GOOD_TAIL "\"config\": {\"a.b\": 0.5, \"a.list\": [1, 2.5, \"x\"]}, \"files\": [\"a.c\", \"b c.c\"]}"

/* A hand-made record: its values as text, a cut buffer, a missing field. */
static void test_values(void)
{
    setup();
    write_file(GOOD_HEAD "\"status\": \"COMPLETED\", \"config_id\": null, " GOOD_TAIL);
    cc_record_info info;
    char err[256] = "", buf[64];
    CU_ASSERT_EQUAL_FATAL(cc_record_read(path, &info, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_PTR_NULL(info.config_id);
    CU_ASSERT(cc_record_config_text(&info, "a.list", buf, sizeof buf) == 9 && !strcmp(buf, "1, 2.5, x"));
    CU_ASSERT(cc_record_field_text(&info, "files", buf, sizeof buf) == 10 && !strcmp(buf, "a.c, b c.c"));
    CU_ASSERT(cc_record_field_text(&info, "files", buf, 5) == 10 && !strcmp(buf, "a.c,")); /* cut, length needed */
    CU_ASSERT_EQUAL(cc_record_field_text(&info, "files", NULL, 0), 10);
    CU_ASSERT_EQUAL(cc_record_field_text(&info, "none", buf, sizeof buf), -1);
    cc_record_info_free(&info);
    teardown();
}

/* Each required field missing, or of the wrong type; an unknown status. */
static void test_fields(void)
{
    setup();
    static const struct {
        const char *text, *why;
    } cases[] = {
        {"{\"unit\": \"u\", \"status\": \"COMPLETED\", \"config_id\": \"x\", " GOOD_TAIL, "no \"driver\""},
        {"{\"driver\": 2, \"unit\": \"u\", \"status\": \"COMPLETED\", \"config_id\": \"x\", " GOOD_TAIL,
         "\"driver\" is a number, not a string"},
        {"{\"driver\": \"figt\", \"status\": \"COMPLETED\", \"config_id\": \"x\", " GOOD_TAIL, "no \"unit\""},
        {"{\"driver\": \"figt\", \"unit\": null, \"status\": \"COMPLETED\", \"config_id\": \"x\", " GOOD_TAIL,
         "\"unit\" is null, not a string"},
        {GOOD_HEAD "\"config_id\": \"x\", " GOOD_TAIL, "no \"status\""},
        {GOOD_HEAD "\"status\": true, \"config_id\": \"x\", " GOOD_TAIL, "\"status\" is a boolean"},
        {GOOD_HEAD "\"status\": \"DONE\", \"config_id\": \"x\", " GOOD_TAIL, "\"status\" is \"DONE\""},
        {GOOD_HEAD "\"status\": \"completed\", \"config_id\": \"x\", " GOOD_TAIL, "not RUNNING, COMPLETED or FAILED"},
        {GOOD_HEAD "\"status\": \"COMPLETED\", " GOOD_TAIL, "no \"config_id\""},
        {GOOD_HEAD "\"status\": \"COMPLETED\", \"config_id\": 12, " GOOD_TAIL, "\"config_id\" is a number, not a string or null"},
        {GOOD_HEAD "\"status\": \"COMPLETED\", \"config_id\": \"x\"}", "no \"config\""},
        {GOOD_HEAD "\"status\": \"COMPLETED\", \"config_id\": \"x\", \"config\": [1]}", "\"config\" is an array, not an object"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file(cases[i].text);
        expect(cases[i].why, GSL_EINVAL, cases[i].why);
    }
    write_file(GOOD_HEAD "\"status\": \"RUNNING\", \"config_id\": \"x\", " GOOD_TAIL);
    expect("a RUNNING record", GSL_SUCCESS, "");
    write_file(GOOD_HEAD "\"status\": \"FAILED\", \"config_id\": \"x\", " GOOD_TAIL);
    expect("a FAILED record", GSL_SUCCESS, "");
    teardown();
}

/* Files that are not records at all. */
static void test_not_json(void)
{
    setup();
    static const char *whole = GOOD_HEAD "\"status\": \"COMPLETED\", \"config_id\": \"x\", " GOOD_TAIL;
    char cut[256];
    snprintf(cut, sizeof cut, "%.*s", (int)strlen(whole) / 2, whole);
    write_file(cut);
    expect("truncated", GSL_EINVAL, "line 1, column");
    write_file("");
    expect("empty", GSL_EINVAL, "expected");
    write_file("driver = figt\nstatus = COMPLETED\n");
    expect("not JSON", GSL_EINVAL, "expected near 'driver'");
    write_file("[1, 2]");
    expect("an array", GSL_EINVAL, "holds an array, not an object");
    write_file("{\"status\": \"RUNNING\", \"driver\": \"figt\", \"unit\": \"u\", \"status\": \"COMPLETED\", "
               "\"config_id\": \"x\", " GOOD_TAIL);
    expect("two statuses", GSL_EINVAL, "duplicate");
    /* longer than the limit: a valid record padded with spaces */
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(whole, f);
    for (size_t i = 0; i < CC_RECORD_READ_MAX; i++) putc(' ', f);
    fclose(f);
    int limited = expect("longer than the limit", GSL_EINVAL, "longer than 16 MiB");
    CU_ASSERT_EQUAL(truncate(path, CC_RECORD_READ_MAX), 0); /* the same at the limit is read */
    expect("at the limit", GSL_SUCCESS, "");
    unlink(path);
    expect("absent", GSL_EFAILED, "No such file");
    snprintf(path, sizeof path, "/dev/zero");
    if (limited) expect("endless", GSL_EINVAL, "longer than"); /* without the limit it would fill the memory */
    snprintf(path, sizeof path, "%s/u.json", dir);
    teardown();
}

static const cc_test_case CASES[] = {
    {"records written by a run read back", test_written},
    {"values of a record as text", test_values},
    {"missing and mistyped fields refused", test_fields},
    {"truncated, non-JSON, oversized files refused", test_not_json},
    {0, 0},
};
CC_TEST_MAIN("run records: reading", CASES)
