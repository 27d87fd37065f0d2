#!/usr/bin/env bash
# forkexplain watch where this project's machine cannot take it: a real
# systemd as PID 1 and a kernel with kprobes (Debian's, CONFIG_KPROBES=y;
# the project's machine runs a kernel built without them and has no
# systemd). Boots a Debian root (debootstrap, with systemd and
# linux-image-amd64) in qemu with `make install`'s forkexplain and its
# shipped forkexplain-watch.service enabled; Tests/vm/guest.sh then checks,
# inside, that the unit runs under systemd in kretprobe mode with its
# entry probe, catches a fork and a thread refused by a service's TasksMax
# (each said to be a process or a thread), stops cleanly, and runs
# bench/watch.sh (off / tracepoints / kretprobe). qemu uses KVM when it
# works and otherwise emulates (TCG): the bench's figures are then the
# emulator's, and on a loaded host they are noise, not a measurement
# (-icount, which would count instructions instead, hangs this kernel's
# boot under qemu 7.2).
# Slow (minutes), root, the Debian mirror once; `make vm-test` runs it,
# `make test` does not. Work files in .build-vm/ (VM_DIR).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${VM_DIR:-$repo/.build-vm}
SUITE=${SUITE:-bookworm}
root=$work/root
tarball=$work/$SUITE-systemd.tar
image=$work/root.img
serial=$work/serial.log
say() { printf 'vm: %s\n' "$*"; }
fail() {
	printf 'FAIL vm: %s\n' "$*" >&2
	exit 1
}
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot, mkfs)"
for t in debootstrap qemu-system-x86_64 mkfs.ext4 gcc; do
	command -v "$t" >/dev/null || fail "$t missing: apt-get install debootstrap qemu-system-x86 e2fsprogs gcc"
done
[ -x "$repo/.build/release/forkexplain" ] || fail "build first: make build"
mkdir -p "$work"

# The mirror this machine's apt uses (none is named in the repository).
mirror() {
	sed -n 's/^URIs: *\([^ ]*\).*/\1/p; s/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) .*/\2/p' \
		/etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | grep -v security | head -n 1
}
if [ ! -s "$tarball" ]; then
	say "debootstrap $SUITE with systemd and a kernel (minutes)"
	rm -rf "$work/bootstrap"
	debootstrap --variant=minbase \
		--include=systemd,systemd-sysv,udev,dbus,linux-image-amd64,initramfs-tools,procps,kmod,util-linux \
		"$SUITE" "$work/bootstrap" "$(mirror)" >"$work/debootstrap.log" 2>&1 ||
		fail "debootstrap failed: $(tail -n 3 "$work/debootstrap.log")"
	tar -C "$work/bootstrap" -cf "$tarball" .
	rm -rf "$work/bootstrap"
fi
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$tarball"

say "installing forkexplain (make install) and the check"
make -C "$repo" install DESTDIR="$root" PREFIX=/usr/local SYSTEMD_UNIT_DIR=/etc/systemd/system >/dev/null
# The Swift runtime the binary links, from this machine.
ldd "$repo/.build/release/forkexplain" | awk '/=> \// { print $3 }' | while read -r lib; do
	[ -e "$root$lib" ] || cp -L "$lib" "$root/usr/local/lib/"
done
gcc -static -O2 -o "$root/usr/local/bin/forker" "$repo/Tests/scenarios/programs/forker.c"
gcc -static -O2 -o "$root/usr/local/bin/threader" "$repo/Tests/scenarios/programs/threader.c" -lpthread
bench=$root/usr/local/share/forkexplain-bench
mkdir -p "$bench"
cp "$repo/bench/watch.sh" "$repo/bench/pids_cgroup.sh" "$bench/"
cc -std=c11 -O2 -o "$bench/loop" "$repo/bench/loop.c" -lpthread
cc -std=c11 -O2 -o "$bench/fail_loop" "$repo/bench/fail_loop.c"
cc -std=c11 -O2 -o "$bench/syscall_loop" "$repo/bench/syscall_loop.c"
install -m 0755 "$repo/Tests/vm/guest.sh" "$root/usr/local/sbin/fxvm-check"
install -m 0644 "$repo/Tests/vm/fxvm-check.service" "$root/etc/systemd/system/"
echo "/dev/vda / ext4 rw 0 1" >"$root/etc/fstab"
echo fxvm >"$root/etc/hostname"
chroot "$root" ldconfig
chroot "$root" systemctl enable forkexplain-watch.service fxvm-check.service >/dev/null 2>&1
chroot "$root" systemctl mask getty@tty1.service serial-getty@ttyS0.service >/dev/null 2>&1
chroot "$root" /usr/local/bin/forkexplain --help >/dev/null || fail "forkexplain does not start in the root"

rm -f "$image"
truncate -s 3G "$image"
mkfs.ext4 -q -F -d "$root" "$image" || fail "mkfs.ext4 -d failed"
kernel=$(ls "$root"/boot/vmlinuz-* | head -n 1)
initrd=$(ls "$root"/boot/initrd.img-* | head -n 1)
accel=tcg
accel_opts=(-accel tcg)
if [ -w /dev/kvm ] && timeout 20 qemu-system-x86_64 -accel kvm -display none -no-reboot -kernel "$kernel" \
	-append "console=ttyS0 panic=-1" -serial stdio 2>/dev/null | grep -q 'Linux version'; then
	accel=kvm
	accel_opts=(-accel kvm)
fi
say "booting ($accel; the serial console in $serial)"
: >"$serial"
timeout "${VM_TIMEOUT:-1800}" qemu-system-x86_64 "${accel_opts[@]}" -m 1536 -smp 2 -display none -no-reboot \
	-kernel "$kernel" -initrd "$initrd" -append "root=/dev/vda rw console=ttyS0 panic=-1 quiet" \
	-drive "file=$image,format=raw,if=virtio" -serial "file:$serial" -nic none || true
grep -a '^FXVM:' "$serial" | sed 's/\r$//' || true
grep -aq '^FXVM: END pass' "$serial" || fail "the check inside the machine did not pass (serial log: $serial)"
say "pass"
