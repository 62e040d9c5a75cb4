# SPDX-License-Identifier: MIT
# The IMBED harness (fuzz/fuzz_imbed.c): SYSTEM CONFIG files that imbed each
# other, written into a temporary directory for every input.  Its seeds are
# the IMBED test cases (tests/golden/sysconfig/imbed/CASE/), each case's files
# as the sections of one input (fuzz/seeds.sh).  Settings and rules in
# fuzz/common.mk.
FUZZ_SEEDS_imbed = $(wildcard tests/golden/sysconfig/imbed/*)
$(eval $(call fuzz_dict,imbed,fuzz/sysconfig.dict fuzz/imbed.dict))
$(eval $(call fuzz_link,imbed))
$(eval $(call fuzz_harness,imbed))
