/* test_io.c: model files: save then load is exact; bad files are refused clearly. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cc_io.h"
#include "cc_out.h"
#include "cc_test.h"
#include "cc_test_files.h"
#include "cc_test_model.h"

static char dir[] = "/tmp/cc_test_io_XXXXXX";
static char path[256];

static void write_bytes(const char *p, const unsigned char *data, size_t n)
{
    FILE *f = fopen(p, "wb");
    fwrite(data, 1, n, f);
    fclose(f);
}

static unsigned char *read_bytes(const char *p, size_t *n)
{
    FILE *f = fopen(p, "rb");
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    unsigned char *d = malloc(*n);
    *n = fread(d, 1, *n, f);
    fclose(f);
    return d;
}

static cc_model *saved_model(void)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT, CC_RULE_EPROP);
    c.tau = 2;
    c.alpha = 0.37;
    cc_model *m = cc_model_alloc(&c, 5);
    cc_batch *b = tm_batch(3, 6, c.D, c.O, 0, 0, 6);
    for (int k = 0; k < 3; k++) cc_model_train_batch(m, b, NULL);
    tm_batch_free(b);
    CU_ASSERT_EQUAL(cc_model_save(m, path), GSL_SUCCESS);
    return m;
}

static void test_roundtrip(void)
{
    cc_model *m = saved_model();
    cc_model *l = cc_model_load(path, 5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CU_ASSERT_EQUAL(l->w->size, m->w->size);
    CU_ASSERT_EQUAL(memcmp(l->w->data, m->w->data, m->w->size * sizeof(double)), 0);
    CU_ASSERT_EQUAL(l->cfg.tau, 2);
    CU_ASSERT_EQUAL(l->cfg.alpha, 0.37);
    CU_ASSERT_EQUAL(l->cfg.plasticity, CC_CORTEX_INPUT);
    /* the loaded model computes the same outputs */
    cc_batch *b = tm_batch(2, 5, 3, 2, 0, 0, 7);
    cc_stats s1, s2;
    cc_model_eval_batch(m, b, &s1);
    cc_model_eval_batch(l, b, &s2);
    CU_ASSERT_EQUAL(s1.mse, s2.mse);
    tm_batch_free(b);
    cc_model_free(m);
    cc_model_free(l);
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp.%s", path, cc_out_owner());
    CU_ASSERT_EQUAL(access(tmp, F_OK), -1); /* no temporary left behind */
}

/* Load `data` written to a file and expect a refusal whose reason contains `what`. */
static void expect_refused(const unsigned char *data, size_t n, const char *what)
{
    char bad[300];
    snprintf(bad, sizeof bad, "%s/bad.ccm", dir);
    write_bytes(bad, data, n);
    cc_test_reset_error();
    cc_model *m = cc_model_load(bad, 1);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(cc_test_last_reason, what));
    printf("\n    %s", cc_test_last_reason);
    cc_model_free(m);
}

static void test_bad_files(void)
{
    cc_model *m = saved_model();
    size_t n;
    unsigned char *d = read_bytes(path, &n);
    cc_test_reset_error();
    CU_ASSERT_PTR_NULL(cc_model_load("/nonexistent/model.ccm", 1));
    CU_ASSERT_PTR_NOT_NULL(strstr(cc_test_last_reason, "cannot open"));
    expect_refused(d, n / 2, "truncated");
    expect_refused(d, 20, "truncated");
    expect_refused(d, 0, "wrong magic");
    unsigned char *c = malloc(n + 1);
    memcpy(c, d, n);
    c[0] = 'X';
    expect_refused(c, n, "wrong magic");
    memcpy(c, d, n);
    c[8] = 9; /* version 9 */
    expect_refused(c, n, "version");
    memcpy(c, d, n);
    c[n - 100] ^= 0x40; /* one flipped bit in the weights */
    expect_refused(c, n, "corrupt");
    memcpy(c, d, n);
    c[n] = 0;
    expect_refused(c, n + 1, "corrupt"); /* trailing garbage */
    memcpy(c, d, n);
    c[16] = 0; /* D = 0 in the stored configuration */
    expect_refused(c, n, "invalid");
    free(c);
    free(d);
    cc_model_free(m);
}

static int setup(void)
{
    if (!mkdtemp(dir)) return 1;
    snprintf(path, sizeof path, "%s/model.ccm", dir);
    return 0;
}

static void test_unwritable(void)
{
    cc_model *m = saved_model();
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_model_save(m, "/nonexistent/dir/model.ccm"), GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(cc_test_last_reason, "cannot write"));
    cc_model_free(m);
}

static void test_setup(void) { CU_ASSERT_EQUAL_FATAL(setup(), 0); }

/* The temporary directory and whatever the tests left in it. */
static void test_cleanup(void)
{
    rm_tree(dir);
    CU_ASSERT_EQUAL(access(dir, F_OK), -1);
}

static const cc_test_case CASES[] = {
    {"temporary directory", test_setup},
    {"save then load gives an identical model", test_roundtrip},
    {"missing, truncated, corrupt, foreign files are refused", test_bad_files},
    {"unwritable destination is an error", test_unwritable},
    {"temporary directory removed", test_cleanup},
    {0, 0}};

CC_TEST_MAIN("model files", CASES)
