# SPDX-License-Identifier: MIT
# The SYSTEM CONFIG harness.
FUZZ_SEEDS_sysconfig = examples/ltics1 examples/cse tests/golden/sysconfig \
	$(wildcard ../shared/corpora/*.config)

$(FUZZ_BUILD)/fuzz_sysconfig: fuzz/fuzz_sysconfig.c $(FUZZ_LIB_SRCS) $(GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ fuzz/fuzz_sysconfig.c $(FUZZ_LIB_SRCS) $(XML_LIBS)

.PHONY: fuzz-sysconfig fuzz-smoke-sysconfig
fuzz-sysconfig: $(FUZZ_BUILD)/fuzz_sysconfig
	$(call fuzz_run,sysconfig,$(FUZZ_SECONDS))
fuzz-smoke-sysconfig: $(FUZZ_BUILD)/fuzz_sysconfig
	$(call fuzz_run,sysconfig,$(FUZZ_SMOKE_SECONDS))
fuzz: fuzz-sysconfig
fuzz-smoke: fuzz-smoke-sysconfig
FUZZ_DICT_sysconfig = fuzz/sysconfig.dict
