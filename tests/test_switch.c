/* test_switch.c: task-specific cerebellar sets (cc_switch.h): a stored untrained set, the
 * exchange at a switch, its fresh optimiser state, the parallel-fibre overlap, copies of a
 * model's learning state, and the start of a switching protocol from a trained model. */
#include "cc_switch.h"
#include "cc_test.h"
#include "cc_test_model.h"

static cc_config cfg(void) { return tm_config(CC_ARCH_CEREB_FB, CC_CORTEX_FIXED, CC_RULE_EPROP); }

static void train(cc_model *m, int batches, unsigned long data_seed)
{
    cc_batch *b = tm_batch(4, 6, m->cfg.D, m->cfg.O, 0, 0, data_seed);
    for (int k = 0; k < batches; k++) cc_model_train_batch(m, b, NULL);
    tm_batch_free(b);
}

/* 1 if tensor k of a and b holds the same bits. */
static int same(const cc_params *a, const cc_params *b, cc_tensor k)
{
    return memcmp(a->data + a->off[k], b->data + b->off[k], cc_params_count(a, k) * sizeof(double)) == 0;
}

static int all_zero(const cc_params *a, cc_tensor k)
{
    for (size_t i = 0; i < cc_params_count(a, k); i++)
        if (a->data[a->off[k] + i] != 0.0) return 0;
    return 1;
}

/* Made before training, the set is the untrained cerebellum; the switch hands it to the model
 * with zero moments and steps, and leaves the readout and its optimiser state alone; switching
 * back restores the trained model bit for bit. */
static void test_switch_and_back(void)
{
    cc_config c = cfg();
    cc_model *m = cc_model_alloc(&c, 5), *init = cc_model_alloc(&c, 5), *trained = cc_model_alloc(&c, 9);
    cc_cereb_set *s = cc_cereb_set_alloc(m);
    train(m, 5, 11);
    cc_model_copy_state(trained, m);
    CU_ASSERT(m->adam->step[CC_W_PF] == 5 && m->adam->step[CC_W_RO] == 5);
    CU_ASSERT_FALSE(same(m->w, init->w, CC_W_PF));
    CU_ASSERT_EQUAL(cc_model_switch_cerebellum(m, s, 0.0), GSL_SUCCESS);
    for (int k = CC_W_MF; k <= CC_W_PF; k++) {
        CU_ASSERT(same(m->w, init->w, k));              /* the untrained cerebellum */
        CU_ASSERT(all_zero(m->adam->m, k) && all_zero(m->adam->v, k)); /* fresh moments */
        CU_ASSERT_EQUAL(m->adam->step[k], 0);
        CU_ASSERT(same(s->w, trained->w, k));           /* the trained one is stored */
    }
    for (int k = CC_W_IH; k <= CC_B_RO; k++) {
        CU_ASSERT(same(m->w, trained->w, k));
        CU_ASSERT(same(m->adam->m, trained->adam->m, k) && same(m->adam->v, trained->adam->v, k));
        CU_ASSERT_EQUAL(m->adam->step[k], trained->adam->step[k]);
    }
    CU_ASSERT_EQUAL(cc_model_switch_cerebellum(m, s, 0.0), GSL_SUCCESS);
    CU_ASSERT_EQUAL(memcmp(m->w->data, trained->w->data, m->w->size * sizeof(double)), 0);
    CU_ASSERT_EQUAL(memcmp(m->adam->m->data, trained->adam->m->data, m->w->size * sizeof(double)), 0);
    CU_ASSERT_EQUAL(memcmp(m->adam->v->data, trained->adam->v->data, m->w->size * sizeof(double)), 0);
    CU_ASSERT_EQUAL(memcmp(m->adam->step, trained->adam->step, sizeof m->adam->step), 0);
    cc_cereb_set_free(s);
    cc_model_free(m);
    cc_model_free(init);
    cc_model_free(trained);
}

/* After a switch to a fresh set the model learns exactly as a model whose cerebellum was
 * reset to its initial weights and whose cerebellar optimiser group was reset. */
static void test_fresh_group(void)
{
    cc_config c = cfg();
    cc_model *m = cc_model_alloc(&c, 5), *ref = cc_model_alloc(&c, 5), *init = cc_model_alloc(&c, 5);
    cc_cereb_set *s = cc_cereb_set_alloc(m);
    train(m, 4, 12);
    cc_model_copy_state(ref, m);
    cc_model_switch_cerebellum(m, s, 0.0);
    cc_model_copy_cerebellum(ref->w, init->w);
    cc_adam_reset_group(ref->adam, ref->w, CC_GROUP_CEREB);
    train(m, 3, 13);
    train(ref, 3, 13);
    CU_ASSERT_EQUAL(memcmp(m->w->data, ref->w->data, m->w->size * sizeof(double)), 0);
    cc_cereb_set_free(s);
    cc_model_free(m);
    cc_model_free(ref);
    cc_model_free(init);
}

/* Overlap p: the first floor(p C G) entries of the active W_PF, row-major, go to the incoming
 * set before the exchange; the outgoing set is stored intact. C G = 2 x 20 here. */
static void test_overlap(void)
{
    cc_config c = cfg();
    cc_model *m = cc_model_alloc(&c, 5), *init = cc_model_alloc(&c, 5), *trained = cc_model_alloc(&c, 9);
    cc_cereb_set *s = cc_cereb_set_alloc(m);
    train(m, 5, 14);
    cc_model_copy_state(trained, m);
    CU_ASSERT_EQUAL(cc_model_switch_cerebellum(m, s, 0.25), GSL_SUCCESS); /* floor(0.25 * 40) = 10 */
    for (int i = 0; i < 40; i++)
        CU_ASSERT_EQUAL(m->w->W_PF[i], i < 10 ? trained->w->W_PF[i] : init->w->W_PF[i]);
    CU_ASSERT(same(m->w, init->w, CC_W_MF)); /* only parallel fibres overlap */
    CU_ASSERT(same(s->w, trained->w, CC_W_PF) && same(s->w, trained->w, CC_W_MF));
    double before[40];
    memcpy(before, m->w->W_PF, sizeof before);
    cc_model_switch_cerebellum(m, s, 1.0); /* the whole W_PF of the active set goes across */
    CU_ASSERT_EQUAL(memcmp(m->w->W_PF, before, sizeof before), 0);
    CU_ASSERT(same(m->w, trained->w, CC_W_MF)); /* with the incoming set's own mossy fibres */
    CU_ASSERT(same(s->w, m->w, CC_W_PF));
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_model_switch_cerebellum(m, s, 1.5), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    CU_ASSERT(same(s->w, m->w, CC_W_PF)); /* a refused switch changes nothing */
    cc_cereb_set_free(s);
    cc_model_free(m);
    cc_model_free(init);
    cc_model_free(trained);
}

/* A copied learning state goes on learning as the original; other shapes are refused. */
static void test_copy_state(void)
{
    cc_config c = cfg();
    cc_model *a = cc_model_alloc(&c, 3), *b = cc_model_alloc(&c, 4);
    train(a, 3, 15);
    CU_ASSERT_EQUAL(cc_model_copy_state(b, a), GSL_SUCCESS);
    train(a, 2, 16);
    train(b, 2, 16);
    CU_ASSERT_EQUAL(memcmp(a->w->data, b->w->data, a->w->size * sizeof(double)), 0);
    cc_config d = c;
    d.G = 21;
    cc_model *e = cc_model_alloc(&d, 3);
    cc_config n = tm_config(CC_ARCH_NONE, CC_CORTEX_FIXED, CC_RULE_EPROP);
    cc_model *f = cc_model_alloc(&n, 3);
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_model_copy_state(e, a), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    cc_test_reset_error();
    CU_ASSERT_PTR_NULL(cc_cereb_set_alloc(f)); /* no cerebellum to store */
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    cc_cereb_set *s = cc_cereb_set_alloc(a);
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_model_switch_cerebellum(e, s, 0.0), GSL_SUCCESS);
    CU_ASSERT_NOT_EQUAL(cc_test_last_errno, 0);
    cc_cereb_set_free(s);
    cc_model_free(a);
    cc_model_free(b);
    cc_model_free(e);
    cc_model_free(f);
}

/* The start of a protocol from a trained model: the model holds the trained state (weights and
 * optimiser, learning on as the trained one does), the stored set is the cerebellum the trained
 * model started from, not its trained one. */
static void test_switch_start(void)
{
    cc_config c = cfg();
    cc_model *trained = cc_model_alloc(&c, 5), *init = cc_model_alloc(&c, 5), *m = NULL;
    cc_cereb_set *set = NULL;
    train(trained, 4, 11);
    CU_ASSERT_EQUAL_FATAL(cc_switch_start(trained, &c, 5, &m, &set), GSL_SUCCESS);
    CU_ASSERT_EQUAL(memcmp(m->w->data, trained->w->data, m->w->size * sizeof(double)), 0);
    for (int k = CC_W_MF; k <= CC_W_PF; k++) CU_ASSERT(same(set->w, init->w, k));
    CU_ASSERT_FALSE(same(set->w, trained->w, CC_W_PF));
    train(m, 2, 12);
    train(trained, 2, 12);
    CU_ASSERT_EQUAL(memcmp(m->w->data, trained->w->data, m->w->size * sizeof(double)), 0);
    cc_cereb_set_free(set);
    cc_model_free(m);
    cc_config n = tm_config(CC_ARCH_NONE, CC_CORTEX_FIXED, CC_RULE_EPROP); /* nothing to store */
    cc_model *plain = cc_model_alloc(&n, 5);
    cc_test_reset_error();
    CU_ASSERT_NOT_EQUAL(cc_switch_start(plain, &n, 5, &m, &set), GSL_SUCCESS);
    CU_ASSERT(m == NULL && set == NULL);
    cc_model_free(plain);
    cc_model_free(trained);
    cc_model_free(init);
}

static const cc_test_case CASES[] = {
    {"a switch hands over the untrained set with a fresh optimiser state; switching back restores", test_switch_and_back},
    {"a fresh set learns as a reset cerebellar optimiser group", test_fresh_group},
    {"parallel-fibre overlap at a switch", test_overlap},
    {"copying a model's learning state; bad shapes refused", test_copy_state},
    {"the start of a protocol: the trained state, the untrained set stored", test_switch_start},
    {0, 0}};

CC_TEST_MAIN("task switching", CASES)
