/* test_record.c: tests of the JSON run records (cc_record): string escaping, and a record
 * written RUNNING at the start, then COMPLETED or FAILED with every field the report reads.
 *
 * Not here: which records a driver writes, and when (test_driver.c).
 */
#include <stdlib.h>

#include "cc_record.h"
#include "cc_test.h"
#include "cc_test_files.h"
#include "cc_test_params.h"

static void test_json_escape(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cc_json_string(f, "a\"b\\c\nd\te\x01/\xc3\xa9");
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "\"a\\\"b\\\\c\\nd\\te\\u0001/\xc3\xa9\"");
    free(buf);
}

static void test_record(void)
{
    char dir[64], path[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/runs/u.json", dir);
    reset_params();
    P.tag[0] = 'q';
    strcpy(P.tag, "a\"b");
    cc_record *r = cc_record_alloc(path, "figt", "u");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    char *argv[] = {"figt", "--set", "run.tag=a\"b\\", NULL};
    CU_ASSERT_EQUAL(cc_record_set_title(r, "Fig. T: a \"test\""), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_record_set_argv(r, 3, argv), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_record_set_context(r, dir, NULL, 1, "0123abcd"), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_record_set_config(r, SPECS), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_record_seed(r, 4), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_record_begin(r), GSL_SUCCESS);
    char *s = read_all(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"status\": \"RUNNING\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"end\": null"));
    free(s);
    cc_record_metric(r, "final_mse", 0.01);
    cc_record_metric(r, "final_mse", 0.02);
    cc_record_metric(r, "bad", NAN);
    CU_ASSERT_EQUAL(cc_record_end(r, 1, NULL), GSL_SUCCESS);
    s = read_all(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    const char *want[] = {"\"driver\": \"figt\"", "\"title\": \"Fig. T: a \\\"test\\\"\"", "\"unit\": \"u\"", "\"status\": \"COMPLETED\"", "\"error\": null",
                          "\"argv\": [\"figt\", \"--set\", \"run.tag=a\\\"b\\\\\"]", "\"quick\": true", "\"config_id\": \"0123abcd\"",
                          "\"train.epochs\": 5", "\"model.alpha\": 0.1", "\"model.flag\": false",
                          "\"model.arch\": \"cereb_fb\"", "\"sweep.tau\": [3]", "\"sweep.n\": []",
                          "\"run.tag\": \"a\\\"b\"", "\"seeds\": [4]", "\"git_commit\":", "\"git_dirty\":",
                          "\"compiler\":", "\"gsl_version\": \"", "\"blas\":", "\"precision\": \"double\"", "\"simd\":", "\"host\":", "\"start\": \"20",
                          "\"end\": \"20", "\"elapsed_s\": ", "\"final_mse\": 0.02", "\"bad\": null", NULL};
    for (int i = 0; want[i]; i++) {
        if (!strstr(s, want[i])) fprintf(stderr, "\n  record lacks %s\n%s", want[i], s);
        CU_ASSERT_PTR_NOT_NULL(strstr(s, want[i]));
    }
    CU_ASSERT_PTR_NULL(strstr(s, "final_mse\": 0.01"));
    free(s);
    CU_ASSERT_EQUAL(cc_record_end(r, 0, "boom \"x\""), GSL_SUCCESS);
    s = read_all(path);
    CU_ASSERT(s && strstr(s, "\"status\": \"FAILED\"") && strstr(s, "\"error\": \"boom \\\"x\\\"\""));
    free(s);
    cc_record_free(r);
    CU_ASSERT_EQUAL(count_tmp(dir), 0);
    rm_tree(dir);
}

static const cc_test_case CASES[] = {{"record: JSON escaping", test_json_escape},
                                     {"record: RUNNING then COMPLETED/FAILED", test_record},
                                     {0, 0}};

CC_TEST_MAIN("run records", CASES)
