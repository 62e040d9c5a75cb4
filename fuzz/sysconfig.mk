# SPDX-License-Identifier: MIT
# The SYSTEM CONFIG harness (fuzz/fuzz_sysconfig.c); settings and rules in fuzz/common.mk.
FUZZ_SEEDS_sysconfig = $(wildcard examples/*/SYSTEM.CONFIG* tests/golden/*/*.config \
	tests/golden/sysconfig/imbed/*/*.CONFIG ../shared/corpora/*.config)
FUZZ_DICT_sysconfig = fuzz/sysconfig.dict
$(eval $(call fuzz_link,sysconfig))
$(eval $(call fuzz_harness,sysconfig))
