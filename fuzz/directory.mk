# SPDX-License-Identifier: MIT
# The source directory harness (fuzz/fuzz_directory.c); settings and rules in
# fuzz/common.mk.  Besides the directories, the seeds hold every cluster of the
# examples and tests as SYSTEM CONFIG %% directory, for the member views and
# relocation.
FUZZ_SEEDS_directory = $(wildcard examples/*/USER.DIRECT tests/golden/*/*.direct \
	../shared/corpora/*.direct) \
	examples/ltics1/SYSTEM.CONFIG%%examples/ltics1/USER.DIRECT \
	examples/cse/SYSTEM.CONFIG%%examples/cse/USER.DIRECT \
	examples/ltics1/SYSTEM.CONFIG%%tests/golden/relocate/ltics1-before.direct \
	examples/ltics1/SYSTEM.CONFIG%%tests/golden/relocate/ltics1-after.direct \
	tests/golden/relocate/reasons.config%%tests/golden/relocate/reasons.direct \
	$(foreach c,merge sysid xlist,tests/golden/convert/$(c).config%%tests/golden/convert/$(c).direct)
# The directory keywords, and the SYSTEM CONFIG ones for the %% form.
$(eval $(call fuzz_dict,directory,fuzz/directory.dict fuzz/sysconfig.dict))
$(eval $(call fuzz_link,directory))
$(eval $(call fuzz_harness,directory))
