/* SPDX-License-Identifier: MIT */
/*
 * objdir_stream.c - serializing straight to a file (zvmc_odb_serialize_file())
 * gives the bytes of serializing to memory, and fails as the atomic writer
 * does.
 *
 *  - the CRC-32C of two buffers combined from theirs equals that of the
 *    whole, for splits from empty to everything;
 *  - LTICS1 in its four build orders and a 3,000-user synthetic cluster,
 *    streamed through windows from the smallest (128 bytes: every block
 *    crosses a window's end) to the default, give the in-memory image byte
 *    for byte, and the runtime opens the file (its checksum included);
 *  - a write that fails part-way (RLIMIT_FSIZE), a target that is a
 *    directory, a missing directory and an undecided verdict each return
 *    their error, leave the previous file intact and no temporary file.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit/objdir_builder_int.h"
#include "objdir_files.h"
#include "objdir_fixture.h"
#include "objdir_synth.h"
#include "runtime/objdir_format.h"

static char dir[] = "/tmp/zvmc-stream-XXXXXX";

static void crc_combine(void)
{
    enum { N = 70000 };
    static const size_t splits[] = { 0, 1, 3, 4, 7, 200, 4096, 65537, N - 1, N };
    uint8_t *buf = malloc(N);
    uint32_t x = 12345, whole;

    CHECK(buf != NULL);
    for (size_t i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    whole = zvmc_crc32c_table_(0, buf, N);
    for (size_t i = 0; i < sizeof(splits) / sizeof(*splits); i++) {
        size_t k = splits[i];
        uint32_t a = zvmc_crc32c_table_(0, buf, k), b = zvmc_crc32c_table_(0, buf + k, N - k);

        if (odb_crc32c_combine_(a, b, N - k) != whole)
            FAIL("combined at %zu: 0x%08X, whole 0x%08X", k, odb_crc32c_combine_(a, b, N - k),
                 whole);
    }
    /* the empty second part changes nothing; an empty first part is its CRC 0 */
    CHECK_INT(odb_crc32c_combine_(whole, 0, 0), whole);
    CHECK_INT(odb_crc32c_combine_(0, whole, N), whole);
    free(buf);
}

/* b streamed through each window gives img, and the runtime opens it. */
static void same_bytes(struct zvmc_odb *b, const char *path, const char *what)
{
    static const size_t windows[] = { 1, 128, 129, 1000, 4096, 65536 };
    char label[96];
    uint8_t *img;
    size_t len;
    struct zvmc_objdir *od;

    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    for (size_t i = 0; i < sizeof(windows) / sizeof(*windows); i++) {
        CHECK_OK(odb_serialize_file_(b, path, windows[i]));
        snprintf(label, sizeof(label), "%s, window %zu", what, windows[i]);
        expect_file(path, img, len, label);
    }
    CHECK_OK(zvmc_odb_serialize_file(b, path));
    snprintf(label, sizeof(label), "%s, the default window", what);
    expect_file(path, img, len, label);
    CHECK_OK(zvmc_objdir_open(path, &od));
    zvmc_objdir_close(od);
    expect_no_temp_files(dir);
    free(img);
}

static void failures(const char *path)
{
    struct zvmc_odb *b = synth_build(4, 3000), *undecided;
    struct rlimit old, small;
    char sub[96], missing[96];
    uint8_t *img;
    size_t len;
    struct stat st;

    CHECK(b != NULL);
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    CHECK_OK(zvmc_odb_serialize_file(b, path));

    /* the file size limit stops the writes after the first windows */
    CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
    small = old;
    small.rlim_cur = 1000;
    signal(SIGXFSZ, SIG_IGN);
    CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
    errno = 0;
    CHECK_RC(odb_serialize_file_(b, path, 128), ZVMC_ERR_IO);
    CHECK_INT(errno, EFBIG);
    CHECK_RC(zvmc_odb_serialize_file(b, path), ZVMC_ERR_IO);
    CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
    expect_file(path, img, len, "after a failed write");
    expect_no_temp_files(dir);

    /* the rename fails: the target is a directory */
    snprintf(sub, sizeof(sub), "%s/adir", dir);
    CHECK(mkdir(sub, 0755) == 0);
    CHECK_RC(zvmc_odb_serialize_file(b, sub), ZVMC_ERR_IO);
    CHECK(stat(sub, &st) == 0 && S_ISDIR(st.st_mode));
    expect_no_temp_files(dir);
    CHECK(rmdir(sub) == 0);

    /* the directory does not exist */
    snprintf(missing, sizeof(missing), "%s/no/such/dir.zvmo", dir);
    errno = 0;
    CHECK_RC(zvmc_odb_serialize_file(b, missing), ZVMC_ERR_IO);
    CHECK_INT(errno, ENOENT);

    /* a verdict left undecided: refused before any file is made */
    undecided = zvmc_odb_new();
    CHECK(undecided != NULL);
    CHECK(zvmc_odb_add_member(undecided, "A", 1, "ARES") == 0);
    CHECK(zvmc_odb_add_member(undecided, "B", 2, "BRES") == 1);
    CHECK(zvmc_odb_add_user(undecided, "GUEST", ZVMC_USER_USER) == 0);
    CHECK_RC(zvmc_odb_serialize_file(undecided, path), ZVMC_ERR_INVAL);
    expect_file(path, img, len, "after an undecided verdict");
    expect_no_temp_files(dir);
    zvmc_odb_free(undecided);

    CHECK_RC(zvmc_odb_serialize_file(NULL, path), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_serialize_file(b, NULL), ZVMC_ERR_INVAL);
    CHECK_RC(zvmc_odb_serialize_file(b, ""), ZVMC_ERR_INVAL);
    expect_file(path, img, len, "after bad arguments");
    free(img);
    zvmc_odb_free(b);
}

int main(void)
{
    char path[80], what[32];
    struct zvmc_odb *b;

    crc_combine();
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/cluster.zvmo", dir);
    for (int order = 0; order < 4; order++) {
        b = fx_build(order);
        snprintf(what, sizeof(what), "LTICS1, order %d", order);
        same_bytes(b, path, what);
        zvmc_odb_free(b);
    }
    b = synth_build(4, 3000);
    CHECK(b != NULL);
    same_bytes(b, path, "3,000 synthetic users");
    zvmc_odb_free(b);
    failures(path);
    CHECK(unlink(path) == 0 && rmdir(dir) == 0);
    return 0;
}
