# SPDX-License-Identifier: MIT
# zvmc: hand-written Makefile.  Run ./configure first; it writes config.mk.
#
# Layout of the build tree ($(BUILD), default build/):
#   $(BUILD)/gen/        flex and bison output (never committed)
#   $(BUILD)/obj/...     objects, mirroring the source tree
#   $(BUILD)/zvmc        the command-line tool
#   $(BUILD)/libzvmc.a   the library (front ends, checks, emitters, runtime)
#   $(BUILD)/libzvmc-runtime.a  the runtime alone (libc only)
#   $(BUILD)/pic/...     the same objects built -fPIC, for the shared libraries
#   $(BUILD)/libzvmc.so.V, libzvmc-runtime.so.V, zvmc.pc, zvmc-runtime.pc
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
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))

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
CLI_OBJS := $(call obj,$(CLI_SRCS)) $(BUILD)/obj/gen/check_docs.o
# The -fPIC objects of the shared libraries (see "Shared libraries" below).
pic = $(patsubst %.c,$(BUILD)/pic/%.o,$(1))
RUNTIME_PIC_OBJS := $(call pic,$(RUNTIME_SRCS))
LIB_PIC_OBJS := $(call pic,$(LIB_SRCS)) $(patsubst $(BUILD)/gen/%.c,$(BUILD)/pic/gen/%.o,$(GEN_PARSERS) $(GEN_LEXERS))
SHARED_LIBS := $(BUILD)/libzvmc.so.$(VERSION) $(BUILD)/libzvmc-runtime.so.$(VERSION)
PC_FILES := $(BUILD)/zvmc.pc $(BUILD)/zvmc-runtime.pc

TEST_SRCS := $(wildcard tests/unit/*.c)
TEST_PROGS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRCS))

# Keep the generated sources: they are inputs of later builds, not intermediates.
.SECONDARY: $(GEN_PARSERS) $(GEN_LEXERS) $(GEN_HEADERS)

.PHONY: FORCE all check check-asan check-tsan check-valgrind install uninstall clean bench bench-hostile fuzz fuzz-smoke
all: $(BUILD)/zvmc $(BUILD)/libzvmc.a $(BUILD)/libzvmc-runtime.a $(SHARED_LIBS) $(PC_FILES)

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

# ---- Shared libraries and pkg-config --------------------------------------------
# The -fPIC objects live in $(BUILD)/pic/, so the static library and the binary
# stay as they are.  Version scripts export the public API and nothing else.
# -z defs proves a library names every library it needs; sanitizer runtimes
# are left undefined on purpose (clang), so it is off in those builds.
SO_LDFLAGS = -shared -Wl,-soname,$(patsubst %.so.$(VERSION),%.so.$(SOMAJOR),$(notdir $@)) \
	$(if $(SAN_FLAGS),,-Wl,-z,defs)

$(BUILD)/pic/gen/%.o: $(BUILD)/gen/%.c $(GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(GEN_CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/pic/%.o: %.c | $(GEN_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fPIC -c -o $@ $<

$(BUILD)/libzvmc.so.$(VERSION): $(LIB_PIC_OBJS) $(RUNTIME_PIC_OBJS) src/libzvmc.map
	$(CC) $(BASE_CFLAGS) $(SO_LDFLAGS) -Wl,--version-script=src/libzvmc.map -o $@ \
		$(LIB_PIC_OBJS) $(RUNTIME_PIC_OBJS) $(LDLIBS_ALL)

$(BUILD)/libzvmc-runtime.so.$(VERSION): $(RUNTIME_PIC_OBJS) src/libzvmc-runtime.map
	$(CC) $(BASE_CFLAGS) $(SO_LDFLAGS) -Wl,--version-script=src/libzvmc-runtime.map -o $@ \
		$(RUNTIME_PIC_OBJS) $(SAN_FLAGS) $(USER_LDFLAGS)

# $(call write_if_changed,FILE,TEXT): rewrite FILE only when TEXT changed, so that
# its timestamp tells rules when a list of files or a setting changed.
write_if_changed = @mkdir -p $(dir $(1)); echo '$(2)' | cmp -s - $(1) || echo '$(2)' > $(1)

# Directories under the prefix are written as ${prefix}/..., so that
# `pkg-config --define-prefix` (or --define-variable=prefix=) can move them.
pc_dir = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
$(BUILD)/pc.vars: FORCE
	$(call write_if_changed,$@,$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(VERSION) $(XML_LIBS))
$(BUILD)/%.pc: %.pc.in $(BUILD)/pc.vars
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(call pc_dir,$(LIBDIR))|g' \
		-e 's|@INCLUDEDIR@|$(call pc_dir,$(INCLUDEDIR))|g' -e 's|@VERSION@|$(VERSION)|g' \
		-e 's|@XML_LIBS@|$(strip $(XML_LIBS))|g' $< > $@

# ---- The check pages, built into zvmc for `zvmc explain` -------------------------
CHECK_DOCS := $(sort $(wildcard docs/checks/*.md))
# The list itself is a prerequisite, so that removing a page rebuilds too.
$(BUILD)/gen/check_docs.list: FORCE
	$(call write_if_changed,$@,$(CHECK_DOCS))
$(BUILD)/gen/check_docs.c: $(CHECK_DOCS) $(BUILD)/gen/check_docs.list scripts/gen-check-docs.sh
	sh scripts/gen-check-docs.sh $(CHECK_DOCS) > $@.tmp && mv $@.tmp $@
FORCE:

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libzvmc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libzvmc.a $(LDLIBS_ALL)
# The one test that starts threads (contexts used at once: tests/unit/threads.c).
$(BUILD)/tests/threads: CFLAGS_ALL += -pthread
$(BUILD)/tests/threads: LDLIBS_ALL += -pthread

check: all $(TEST_PROGS)
	ZVMC=$(BUILD)/zvmc BUILD=$(BUILD) sh tests/run-tests.sh

# The whole suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan:
	$(MAKE) BUILD=build-asan OPT='-O1 -g' \
		SAN_FLAGS='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' check

# tests/unit/threads.c under ThreadSanitizer: the library and the test built with
# -fsanitize=thread; a data race between contexts in different threads fails it.
check-tsan:
	$(MAKE) BUILD=build-tsan OPT='-O1 -g' SAN_FLAGS='-fsanitize=thread' build-tsan/tests/threads
	TSAN_OPTIONS='halt_on_error=1 exitcode=66' build-tsan/tests/threads

# The suite's zvmc runs under valgrind memcheck; any error fails the run.
check-valgrind: all $(TEST_PROGS)
	ZVMC=$(BUILD)/zvmc BUILD=$(BUILD) ZVMC_VALGRIND=1 sh tests/run-tests.sh

# ---- Install: make install [PREFIX=/usr/local] [DESTDIR=staging] ----------------
MAN_PAGES := $(wildcard man/*.1 man/*.3 man/*.5)
LIB_NAMES := libzvmc libzvmc-runtime

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
		$(DESTDIR)$(INCLUDEDIR)/zvmc $(DESTDIR)$(BASHCOMPDIR) \
		$(addprefix $(DESTDIR)$(MANDIR)/man,$(sort $(subst .,,$(suffix $(MAN_PAGES)))))
	install -m 755 $(BUILD)/zvmc $(DESTDIR)$(BINDIR)/zvmc
	install -m 644 $(BUILD)/libzvmc.a $(BUILD)/libzvmc-runtime.a $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHARED_LIBS) $(DESTDIR)$(LIBDIR)/
	for l in $(LIB_NAMES); do \
		ln -sf $$l.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$$l.so.$(SOMAJOR) && \
		ln -sf $$l.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$$l.so || exit 1; \
	done
	install -m 644 include/zvmc/*.h $(DESTDIR)$(INCLUDEDIR)/zvmc/
	install -m 644 $(PC_FILES) $(DESTDIR)$(PKGCONFIGDIR)/
	for m in $(MAN_PAGES); do \
		install -m 644 $$m $(DESTDIR)$(MANDIR)/man$${m##*.}/ || exit 1; \
	done
	install -m 644 completions/zvmc.bash $(DESTDIR)$(BASHCOMPDIR)/zvmc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/zvmc $(DESTDIR)$(BASHCOMPDIR)/zvmc
	for l in $(LIB_NAMES); do \
		rm -f $(DESTDIR)$(LIBDIR)/$$l.a $(DESTDIR)$(LIBDIR)/$$l.so \
			$(DESTDIR)$(LIBDIR)/$$l.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/$$l.so.$(VERSION); \
	done
	rm -f $(addprefix $(DESTDIR)$(PKGCONFIGDIR)/,$(notdir $(PC_FILES)))
	for m in $(notdir $(MAN_PAGES)); do rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$$m; done
	rm -rf $(DESTDIR)$(INCLUDEDIR)/zvmc

clean:
	rm -rf build build-asan build-tsan build-fuzz

-include $(wildcard bench/*.mk fuzz/common.mk)
-include $(filter-out fuzz/common.mk,$(wildcard fuzz/*.mk))
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
