# The bench scripts' statistics, sourced by each (bench/run.sh and the
# scripts it runs): every figure is a median of rounds, and a ratio is
# taken round by round between variants that ran next to each other.

# median [COLUMN]: the median of standard input's COLUMN (default 1).
median() { awk -v c="${1:-1}" '{ print $c }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "x%.3f", a / b }'; }

# spread A B [COLUMN]: the ratio of the files' lines (COLUMN, default 2),
# round by round (line N of A over line N of B), as its median, the middle
# half of the rounds (how far one round strays) and the 95 % confidence
# interval of the median (the order statistics n/2 -+ 0.98 sqrt(n), free
# of any assumption on the rounds' distribution: how well the rounds
# together place the median, which is what a goal of x1.02 is held to): a
# round's two variants ran next to each other, under the same load.
spread() {
	paste -d' ' "$1" "$2" | awk -v c="${3:-2}" '{ n = split($0, f, " "); print f[c] / f[c + n / 2] }' | sort -n |
		awk '{ v[NR] = $1 } END {
			d = 0.98 * sqrt(NR); lo = int(NR / 2 - d + 0.5); hi = int(NR / 2 + 1 + d + 0.5)
			if (lo < 1) lo = 1
			if (hi > NR) hi = NR
			printf "x%.3f [%.3f-%.3f] ci %.3f-%.3f", v[int((NR + 1) / 2)], v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)], v[lo], v[hi]
		}'
}
