# SPDX-License-Identifier: MIT
# The source directory harness.
FUZZ_SEEDS_directory = examples/ltics1 examples/cse tests/golden/directory tests/golden/relocate \
	$(wildcard ../shared/corpora/*.direct)

$(FUZZ_BUILD)/fuzz_directory: fuzz/fuzz_directory.c $(FUZZ_LIB_SRCS) $(GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/fuzz_directory.c $(FUZZ_LIB_SRCS) $(XML_LIBS)

.PHONY: fuzz-directory fuzz-smoke-directory
fuzz-directory: $(FUZZ_BUILD)/fuzz_directory
	$(call fuzz_run,directory,$(FUZZ_SECONDS))
fuzz-smoke-directory: $(FUZZ_BUILD)/fuzz_directory
	$(call fuzz_run,directory,$(FUZZ_SMOKE_SECONDS))
fuzz: fuzz-directory
fuzz-smoke: fuzz-smoke-directory
FUZZ_DICT_directory = fuzz/directory.dict
FUZZ_SEEDS_directory += tests/fuzz-regressions/directory
