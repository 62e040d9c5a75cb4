# SPDX-License-Identifier: MIT
# The object directory dump harness (fuzz/fuzz_dump.c): the whole library (the
# dump writers are in src/emit), over the seeds of the objdir harness, which
# fuzz/objdir_seed.c writes.  The dictionary holds the phrases of relocation
# messages that the directory source writer reads back.  Settings and rules in
# fuzz/common.mk and fuzz/objdir.mk.
FUZZ_DICT_dump = fuzz/dump.dict
FUZZ_SEED_DEPS_dump = $(FUZZ_BUILD)/objdir_seed
FUZZ_SEED_CMD_dump = @rm -rf $(FUZZ_BUILD)/seeds-dump && mkdir -p $(FUZZ_BUILD)/seeds-dump && \
	$(FUZZ_BUILD)/objdir_seed $(FUZZ_BUILD)/seeds-dump
$(eval $(call fuzz_link,dump))
$(eval $(call fuzz_harness,dump))
