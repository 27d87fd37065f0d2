# `cargo build` in a small task limit fails with rustc's and cargo's own
# panics: "failed to spawn thread: Os { code: 11, kind: WouldBlock, ... }"
# (github.com/rust-lang/rust/issues/81239, /69140, /77894,
# github.com/mozilla/sccache/issues/1972: 192 cores in podman's 2048),
# "Unable to install ctrlc handler", cargo's "could not execute process
# ... (never executed)" over "Resource temporarily unavailable (os error
# 11)". cargo runs a rustc per core by default, each with threads of its
# own (docs/kernel-facts.md §11.98). Reproduced for real: a workspace of 8
# independent crates built offline with -j 6 in a pids cgroup of 16 (2 of
# them held), under the shim. report names the cgroup's limit, explain
# reads the build's output as cargo's and rustc's and says -j, and
# `cargo build -j 1` then builds the same workspace under the same limit.
. "$(dirname "$0")/lib.sh"
need_root
need cargo

# The workspace: an app depending on 8 crates that build in parallel.
ws="$WORK/ws"
mkdir -p "$ws/src"
printf '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n' >"$ws/Cargo.toml"
echo 'fn main() {' >"$ws/src/main.rs"
for i in 1 2 3 4 5 6 7 8; do
	mkdir -p "$ws/c$i/src"
	printf '[package]\nname = "c%s"\nversion = "0.1.0"\nedition = "2021"\n' "$i" >"$ws/c$i/Cargo.toml"
	echo "pub fn f() -> u64 { (0..$i).sum() }" >"$ws/c$i/src/lib.rs"
	echo "c$i = { path = \"c$i\" }" >>"$ws/Cargo.toml"
	echo "    println!(\"{}\", c$i::f());" >>"$ws/src/main.rs"
done
echo '}' >>"$ws/src/main.rs"
pids_cgroup "forkexplain-207-cargo-$$" 16 2

# build JOBS OUT: a clean build of the workspace in the cgroup.
build() {
	rm -rf "$ws/target"
	PROGRAM_STATUS=0
	(cd "$ws" && FORKEXPLAIN_LOG="$LOG" RUST_BACKTRACE=0 timeout 120 bash -c "
		echo \$\$ > '$CG/cgroup.procs'
		LD_PRELOAD='$SHIM' exec cargo build --offline -j $1") >"$2" 2>&1 || PROGRAM_STATUS=$?
}

build 6 "$WORK/out"
[ "$PROGRAM_STATUS" != 0 ] || fail "cargo build -j 6 built in 14 tasks: $(tail -3 "$WORK/out")"
expect_output "$WORK/out" 'Resource temporarily unavailable \(os error 11\)|code: 11, kind: WouldBlock'
expect verdict=cgroup_pids_limit family=denial errno=EAGAIN binding="/forkexplain-207-cargo-$$" not_family=oom
explain_reads "$(cat "$WORK/out")" 'Rust (cargo / rustc)' cgroup_pids_limit 'EAGAIN while creating' \
	'`cargo build -j N`' 'CARGO_BUILD_JOBS'
grep -qE 'compiler/rustc_|could not execute process `' "$WORK/out" ||
	fail "neither rustc's nor cargo's own words were in the output: $(head -20 "$WORK/out")"

# The advice: fewer jobs, the same workspace, the same limit.
build 1 "$WORK/fixed.out"
[ "$PROGRAM_STATUS" = 0 ] && grep -q 'Finished' "$WORK/fixed.out" ||
	fail "cargo build -j 1 did not build under pids.max 16 (status $PROGRAM_STATUS): $(tail -5 "$WORK/fixed.out")"
echo "ok: cargo build -j 6 was refused tasks under pids.max 16 ($(grep -cE 'os error 11|code: 11' "$WORK/out") refusals printed); explain read cargo's and rustc's words and said -j, and -j 1 built the same workspace under the same limit"
