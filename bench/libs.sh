# The library under test and, with BASELINE, another build of it, for the
# bench scripts that run both in the same rounds (bench/failure.sh,
# bench/held.sh); sourced once WORK is made. Both under names of the same
# length: the loop's environment, and with it its stack, stays the same
# size (bench/run.sh). Sets libs; `lib base|new` is a library's path.
cp "$SHIM" "$WORK/n.so"
libs=new
if [ -n "$BASELINE" ]; then
	cp "$BASELINE" "$WORK/b.so"
	libs="base new"
fi
lib() { [ "$1" = base ] && echo "$WORK/b.so" || echo "$WORK/n.so"; }
