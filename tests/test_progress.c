/* test_progress.c: tests of the progress line (cc_progress): silent when standard error is
 * not a terminal (a log, make's output to a file, CI).
 *
 * Not here: the look of the line on a terminal (checked by hand), the build's progress lines
 * (tools/progress.sh, tests/progress.sh).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cc_progress.h"
#include "cc_test.h"
#include "cc_test_files.h"

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

static const cc_test_case CASES[] = {{"progress: silent off a terminal", test_progress_silent_off_tty}, {0, 0}};

CC_TEST_MAIN("progress line", CASES)
