/* test_driver.c: tests of the experiment-driver infrastructure: INI reader,
 * parameter specs, atomic outputs and TSV files, run records, progress line and
 * cc_driver_main (run in child processes, with exit status, stdout, stderr and
 * the output directory checked).
 *
 * Not here: any model or figure content.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_rng.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc_driver.h"
#include "cc_ini.h"
#include "cc_out.h"
#include "cc_progress.h"
#include "cc_record.h"
#include "cc_spec.h"
#include "cc_test.h"

/* ------------------------------------------------------------------ helpers */

/* Remove a directory tree (test temporaries only). */
static void rm_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                rm_tree(p);
            else
                unlink(p);
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Number of entries of a directory (-1 if it cannot be opened). */
static int dir_count(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(d);
    return n;
}

/* Number of entries whose name contains ".tmp." anywhere under path. */
static int count_tmp(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        struct stat st;
        if (strstr(e->d_name, ".tmp.")) n++;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) n += count_tmp(p);
    }
    closedir(d);
    return n;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = 2 * cap + 8192;
            char *b = realloc(buf, cap);
            if (!b) break;
            buf = b;
        }
        size_t got = fread(buf + n, 1, 4096, f);
        n += got;
        if (!got) break;
    }
    fclose(f);
    if (buf) buf[n] = '\0';
    return buf;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

static int file_exists(const char *path) { return access(path, F_OK) == 0; }

static void make_tmpdir(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/cc_test_driver.XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(buf));
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

/* ------------------------------------------------------------------ test experiment */

typedef struct {
    int epochs, seeds, arch, flag, fail;
    double alpha;
    double taus[4];
    int n_taus;
    int ns[3];
    int n_ns;
    char tag[8];
} tparams;

static const tparams P_DEFAULT = {.epochs = 5, .seeds = 2, .arch = 2, .flag = 0, .fail = 0, .alpha = 0.1,
                                  .taus = {3}, .n_taus = 1, .ns = {0}, .n_ns = 0, .tag = "x"};
static tparams P;

static const cc_spec SPECS[] = {
    CC_SPEC_INT("train.epochs", &P.epochs, 1, 1000, "epochs of training"),
    CC_SPEC_INT("run.seeds", &P.seeds, 1, 100, "seeds per condition"),
    CC_SPEC_DOUBLE("model.alpha", &P.alpha, 0, 1, "leak"),
    CC_SPEC_BOOL("model.flag", &P.flag, "a flag"),
    CC_SPEC_CHOICE("model.arch", &P.arch, "none|readout_fb|cereb_fb|cereb_readout", "architecture"),
    CC_SPEC_LIST_DOUBLE("sweep.tau", P.taus, &P.n_taus, 0, 6, "cerebellar windows"),
    CC_SPEC_LIST_INT("sweep.n", P.ns, &P.n_ns, -5, 5, "some integers"),
    CC_SPEC_STRING("run.tag", P.tag, "a short tag"),
    CC_SPEC_CHOICE("test.fail", &P.fail, "no|status|gsl|forget", "make unit seed-1 fail"),
    CC_SPEC_END};

static void reset_params(void) { P = P_DEFAULT; }

static int t_units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    for (int s = 0; s < P.seeds; s++)
        if (cc_unit_list_add(out, "ep-%d_seed-%d", P.epochs, s)) return GSL_ENOMEM;
    return GSL_SUCCESS;
}

static int t_run_unit(const char *id, const cc_run_ctx *ctx)
{
    int seed = ctx->unit_index;
    char path[4096];
    if (P.fail == 1 && seed == 1) {
        cc_out o;
        if (cc_ctx_path(ctx, path, sizeof path, "units/%s.partial", id)) return GSL_EINVAL;
        if (!cc_out_open(&o, path)) return GSL_EFAILED;
        return GSL_EFAILED; /* without aborting o: the driver drops it */
    }
    if (P.fail == 3 && seed == 1) {
        cc_out o;
        if (cc_ctx_path(ctx, path, sizeof path, "units/%s.forgotten", id)) return GSL_EINVAL;
        if (!cc_out_open(&o, path)) return GSL_EFAILED;
        return GSL_SUCCESS; /* never committed: a bug the driver reports */
    }
    if (P.fail == 2 && seed == 1) {
        cc_out o;
        if (cc_ctx_path(ctx, path, sizeof path, "units/%s.partial", id)) return GSL_EINVAL;
        if (!cc_out_open(&o, path)) return GSL_EFAILED;
        fputs("half", o.f);
        GSL_ERROR("deliberate failure", GSL_EDOM); /* the handler exits 1 */
    }
    cc_record_seed(ctx->rec, seed);
    cc_tsv t;
    cc_tsv_head h = {.title = "test unit", .columns = "epoch loss", .units = "loss: none", .runs = id};
    if (cc_ctx_tsv_open(ctx, &t, &h, "units/%s.tsv", id)) return GSL_EFAILED;
    double loss = 0;
    for (int e = 1; e <= P.epochs; e++) {
        loss = 1.0 / (e + seed) + P.alpha / 3;
        cc_tsv_int(&t, e);
        cc_tsv_num(&t, loss);
    }
    cc_record_metric(ctx->rec, "final_loss", loss);
    return cc_tsv_commit(&t);
}

static int t_merge(const cc_run_ctx *ctx)
{
    double mean[1000] = {0};
    char path[4096];
    for (int u = 0; u < ctx->units->n; u++) {
        cc_table tb;
        if (cc_ctx_table_read(ctx, &tb, "units/%s.tsv", ctx->units->id[u])) return GSL_EFAILED;
        int c = cc_table_col(&tb, "loss");
        for (int r = 0; r < tb.nrow && r < 1000; r++) mean[r] += tb.v[r * tb.ncol + c] / ctx->units->n;
        cc_table_free(&tb);
    }
    char *runs = cc_unit_list_join(ctx->units, " ");
    cc_tsv t;
    cc_tsv_head h = {.title = "test panel", .columns = "epoch mean", .units = "loss: none", .runs = runs};
    int s = cc_ctx_path(ctx, path, sizeof path, "panel.tsv");
    if (!s) s = cc_tsv_open(&t, path, &h); /* plain open: no "# config:" line */
    free(runs);
    if (s) return s;
    for (int e = 0; e < P.epochs; e++) {
        cc_tsv_int(&t, e + 1);
        cc_tsv_num(&t, mean[e]);
    }
    cc_record_metric(ctx->rec, "final_mean", mean[P.epochs - 1]);
    return cc_tsv_commit(&t);
}

static int t_validate(const cc_run_ctx *ctx, char *err, size_t n)
{
    (void)ctx;
    if (P.flag && P.n_taus < 2) {
        snprintf(err, n, "model.flag needs at least two sweep.tau values");
        return GSL_EINVAL;
    }
    return GSL_SUCCESS;
}

static const cc_experiment EXP = {.name = "figt",
                                  .summary = "test experiment",
                                  .specs = SPECS,
                                  .validate = t_validate,
                                  .units = t_units,
                                  .run_unit = t_run_unit,
                                  .merge = t_merge};

typedef struct {
    int code;
    char *out, *err; /* captured stdout / stderr (free) */
} run_result;

/* Run cc_driver_main(args) in a child; capture exit status, stdout and stderr. */
static run_result run_driver(const char *const *args)
{
    run_result r = {-1, NULL, NULL};
    char dir[64], po[128], pe[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(po, sizeof po, "%s/stdout", dir);
    snprintf(pe, sizeof pe, "%s/stderr", dir);
    char *argv[64];
    int argc = 0;
    argv[argc++] = (char *)"figt";
    for (int i = 0; args[i] && argc < 63; i++) argv[argc++] = (char *)args[i];
    argv[argc] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int fo = open(po, O_WRONLY | O_CREAT | O_TRUNC, 0600), fe = open(pe, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fo < 0 || fe < 0) _exit(99);
        dup2(fo, 1);
        dup2(fe, 2);
        close(fo);
        close(fe);
        reset_params();
        int code = cc_driver_main(argc, argv, &EXP);
        exit(code);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    r.code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = read_all(po);
    r.err = read_all(pe);
    rm_tree(dir);
    return r;
}

static void free_result(run_result *r)
{
    free(r->out);
    free(r->err);
}

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

/* ------------------------------------------------------------------ outputs */

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

/* ------------------------------------------------------------------ records */

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
    const char *want[] = {"\"driver\": \"figt\"", "\"unit\": \"u\"", "\"status\": \"COMPLETED\"", "\"error\": null",
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

/* ------------------------------------------------------------------ progress */

static void test_progress_silent_off_tty(void)
{
    char dir[64], path[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/err", dir);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, 2);
        close(fd);
        cc_progress p;
        cc_progress_begin(&p, "figt unit u", "epoch", 3);
        for (int e = 1; e <= 3; e++) cc_progress_update(&p, e, "loss %.4f", 0.5 / e);
        cc_progress_end(&p);
        cc_progress_break();
        _exit(p.enabled ? 3 : 0);
    }
    int st;
    waitpid(pid, &st, 0);
    CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    char *s = read_all(path);
    CU_ASSERT(s && s[0] == '\0');
    free(s);
    rm_tree(dir);
}

/* ------------------------------------------------------------------ driver main */

/* Bad input: exit 2, one "figt: error: " line naming what is wrong, nothing written. */
static void expect_bad_input(const char *const *args, const char *needle)
{
    char root[64], out[128];
    make_tmpdir(root, sizeof root);
    snprintf(out, sizeof out, "%s/data/figt", root);
    const char *full[40];
    int n = 0;
    for (int i = 0; args[i]; i++) full[n++] = strcmp(args[i], "OUT") ? args[i] : out;
    full[n] = NULL;
    run_result r = run_driver(full);
    CU_ASSERT_EQUAL(r.code, 2);
    CU_ASSERT_FATAL(r.err && r.out);
    CU_ASSERT_EQUAL(count_lines(r.err), 1);
    CU_ASSERT_EQUAL(strncmp(r.err, "figt: error: ", 13), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.err, needle));
    CU_ASSERT_STRING_EQUAL(r.out, "");
    CU_ASSERT_EQUAL(dir_count(root), 0);
    if (r.code != 2 || !strstr(r.err, needle)) fprintf(stderr, "\n  [%d] %s", r.code, r.err);
    free_result(&r);
    rm_tree(root);
}

static void test_driver_bad_input(void)
{
    char dir[64], good[128], bad[128], badq[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(good, sizeof good, "%s/good.ini", dir);
    snprintf(bad, sizeof bad, "%s/bad.ini", dir);
    snprintf(badq, sizeof badq, "%s/badq.ini", dir);
    write_text(good, "[train]\nepochs = 3\n[quick]\ntrain.epochs = 1\n");
    write_text(bad, "[train]\nepochs = 3x\n");
    write_text(badq, "[train]\nepochs = 3\n[quick]\ntrain.epoch = 1\n");
    {
        const char *a[] = {"--bogus", "--out", "OUT", NULL};
        expect_bad_input(a, "--bogus");
    }
    {
        const char *a[] = {"--set", "run.tag=a\nb", "--out", "OUT", NULL};
        expect_bad_input(a, "run.tag = \"a?b\""); /* still one line */
    }
    {
        const char *a[] = {"--out", "OUT", "stray", NULL};
        expect_bad_input(a, "stray");
    }
    {
        const char *a[] = {"--config", good, "--set", "train.epoch=3", "--out", "OUT", NULL};
        expect_bad_input(a, "train.epoch");
    }
    {
        const char *a[] = {"--config", good, "--set", "train.epochs=1e", "--out", "OUT", NULL};
        expect_bad_input(a, "train.epochs = \"1e\"");
    }
    {
        const char *a[] = {"--config", good, "--set", "model.arch=cereb", "--out", "OUT", NULL};
        expect_bad_input(a, "model.arch");
    }
    {
        const char *a[] = {"--config", bad, "--out", "OUT", NULL};
        expect_bad_input(a, "bad.ini:2");
    }
    {
        const char *a[] = {"--config", badq, "--out", "OUT", NULL};
        expect_bad_input(a, "badq.ini:4");
    }
    {
        const char *a[] = {"--config", "/nonexistent/x.ini", "--out", "OUT", NULL};
        expect_bad_input(a, "/nonexistent/x.ini");
    }
    {
        const char *a[] = {"--config", good, "--out", "OUT", "--unit", "ep-3_seed-7", NULL};
        expect_bad_input(a, "ep-3_seed-7");
    }
    {
        const char *a[] = {"--config", good, "--quick", "--out", "OUT", "--unit", "ep-3_seed-0", NULL};
        expect_bad_input(a, "unknown unit"); /* under --quick the ids say ep-1 */
    }
    {
        const char *a[] = {"--config", good, "--unit", "ep-3_seed-0", NULL};
        expect_bad_input(a, "--out");
    }
    {
        const char *a[] = {"--config", good, "--merge", NULL};
        expect_bad_input(a, "--out");
    }
    {
        const char *a[] = {"--config", good, NULL};
        expect_bad_input(a, "--out");
    }
    {
        const char *a[] = {"--out", "OUT", "--merge", "--unit", "ep-5_seed-0", NULL};
        expect_bad_input(a, "choose one");
    }
    {
        const char *a[] = {"--seeds", "0", "--out", "OUT", NULL};
        expect_bad_input(a, "run.seeds");
    }
    {
        const char *a[] = {"--out", "OUT", "--config", NULL};
        expect_bad_input(a, "--config needs a value");
    }
    {
        const char *a[] = {"--set", "model.flag=1", "--out", "OUT", NULL};
        expect_bad_input(a, "two sweep.tau"); /* the validate callback */
    }
    {
        char file_as_out[160];
        snprintf(file_as_out, sizeof file_as_out, "%s/sub", good);
        const char *a[] = {"--out", file_as_out, NULL};
        expect_bad_input(a, "not a directory");
    }
    rm_tree(dir);
}

/* ids printed by --list-units under the given extra arguments */
static void expect_units(const char *const *args, const char *want)
{
    run_result r = run_driver(args);
    CU_ASSERT_EQUAL(r.code, 0);
    CU_ASSERT_FATAL(r.out != NULL);
    CU_ASSERT_STRING_EQUAL(r.out, want);
    CU_ASSERT(r.err && r.err[0] == '\0');
    free_result(&r);
}

static void test_driver_list_and_precedence(void)
{
    char dir[64], cfg[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(cfg, sizeof cfg, "%s/c.ini", dir);
    write_text(cfg, "[train]\nepochs = 50\n[run]\nseeds = 2\n[quick]\ntrain.epochs = 2\nrun.seeds = 1\n");
    {
        const char *a[] = {"--list-units", NULL};
        expect_units(a, "ep-5_seed-0\nep-5_seed-1\n");
    }
    {
        const char *a[] = {"--config", cfg, "--list-units", NULL};
        expect_units(a, "ep-50_seed-0\nep-50_seed-1\n");
    }
    {
        const char *a[] = {"--config", cfg, "--quick", "--list-units", NULL};
        expect_units(a, "ep-2_seed-0\n");
    }
    {
        const char *a[] = {"--config", cfg, "--quick", "--set", "train.epochs=7", "--list-units", NULL};
        expect_units(a, "ep-7_seed-0\n");
    }
    {
        const char *a[] = {"--set", "train.epochs=7", "--config=" , NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 2); /* "--config=" with an empty name: unreadable */
        free_result(&r);
    }
    {
        const char *a[] = {"--list-units", "--config", cfg, "--seeds", "3", "--set", "train.epochs = 8", NULL};
        expect_units(a, "ep-8_seed-0\nep-8_seed-1\nep-8_seed-2\n");
    }
    {
        const char *a[] = {"--seeds=1", "--set=train.epochs=9", "--seeds", "2", "--list-units", NULL};
        expect_units(a, "ep-9_seed-0\nep-9_seed-1\n");
    }
    {
        const char *a[] = {"--help", NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 0);
        CU_ASSERT(r.out && strstr(r.out, "train.epochs = 5") && strstr(r.out, "[1, 1000]") &&
                  strstr(r.out, "epochs of training") && strstr(r.out, "--seeds N") &&
                  strstr(r.out, "one of none|readout_fb|cereb_fb|cereb_readout"));
        free_result(&r);
    }
    rm_tree(dir);
}

static void test_driver_runs(void)
{
    char root[64], out1[128], out2[128], p[256];
    make_tmpdir(root, sizeof root);
    snprintf(out1, sizeof out1, "%s/serial", root);
    snprintf(out2, sizeof out2, "%s/parallel", root);
    /* everything in one call */
    {
        const char *a[] = {"--out", out1, "--seeds", "3", NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 0);
        CU_ASSERT(r.err && r.err[0] == '\0');
        free_result(&r);
    }
    /* unit by unit (in any order), then merge */
    const char *ids[] = {"ep-5_seed-2", "ep-5_seed-0", "ep-5_seed-1"};
    for (int i = 0; i < 3; i++) {
        const char *a[] = {"--seeds", "3", "--out", out2, "--unit", ids[i], NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 0);
        free_result(&r);
        snprintf(p, sizeof p, "%s/units/%s.tsv", out2, ids[i]);
        CU_ASSERT(file_exists(p));
    }
    snprintf(p, sizeof p, "%s/panel.tsv", out2);
    CU_ASSERT(!file_exists(p));
    {
        const char *a[] = {"--seeds", "3", "--out", out2, "--merge", NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 0);
        free_result(&r);
    }
    const char *same[] = {"panel.tsv", "units/ep-5_seed-0.tsv", "units/ep-5_seed-2.tsv", NULL};
    for (int i = 0; same[i]; i++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "%s/%s", out1, same[i]);
        snprintf(b, sizeof b, "%s/%s", out2, same[i]);
        char *sa = read_all(a), *sb = read_all(b);
        CU_ASSERT_FATAL(sa && sb);
        CU_ASSERT_STRING_EQUAL(sa, sb);
        free(sa);
        free(sb);
    }
    snprintf(p, sizeof p, "%s/panel.tsv", out1);
    char *panel = read_all(p);
    CU_ASSERT(panel && strstr(panel, "# runs: ep-5_seed-0 ep-5_seed-1 ep-5_seed-2\n"));
    free(panel);
    const char *recs[] = {"ep-5_seed-0", "ep-5_seed-1", "ep-5_seed-2", "merge", NULL};
    for (int i = 0; recs[i]; i++) {
        snprintf(p, sizeof p, "%s/runs/%s.json", out1, recs[i]);
        char *s = read_all(p);
        CU_ASSERT(s && strstr(s, "\"status\": \"COMPLETED\"") && strstr(s, "\"run.seeds\": 3"));
        if (i < 3) CU_ASSERT(s && strstr(s, "\"final_loss\": ") && strstr(s, "\"seeds\": ["));
        free(s);
    }
    CU_ASSERT_EQUAL(count_tmp(root), 0);
    rm_tree(root);
}

static void test_driver_failures(void)
{
    char root[64], out[128], p[256];
    make_tmpdir(root, sizeof root);
    snprintf(out, sizeof out, "%s/d", root);
    /* a callback that returns a failure status */
    {
        const char *a[] = {"--set", "test.fail=status", "--out", out, "--unit", "ep-5_seed-1", NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 1);
        CU_ASSERT(r.err && count_lines(r.err) == 1 && !strncmp(r.err, "figt: error: unit ep-5_seed-1 failed", 36));
        free_result(&r);
        snprintf(p, sizeof p, "%s/runs/ep-5_seed-1.json", out);
        char *s = read_all(p);
        CU_ASSERT(s && strstr(s, "\"status\": \"FAILED\""));
        free(s);
        CU_ASSERT_EQUAL(count_tmp(root), 0);
    }
    /* a unit that forgets to commit a file fails */
    {
        const char *a[] = {"--set", "test.fail=forget", "--out", out, "--unit", "ep-5_seed-1", NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 1);
        CU_ASSERT(r.err && strstr(r.err, "uncommitted") && count_lines(r.err) == 1);
        free_result(&r);
        CU_ASSERT_EQUAL(count_tmp(root), 0);
    }
    /* a GSL error inside a unit: handler prints reason (file:line), marks FAILED, removes temporaries */
    {
        const char *a[] = {"--set", "test.fail=gsl", "--out", out, "--unit", "ep-5_seed-1", NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 1);
        CU_ASSERT(r.err && count_lines(r.err) == 1 && !strncmp(r.err, "figt: error: deliberate failure (", 33) &&
                  strstr(r.err, "test_driver.c:"));
        free_result(&r);
        snprintf(p, sizeof p, "%s/runs/ep-5_seed-1.json", out);
        char *s = read_all(p);
        CU_ASSERT(s && strstr(s, "\"status\": \"FAILED\"") && strstr(s, "deliberate failure"));
        free(s);
        snprintf(p, sizeof p, "%s/units/ep-5_seed-1.partial", out);
        CU_ASSERT(!file_exists(p));
        CU_ASSERT_EQUAL(count_tmp(root), 0);
    }
    /* run-everything stops at the failing unit and does not merge */
    {
        const char *a[] = {"--set", "test.fail=status", "--out", out, NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 1);
        free_result(&r);
        snprintf(p, sizeof p, "%s/panel.tsv", out);
        CU_ASSERT(!file_exists(p));
    }
    /* units made with other parameters are refused by the merge */
    {
        char out4[160];
        snprintf(out4, sizeof out4, "%s/stale/", root); /* trailing slash is fine */
        const char *a[] = {"--seeds", "1", "--out", out4, "--unit", "ep-5_seed-0", NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 0);
        free_result(&r);
        snprintf(p, sizeof p, "%s/stale/units/ep-5_seed-0.tsv", root);
        char *s = read_all(p);
        CU_ASSERT(s && strstr(s, "\n# config: ") && !strstr(s, "//"));
        free(s);
        snprintf(p, sizeof p, "%s/stale/runs/ep-5_seed-0.json", root);
        s = read_all(p);
        CU_ASSERT(s && strstr(s, "/stale\","));
        free(s);
        const char *b[] = {"--seeds", "1", "--quick", "--set", "model.alpha=0.2", "--out", out4, "--merge", NULL};
        r = run_driver(b);
        CU_ASSERT_EQUAL(r.code, 2); /* refused before anything is written */
        CU_ASSERT(r.err && strstr(r.err, "other parameters") && count_lines(r.err) == 1);
        free_result(&r);
        const char *c[] = {"--seeds", "1", "--out", out4, "--merge", NULL};
        r = run_driver(c);
        CU_ASSERT_EQUAL(r.code, 0);
        free_result(&r);
    }
    /* a merge before its units is refused (exit 2), naming the unit, and writes nothing */
    {
        char out3[160];
        snprintf(out3, sizeof out3, "%s/m", root);
        const char *a[] = {"--out", out3, "--merge", NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 2);
        CU_ASSERT(r.err && strstr(r.err, "unit ep-5_seed-0 has not run") && count_lines(r.err) == 1);
        free_result(&r);
        CU_ASSERT(!file_exists(out3));
    }
    rm_tree(root);
}

static const cc_test_case CASES[] = {{"ini: sections, comments, keys", test_ini_parse},
                                     {"ini: errors name file and line", test_ini_errors},
                                     {"spec: table checks", test_spec_check_table},
                                     {"spec: set every type", test_spec_set_values},
                                     {"spec: bad values named and refused", test_spec_rejects},
                                     {"spec: [quick] overrides only under quick", test_spec_quick},
                                     {"spec: --set after file and [quick]", test_spec_set_precedence},
                                     {"spec: dump reads back", test_spec_dump_roundtrip},
                                     {"out: shortest round-trip numbers", test_format_double},
                                     {"out: atomic files", test_out_atomic},
                                     {"tsv: write, read back exactly", test_tsv_roundtrip},
                                     {"tsv: writer refuses bad tables", test_tsv_writer_refuses},
                                     {"tsv: missing, truncated, malformed", test_tsv_read_errors},
                                     {"record: JSON escaping", test_json_escape},
                                     {"record: RUNNING then COMPLETED/FAILED", test_record},
                                     {"progress: silent off a terminal", test_progress_silent_off_tty},
                                     {"driver: bad input exits 2, writes nothing", test_driver_bad_input},
                                     {"driver: --list-units and precedence", test_driver_list_and_precedence},
                                     {"driver: serial == unit-by-unit + merge", test_driver_runs},
                                     {"driver: failures exit 1, record FAILED", test_driver_failures},
                                     {0, 0}};

CC_TEST_MAIN("driver infrastructure", CASES)
