# SPDX-License-Identifier: MIT
# The CSE to SSI converter harness (fuzz/fuzz_convert.c); settings and rules in
# fuzz/common.mk.  Its seeds are the convert goldens' command lines with their
# files (fuzz/seeds.sh turns each tests/golden/convert/NAME.cmd into one input).
FUZZ_SEEDS_convert = $(wildcard tests/golden/convert/*.cmd)
$(eval $(call fuzz_dict,convert,fuzz/convert.dict fuzz/sysconfig.dict fuzz/directory.dict))
$(eval $(call fuzz_link,convert))
$(eval $(call fuzz_harness,convert))
