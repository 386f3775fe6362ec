/* test_resolve.c: cc_out_resolve (src/run/cc_out.c), the absolute path a path names.
 *
 * In a scratch tree with a folder, a link to it and a missing tail: every spelling of one
 * folder (".", "./", "a/.", "a//", "b/../a", the link) resolves to the same real path, a
 * missing tail is kept with its "." and "name/.." removed, and a link reached after a ".."
 * of the missing tail is still resolved.
 */
#define _XOPEN_SOURCE 700 /* realpath, mkdtemp, symlink */
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc_out.h"
#include "cc_test.h"

static char root[PATH_MAX]; /* the real path of the scratch tree */

/* 1 if path resolves to root/want (want "" for root itself). */
static int resolves(const char *path, const char *want)
{
    char got[CC_OUT_PATH_MAX], expect[2 * PATH_MAX];
    snprintf(expect, sizeof expect, "%s%s%s", root, *want ? "/" : "", want);
    if (cc_out_resolve(path, got, sizeof got) != GSL_SUCCESS) return 0;
    if (strcmp(got, expect) != 0) printf("\n    %s -> %s, expected %s", path, got, expect);
    return strcmp(got, expect) == 0;
}

static void test_spellings(void)
{
    char tmpl[] = "/tmp/cc_resolve.XXXXXX", cwd[PATH_MAX];
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(tmpl));
    CU_ASSERT_PTR_NOT_NULL_FATAL(realpath(tmpl, root));
    CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof cwd));
    CU_ASSERT_EQUAL_FATAL(chdir(root), 0);
    CU_ASSERT_EQUAL(mkdir("a", 0777), 0);
    CU_ASSERT_EQUAL(mkdir("b", 0777), 0);
    CU_ASSERT_EQUAL(symlink("a", "link"), 0);
    CU_ASSERT(resolves(".", ""));
    CU_ASSERT(resolves("./", ""));
    CU_ASSERT(resolves("", ""));
    CU_ASSERT(resolves("a/.", "a"));
    CU_ASSERT(resolves("a//", "a"));
    CU_ASSERT(resolves("b/../a", "a"));
    CU_ASSERT(resolves("link", "a"));
    CU_ASSERT(resolves("link/../b", "b"));             /* ".." of the real folder, not of the link */
    CU_ASSERT(resolves("a/new/./x/../y", "a/new/y")); /* a missing tail, lexically */
    CU_ASSERT(resolves("new/../link/z", "a/z"));      /* back into the tree: the link resolved */
    CU_ASSERT(resolves(root, ""));
    char rooted[2 * PATH_MAX];
    snprintf(rooted, sizeof rooted, "%s/../%s/a/", root, strrchr(root, '/') + 1);
    CU_ASSERT(resolves(rooted, "a"));
    char top[CC_OUT_PATH_MAX];
    CU_ASSERT(cc_out_resolve("/..", top, sizeof top) == GSL_SUCCESS && strcmp(top, "/") == 0);
    unlink("link");
    rmdir("a");
    rmdir("b");
    CU_ASSERT_EQUAL(chdir(cwd), 0);
    rmdir(root);
}

static const cc_test_case CASES[] = {{"every spelling of a folder, a missing tail, links", test_spellings}, {0, 0}};

CC_TEST_MAIN("cc_out_resolve", CASES)
