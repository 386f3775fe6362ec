/* test_handoff.c: models handed from one figure to another (src/run/cc_handoff.h).
 *
 * A giving "figure" saves a model with cc_handoff_save; its unit row is its one-line manifest.
 * The receiving side must load it (same weights, its training seed) from an absolute or relative
 * models folder, and refuse with one line naming the file and "make fig6": no manifest, a seed
 * index the manifest does not list, a model file replaced by another model, a corrupt file.
 */
#include <unistd.h>

#include "cc_handoff.h"
#include "cc_io.h"
#include "cc_test.h"
#include "cc_test_files.h"
#include "cc_test_model.h"

static char dir[64], give[128], recv_[128], models[160], model0[192], manifest[192];

/* A model trained a little from `seed` (so that two seeds give two different files). */
static cc_model *trained(unsigned long seed)
{
    cc_config c = tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_INPUT, CC_RULE_EPROP);
    cc_model *m = cc_model_alloc(&c, seed);
    cc_batch *b = tm_batch(3, 6, c.D, c.O, 0, 0, seed + 1);
    cc_model_train_batch(m, b, NULL);
    tm_batch_free(b);
    return m;
}

/* The giving side: the model of seed index 0 trained from seed 7, and its manifest. */
static cc_model *give_one(void)
{
    make_tmpdir(dir, sizeof dir);
    snprintf(give, sizeof give, "%s/give", dir);
    snprintf(recv_, sizeof recv_, "%s/recv", dir);
    snprintf(models, sizeof models, "%s/models", give);
    snprintf(model0, sizeof model0, "%s/cereb_fb-s0.ccm", models);
    snprintf(manifest, sizeof manifest, "%s/" CC_HANDOFF_MANIFEST, models);
    mkdir(recv_, 0755);
    const cc_run_ctx ctx = {.name = "figg", .out = give, .config_id = "0123456789abcdef", .unit = "cereb_fb-s0"};
    cc_model *m = trained(7);
    CU_ASSERT_EQUAL_FATAL(cc_handoff_save(&ctx, "cereb_fb", m, 0, 7), GSL_SUCCESS);
    char row[192], cmd[512];
    snprintf(row, sizeof row, "%s/units/cereb_fb-s0.model.tsv", give);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", row, manifest); /* one model: its row is the manifest */
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    return m;
}

static void test_load(void)
{
    cc_model *m = give_one();
    const cc_run_ctx ctx = {.name = "figr", .out = recv_};
    const cc_handoff abs = {.dir = models, .stem = "cereb_fb", .giver = "fig6"}, rel = {.dir = "../give/models", .stem = "cereb_fb", .giver = "fig6"};
    char err[512] = "";
    unsigned long seed = 0;
    for (int k = 0; k < 2; k++) {
        cc_model *l = cc_handoff_load(&ctx, k ? &rel : &abs, 0, &seed, err, sizeof err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(l);
        CU_ASSERT_EQUAL(seed, 7);
        CU_ASSERT_EQUAL(l->w->size, m->w->size);
        CU_ASSERT_EQUAL(memcmp(l->w->W_hh, m->w->W_hh, (size_t)m->cfg.N * m->cfg.N * sizeof(double)), 0);
        cc_model_free(l);
    }
    /* the manifest's checksum identifies the run: the same bytes, the same sum; another row, another */
    cc_table t = {0};
    double a[2], b[2];
    CU_ASSERT_EQUAL(cc_handoff_manifest_read(&ctx, &rel, &t, a, err, sizeof err), 0);
    CU_ASSERT_EQUAL(t.nrow, 1);
    cc_table_free(&t);
    CU_ASSERT_EQUAL(cc_handoff_manifest_read(&ctx, &rel, &t, b, err, sizeof err), 0);
    cc_table_free(&t);
    CU_ASSERT(a[0] == b[0] && a[1] == b[1]);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "sed -i 's/^0\t7\t/0\t8\t/' '%s'", manifest);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    CU_ASSERT_EQUAL(cc_handoff_manifest_read(&ctx, &rel, &t, b, err, sizeof err), 0);
    cc_table_free(&t);
    CU_ASSERT(a[0] != b[0] || a[1] != b[1]);
    cc_model_free(m);
    rm_tree(dir);
}

/* Loading seed index si fails with a message holding `what` and the goal that remakes the file. */
static void refused(const cc_handoff *h, int si, const char *what)
{
    const cc_run_ctx ctx = {.name = "figr", .out = recv_};
    char err[1024] = "";
    unsigned long seed = 0;
    cc_model *l = cc_handoff_load(&ctx, h, si, &seed, err, sizeof err);
    CU_ASSERT_PTR_NULL(l);
    cc_model_free(l);
    if (!strstr(err, what) || !strstr(err, "make fig6") || strchr(err, '\n'))
        fprintf(stderr, "\n  expected \"%s\" and \"make fig6\" in one line, got: %s\n", what, err);
    CU_ASSERT(strstr(err, what) != NULL && strstr(err, "make fig6") != NULL && strchr(err, '\n') == NULL);
}

static void test_refusals(void)
{
    cc_model *m = give_one();
    const cc_handoff h = {.dir = models, .stem = "cereb_fb", .giver = "fig6"};
    refused(&h, 1, "lists no model of seed index 1");
    /* another model in the listed file: stale or replaced */
    cc_model *other = trained(9);
    CU_ASSERT_EQUAL_FATAL(cc_model_save(other, model0), GSL_SUCCESS);
    refused(&h, 0, "stale or replaced");
    /* the listed file, one byte changed: corrupt */
    CU_ASSERT_EQUAL_FATAL(cc_model_save(m, model0), GSL_SUCCESS);
    FILE *f = fopen(model0, "r+b");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fseek(f, 200, SEEK_SET);
    const int c = fgetc(f);
    fseek(f, 200, SEEK_SET);
    fputc(c ^ 0x55, f);
    fclose(f);
    refused(&h, 0, "corrupt");
    /* no model file; no manifest */
    unlink(model0);
    refused(&h, 0, "cereb_fb-s0.ccm");
    unlink(manifest);
    refused(&h, 0, "missing or unreadable");
    cc_model_free(other);
    cc_model_free(m);
    rm_tree(dir);
}

static const cc_test_case CASES[] = {{"save, then load from an absolute and a relative folder", test_load},
                                     {"unlisted, replaced, corrupt, missing: refused in one line", test_refusals},
                                     {0, 0}};
CC_TEST_MAIN("handoff", CASES)
