# The order of a round's variants, sourced by the bench scripts that run
# variants taking turns (bench/run.sh, bench/first.sh). Each round runs
# them in an order of its own, shuffled from a fixed seed (SEED, default
# 1): in one fixed order reversed every other round, a library against a
# byte-identical copy of itself read x1.013 to x1.036 for the first call
# (docs/performance.md, "The first call: the bench's own order") and
# x1.009 and x1.012 in make bench's exec loops ("make bench's own
# order"), intervals excluding 1, as much as the differences measured. COPIES (default 8): the scripts load each
# library from COPIES files, round r copy r mod COPIES, so that no one
# file's placement weighs on a variant.
COPIES=${COPIES:-8}
RANDOM=${SEED:-1}
# shuffle WORD...: the words in a random order into ORDER (Fisher-Yates
# on RANDOM; in this shell, as a $(...) would not draw from its RANDOM).
shuffle() {
	local i j t
	ORDER=("$@")
	for ((i = ${#ORDER[@]} - 1; i > 0; i--)); do
		j=$((RANDOM % (i + 1)))
		t=${ORDER[i]} ORDER[i]=${ORDER[j]} ORDER[j]=$t
	done
}
