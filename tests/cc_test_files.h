/* cc_test_files.h: scratch folders and whole-file reads for the tests of the run machinery.
 *
 * Every test makes its own folder under /tmp (make_tmpdir) and removes it (rm_tree). The
 * helpers are static inline: a program uses those it needs, without unused-function warnings.
 * Not here: anything about the package's file formats (cc_out.h, cc_record.h).
 */
#ifndef CC_TEST_FILES_H
#define CC_TEST_FILES_H

#include <CUnit/Basic.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Remove a directory tree (test temporaries only). */
static inline void rm_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char p[4096];
            int len = snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            if (len < 0 || (size_t)len >= sizeof p) continue; /* never act on a cut name */
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
static inline int dir_count(const char *path)
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
static inline int count_tmp(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[4096];
        int len = snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (len < 0 || (size_t)len >= sizeof p) continue;
        struct stat st;
        if (strstr(e->d_name, ".tmp.")) n++;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) n += count_tmp(p);
    }
    closedir(d);
    return n;
}

/* The whole file as a string (malloc'd: free it), or NULL if it cannot be read. */
static inline char *read_all(const char *path)
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

/* Write text to path (the test stops if it cannot). */
static inline void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

/* 1 if path exists (a dangling link does not). */
static inline int file_exists(const char *path) { return access(path, F_OK) == 0; }

/* A new empty folder under /tmp, its name into buf (at least 32 bytes). */
static inline void make_tmpdir(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/cc_test.XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(buf));
}

/* Number of newline characters of s. */
static inline int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

#endif
