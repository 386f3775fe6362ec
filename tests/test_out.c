/* test_out.c: tests of the output files (cc_out): shortest round-trip numbers, atomic files
 * (a temporary renamed on commit, dropped on abort), and the TSV format: written and read
 * back bit for bit, bad tables refused by the writer, missing, truncated and malformed files
 * refused by the reader.
 *
 * Not here: the run records (test_record.c), the driver's use of them (test_driver.c).
 */
#include <gsl/gsl_rng.h>
#include <stdint.h>
#include <stdlib.h>

#include "cc_out.h"
#include "cc_test.h"
#include "cc_test_files.h"

static void test_format_double(void)
{
    char buf[40];
    cc_out_format_double(buf, sizeof buf, 0.1);
    CU_ASSERT_STRING_EQUAL(buf, "0.1");
    cc_out_format_double(buf, sizeof buf, 1.0 / 3);
    CU_ASSERT_STRING_EQUAL(buf, "0.3333333333333333");
    cc_out_format_double(buf, sizeof buf, -0.0);
    CU_ASSERT_STRING_EQUAL(buf, "-0");
    cc_out_format_double(buf, sizeof buf, NAN);
    CU_ASSERT_STRING_EQUAL(buf, "NaN");
    cc_out_format_double(buf, sizeof buf, -INFINITY);
    CU_ASSERT_STRING_EQUAL(buf, "-Inf");
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    int bad = 0;
    for (int i = 0; i < 100000; i++) {
        uint64_t bits = ((uint64_t)gsl_rng_get(r) << 32) ^ gsl_rng_get(r);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (!isfinite(x)) continue;
        cc_out_format_double(buf, sizeof buf, x);
        double y = strtod(buf, NULL);
        bad += memcmp(&x, &y, sizeof x) != 0;
    }
    CU_ASSERT_EQUAL(bad, 0);
    gsl_rng_free(r);
}

static void test_out_atomic(void)
{
    char dir[64], path[256], tmp[320];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/a/b/c.txt", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp.%s", path, cc_out_owner());
    cc_out o;
    FILE *f = cc_out_open(&o, path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("hello\n", f);
    CU_ASSERT(!file_exists(path) && file_exists(tmp));
    cc_out_abort(&o);
    CU_ASSERT(!file_exists(path) && !file_exists(tmp));
    cc_out_abort(&o); /* second abort is a no-op */
    f = cc_out_open(&o, path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("hello\n", f);
    CU_ASSERT_EQUAL(cc_out_commit(&o), GSL_SUCCESS);
    char *s = read_all(path);
    CU_ASSERT(s && !strcmp(s, "hello\n"));
    free(s);
    CU_ASSERT(!file_exists(tmp));
    snprintf(tmp, sizeof tmp, "%s/a/b", dir);
    CU_ASSERT_EQUAL(dir_count(tmp), 1);
    /* abort_all drops every open file */
    cc_out o1, o2;
    char p1[256], p2[256];
    snprintf(p1, sizeof p1, "%s/x1", dir);
    snprintf(p2, sizeof p2, "%s/y/x2", dir);
    CU_ASSERT_PTR_NOT_NULL(cc_out_open(&o1, p1));
    CU_ASSERT_PTR_NOT_NULL(cc_out_open(&o2, p2));
    CU_ASSERT_EQUAL(cc_out_abort_all(), 2);
    CU_ASSERT_EQUAL(cc_out_abort_all(), 0);
    cc_out_abort(&o1); /* dropped already: no-op, and commit is refused */
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_out_commit(&o2), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    CU_ASSERT_EQUAL(count_tmp(dir), 0);
    CU_ASSERT(!file_exists(p1) && !file_exists(p2));
    /* a failed commit (the name is a directory) raises and leaves no temporary */
    snprintf(p1, sizeof p1, "%s/a", dir);
    cc_test_reset_error();
    CU_ASSERT_PTR_NOT_NULL_FATAL(cc_out_open(&o1, p1));
    fputs("x", o1.f);
    CU_ASSERT_NOT_EQUAL(cc_out_commit(&o1), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    CU_ASSERT_EQUAL(count_tmp(dir), 0);
    /* cannot create below a file */
    snprintf(p2, sizeof p2, "%s/a/b/c.txt/d", dir);
    cc_test_reset_error();
    CU_ASSERT_PTR_NULL(cc_out_open(&o2, p2));
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    rm_tree(dir);
}

static const double TSV_VALUES[] = {0.1, 1.0 / 3, 1e-300, -0.0, 1.7976931348623157e308, 5e-324, 123456789.0, -2.5};

static int write_test_tsv(const char *path)
{
    cc_tsv t;
    cc_tsv_head h = {.title = "Fig. T: a test table",
                     .columns = "i x",
                     .units = "i: index; x: none",
                     .runs = "u-0 u-1",
                     .comment = "first note\nsecond note"};
    if (cc_tsv_open(&t, path, &h)) return 1;
    for (size_t i = 0; i < sizeof TSV_VALUES / sizeof *TSV_VALUES; i++) {
        cc_tsv_int(&t, (long)i);
        cc_tsv_num(&t, TSV_VALUES[i]);
    }
    double row[2] = {99, NAN};
    cc_tsv_row(&t, row);
    return cc_tsv_commit(&t);
}

static void test_tsv_roundtrip(void)
{
    char dir[64], path[256], path2[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/t.tsv", dir);
    snprintf(path2, sizeof path2, "%s/t2.tsv", dir);
    CU_ASSERT_EQUAL_FATAL(write_test_tsv(path), GSL_SUCCESS);
    CU_ASSERT_EQUAL_FATAL(write_test_tsv(path2), GSL_SUCCESS);
    char *a = read_all(path), *b = read_all(path2);
    CU_ASSERT_FATAL(a && b);
    CU_ASSERT_STRING_EQUAL(a, b); /* byte-identical reruns */
    const char *head = "# Fig. T: a test table\n# units: i: index; x: none\n# runs: u-0 u-1\n"
                       "# first note\n# second note\ni\tx\n0\t0.1\n1\t0.3333333333333333\n2\t1e-300\n3\t-0\n";
    CU_ASSERT_EQUAL(strncmp(a, head, strlen(head)), 0);
    size_t la = strlen(a);
    CU_ASSERT(la > 6 && !strcmp(a + la - 6, "# end\n"));
    cc_table t;
    CU_ASSERT_EQUAL_FATAL(cc_table_read(&t, path), GSL_SUCCESS);
    int n = (int)(sizeof TSV_VALUES / sizeof *TSV_VALUES);
    CU_ASSERT_EQUAL(t.ncol, 2);
    CU_ASSERT_EQUAL(t.nrow, n + 1);
    CU_ASSERT_STRING_EQUAL(t.names[0], "i");
    CU_ASSERT_STRING_EQUAL(t.names[1], "x");
    CU_ASSERT_EQUAL(cc_table_col(&t, "x"), 1);
    for (int i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(t.v[2 * i], i);
        CU_ASSERT_EQUAL(memcmp(&t.v[2 * i + 1], &TSV_VALUES[i], sizeof(double)), 0); /* bit for bit, -0 too */
    }
    CU_ASSERT(t.v[2 * n] == 99 && isnan(t.v[2 * n + 1]));
    cc_test_reset_error();
    CU_ASSERT_EQUAL(cc_table_col(&t, "nope"), -1);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    cc_table_free(&t);
    free(a);
    free(b);
    rm_tree(dir);
}

static void test_tsv_writer_refuses(void)
{
    char dir[64], path[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/t.tsv", dir);
    cc_tsv t;
    cc_tsv_head bad_name = {.title = "t", .columns = "ok bad-name"};
    cc_tsv_head twice = {.title = "t", .columns = "a a"};
    cc_tsv_head two_lines = {.title = "t\nu", .columns = "a"};
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_tsv_open(&t, path, &bad_name), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_tsv_open(&t, path, &twice), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_tsv_open(&t, path, &two_lines), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    CU_ASSERT_EQUAL(dir_count(dir), 0);
    /* an incomplete last row: commit refuses and leaves nothing */
    cc_tsv_head h = {.title = "t", .columns = "a b"};
    CU_ASSERT_EQUAL_FATAL(cc_tsv_open(&t, path, &h), GSL_SUCCESS);
    cc_tsv_num(&t, 1);
    CU_ASSERT_NOT_EQUAL(cc_tsv_str(&t, "has space"), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_tsv_commit(&t), GSL_SUCCESS);
    CU_ASSERT_EQUAL(dir_count(dir), 0);
    /* labels are fine */
    CU_ASSERT_EQUAL_FATAL(cc_tsv_open(&t, path, &h), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_tsv_str(&t, "cereb_fb"), GSL_SUCCESS);
    cc_tsv_num(&t, 2);
    CU_ASSERT_EQUAL(cc_tsv_commit(&t), GSL_SUCCESS);
    char *s = read_all(path);
    CU_ASSERT(s && strstr(s, "a\tb\ncereb_fb\t2\n# end\n"));
    free(s);
    rm_tree(dir);
}

static void expect_read_error(const char *path, const char *needle)
{
    cc_table t;
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_table_read(&t, path), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(cc_test_last_reason, path));
    if (needle) CU_ASSERT_PTR_NOT_NULL(strstr(cc_test_last_reason, needle));
    CU_ASSERT(t.nrow == 0 && t.ncol == 0 && t.v == NULL && t.names == NULL);
}

static void test_tsv_read_errors(void)
{
    char dir[64], path[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/t.tsv", dir);
    expect_read_error(path, NULL); /* missing */
    CU_ASSERT_EQUAL_FATAL(write_test_tsv(path), GSL_SUCCESS);
    char *full = read_all(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(full);
    size_t n = strlen(full);
    /* truncated: without "# end", and cut inside a line */
    FILE *f = fopen(path, "w");
    fwrite(full, 1, n - 6, f);
    fclose(f);
    expect_read_error(path, "# end");
    f = fopen(path, "w");
    fwrite(full, 1, n - 9, f);
    fclose(f);
    expect_read_error(path, "truncated");
    write_text(path, "");
    expect_read_error(path, NULL);
    write_text(path, "# t\na\tb\n1\t2\n3\n# end\n");
    expect_read_error(path, ":4:");
    write_text(path, "# t\na\tb\n1\t2x\n# end\n");
    expect_read_error(path, "column b");
    write_text(path, "# t\na\tb\n1\t2\n# end\n1\t2\n");
    expect_read_error(path, "after");
    write_text(path, "# t\n1\t2\n# end\n");
    expect_read_error(path, "name");
    write_text(path, "# t\na\tb\n1\t2\n# end\n");
    cc_table t;
    CU_ASSERT_EQUAL(cc_table_read(&t, path), GSL_SUCCESS);
    CU_ASSERT(t.nrow == 1 && t.v[1] == 2);
    cc_table_free(&t);
    free(full);
    rm_tree(dir);
}

static const cc_test_case CASES[] = {{"out: shortest round-trip numbers", test_format_double},
                                     {"out: atomic files", test_out_atomic},
                                     {"tsv: write, read back exactly", test_tsv_roundtrip},
                                     {"tsv: writer refuses bad tables", test_tsv_writer_refuses},
                                     {"tsv: missing, truncated, malformed", test_tsv_read_errors},
                                     {0, 0}};

CC_TEST_MAIN("output files: atomic files and TSV", CASES)
