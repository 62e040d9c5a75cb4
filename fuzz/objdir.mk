# SPDX-License-Identifier: MIT
# The object directory loader harness (fuzz/fuzz_objdir.c).  It links the
# runtime alone (src/runtime, libc only), so it builds even when the rest of
# the library does not.  Its seeds are object directories written by
# fuzz/objdir_seed.c through the builder: LTICS1, an empty cluster, small
# synthetic clusters and a seeded index (version 2).  Settings and rules come from fuzz/common.mk.
FUZZ_OBJDIR_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Iinclude -Isrc -Itests/unit
FUZZ_OBJDIR_WRITER = src/emit/objdir_builder.c src/emit/objdir_serialize.c src/emit/objdir_write.c \
	src/emit/outfile.c \
	$(wildcard src/util/*.c)

$(FUZZ_BUILD)/fuzz_objdir: $(FUZZ_BUILD)/obj/fuzz/fuzz_objdir.o $(FUZZ_RUNTIME_OBJS)
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $^

# The seed writer is an ordinary program (no sanitizer, no coverage): the
# runtime, the builder and the allocators and tables it uses (src/util).
$(FUZZ_BUILD)/objdir_seed: fuzz/objdir_seed.c $(RUNTIME_SRCS) $(FUZZ_OBJDIR_WRITER) \
		tests/unit/objdir_fixture.h tests/unit/objdir_synth.h tests/unit/objdir_collide.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_OBJDIR_CFLAGS) -o $@ fuzz/objdir_seed.c $(RUNTIME_SRCS) $(FUZZ_OBJDIR_WRITER)

FUZZ_SEED_DEPS_objdir = $(FUZZ_BUILD)/objdir_seed
FUZZ_SEED_CMD_objdir = @rm -rf $(FUZZ_BUILD)/seeds-objdir && mkdir -p $(FUZZ_BUILD)/seeds-objdir && \
	$(FUZZ_BUILD)/objdir_seed $(FUZZ_BUILD)/seeds-objdir
$(eval $(call fuzz_harness,objdir))
