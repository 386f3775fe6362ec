/* test_spec.c: tests of the configuration layer: the INI reader (cc_ini) and the typed
 * parameter tables (cc_spec): parsing, every value type and its refusals, the [quick]
 * section, --set precedence, and the dump that a run record and --help print.
 *
 * Not here: the command line of a driver (test_driver.c).
 */
#include <stdlib.h>

#include "cc_ini.h"
#include "cc_spec.h"
#include "cc_test.h"
#include "cc_test_files.h"
#include "cc_test_params.h"

/* ------------------------------------------------------------------ INI */

static void test_ini_parse(void)
{
    const char *text = "# whole-line comment\n"
                       "; another\n"
                       "top = 1\n"
                       "\n"
                       "[train]\n"
                       "epochs = 50   # trailing comment\n"
                       "lr=0.001;not a comment\n"
                       "name = a#b\n"
                       "empty =\n"
                       "  [ model.cb ]  ; section with a dot and a comment\r\n"
                       "tau = 3 ; trailing\r\n";
    cc_ini ini;
    cc_ini_init(&ini);
    char err[512] = "";
    CU_ASSERT_EQUAL_FATAL(cc_ini_parse(&ini, text, "t.ini", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(ini.n, 6);
    const cc_ini_entry *e = cc_ini_find(&ini, "top");
    CU_ASSERT(e && !strcmp(e->value, "1") && e->line == 3 && !strcmp(e->file, "t.ini"));
    e = cc_ini_find(&ini, "train.epochs");
    CU_ASSERT(e && !strcmp(e->value, "50") && e->line == 6);
    e = cc_ini_find(&ini, "train.lr");
    CU_ASSERT(e && !strcmp(e->value, "0.001;not a comment"));
    e = cc_ini_find(&ini, "train.name");
    CU_ASSERT(e && !strcmp(e->value, "a#b"));
    e = cc_ini_find(&ini, "train.empty");
    CU_ASSERT(e && !strcmp(e->value, ""));
    e = cc_ini_find(&ini, "model.cb.tau");
    CU_ASSERT(e && !strcmp(e->value, "3") && e->line == 11);
    CU_ASSERT_PTR_NULL(cc_ini_find(&ini, "epochs"));
    cc_ini_free(&ini);
    CU_ASSERT_EQUAL(ini.n, 0);
}

static void expect_ini_error(const char *text, const char *needle1, const char *needle2)
{
    cc_ini ini;
    cc_ini_init(&ini);
    char err[512] = "";
    CU_ASSERT_NOT_EQUAL(cc_ini_parse(&ini, text, "bad.ini", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(ini.n, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, needle1));
    if (needle2) CU_ASSERT_PTR_NOT_NULL(strstr(err, needle2));
    cc_ini_free(&ini);
}

static void test_ini_errors(void)
{
    expect_ini_error("a = 1\njunk line\n", "bad.ini:2", "malformed");
    expect_ini_error("[train\nx=1\n", "bad.ini:1", "section");
    expect_ini_error("[train] x\n", "bad.ini:1", "section");
    expect_ini_error("[]\n", "bad.ini:1", "section");
    expect_ini_error(" = 3\n", "bad.ini:1", "key");
    expect_ini_error("a b = 3\n", "bad.ini:1", "key");
    expect_ini_error("[t]\nx = 1\n\n[t]\nx = 2\n", "bad.ini:5", "bad.ini:2");
    expect_ini_error("a.b = 1\n[a]\nb = 2\n", "duplicate", "a.b");
    /* unreadable file */
    cc_ini ini;
    cc_ini_init(&ini);
    char err[512] = "";
    CU_ASSERT_NOT_EQUAL(cc_ini_load(&ini, "/nonexistent/dir/x.ini", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "/nonexistent/dir/x.ini"));
    cc_ini_free(&ini);
    /* the loader reads real files */
    char dir[64], path[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/ok.ini", dir);
    write_text(path, "[run]\nseeds = 3\n");
    CU_ASSERT_EQUAL(cc_ini_load(&ini, path, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT(ini.n == 1 && !strcmp(ini.e[0].value, "3") && !strcmp(ini.e[0].file, path));
    cc_ini_free(&ini);
    rm_tree(dir);
}

/* ------------------------------------------------------------------ specs */

static void test_spec_check_table(void)
{
    char err[512];
    reset_params();
    CU_ASSERT_EQUAL(cc_spec_check(SPECS, err, sizeof err), GSL_SUCCESS);
    P.epochs = 0; /* default out of range: a driver bug */
    CU_ASSERT_NOT_EQUAL(cc_spec_check(SPECS, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "train.epochs"));
    reset_params();
    int x = 1, y = 1;
    const cc_spec quick[] = {CC_SPEC_INT("quick.x", &x, 0, 2, "d"), CC_SPEC_END};
    CU_ASSERT_NOT_EQUAL(cc_spec_check(quick, err, sizeof err), GSL_SUCCESS);
    const cc_spec dup[] = {CC_SPEC_INT("a.x", &x, 0, 2, "d"), CC_SPEC_INT("a.x", &y, 0, 2, "d"), CC_SPEC_END};
    CU_ASSERT_NOT_EQUAL(cc_spec_check(dup, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "twice"));
}

static void test_spec_set_values(void)
{
    char err[512] = "";
    reset_params();
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "train.epochs", "17", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.epochs, 17);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "train.epochs", "+1000", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.epochs, 1000);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "model.alpha", "2.5e-1", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.alpha, 0.25);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "model.alpha", "1", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.alpha, 1.0);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "model.flag", "Yes", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.flag, 1);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "model.flag", "off", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.flag, 0);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "model.arch", "cereb_readout", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.arch, 3);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "model.arch", "none", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.arch, 0);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "sweep.tau", "0, 1.5,6 ,2", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT(P.n_taus == 4 && P.taus[0] == 0 && P.taus[1] == 1.5 && P.taus[2] == 6 && P.taus[3] == 2);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "sweep.n", "-5,5", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT(P.n_ns == 2 && P.ns[0] == -5 && P.ns[1] == 5);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "sweep.n", "", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.n_ns, 0);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "run.tag", "abcdefg", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(P.tag, "abcdefg");
    CU_ASSERT_EQUAL(cc_spec_apply_assignment(SPECS, "  train.epochs =  9 ", "--set", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.epochs, 9);
}

/* value rejected, message names origin, key and value, field unchanged */
static void expect_reject(const char *key, const char *value, const char *why)
{
    char err[512] = "";
    reset_params();
    tparams before = P;
    int s = cc_spec_set(SPECS, key, value, "cfg.ini:7", err, sizeof err);
    CU_ASSERT_NOT_EQUAL(s, GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "cfg.ini:7"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, key));
    char quoted[256];
    snprintf(quoted, sizeof quoted, "\"%s\"", value);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, quoted));
    if (why) CU_ASSERT_PTR_NOT_NULL(strstr(err, why));
    CU_ASSERT_EQUAL(memcmp(&before, &P, sizeof P), 0);
    if (s == GSL_SUCCESS || !strstr(err, key)) fprintf(stderr, "\n  not rejected well: %s = \"%s\": %s\n", key, value, err);
}

static void test_spec_rejects(void)
{
    const char *bad_reals[] = {"1e", "abc", "3x", "", "nan", "NaN", "inf", "-inf", "1e999", "0x1p-2", " 0.5", "0.5 5", "1..2"};
    for (size_t i = 0; i < sizeof bad_reals / sizeof *bad_reals; i++) expect_reject("model.alpha", bad_reals[i], "not a");
    const char *bad_ints[] = {"1e", "abc", "3x", "", "nan", "1.5", "1e2", "99999999999999999999", "0x10", "5 "};
    for (size_t i = 0; i < sizeof bad_ints / sizeof *bad_ints; i++) expect_reject("train.epochs", bad_ints[i], "not an integer");
    expect_reject("train.epochs", "0", "out of range");
    expect_reject("train.epochs", "1001", "out of range");
    expect_reject("model.alpha", "1.0000001", "out of range");
    expect_reject("model.alpha", "-1e-300", "out of range");
    expect_reject("model.arch", "cereb", "not one of");
    expect_reject("model.arch", "", "not one of");
    expect_reject("model.arch", "NONE", "not one of");
    expect_reject("model.flag", "2", "boolean");
    expect_reject("sweep.tau", "1,2,3,4,5", "5 items, at most 4");
    expect_reject("sweep.tau", "1,,2", "item 2");
    expect_reject("sweep.tau", "1,2,", "item 3");
    expect_reject("sweep.tau", "1,x", "item 2");
    expect_reject("sweep.tau", "1,7", "out of range");
    expect_reject("sweep.tau", "0.1, 0.1000001", "0.1 and 0.1000001 print alike (0.1)"); /* they would name the same units */
    expect_reject("sweep.tau", "2, 1, 2", "2 is listed twice");
    expect_reject("sweep.n", "1,2.5", "item 2");
    expect_reject("run.tag", "abcdefgh", "longer than 7");
    expect_reject("run.tag", "a\tb", "control");
    expect_reject("run.tag", "a #b", "comment");
    /* unknown key: named, with a suggestion */
    char err[512] = "";
    CU_ASSERT_NOT_EQUAL(cc_spec_set(SPECS, "train.epoch", "3", "--set", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "--set"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "unknown key \"train.epoch\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "train.epochs"));
    CU_ASSERT_NOT_EQUAL(cc_spec_apply_assignment(SPECS, "train.epochs", "--set", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "key=value"));
}

static int apply_text(const char *text, int quick, char *err, size_t n)
{
    cc_ini ini;
    cc_ini_init(&ini);
    int s = cc_ini_parse(&ini, text, "q.ini", err, n);
    if (!s) s = cc_spec_apply_ini(SPECS, &ini, quick, err, n);
    cc_ini_free(&ini);
    return s;
}

static void test_spec_quick(void)
{
    const char *text = "[train]\nepochs = 50\n[model]\nalpha = 0.3\n"
                       "[quick]\ntrain.epochs = 2\n"
                       "[quick.model]\nalpha = 0.9\n";
    char err[512] = "";
    reset_params();
    CU_ASSERT_EQUAL(apply_text(text, 0, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.epochs, 50);
    CU_ASSERT_EQUAL(P.alpha, 0.3);
    reset_params();
    CU_ASSERT_EQUAL(apply_text(text, 1, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.epochs, 2);
    CU_ASSERT_EQUAL(P.alpha, 0.9);
    /* quick applies after the main keys even when written first */
    reset_params();
    CU_ASSERT_EQUAL(apply_text("[quick]\ntrain.epochs = 3\n[train]\nepochs = 40\n", 1, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.epochs, 3);
    /* errors in [quick] are caught without --quick too, and nothing of it is applied */
    reset_params();
    CU_ASSERT_NOT_EQUAL(apply_text("[quick]\ntrain.epoch = 2\n", 0, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "train.epoch"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "q.ini:2"));
    reset_params();
    CU_ASSERT_NOT_EQUAL(apply_text("[quick]\ntrain.epochs = 0\n", 0, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "out of range"));
    CU_ASSERT_EQUAL(P.epochs, P_DEFAULT.epochs);
    reset_params();
    CU_ASSERT_EQUAL(apply_text("[quick]\ntrain.epochs = 4\n", 0, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.epochs, P_DEFAULT.epochs);
    /* [quick] written with only the short key is an unknown key */
    reset_params();
    CU_ASSERT_NOT_EQUAL(apply_text("[quick]\nepochs = 2\n", 1, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "train.epochs")); /* suggested */
}

static void test_spec_set_precedence(void)
{
    char err[512] = "";
    reset_params();
    CU_ASSERT_EQUAL(apply_text("[train]\nepochs = 50\n[quick]\ntrain.epochs = 2\n", 1, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_spec_apply_assignment(SPECS, "train.epochs=7", "--set", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(P.epochs, 7);
}

static void test_spec_dump_roundtrip(void)
{
    char err[512] = "";
    reset_params();
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "model.alpha", "0.1", "t", err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "sweep.tau", "0.3333333333333333, 1e-300, 6", "t", err, sizeof err), 0);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "model.arch", "readout_fb", "t", err, sizeof err), 0);
    CU_ASSERT_EQUAL(cc_spec_set(SPECS, "model.flag", "true", "t", err, sizeof err), 0);
    char *dump = cc_spec_dump_string(SPECS);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dump);
    CU_ASSERT_PTR_NOT_NULL(strstr(dump, "model.alpha = 0.1\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(dump, "model.arch = readout_fb\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(dump, "sweep.tau = 0.3333333333333333, 1e-300, 6\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(dump, "sweep.n = \n"));
    tparams saved = P;
    reset_params();
    CU_ASSERT_EQUAL(apply_text(dump, 0, err, sizeof err), GSL_SUCCESS);
    CU_ASSERT_EQUAL(memcmp(&saved, &P, sizeof P), 0);
    free(dump);
}

static const cc_test_case CASES[] = {{"ini: sections, comments, keys", test_ini_parse},
                                     {"ini: errors name file and line", test_ini_errors},
                                     {"spec: table checks", test_spec_check_table},
                                     {"spec: set every type", test_spec_set_values},
                                     {"spec: bad values named and refused", test_spec_rejects},
                                     {"spec: [quick] overrides only under quick", test_spec_quick},
                                     {"spec: --set after file and [quick]", test_spec_set_precedence},
                                     {"spec: dump reads back", test_spec_dump_roundtrip},
                                     {0, 0}};

CC_TEST_MAIN("configuration: INI reader and parameter specs", CASES)
