/* test_driver.c: tests of cc_driver_main, the main() every figure driver shares, on "figt",
 * a small test experiment: bad input (exit 2, one line, nothing written), --list-units and
 * the order of settings, a serial run against unit-by-unit runs and a merge, failures
 * (exit 1, record FAILED, no temporaries), and a merge that fails after writing its outputs
 * (nothing published, the previous set kept). Each run is a child process, with its exit status,
 * stdout, stderr and output folder checked.
 *
 * Not here: the INI reader and parameter specs (test_spec.c), output files and TSV
 * (test_out.c), run records (test_record.c), the progress line (test_progress.c); any model
 * or figure content.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc_driver.h"
#include "cc_out.h"
#include "cc_record.h"
#include "cc_test.h"
#include "cc_test_files.h"
#include "cc_test_params.h"

/* ------------------------------------------------------------------ test experiment */

static int t_units(cc_unit_list *out, const cc_run_ctx *ctx)
{
    (void)ctx;
    for (int s = 0; s < P.seeds; s++)
        if (cc_unit_list_add(out, "ep-%d_seed-%d", P.epochs, s)) return GSL_ENOMEM;
    return GSL_SUCCESS;
}

static int t_run_unit(const cc_run_ctx *ctx)
{
    const char *id = ctx->unit;
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
    if ((s = cc_tsv_commit(&t))) return s;
    /* FIGT_MERGE_FAIL (not a parameter: the merge must pass its input checks) makes a merge that
     * has written its outputs fail: "status" returns a failure, "gsl" raises one */
    const char *fail = getenv("FIGT_MERGE_FAIL");
    if (fail && !strcmp(fail, "status")) return GSL_EFAILED;
    if (fail && !strcmp(fail, "gsl")) GSL_ERROR("deliberate merge failure", GSL_EDOM); /* the handler exits 2 */
    return GSL_SUCCESS;
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

/* Inode of path (0 if absent): a published set replaces OUT/.merged by another folder. */
static ino_t inode_of(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 ? st.st_ino : 0;
}

/* Entries of dir whose name starts with prefix. */
static int count_prefix(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

static void test_driver_failed_merge(void)
{
    char root[64], out[128], merged[160], panel[160], rec[160];
    make_tmpdir(root, sizeof root);
    snprintf(out, sizeof out, "%s/d", root);
    snprintf(merged, sizeof merged, "%s/.merged", out);
    snprintf(panel, sizeof panel, "%s/panel.tsv", out);
    snprintf(rec, sizeof rec, "%s/runs/merge.json", out);
    {
        const char *a[] = {"--out", out, NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL_FATAL(r.code, 0);
        free_result(&r);
    }
    const ino_t set = inode_of(merged);
    char *panel0 = read_all(panel), *rec0 = read_all(rec);
    CU_ASSERT_FATAL(set != 0 && panel0 && rec0);
    /* a merge that fails after writing its outputs: the previous set and its record stay, no staging folder */
    const struct { const char *how, *says; int code; } cases[] = {{"status", "merge failed", 1},
                                                                   {"gsl", "deliberate merge failure", 2}};
    for (int i = 0; i < 2; i++) {
        const char *a[] = {"--out", out, "--merge", NULL};
        setenv("FIGT_MERGE_FAIL", cases[i].how, 1);
        run_result r = run_driver(a);
        unsetenv("FIGT_MERGE_FAIL");
        CU_ASSERT_EQUAL(r.code, cases[i].code);
        CU_ASSERT(r.err && count_lines(r.err) == 1 && strstr(r.err, cases[i].says));
        if (r.code != cases[i].code) fprintf(stderr, "\n  FIGT_MERGE_FAIL=%s: exit %d: %s", cases[i].how, r.code, r.err);
        free_result(&r);
        CU_ASSERT_EQUAL(inode_of(merged), set);
        char *p = read_all(panel), *q = read_all(rec);
        CU_ASSERT(p && q && !strcmp(p, panel0) && !strcmp(q, rec0));
        free(p);
        free(q);
        CU_ASSERT_EQUAL(count_prefix(out, ".merge."), 0);
        CU_ASSERT_EQUAL(count_tmp(root), 0);
    }
    /* the same merge without the fault publishes a new set */
    {
        const char *a[] = {"--out", out, "--merge", NULL};
        run_result r = run_driver(a);
        CU_ASSERT_EQUAL(r.code, 0);
        free_result(&r);
        CU_ASSERT(inode_of(merged) != 0 && inode_of(merged) != set);
    }
    free(panel0);
    free(rec0);
    rm_tree(root);
}

static const cc_test_case CASES[] = {{"driver: bad input exits 2, writes nothing", test_driver_bad_input},
                                     {"driver: --list-units and precedence", test_driver_list_and_precedence},
                                     {"driver: serial == unit-by-unit + merge", test_driver_runs},
                                     {"driver: failures exit 1, record FAILED", test_driver_failures},
                                     {"driver: a failed merge publishes nothing", test_driver_failed_merge},
                                     {0, 0}};

CC_TEST_MAIN("driver main", CASES)
