/* cc_out.c: atomic output files, the TSV writer and the TSV reader (see cc_out.h).
 * All failures are raised with gsl_error (path in the reason) and returned.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* realpath */
#endif
#include "cc_out.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------------ atomic files */

const char *cc_out_owner(void)
{
    static char owner[128];
    static long pid = 0;
    if (pid != (long)getpid()) { /* again after a fork */
        char host[64] = "";
        pid = (long)getpid();
        if (gethostname(host, sizeof host) != 0) host[0] = '\0';
        host[sizeof host - 1] = '\0';
        for (char *h = host; *h; h++)
            if (*h == '/' || (unsigned char)*h < 0x21) *h = '_';
        snprintf(owner, sizeof owner, "%ld@%s", pid, host);
    }
    return owner;
}

/* Process-wide registry of open temporaries, in memory of its own (a caller's
 * cc_out may be gone, e.g. a local of a callback that returned without commit). */
typedef struct {
    FILE *f;
    char *tmp;
} cc_out_entry;

static cc_out_entry *cc_out_reg = NULL;
static int cc_out_nreg = 0, cc_out_capreg = 0;

static int cc_out_register(FILE *f, const char *tmp)
{
    if (cc_out_nreg == cc_out_capreg) {
        int cap = cc_out_capreg ? 2 * cc_out_capreg : 16;
        cc_out_entry *e = realloc(cc_out_reg, (size_t)cap * sizeof *e);
        if (!e) return GSL_ENOMEM;
        cc_out_reg = e;
        cc_out_capreg = cap;
    }
    char *t = strdup(tmp);
    if (!t) return GSL_ENOMEM;
    cc_out_reg[cc_out_nreg].f = f;
    cc_out_reg[cc_out_nreg++].tmp = t;
    return GSL_SUCCESS;
}

/* Remove f from the registry; 0 if it was not there (already dropped). */
static int cc_out_unregister(FILE *f)
{
    for (int i = 0; i < cc_out_nreg; i++)
        if (cc_out_reg[i].f == f) {
            free(cc_out_reg[i].tmp);
            cc_out_reg[i] = cc_out_reg[--cc_out_nreg];
            if (cc_out_nreg == 0) {
                free(cc_out_reg);
                cc_out_reg = NULL;
                cc_out_capreg = 0;
            }
            return 1;
        }
    return 0;
}

int cc_out_mkdirs(const char *dir)
{
    char p[CC_OUT_PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0) return GSL_SUCCESS;
    if (n >= sizeof p) return CC_ERRORF(GSL_EFAILED, "path too long: %.64s...", dir);
    memcpy(p, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] != '/' && p[i] != '\0') continue;
        char c = p[i];
        p[i] = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            return CC_ERRORF(GSL_EFAILED, "cannot create directory %s: %s", p, strerror(errno));
        struct stat st;
        if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
            return CC_ERRORF(GSL_EFAILED, "cannot create directory %s: not a directory", p);
        p[i] = c;
    }
    return GSL_SUCCESS;
}

/* Directory part of path ("." if none) into buf. */
static void cc_out_dirname(const char *path, char *buf, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, n, ".");
    else if (slash == path)
        snprintf(buf, n, "/");
    else
        snprintf(buf, n, "%.*s", (int)(slash - path), path);
}

FILE *cc_out_open(cc_out *o, const char *path)
{
    o->f = NULL;
    o->path[0] = o->tmp[0] = '\0';
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof o->path || path[n - 1] == '/') {
        CC_ERRORF(GSL_EINVAL, "bad output path \"%.64s\"", path);
        return NULL;
    }
    memcpy(o->path, path, n + 1);
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp.%s", path, cc_out_owner());
    char dir[CC_OUT_PATH_MAX];
    cc_out_dirname(path, dir, sizeof dir);
    if (cc_out_mkdirs(dir) != GSL_SUCCESS) return NULL;
    o->f = fopen(o->tmp, "w");
    if (!o->f) {
        CC_ERRORF(GSL_EFAILED, "cannot write %s: %s", o->tmp, strerror(errno));
        return NULL;
    }
    if (cc_out_register(o->f, o->tmp) != GSL_SUCCESS) {
        fclose(o->f);
        o->f = NULL;
        unlink(o->tmp);
        CC_ERRORF(GSL_ENOMEM, "cannot write %s: out of memory", o->path);
        return NULL;
    }
    return o->f;
}

/* fsync the directory holding path, so that the rename itself is durable. */
static void cc_out_sync_dir(const char *path)
{
    char dir[CC_OUT_PATH_MAX];
    cc_out_dirname(path, dir, sizeof dir);
    int fd = open(dir, O_RDONLY);
    if (fd < 0) return;
    (void)fsync(fd); /* best effort: some file systems refuse fsync on directories */
    close(fd);
}

int cc_out_commit(cc_out *o)
{
    if (!o->f) return CC_ERRORF(GSL_EFAILED, "commit of %s: file is not open", o->path);
    FILE *f = o->f;
    o->f = NULL;
    if (!cc_out_unregister(f)) return CC_ERRORF(GSL_EFAILED, "commit of %s: file was already dropped", o->path);
    int bad = fflush(f) != 0 || ferror(f);
    int err = bad ? errno : 0;
    if (!bad && fsync(fileno(f)) != 0) bad = 1, err = errno;
    if (fclose(f) != 0 && !bad) bad = 1, err = errno;
    if (!bad && rename(o->tmp, o->path) != 0) bad = 1, err = errno;
    if (bad) {
        unlink(o->tmp);
        return CC_ERRORF(GSL_EFAILED, "cannot write %s: %s", o->path, err ? strerror(err) : "write error");
    }
    cc_out_sync_dir(o->path);
    return GSL_SUCCESS;
}

void cc_out_abort(cc_out *o)
{
    if (!o->f) return;
    if (cc_out_unregister(o->f)) { /* else cc_out_abort_all already closed it */
        fclose(o->f);
        unlink(o->tmp);
    }
    o->f = NULL;
}

int cc_out_abort_all(void)
{
    int n = cc_out_nreg;
    for (int i = 0; i < cc_out_nreg; i++) {
        fclose(cc_out_reg[i].f);
        unlink(cc_out_reg[i].tmp);
        free(cc_out_reg[i].tmp);
    }
    free(cc_out_reg);
    cc_out_reg = NULL;
    cc_out_nreg = cc_out_capreg = 0;
    return n;
}

/* 1 if name ends in ".tmp.<pid>@<host>" (or ".merge.<pid>@<host>") of this host with a
 * pid that no longer runs. Other hosts' files (units of a cluster on a shared file
 * system) are never touched. */
static int cc_out_stale_name(const char *name, const char *tag)
{
    const char *t = strstr(name, tag);
    if (!t) return 0;
    while (strstr(t + 1, tag)) t = strstr(t + 1, tag);
    const char *d = t + strlen(tag), *me = cc_out_owner();
    char *end;
    errno = 0;
    long pid = strtol(d, &end, 10);
    if (end == d || *end != '@' || pid <= 0 || errno) return 0;
    if (strcmp(end + 1, strchr(me, '@') + 1) != 0) return 0; /* another host's */
    if (pid == (long)getpid()) return 0;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

int cc_out_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode)) return unlink(path);
    DIR *d = opendir(path);
    if (!d) return -1;
    struct dirent *e;
    int bad = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[CC_OUT_PATH_MAX];
        if (snprintf(p, sizeof p, "%s/%s", path, e->d_name) >= (int)sizeof p) {
            bad = -1;
            continue;
        }
        if (cc_out_remove_tree(p)) bad = -1;
    }
    closedir(d);
    return rmdir(path) ? -1 : bad;
}

int cc_out_remove_stale(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        if (!cc_out_stale_name(e->d_name, ".tmp.") && !cc_out_stale_name(e->d_name, ".merge.")) continue;
        char p[CC_OUT_PATH_MAX];
        if (snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= (int)sizeof p) continue;
        if (cc_out_remove_tree(p) == 0) n++;
    }
    closedir(d);
    return n;
}

int cc_out_format_double(char *buf, size_t n, double x)
{
    if (isnan(x)) return snprintf(buf, n, "NaN");
    if (isinf(x)) return snprintf(buf, n, x < 0 ? "-Inf" : "Inf");
    char tmp[40];
    for (int p = 15; p <= 17; p++) {
        snprintf(tmp, sizeof tmp, "%.*g", p, x);
        if (strtod(tmp, NULL) == x) break;
    }
    return snprintf(buf, n, "%s", tmp);
}

/* ------------------------------------------------------------------ TSV writer */

static int cc_tsv_name_ok(const char *s, size_t n)
{
    if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_')) return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_')) return 0;
    return 1;
}

static int cc_tsv_one_line(const char *s) { return !s || !strpbrk(s, "\r\n"); }

int cc_tsv_open(cc_tsv *t, const char *path, const cc_tsv_head *h)
{
    t->ncol = t->col = 0;
    t->rows = 0;
    t->out.f = NULL;
    if (!h || !h->title || !*h->title || !h->columns || !cc_tsv_one_line(h->title) ||
        !cc_tsv_one_line(h->units) || !cc_tsv_one_line(h->runs) ||
        (h->config_id && (!*h->config_id || strpbrk(h->config_id, " \t\r\n") || strlen(h->config_id) >= 64)))
        return CC_ERRORF(GSL_EINVAL, "%s: TSV header needs a one-line title, column names and a one-word config id", path);
    /* check the names: separated by spaces, valid, unique */
    const char *p = h->columns;
    int ncol = 0;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != ' ') e++;
        if (!cc_tsv_name_ok(p, (size_t)(e - p)))
            return CC_ERRORF(GSL_EINVAL, "%s: bad column name \"%.*s\"", path, (int)(e - p), p);
        for (const char *q = h->columns;;) {
            while (*q == ' ') q++;
            if (q >= p) break;
            const char *qe = q;
            while (*qe && *qe != ' ') qe++;
            if (qe - q == e - p && strncmp(q, p, (size_t)(e - p)) == 0)
                return CC_ERRORF(GSL_EINVAL, "%s: column \"%.*s\" named twice", path, (int)(e - p), p);
            q = qe;
        }
        ncol++;
        p = e;
    }
    if (ncol == 0) return CC_ERRORF(GSL_EINVAL, "%s: no column names", path);
    FILE *f = cc_out_open(&t->out, path);
    if (!f) return GSL_EFAILED;
    t->ncol = ncol;
    fprintf(f, "# %s\n", h->title);
    if (h->units) fprintf(f, "# units: %s\n", h->units);
    if (h->runs) fprintf(f, "# runs: %s\n", h->runs);
    if (h->config_id) fprintf(f, "# config: %s\n", h->config_id);
    for (const char *c = h->comment; c && *c;) {
        const char *nl = strchr(c, '\n');
        int len = nl ? (int)(nl - c) : (int)strlen(c);
        fprintf(f, "#%s%.*s\n", len ? " " : "", len, c);
        c = nl ? nl + 1 : c + len;
    }
    int first = 1;
    for (p = h->columns; *p;) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != ' ') e++;
        fprintf(f, "%s%.*s", first ? "" : "\t", (int)(e - p), p);
        first = 0;
        p = e;
    }
    fputc('\n', f);
    return GSL_SUCCESS;
}

static int cc_tsv_cell(cc_tsv *t, const char *text)
{
    if (!t->out.f) return CC_ERRORF(GSL_EFAILED, "TSV %s is not open", t->out.path);
    fprintf(t->out.f, "%s%s", t->col ? "\t" : "", text);
    if (++t->col == t->ncol) {
        fputc('\n', t->out.f);
        t->col = 0;
        t->rows++;
    }
    return GSL_SUCCESS;
}

int cc_tsv_num(cc_tsv *t, double x)
{
    char buf[40];
    cc_out_format_double(buf, sizeof buf, x);
    return cc_tsv_cell(t, buf);
}

int cc_tsv_int(cc_tsv *t, long x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", x);
    return cc_tsv_cell(t, buf);
}

int cc_tsv_str(cc_tsv *t, const char *label)
{
    if (!label || !*label || *label == '#')
        return CC_ERRORF(GSL_EINVAL, "%s: empty label or label starting with '#'", t->out.path);
    for (const char *p = label; *p; p++)
        if (isspace((unsigned char)*p))
            return CC_ERRORF(GSL_EINVAL, "%s: label \"%s\" contains whitespace", t->out.path, label);
    return cc_tsv_cell(t, label);
}

int cc_tsv_row(cc_tsv *t, const double *x)
{
    if (t->col != 0) return CC_ERRORF(GSL_EINVAL, "%s: cc_tsv_row inside a row", t->out.path);
    for (int c = 0; c < t->ncol; c++) {
        int s = cc_tsv_num(t, x[c]);
        if (s) return s;
    }
    return GSL_SUCCESS;
}

int cc_tsv_commit(cc_tsv *t)
{
    if (!t->out.f) return CC_ERRORF(GSL_EFAILED, "TSV %s is not open", t->out.path);
    if (t->col != 0) {
        cc_out_abort(&t->out);
        return CC_ERRORF(GSL_EINVAL, "%s: last row has %d of %d cells", t->out.path, t->col, t->ncol);
    }
    fputs("# end\n", t->out.f);
    return cc_out_commit(&t->out);
}

void cc_tsv_abort(cc_tsv *t) { cc_out_abort(&t->out); }

/* ------------------------------------------------------------------ TSV reader */

void cc_table_free(cc_table *t)
{
    if (t->names)
        for (int c = 0; c < t->ncol; c++) free(t->names[c]);
    free(t->names);
    free(t->v);
    t->names = NULL;
    t->v = NULL;
    t->nrow = t->ncol = 0;
    t->config_id[0] = '\0';
}

int cc_file_read(const char *path, char **text, size_t *len) { return cc_file_read_max(path, text, len, 0); }

int cc_file_read_max(const char *path, char **text, size_t *len, size_t max)
{
    *text = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return GSL_EFAILED;
    size_t n = 0, cap = 1 << 12;
    char *s = malloc(cap);
    int status = s ? GSL_SUCCESS : GSL_ENOMEM;
    while (status == GSL_SUCCESS) {
        if (n + 1 >= cap) { /* keep room for the final NUL */
            char *t = realloc(s, 2 * cap);
            if (!t) {
                status = GSL_ENOMEM;
                break;
            }
            s = t;
            cap *= 2;
        }
        size_t got = fread(s + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0) break;
        if (max && n > max) { /* an endless or huge file (/dev/zero): refused at once */
            status = GSL_EFAILED;
            errno = EFBIG;
            break;
        }
    }
    if (status == GSL_SUCCESS && ferror(f)) status = GSL_EFAILED, errno = errno ? errno : EIO;
    int saved = errno;
    fclose(f);
    errno = saved;
    if (status != GSL_SUCCESS) {
        free(s);
        return status;
    }
    s[n] = '\0';
    *text = s;
    *len = n;
    return GSL_SUCCESS;
}

/* Read the whole file into a malloc'd string (*len bytes), raising on failure. */
static char *cc_table_slurp(const char *path, size_t *len)
{
    char *s;
    int status = cc_file_read(path, &s, len);
    if (status != GSL_SUCCESS)
        CC_ERRORF(status, "cannot read %s: %s", path, status == GSL_ENOMEM ? "out of memory" : strerror(errno));
    return s;
}

int cc_table_read(cc_table *t, const char *path)
{
    t->nrow = t->ncol = 0;
    t->names = NULL;
    t->v = NULL;
    t->config_id[0] = '\0';
    size_t len;
    char *s = cc_table_slurp(path, &len);
    if (!s) return GSL_EFAILED;
    int status = GSL_SUCCESS, line = 0, ended = 0;
    size_t nv = 0, cap = 0;
    if (strlen(s) != len) {
        status = CC_ERRORF(GSL_EINVAL, "%s: not a text file", path);
        goto done;
    }
    if (len == 0 || s[len - 1] != '\n') {
        status = CC_ERRORF(GSL_EINVAL, "%s: incomplete last line (truncated file?)", path);
        goto done;
    }
    for (char *p = s; *p && status == GSL_SUCCESS;) {
        char *e = strchr(p, '\n');
        *e = '\0';
        line++;
        char *ln = p;
        p = e + 1;
        if (ended) {
            status = CC_ERRORF(GSL_EINVAL, "%s:%d: text after the \"# end\" line", path, line);
            break;
        }
        if (ln[0] == '#') {
            if (strcmp(ln, "# end") == 0) ended = 1;
            if (strncmp(ln, "# config: ", 10) == 0) snprintf(t->config_id, sizeof t->config_id, "%s", ln + 10);
            continue;
        }
        /* split on tabs */
        int nf = 1;
        for (char *q = ln; *q; q++) nf += *q == '\t';
        if (!t->names) {
            t->names = calloc((size_t)nf, sizeof *t->names);
            if (!t->names) {
                status = CC_ERRORF(GSL_ENOMEM, "%s: out of memory", path);
                break;
            }
            t->ncol = nf;
            char *q = ln;
            for (int c = 0; c < nf; c++) {
                char *tab = strchr(q, '\t');
                if (tab) *tab = '\0';
                if (!cc_tsv_name_ok(q, strlen(q))) {
                    status = CC_ERRORF(GSL_EINVAL, "%s:%d: bad column name \"%s\" (no names line?)", path, line, q);
                    break;
                }
                t->names[c] = strdup(q);
                if (!t->names[c]) {
                    status = CC_ERRORF(GSL_ENOMEM, "%s: out of memory", path);
                    break;
                }
                q = tab ? tab + 1 : q + strlen(q);
            }
            continue;
        }
        if (nf != t->ncol) {
            status = CC_ERRORF(GSL_EINVAL, "%s:%d: %d cells, expected %d", path, line, nf, t->ncol);
            break;
        }
        if (nv + (size_t)nf > cap) {
            size_t nc = cap ? 2 * cap : 64 * (size_t)nf;
            double *v = realloc(t->v, nc * sizeof *v);
            if (!v) {
                status = CC_ERRORF(GSL_ENOMEM, "%s: out of memory", path);
                break;
            }
            t->v = v;
            cap = nc;
        }
        char *q = ln;
        for (int c = 0; c < nf; c++) {
            char *tab = strchr(q, '\t');
            if (tab) *tab = '\0';
            char *end;
            errno = 0;
            double x = strtod(q, &end);
            if (end == q || *end || isspace((unsigned char)*q)) {
                status = CC_ERRORF(GSL_EINVAL, "%s:%d: column %s: \"%.40s\" is not a number", path, line,
                                   t->names[c], q);
                break;
            }
            t->v[nv++] = x;
            q = tab ? tab + 1 : q + strlen(q);
        }
        t->nrow++;
    }
    if (status == GSL_SUCCESS && !ended)
        status = CC_ERRORF(GSL_EINVAL, "%s: no final \"# end\" line (truncated or not written by cc_tsv)", path);
    if (status == GSL_SUCCESS && !t->names)
        status = CC_ERRORF(GSL_EINVAL, "%s: no column names line", path);
done:
    free(s);
    if (status != GSL_SUCCESS) cc_table_free(t);
    return status;
}

int cc_table_col(const cc_table *t, const char *name)
{
    for (int c = 0; c < t->ncol; c++)
        if (strcmp(t->names[c], name) == 0) return c;
    CC_ERRORF(GSL_EINVAL, "no column \"%s\" in the table", name);
    return -1;
}

int cc_tsv_end(cc_tsv *t, int s)
{
    if (s) {
        cc_tsv_abort(t);
        return s;
    }
    return cc_tsv_commit(t);
}

/* ------------------------------------------------------------------ paths */

/* One pass of cc_out_resolve into buf (CC_OUT_PATH_MAX): 0, or -1 if too long or nothing exists. */
static int cc_out_resolve_once(const char *path, char *buf)
{
    char head[CC_OUT_PATH_MAX];
    size_t keep = strlen(path); /* path[0..keep): the prefix tried */
    if (keep >= sizeof head) return -1;
    for (;;) {
        snprintf(head, sizeof head, "%.*s", (int)keep, path);
        if (realpath(keep ? head : ".", buf)) break;
        if (keep == 0) return -1;
        while (keep > 1 && path[keep - 1] == '/') keep--; /* trailing slashes, then the last component */
        while (keep > 0 && path[keep - 1] != '/') keep--;
    }
    size_t k = strlen(buf);
    for (const char *p = path + keep; *(p += strspn(p, "/"));) { /* the rest, one component at a time */
        size_t L = strcspn(p, "/");
        if (L == 2 && p[0] == '.' && p[1] == '.') {
            while (k > 1 && buf[k - 1] != '/') k--;
            if (k > 1) k--;
        } else if (!(L == 1 && p[0] == '.')) {
            if (k + 1 + L >= CC_OUT_PATH_MAX) return -1;
            if (k > 1) buf[k++] = '/';
            memcpy(buf + k, p, L);
            k += L;
        }
        buf[k] = '\0';
        p += L;
    }
    return 0;
}

int cc_out_resolve(const char *path, char *buf, size_t n)
{
    char once[CC_OUT_PATH_MAX], twice[CC_OUT_PATH_MAX]; /* a second pass resolves links reached after a ".." */
    if (cc_out_resolve_once(path, once) || cc_out_resolve_once(once, twice) ||
        snprintf(buf, n, "%s", twice) >= (int)n)
        return CC_ERRORF(GSL_EINVAL, "cannot resolve the path %.200s (too long, or no folder of it exists)", path);
    return GSL_SUCCESS;
}
