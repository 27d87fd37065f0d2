# Symbols from the fleet: a log whose program is no longer where it ran
# (moved away, or replaced by another build) names its frames through a
# real debuginfod serving a folder, by build-id; without DEBUGINFOD_URLS the
# frames stay module+offset and show the build-id to fetch them by. The
# server runs in a network namespace of its own, so it listens on that
# namespace's loopback only, and the report is read from inside it.
. "$(dirname "$0")/lib.sh"
need cc
need unshare
need nsenter
need ip
need debuginfod
need debuginfod-find
need llvm-symbolizer
need objcopy
need strip
need_root

APP="$WORK/app"
SERVED="$WORK/served"
mkdir -p "$APP" "$SERVED"
build() {
	cc -std=c11 -O1 -g -fno-omit-frame-pointer -Wl,--build-id=sha1 -DVARIANT="$1" -o "$2" \
		"$PROGRAMS/batch_forker.c" || fail "cannot build batch_forker"
}
build 1 "$APP/batch_forker"
id=$(readelf -n "$APP/batch_forker" | awk '/Build ID:/ {print $3}')
[ -n "$id" ] || fail "the program has no build-id"

# A real failure: the PID namespace's init (the first child) has exited.
FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" timeout 30 unshare --pid -- "$APP/batch_forker" >"$WORK/out" 2>&1 ||
	fail "batch_forker did not fail exactly once: $(cat "$WORK/out")"
expect_output "$WORK/out" 'fork: Cannot allocate memory'
grep -q "\"module\":\"$APP/batch_forker\",\"offset\":\"0x[0-9a-f]*\",\"build_id\":\"$id\"" "$LOG" ||
	fail "the log has no frame of batch_forker with build-id $id: $(cat "$LOG")"

# Out of reach: the program goes to the server's folder only, as a fleet
# keeps it: the executable stripped of every symbol, its DWARF and symbol
# table in a separate debug file (the names can only come from that).
objcopy --only-keep-debug "$APP/batch_forker" "$SERVED/batch_forker.debug" || fail "objcopy failed"
strip --strip-all -o "$SERVED/batch_forker" "$APP/batch_forker" || fail "strip failed"
rm "$APP/batch_forker"

# The server, on the loopback of a network namespace held by a sleeper.
unshare --net -- sleep 600 &
holder=$!
on_exit kill_tree "$holder"
innet() { nsenter --target "$holder" --net -- "$@"; }
for _ in $(seq 100); do
	[ "$(readlink /proc/$holder/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break
	sleep 0.05
done
innet ip link set lo up || fail "cannot bring up the namespace's loopback"
port=8002
# nsenter itself, not the function: $! must be the pid debuginfod runs as
# (nsenter execs it in place; entering a network namespace needs no fork).
nsenter --target "$holder" --net -- debuginfod -F "$SERVED" -p "$port" -d "$WORK/debuginfod.sqlite" \
	>"$WORK/debuginfod.log" 2>&1 &
server=$!
on_exit kill_tree "$server"
url="http://127.0.0.1:$port"
# Ready when it serves the build-id (each probe with a cache of its own:
# debuginfod clients remember a miss).
ready=no
for try in $(seq 200); do
	if DEBUGINFOD_URLS="$url" DEBUGINFOD_CACHE_PATH="$WORK/probe-$try" innet debuginfod-find executable "$id" \
		>/dev/null 2>&1; then
		ready=yes
		break
	fi
	kill -0 "$server" 2>/dev/null || fail "debuginfod exited: $(cat "$WORK/debuginfod.log")"
	sleep 0.1
done
[ "$ready" = yes ] || fail "debuginfod never served $id: $(tail -n 20 "$WORK/debuginfod.log")"

# report OUT [URLS]: the text report, with DEBUGINFOD_URLS only when given.
report() {
	local out=$1
	shift
	local with=(env -u DEBUGINFOD_URLS DEBUGINFOD_CACHE_PATH="$WORK/cache-$out")
	[ $# -eq 0 ] || with+=(DEBUGINFOD_URLS="$1")
	innet "${with[@]}" timeout 60 "$FORKEXPLAIN" report "$LOG" >"$WORK/$out" 2>&1 ||
		fail "report exited $?: $(cat "$WORK/$out")"
}
names_shown() {
	grep -qE "batch_forker\+0x[0-9a-f]+ fx_spawn_worker\$" "$WORK/$1" &&
		grep -qE "batch_forker\+0x[0-9a-f]+ fx_run_batch\$" "$WORK/$1" &&
		grep -qE "batch_forker\+0x[0-9a-f]+ main\$" "$WORK/$1"
}
unsymbolized() {
	grep -qE "#[0-9]+ $APP/batch_forker\+0x[0-9a-f]+ \(build-id $id\)\$" "$WORK/$1" && ! grep -q fx_spawn_worker "$WORK/$1"
}

# 1. The module is absent. Without a server: module+offset and the build-id.
report absent-plain
unsymbolized absent-plain || fail "without DEBUGINFOD_URLS: $(cat "$WORK/absent-plain")"
# With it: the names, and the file kept in the debuginfod client cache.
report absent-fetched "$url"
names_shown absent-fetched || fail "with DEBUGINFOD_URLS the frames are not named: $(cat "$WORK/absent-fetched")"
[ -s "$WORK/cache-absent-fetched/$id/debuginfo" ] ||
	fail "nothing kept in the client cache: $(ls -R "$WORK/cache-absent-fetched")"
grep -q "GET /buildid/$id/debuginfo 200" "$WORK/debuginfod.log" || fail "the server never served the debuginfo"

# 2. Another build at the logged path: never read for this log's frames.
build 2 "$APP/batch_forker"
[ "$(readelf -n "$APP/batch_forker" | awk '/Build ID:/ {print $3}')" != "$id" ] || fail "the second build has the same build-id"
report other-plain
unsymbolized other-plain || fail "another build's symbols were used: $(cat "$WORK/other-plain")"
report other-fetched "$url"
names_shown other-fetched || fail "another build at the path, and no names from debuginfod: $(cat "$WORK/other-fetched")"

echo "ok: frames of a moved or rebuilt program named through debuginfod by build-id $id; without it, module+offset and the build-id"
