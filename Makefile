# SPDX-License-Identifier: MIT
# zvmc: hand-written Makefile.  Run ./configure first; it writes config.mk.
#
# Layout of the build tree ($(BUILD), default build/):
#   $(BUILD)/gen/        flex and bison output (never committed)
#   $(BUILD)/obj/...     objects, mirroring the source tree
#   $(BUILD)/zvmc        the command-line tool
#   $(BUILD)/libzvmc.a   the library (front ends, checks, emitters, runtime)
#   $(BUILD)/libzvmc-runtime.a  the runtime alone (libc only)
#   $(BUILD)/tests/      unit-test programs

ifeq ($(wildcard config.mk),)
$(error config.mk is missing: run ./configure first)
endif
include config.mk

BUILD ?= build
VERSION := 0.1.0
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wpointer-arith -Wwrite-strings -Wformat=2 -Wno-format-nonliteral
OPT ?= -O2 -g
BASE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARNINGS) $(SAN_FLAGS) $(USER_CFLAGS)
INCLUDES := -Iinclude -Isrc -I$(BUILD)/gen
CFLAGS_ALL := $(BASE_CFLAGS) $(INCLUDES) $(XML_CFLAGS) -MMD -MP
# Generated scanners and parsers are not held to every warning we hold our code to.
GEN_CFLAGS := $(CFLAGS_ALL) -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes \
	-Wno-unused-but-set-variable
LDLIBS_ALL := $(SAN_FLAGS) $(USER_LDFLAGS) $(XML_LIBS)

GRAMMARS := $(wildcard grammar/*.y)
LEXERS := $(wildcard grammar/*.l)
GEN_PARSERS := $(patsubst grammar/%.y,$(BUILD)/gen/%.tab.c,$(GRAMMARS))
GEN_LEXERS := $(patsubst grammar/%.l,$(BUILD)/gen/%.lex.c,$(LEXERS))
GEN_HEADERS := $(GEN_PARSERS:.c=.h) $(GEN_LEXERS:.c=.h)

RUNTIME_SRCS := $(wildcard src/runtime/*.c)
LIB_SRCS := $(wildcard src/util/*.c src/core/*.c src/parse/*.c src/check/*.c src/emit/*.c)
CLI_SRCS := $(wildcard src/cli/*.c)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
RUNTIME_OBJS := $(call obj,$(RUNTIME_SRCS))
LIB_OBJS := $(call obj,$(LIB_SRCS)) $(patsubst $(BUILD)/gen/%.c,$(BUILD)/obj/gen/%.o,$(GEN_PARSERS) $(GEN_LEXERS))
CLI_OBJS := $(call obj,$(CLI_SRCS))

TEST_SRCS := $(wildcard tests/unit/*.c)
TEST_PROGS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRCS))

# Keep the generated sources: they are inputs of later builds, not intermediates.
.SECONDARY: $(GEN_PARSERS) $(GEN_LEXERS) $(GEN_HEADERS)

.PHONY: all check check-asan check-valgrind install uninstall clean bench fuzz fuzz-smoke
all: $(BUILD)/zvmc $(BUILD)/libzvmc.a $(BUILD)/libzvmc-runtime.a

$(BUILD)/gen/%.tab.c $(BUILD)/gen/%.tab.h: grammar/%.y
	@mkdir -p $(dir $@)
	$(BISON) -Wall -Werror -Dparse.error=$(BISON_PARSE_ERROR) --defines=$(BUILD)/gen/$*.tab.h -o $(BUILD)/gen/$*.tab.c $<

$(BUILD)/gen/%.lex.c $(BUILD)/gen/%.lex.h: grammar/%.l
	@mkdir -p $(dir $@)
	$(FLEX) --header-file=$(BUILD)/gen/$*.lex.h -o $(BUILD)/gen/$*.lex.c $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(GEN_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c | $(GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/libzvmc-runtime.a: $(RUNTIME_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libzvmc.a: $(LIB_OBJS) $(RUNTIME_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/zvmc: $(CLI_OBJS) $(BUILD)/libzvmc.a
	$(CC) $(BASE_CFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libzvmc.a $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libzvmc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libzvmc.a $(LDLIBS_ALL)

check: all $(TEST_PROGS)
	ZVMC=$(BUILD)/zvmc BUILD=$(BUILD) sh tests/run-tests.sh

# The whole suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan:
	$(MAKE) BUILD=build-asan OPT='-O1 -g' \
		SAN_FLAGS='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' check

# The suite's zvmc runs under valgrind memcheck; any error fails the run.
check-valgrind: all $(TEST_PROGS)
	ZVMC=$(BUILD)/zvmc BUILD=$(BUILD) ZVMC_VALGRIND=1 sh tests/run-tests.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/zvmc
	install -m 755 $(BUILD)/zvmc $(DESTDIR)$(BINDIR)/zvmc
	install -m 644 $(BUILD)/libzvmc.a $(BUILD)/libzvmc-runtime.a $(DESTDIR)$(LIBDIR)/
	install -m 644 include/zvmc/*.h $(DESTDIR)$(INCLUDEDIR)/zvmc/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/zvmc $(DESTDIR)$(LIBDIR)/libzvmc.a $(DESTDIR)$(LIBDIR)/libzvmc-runtime.a
	rm -rf $(DESTDIR)$(INCLUDEDIR)/zvmc

clean:
	rm -rf build build-asan build-fuzz

-include $(wildcard bench/*.mk fuzz/common.mk)
-include $(filter-out fuzz/common.mk,$(wildcard fuzz/*.mk))
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
