# SPDX-License-Identifier: MIT
# Shared settings and rules of the libFuzzer harnesses (clang; `scripts/install-deps --fuzz`).
# docs/fuzzing.md says what each harness covers and what the long runs reached.
#
#   make fuzz                 every harness for FUZZ_SECONDS each, one after the other
#   make fuzz-smoke           every harness for FUZZ_SMOKE_SECONDS each (CI)
#   make fuzz-NAME, fuzz-smoke-NAME    one harness
#
# Everything goes to $(FUZZ_BUILD): the library compiled once with the
# fuzzing flags (obj/, gen/), the harnesses (fuzz_NAME), their seeds
# (seeds-NAME/, written by fuzz/seeds.sh), the corpora they grow (corpus-NAME/,
# kept between runs) and any crash, leak or timeout input (crash-NAME-*).
FUZZ_BUILD ?= build-fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 20
# -O2: about 9% less CPU time per execution than -O1 (docs/fuzzing.md), with the
# same sanitizer checks.
FUZZ_OPT ?= -O2
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# Known library bugs still unfixed, each with its regression input (fuzz/ubsan.ignore).
FUZZ_IGNORE := $(wildcard fuzz/ubsan.ignore)
FUZZ_SAN += $(if $(FUZZ_IGNORE),-fsanitize-ignorelist=$(FUZZ_IGNORE))
FUZZ_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -g $(FUZZ_OPT) $(FUZZ_SAN) \
	-fsanitize=fuzzer-no-link -Iinclude -Isrc -I$(FUZZ_BUILD)/gen $(XML_CFLAGS) -MMD -MP
FUZZ_LDFLAGS := -fsanitize=fuzzer $(FUZZ_SAN)
# Longest input the fuzzer makes (see docs/fuzzing.md: longer inputs only make
# every execution slower; seeds longer than this are read truncated).
FUZZ_MAX_LEN ?= 8192
# libFuzzer options of every run.  Scaling each input's energy by its execution
# time makes the fuzzer mutate fast inputs more: 2.3-2.5 times the executions
# per CPU second for the same coverage after a minute (docs/fuzzing.md).
FUZZ_RUN_FLAGS ?= -entropic_scale_per_exec_time=1
# Extra libFuzzer options, e.g. FUZZ_ARGS='-jobs=2' or '-use_value_profile=1'.
FUZZ_ARGS ?=
# A smaller quarantine than ASan's 256 MB (26% less CPU time per execution):
# an execution frees far less than 32 MB, so a use after free within one is
# still caught, and the fuzzer no longer touches fresh pages all the time.
FUZZ_ASAN_OPTIONS ?= quarantine_size_mb=32:detect_leaks=1

# Files compiled without -fsanitize-coverage=trace-cmp (edge coverage and the
# sanitizers stay): their comparisons are on table states, output text or edit
# distances, which tell the fuzzer nothing about the input it could use, and
# the callbacks took 20-45% of the time (docs/fuzzing.md).  The keyword
# matchers and the grammar actions keep them.
FUZZ_NO_CMP = src/util/strbuf.c src/util/names.c src/emit/render.c \
	$(wildcard src/emit/diag_*.c)

# The library, generated parsers included, compiled once for every harness.
FUZZ_GEN_PARSERS := $(patsubst grammar/%.y,$(FUZZ_BUILD)/gen/%.tab.c,$(GRAMMARS))
FUZZ_GEN_LEXERS := $(patsubst grammar/%.l,$(FUZZ_BUILD)/gen/%.lex.c,$(LEXERS))
FUZZ_GEN_HEADERS := $(FUZZ_GEN_PARSERS:.c=.h) $(FUZZ_GEN_LEXERS:.c=.h)
fuzz_obj = $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(1))
FUZZ_RUNTIME_OBJS = $(call fuzz_obj,$(RUNTIME_SRCS))
FUZZ_LIB_OBJS = $(call fuzz_obj,$(LIB_SRCS)) $(FUZZ_RUNTIME_OBJS) \
	$(patsubst $(FUZZ_BUILD)/gen/%.c,$(FUZZ_BUILD)/obj/gen/%.o,$(FUZZ_GEN_PARSERS) $(FUZZ_GEN_LEXERS))
# What the harnesses over the whole library link.
FUZZ_LIB = $(FUZZ_BUILD)/libzvmc-fuzz.a

.SECONDARY: $(FUZZ_GEN_PARSERS) $(FUZZ_GEN_LEXERS) $(FUZZ_GEN_HEADERS)

# Rewritten when the compiler, its flags or fuzz/ubsan.ignore change, so that
# everything is rebuilt.
$(FUZZ_BUILD)/cflags: FORCE
	$(call write_if_changed,$@,$(FUZZ_CC) $(FUZZ_CFLAGS) | $(FUZZ_NO_CMP) | $(FUZZ_LDFLAGS) | \
		$(if $(FUZZ_IGNORE),$(shell cksum < $(FUZZ_IGNORE))))

$(FUZZ_BUILD)/gen/%.tab.c $(FUZZ_BUILD)/gen/%.tab.h: grammar/%.y
	@mkdir -p $(dir $@)
	$(BISON) -Wall -Werror -Dparse.error=$(BISON_PARSE_ERROR) --defines=$(FUZZ_BUILD)/gen/$*.tab.h \
		-o $(FUZZ_BUILD)/gen/$*.tab.c $<

$(FUZZ_BUILD)/gen/%.lex.c $(FUZZ_BUILD)/gen/%.lex.h: grammar/%.l
	@mkdir -p $(dir $@)
	$(FLEX) --header-file=$(FUZZ_BUILD)/gen/$*.lex.h -o $(FUZZ_BUILD)/gen/$*.lex.c $<

$(FUZZ_BUILD)/obj/gen/%.o: $(FUZZ_BUILD)/gen/%.c $(FUZZ_GEN_HEADERS) $(FUZZ_BUILD)/cflags
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fno-sanitize-coverage=trace-cmp -Wno-unused-function -c -o $@ $<

$(call fuzz_obj,$(FUZZ_NO_CMP)): FUZZ_CFLAGS += -fno-sanitize-coverage=trace-cmp

# The runtime needs no generated header (fuzz_objdir builds without bison/flex).
$(FUZZ_BUILD)/obj/src/runtime/%.o: src/runtime/%.c $(FUZZ_BUILD)/cflags
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/obj/src/%.o: src/%.c $(FUZZ_BUILD)/cflags | $(FUZZ_GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

# The harnesses themselves are held to the project's warnings.
$(FUZZ_BUILD)/obj/fuzz/%.o: fuzz/%.c $(FUZZ_BUILD)/cflags | $(FUZZ_GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(WARNINGS) -Itests/unit -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

# fuzz_dict HARNESS, DICTS: the harness's dictionary is the dictionaries DICTS
# (fuzz/*.dict) in one file, written before its seeds.
define fuzz_dict
FUZZ_DICT_$(1) = $(FUZZ_BUILD)/$(1).dict
FUZZ_SEED_DEPS_$(1) += $(FUZZ_BUILD)/$(1).dict
$(FUZZ_BUILD)/$(1).dict: $(2)
	@mkdir -p $$(dir $$@)
	cat $(2) > $$@
endef

# fuzz_link HARNESS: link fuzz/fuzz_HARNESS.c with the library.
define fuzz_link
$(FUZZ_BUILD)/fuzz_$(1): $(FUZZ_BUILD)/obj/fuzz/fuzz_$(1).o $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $$@ $$^ $(XML_LIBS)
endef

.PHONY: fuzz fuzz-smoke

# fuzz_run HARNESS SECONDS: grow $(FUZZ_BUILD)/corpus-HARNESS from the seeds and
# the regression inputs (read, never written), with the harness's dictionary.
# The exit status is libFuzzer's: nonzero on a crash, leak or timeout, whose
# input is then $(FUZZ_BUILD)/crash-HARNESS-*, leak-* or timeout-*.  The last
# lines of libFuzzer's report are kept; the whole log is fuzz-HARNESS.log.
define fuzz_run
	@mkdir -p $(FUZZ_BUILD)/corpus-$(1)
	@echo "fuzz_$(1): $(2) s, corpus $(FUZZ_BUILD)/corpus-$(1), log $(FUZZ_BUILD)/fuzz-$(1).log"
	@ASAN_OPTIONS=$(FUZZ_ASAN_OPTIONS) $(FUZZ_BUILD)/fuzz_$(1) -max_total_time=$(2) \
		-max_len=$(FUZZ_MAX_LEN) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_BUILD)/crash-$(1)- \
		$(if $(FUZZ_DICT_$(1)),-dict=$(FUZZ_DICT_$(1))) $(FUZZ_RUN_FLAGS) $(FUZZ_ARGS) \
		$(FUZZ_BUILD)/corpus-$(1) $(FUZZ_BUILD)/seeds-$(1) \
		$(wildcard tests/fuzz-regressions/$(1)) > $(FUZZ_BUILD)/fuzz-$(1).log 2>&1; \
		rc=$$?; grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+==ERROR|SUMMARY|artifact_prefix)' \
		$(FUZZ_BUILD)/fuzz-$(1).log | sed 's/^/  /'; \
		if [ $$rc -ne 0 ]; then tail -n 40 $(FUZZ_BUILD)/fuzz-$(1).log; fi; exit $$rc
endef

# fuzz_harness HARNESS: the fuzz-HARNESS and fuzz-smoke-HARNESS targets, and
# fuzz-seeds-HARNESS, which (re)writes $(FUZZ_BUILD)/seeds-HARNESS before every
# run: with FUZZ_SEED_CMD_HARNESS when the .mk file sets it, else with
# fuzz/seeds.sh from FUZZ_SEEDS_HARNESS (files, or the files of directories).
# Set the variables before $(eval $(call fuzz_harness,HARNESS)).
define fuzz_harness
.PHONY: fuzz-$(1) fuzz-smoke-$(1) fuzz-seeds-$(1)
fuzz-seeds-$(1): $(FUZZ_SEED_DEPS_$(1))
	$(if $(FUZZ_SEED_CMD_$(1)),$(FUZZ_SEED_CMD_$(1)),@sh fuzz/seeds.sh $(1) $(FUZZ_BUILD)/seeds-$(1) $(FUZZ_SEEDS_$(1)))
fuzz-$(1): $(FUZZ_BUILD)/fuzz_$(1) fuzz-seeds-$(1)
	$$(call fuzz_run,$(1),$(FUZZ_SECONDS))
fuzz-smoke-$(1): $(FUZZ_BUILD)/fuzz_$(1) fuzz-seeds-$(1)
	$$(call fuzz_run,$(1),$(FUZZ_SMOKE_SECONDS))
fuzz: fuzz-$(1)
fuzz-smoke: fuzz-smoke-$(1)
endef

-include $(shell find $(FUZZ_BUILD)/obj -name '*.d' 2>/dev/null)
