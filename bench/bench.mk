# SPDX-License-Identifier: MIT
# `make bench`: generated clusters of 1,000 / 10,000 / 100,000 guests, each row the median of
# several runs (docs/benchmarks.md).  Never part of `make check`.  BENCH_SIZES, BENCH_RUNS and
# the other BENCH_* variables of bench/run.sh pass through the environment.
bench: all $(BUILD)/bench/lookup
	BUILD=$(BUILD) ZVMC=$(BUILD)/zvmc CC='$(CC)' sh bench/run.sh
	BUILD=$(BUILD) ZVMC=$(BUILD)/zvmc CC='$(CC)' sh bench/hostile.sh

# The hostile-input patterns alone: each at N and 4N, SUPERLINEAR (exit 1) when the second takes
# more than HOSTILE_LIMIT (8) times the first (bench/hostile.sh).
bench-hostile: all
	BUILD=$(BUILD) ZVMC=$(BUILD)/zvmc CC='$(CC)' sh bench/hostile.sh

# Row 7's program: the runtime library and libc, nothing else (no -lxml2: linking it is the
# proof that the runtime needs nothing more).
$(BUILD)/bench/lookup: bench/lookup.c $(BUILD)/libzvmc-runtime.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -Iinclude -o $@ bench/lookup.c $(BUILD)/libzvmc-runtime.a $(USER_LDFLAGS)
