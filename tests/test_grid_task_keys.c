/* test_grid_task_keys.c: the task keys in a unit's resolved configuration (cc_grid_unit_specs).
 *
 * The keys of the reversed delayed association (task.reverse) and of interval timing (task.d_min,
 * task.d_max, task.n_delays, task.width) appear only in the units that use them, so the
 * configuration, hence the config id, of every other unit is what it was before they existed.
 */
#include <stdlib.h>
#include <string.h>

#include "cc_grid.h"
#include "cc_test.h"

static const cc_spec NO_SPECS[] = {CC_SPEC_END};
static const cc_experiment EXP = {.name = "figt", .specs = NO_SPECS};

/* The dumped configuration of unit u of g (malloc'd). */
static char *dump(const cc_grid *g, int u)
{
    int seed = 0;
    cc_spec *s = cc_grid_unit_specs(g, &EXP, u, &seed);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    char *text = cc_spec_dump_string(s);
    free(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    return text;
}

static void test_keys_only_where_used(void)
{
    cc_grid g = {0};
    g.base.seeds = 1;
    g.base.task = cc_task_defaults(CC_TASK_LINEDRAW);
    cc_cond *c = cc_grid_add(&g, "line");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    c = cc_grid_add(&g, "del");
    c->task = cc_task_defaults(CC_TASK_DELASS);
    c = cc_grid_add(&g, "rev");
    c->task = cc_task_defaults(CC_TASK_DELASS);
    c->task.reverse = 1;
    c = cc_grid_add(&g, "timing");
    c->task = cc_task_defaults(CC_TASK_TIMING);
    c->task.d_min = 7;
    char *line = dump(&g, 0), *del = dump(&g, 1), *rev = dump(&g, 2), *timing = dump(&g, 3);
    const char *new_keys[5] = {"task.reverse", "task.d_min", "task.d_max", "task.n_delays", "task.width"};
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_PTR_NULL(strstr(line, new_keys[i]));
        CU_ASSERT_PTR_NULL(strstr(del, new_keys[i]));
        CU_ASSERT((strstr(rev, new_keys[i]) != NULL) == (i == 0));
        CU_ASSERT((strstr(timing, new_keys[i]) != NULL) == (i > 0));
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(timing, "timing"));
    CU_ASSERT_PTR_NOT_NULL(strstr(timing, "7"));
    CU_ASSERT(strlen(rev) > strlen(del)); /* the reversed unit: the normal one's keys and one more */
    free(line);
    free(del);
    free(rev);
    free(timing);
    cc_grid_free(&g);
}

static const cc_test_case CASES[] = {
    {"task keys of reversal and timing only in their units", test_keys_only_where_used},
    {0, 0},
};

CC_TEST_MAIN("grid_task_keys", CASES)
