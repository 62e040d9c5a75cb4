# SPDX-License-Identifier: MIT
# The object directory loader harness (fuzz/fuzz_objdir.c).  It links the
# runtime alone (src/runtime, libc only), so it builds even when the rest of
# the library does not.  Its seeds are object directories written by
# fuzz/objdir_seed.c through the builder: LTICS1, an empty cluster and small
# synthetic clusters.  Settings and fuzz_run come from fuzz/common.mk.
FUZZ_OBJDIR_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Iinclude -Isrc -Itests/unit
FUZZ_OBJDIR_WRITER = src/emit/objdir_builder.c src/emit/objdir_serialize.c src/emit/objdir_write.c
FUZZ_SEEDS_objdir = $(FUZZ_BUILD)/seeds-objdir

$(FUZZ_BUILD)/fuzz_objdir: fuzz/fuzz_objdir.c $(RUNTIME_SRCS) tests/unit/objdir_walk.h \
		include/zvmc/runtime.h $(wildcard src/runtime/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		$(FUZZ_OBJDIR_CFLAGS) -o $@ fuzz/fuzz_objdir.c $(RUNTIME_SRCS)

$(FUZZ_BUILD)/objdir_seed: fuzz/objdir_seed.c $(RUNTIME_SRCS) $(FUZZ_OBJDIR_WRITER) \
		tests/unit/objdir_fixture.h tests/unit/objdir_synth.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_OBJDIR_CFLAGS) -o $@ fuzz/objdir_seed.c $(RUNTIME_SRCS) $(FUZZ_OBJDIR_WRITER)

$(FUZZ_BUILD)/seeds-objdir.stamp: $(FUZZ_BUILD)/objdir_seed
	@mkdir -p $(FUZZ_SEEDS_objdir)
	$(FUZZ_BUILD)/objdir_seed $(FUZZ_SEEDS_objdir)
	@touch $@

.PHONY: fuzz-objdir fuzz-smoke-objdir
fuzz-objdir: $(FUZZ_BUILD)/fuzz_objdir $(FUZZ_BUILD)/seeds-objdir.stamp
	$(call fuzz_run,objdir,$(FUZZ_SECONDS))
fuzz-smoke-objdir: $(FUZZ_BUILD)/fuzz_objdir $(FUZZ_BUILD)/seeds-objdir.stamp
	$(call fuzz_run,objdir,$(FUZZ_SMOKE_SECONDS))
fuzz: fuzz-objdir
fuzz-smoke: fuzz-smoke-objdir
