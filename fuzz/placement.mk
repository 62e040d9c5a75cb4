# SPDX-License-Identifier: MIT
# The placement parser harness (fuzz/fuzz_placement.c): the runtime's
# placement parser and planner, and the object directory builder, which makes
# the planner's cluster (tests/unit/plan_fixture.h) at start-up; the linker
# takes only those from the library.  Its seeds are the placements of the
# planner's goldens.  Settings and rules in fuzz/common.mk.
FUZZ_SEEDS_placement = $(wildcard tests/golden/plan/*.placement)
FUZZ_DICT_placement = fuzz/placement.dict
$(eval $(call fuzz_link,placement))
$(eval $(call fuzz_harness,placement))
