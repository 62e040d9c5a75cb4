# SPDX-License-Identifier: MIT
# Shared settings for the libFuzzer harnesses (clang; `scripts/install-deps --fuzz`).
# Every harness links a copy of the library built with the fuzzing sanitizers.
FUZZ_BUILD ?= build-fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -g -O1
FUZZ_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(FUZZ_FLAGS) -Iinclude -Isrc \
	-I$(BUILD)/gen $(XML_CFLAGS) -Wno-unused-function
# The library's sources, generated parsers included (built by the normal rules).
FUZZ_LIB_SRCS = $(LIB_SRCS) $(RUNTIME_SRCS) $(GEN_PARSERS) $(GEN_LEXERS)

.PHONY: fuzz fuzz-smoke

# fuzz_run HARNESS SECONDS: copy the seeds (files, or the files of directories)
# into a working corpus, run, and keep the last lines of libFuzzer's report.
define fuzz_run
	@mkdir -p $(FUZZ_BUILD)/corpus-$(1)
	@for s in $(FUZZ_SEEDS_$(1)); do \
		if [ -d "$$s" ]; then find "$$s" -maxdepth 1 -type f -exec cp -f {} $(FUZZ_BUILD)/corpus-$(1)/ \; ; \
		elif [ -f "$$s" ]; then cp -f "$$s" $(FUZZ_BUILD)/corpus-$(1)/; fi; done
	$(FUZZ_BUILD)/fuzz_$(1) -max_total_time=$(2) -max_len=65536 -timeout=10 \
		-artifact_prefix=$(FUZZ_BUILD)/crash-$(1)- $(if $(FUZZ_DICT_$(1)),-dict=$(FUZZ_DICT_$(1))) \
		$(FUZZ_BUILD)/corpus-$(1) 2>&1 | tail -n 3
endef
