/* cc-record.c: the command line to run records (src/run/cc_record.h), for scripts that need
 * a value of one: they read it through the same JSON reader as the merge, never as text.
 *
 *     cc-record check FILE         "FILE: ok (DRIVER UNIT STATUS)", or the reason it is refused
 *     cc-record get FILE FIELD     a top-level field ("status", "git_dirty", "git_dirty_files")
 *     cc-record config FILE KEY    a parameter of the record's "config" ("verify.rtol")
 *
 * A value is printed on one line as cc_record_field_text gives it (a list as "a, b").
 * A missing or invalid record, an unknown field or key, or a field that is an object is
 * refused with exit status 2 and one line "cc-record: error: ..."; 1 for a failure to write
 * standard output. Not a figure: the Makefile's figures are experiments/fig*.c only.
 */
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc_record.h"

static int fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(int code, const char *fmt, ...)
{
    char m[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    for (char *p = m; *p; p++) /* one line, whatever the file or the arguments hold */
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
    fprintf(stderr, "cc-record: error: %s\n", m);
    return code;
}

static int usage(void)
{
    return fail(2, "usage: cc-record check FILE | get FILE FIELD | config FILE KEY");
}

static int out_ok(void)
{
    if (fflush(stdout) == 0 && !ferror(stdout)) return 0;
    return fail(1, "cannot write to standard output: %s", strerror(errno ? errno : EIO));
}

/* The value of name (a field, or a parameter when config), printed on one line. */
static int print_value(const cc_record_info *info, const char *path, const char *name, int config)
{
    int need = config ? cc_record_config_text(info, name, NULL, 0) : cc_record_field_text(info, name, NULL, 0);
    if (need < 0 && config) return fail(2, "%s has no parameter \"%.200s\"", path, name);
    if (need < 0) return fail(2, "%s has no field \"%.200s\" with a value", path, name);
    char *v = malloc((size_t)need + 1);
    if (!v) return fail(1, "out of memory");
    if (config)
        cc_record_config_text(info, name, v, (size_t)need + 1);
    else
        cc_record_field_text(info, name, v, (size_t)need + 1);
    printf("%s\n", v);
    free(v);
    return out_ok();
}

int main(int argc, char **argv)
{
    if (argc < 3 || !argv[2][0]) return usage();
    const char *cmd = argv[1], *path = argv[2];
    int check = strcmp(cmd, "check") == 0, get = strcmp(cmd, "get") == 0, config = strcmp(cmd, "config") == 0;
    if (!(check && argc == 3) && !((get || config) && argc == 4)) return usage();
    cc_record_info info;
    char err[1024];
    int s = cc_record_read(path, &info, err, sizeof err);
    if (s == GSL_ENOMEM) return fail(1, "%s: %s", path, err);
    if (s == GSL_EFAILED) return fail(2, "cannot read %s: %s", path, err);
    if (s) return fail(2, "%s is not a valid run record (%s)", path, err);
    int code;
    if (check) {
        static const char *status[] = {[CC_RECORD_RUNNING] = "RUNNING", [CC_RECORD_COMPLETED] = "COMPLETED",
                                       [CC_RECORD_FAILED] = "FAILED"};
        printf("%s: ok (%s %s %s)\n", path, info.driver, info.unit, status[info.status]);
        code = out_ok();
    } else {
        code = print_value(&info, path, argv[3], config);
    }
    cc_record_info_free(&info);
    return code;
}
