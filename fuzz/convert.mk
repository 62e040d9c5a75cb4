# SPDX-License-Identifier: MIT
# The CSE to SSI converter harness (fuzz/fuzz_convert.c); settings and rules in
# fuzz/common.mk.  Its seeds are the convert goldens' command lines with their
# files (fuzz/seeds.sh turns each tests/golden/convert/NAME.cmd into one input).
FUZZ_SEEDS_convert = $(wildcard tests/golden/convert/*.cmd)
FUZZ_DICT_convert = $(FUZZ_BUILD)/convert.dict
$(FUZZ_BUILD)/convert.dict: fuzz/convert.dict fuzz/sysconfig.dict fuzz/directory.dict
	@mkdir -p $(dir $@)
	cat fuzz/convert.dict fuzz/sysconfig.dict fuzz/directory.dict > $@
FUZZ_SEED_DEPS_convert = $(FUZZ_BUILD)/convert.dict
$(eval $(call fuzz_link,convert))
$(eval $(call fuzz_harness,convert))
