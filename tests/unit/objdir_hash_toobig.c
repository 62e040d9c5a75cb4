/* SPDX-License-Identifier: MIT */
/*
 * objdir_hash_toobig.c - the writer's last resort: user names that collide
 * under every seed it tries.
 *
 * The writer gives up on its user index (-ZVMC_ERR_TOOBIG) only when the
 * names collide under all of its 32 seeds, and nobody knows how to build
 * such names.  This test builds the serializer again with one seed
 * (ODB_HASH_SEEDS, included below), where 258 names of one hash are enough
 * (objdir_hash_collide.c: no unseeded index holds more than 257), so that the
 * branch runs: nothing is returned, no file is left, nothing leaks, and
 * zvmc_compile() and zvmc_write_objdir() say ZVMC_ETOOBIG with a message
 * that names the cause.
 *
 * Linking: this file defines every external symbol of objdir_serialize.c, so
 * the linker takes none of them from libzvmc.a, and the library's callers
 * (compile.c, objdir_write.c) call this one-seed copy.
 */
#define ODB_HASH_SEEDS 1u
#include "emit/objdir_serialize.c"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zvmc/compile.h"
#include "zvmc/zvmc.h"
#include "objdir_collide.h"
#include "objdir_files.h"
#include "objdir_test.h"

#define TARGET 0x12345678u

/* A one-member cluster of the first @n names. */
static struct zvmc_odb *cluster_of(char (*names)[9], int n)
{
    struct zvmc_odb *b = zvmc_odb_new();

    CHECK(b != NULL);
    CHECK_OK(zvmc_odb_set_cluster(b, "FLOOD", "7.4"));
    CHECK_INT(zvmc_odb_add_member(b, "SYSA", 1, "RES001"), 0);
    for (int i = 0; i < n; i++)
        CHECK_INT(zvmc_odb_add_user(b, names[i], ZVMC_USER_USER), i);
    return b;
}

int main(void)
{
    static char names[258][9];
    char tmpl[] = "/tmp/zvmc-toobig-XXXXXX", path[64];
    collide_state *f = collide_prefixes();
    struct zvmc_odb *b;
    uint8_t *img = (uint8_t *)"x";
    unsigned char *cimg = (unsigned char *)"x";
    size_t len = 1;
    zvmc_ctx *ctx;

    CHECK(f != NULL);
    CHECK_INT(collide_names(f, TARGET, names, 258), 258);
    free(f);
    CHECK(mkdtemp(tmpl) != NULL);
    snprintf(path, sizeof path, "%s/out.zvmo", tmpl);

    /* 257 still fit the one seed: a version-1 file */
    b = cluster_of(names, 257);
    CHECK_OK(zvmc_odb_serialize(b, &img, &len));
    CHECK_INT(zvmc_be32_ld(img + ZVMC_OD_H_VERSION), 1);
    free(img);
    zvmc_odb_free(b);

    /* 258 do not: no image, and the builder can try again and be freed */
    b = cluster_of(names, 258);
    img = (uint8_t *)"x";
    CHECK_RC(zvmc_odb_serialize(b, &img, &len), ZVMC_ERR_TOOBIG);
    CHECK(img == NULL);
    CHECK_INT(len, 0);
    CHECK_RC(zvmc_odb_serialize(b, &img, &len), ZVMC_ERR_TOOBIG);
    /* the streaming writer (a small window) leaves no file, not even a temporary one */
    CHECK_RC(odb_serialize_file_(b, path, 4096), ZVMC_ERR_TOOBIG);
    CHECK_INT(dir_entries(tmpl), 0);
    zvmc_odb_free(b);

    /* through the public API, as a directory manager meets it */
    ctx = checked_users(names, 258);
    CHECK_RC(zvmc_compile(ctx, 0, &cimg, &len), -ZVMC_ETOOBIG);
    CHECK(cimg == NULL);
    CHECK(strstr(zvmc_compile_errmsg(ZVMC_ETOOBIG), "collide") != NULL);
    CHECK_RC(zvmc_write_objdir(ctx, 0, path), -ZVMC_ETOOBIG);
    CHECK_INT(dir_entries(tmpl), 0);
    zvmc_ctx_free(ctx);
    /* and one name fewer compiles */
    ctx = checked_users(names, 257);
    CHECK_OK(zvmc_write_objdir(ctx, 0, path));
    CHECK_INT(dir_entries(tmpl), 1);
    zvmc_ctx_free(ctx);

    CHECK(unlink(path) == 0);
    CHECK(rmdir(tmpl) == 0);
    printf("objdir_hash_toobig: one seed, 258 names of hash %08X: refused "
           "(ZVMC_ETOOBIG), no file left; 257: compiled\n", TARGET);
    return 0;
}
