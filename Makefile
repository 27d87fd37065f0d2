# forkexplain: `make` builds both halves into .build/release/, `make test`
# runs every test (as root; `make test-noroot` runs the layers that need no
# root), `make demo` reproduces the misleading ENOMEM.
PREFIX   ?= /usr/local
# systemd looks in $(PREFIX)/lib/systemd/system for /usr/local and /usr.
SYSTEMD_UNIT_DIR ?= $(PREFIX)/lib/systemd/system
# Shell completions (swift-argument-parser writes them) where each shell
# looks under a prefix: bash-completion's, zsh's site-functions, fish's
# vendor directory.
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR  ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR ?= $(PREFIX)/share/fish/vendor_completions.d
CC       ?= cc
BUILD    := .build/release
SHIMOUT  := .build/shim
ARCH     := $(shell uname -m)

# A Swift toolchain unpacked from swift.org into /opt/swift works without
# a PATH change (scripts/install-deps.sh counts it as installed too).
ifeq ($(shell command -v swift 2>/dev/null),)
export PATH := /opt/swift/usr/bin:$(PATH)
endif

# CShim/common/ is shared with `forkexplain check` (the SwiftPM target
# CForkExplainSnapshot takes the whole folder); CShim/preload/ runs only
# inside the preloaded library. failure.c is linked last: its table of
# counts (some 44 KiB of zeroes, read and written only once a call fails)
# then ends the library's .bss, and the variables the constructor writes
# share the page the loader has already zeroed and dirtied, instead of a
# page of their own past the table (README, "Performance").
SHIM_LAST := CShim/preload/failure.c
SHIM_C   := $(filter-out $(SHIM_LAST),$(wildcard CShim/common/*.c CShim/preload/*.c)) $(SHIM_LAST)
SHIM_H   := $(wildcard CShim/common/*.h CShim/common/include/*.h CShim/preload/*.h)
SHIM_S   := CShim/preload/vfork-$(ARCH).S
SHIM_MAP_IN := CShim/preload/libforkexplain.map.in
SHIM_MAP := $(SHIMOUT)/libforkexplain.map
SHIM_SO  := $(SHIMOUT)/libforkexplain.so

# Plain C11 for the shim; _GNU_SOURCE only for the glibc declarations it wraps.
SHIM_CFLAGS := -std=c11 -D_GNU_SOURCE -ICShim/common -O2 -g -fPIC -fvisibility=hidden \
	-ffunction-sections -fdata-sections -fno-omit-frame-pointer -Wall -Wextra -Werror -Wshadow -Wvla \
	-Wstrict-prototypes -Wmissing-prototypes $(CFLAGS)
# Links libc only: backtraces come from the shim's own unwinder
# (CShim/preload/unwind*.c). -ldl for dlsym(RTLD_NEXT) on glibc before 2.34.
# What the library costs every program it is preloaded into, at start-up
# (README, "Performance"): -z noseparate-code keeps the read-only data in
# the code's segment, two segments to map instead of four;
# -nostartfiles leaves out the C runtime's start files (crti, crtbeginS),
# whose _init and _fini and four imports (__cxa_finalize, __gmon_start__,
# the transactional-memory clone tables) are for C++ and profiling: the
# constructor and destructor run from .init_array and .fini_array.
SHIM_LINK_LEAN := -nostartfiles -Wl,-z,noseparate-code
SHIM_LDFLAGS := -shared -Wl,--version-script=$(SHIM_MAP) -Wl,-z,defs \
	-Wl,-z,relro -Wl,-z,now -Wl,--gc-sections $(SHIM_LINK_LEAN) $(LDFLAGS)

.PHONY: all build swift shim test test-noroot c-unit unit shim-test unwind-test install-test replays \
	scenarios demo bench bench-reader bench-failure bench-held bench-first bench-first-layout lint install clean needs-demo needs-test needs-fresh \
	needs-vm fresh-test vm-test musl-shim platforms platforms-musl test-platforms needs-musl

# What each goal needs from the machine is listed once, in
# scripts/needs.list; the script installs what is missing as root on
# Debian/Ubuntu and otherwise prints the one command to run, so a missing
# header stops the build with that line, not a compiler error.
needs-demo needs-test needs-musl needs-fresh needs-vm:
	@bash scripts/install-deps.sh $(@:needs-%=%)

all: build

build: swift $(SHIM_SO) $(WATCH_CHECK)
	install -m 0755 $(SHIM_SO) $(BUILD)/libforkexplain.so

swift: | needs-demo
	swift build -c release --product forkexplain

# The version script comes from the one list of wrapped calls
# (CShim/common/calls.h), so what the library exports cannot drift from it.
$(SHIM_MAP): $(SHIM_MAP_IN) CShim/common/calls.h Makefile | needs-demo
	@mkdir -p $(SHIMOUT)
	$(CC) -E -P -x c -ICShim/common $(SHIM_MAP_IN) -o $@

$(SHIM_SO): $(SHIM_C) $(SHIM_H) $(SHIM_S) $(SHIM_MAP) Makefile | needs-demo
	@mkdir -p $(SHIMOUT)
	$(CC) $(SHIM_CFLAGS) $(SHIM_LDFLAGS) -o $@ $(SHIM_C) $(SHIM_S) -ldl

shim: $(SHIM_SO)

# The same library with nothing bound in its constructor (FX_TEST_BIND_LATE,
# preload/interpose.c): Tests/shim/run.sh runs the calls bound early
# through their lookup at first use, which glibc 2.34 on never needs.
SHIM_LATE := $(SHIMOUT)/libforkexplain-bindlate.so

$(SHIM_LATE): $(SHIM_C) $(SHIM_H) $(SHIM_S) $(SHIM_MAP) Makefile | needs-demo
	@mkdir -p $(SHIMOUT)
	$(CC) $(SHIM_CFLAGS) -DFX_TEST_BIND_LATE $(SHIM_LDFLAGS) -o $@ $(SHIM_C) $(SHIM_S) -ldl

# The shim for musl programs (docs/libc-facts.md), from the same sources
# with musl-gcc: CShim/musl/ in place of what is glibc's alone
# (common/libc-glibc.c and glibcera.c, the ucontext calls musl lacks).
MUSL_CC  ?= musl-gcc
MUSLOUT  := .build/$(ARCH)-musl
MUSL_SO  := $(MUSLOUT)/libforkexplain-musl.so
MUSL_C   := $(filter-out CShim/common/libc-glibc.c CShim/common/glibcera.c,$(SHIM_C)) $(wildcard CShim/musl/*.c)
MUSL_S   := $(SHIM_S) CShim/musl/onstack-$(ARCH).S
MUSL_H   := $(SHIM_H) $(wildcard CShim/musl/*.h)

# No DT_NEEDED on musl's libc.so: glibc's loader, given this library in
# an inherited LD_PRELOAD, would fail to load that and with it the whole
# glibc program. musl's loader binds it to the libc already loaded; under
# glibc it binds to glibc's and stands aside (docs/libc-facts.md §4).
# -nostdlib drops -z defs' reason to exist, so the link checks nothing is
# left undefined but libc's (Tests/platforms/musl.sh).
MUSL_LDFLAGS := -shared -nostdlib -Wl,--version-script=$(SHIM_MAP) \
	-Wl,-z,relro -Wl,-z,now -Wl,-z,noseparate-code $(LDFLAGS)

# musl-gcc searches musl's headers only; the kernel's (linux/, asm/,
# asm-generic/, from linux-libc-dev) are offered alone, not the rest of
# /usr/include, which is glibc's.
MUSL_KHDR := $(MUSLOUT)/kernel-headers
MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)

$(MUSL_KHDR)/linux:
	@mkdir -p $(MUSL_KHDR)
	ln -sfn /usr/include/linux $(MUSL_KHDR)/linux
	ln -sfn /usr/include/asm-generic $(MUSL_KHDR)/asm-generic
	ln -sfn /usr/include/$(MULTIARCH)/asm $(MUSL_KHDR)/asm

$(MUSL_SO): $(MUSL_C) $(MUSL_H) $(MUSL_S) $(SHIM_MAP) Makefile | needs-musl $(MUSL_KHDR)/linux
	@mkdir -p $(MUSLOUT)
	$(MUSL_CC) $(SHIM_CFLAGS) -ICShim/musl -isystem $(MUSL_KHDR) $(MUSL_LDFLAGS) -o $@ $(MUSL_C) $(MUSL_S) -lgcc

# Its late-binding twin (FX_TEST_BIND_LATE, as $(SHIM_LATE) above), for
# the shim's contract under musl's loader (Tests/platforms/musl.sh).
MUSL_LATE := $(MUSLOUT)/libforkexplain-musl-bindlate.so

$(MUSL_LATE): $(MUSL_C) $(MUSL_H) $(MUSL_S) $(SHIM_MAP) Makefile | needs-musl $(MUSL_KHDR)/linux
	@mkdir -p $(MUSLOUT)
	$(MUSL_CC) $(SHIM_CFLAGS) -DFX_TEST_BIND_LATE -ICShim/musl -isystem $(MUSL_KHDR) $(MUSL_LDFLAGS) -o $@ \
		$(MUSL_C) $(MUSL_S) -lgcc

# Beside forkexplain too, where `forkexplain run` looks for it.
musl-shim: build $(MUSL_SO)
	install -m 0755 $(MUSL_SO) $(BUILD)/libforkexplain-musl.so

# CShim/watch/ (`forkexplain watch`) is compiled into forkexplain by SwiftPM,
# which does not apply the shim's warnings; they are checked here.
WATCH_C     := $(wildcard CShim/watch/*.c)
WATCH_H     := $(wildcard CShim/watch/*.h CShim/watch/include/*.h)
WATCH_CHECK := $(SHIMOUT)/watch-warnings.ok

$(WATCH_CHECK): $(WATCH_C) $(WATCH_H) $(SHIM_H) Makefile
	@mkdir -p $(SHIMOUT)
	$(CC) $(SHIM_CFLAGS) -ICShim/watch/include -fsyntax-only $(WATCH_C)
	@touch $@

# Tests by layer. `make test` runs them all and needs root for the
# real-kernel scenarios; without root those are listed as NOT RUN and it
# fails. `make test-noroot` runs every layer that needs no root: the C unit
# tests, the Swift unit tests, the shim's contract and the replays.
test: needs-test build c-unit unit shim-test unwind-test install-test scenarios test-platforms

# The other platforms the shim is built for (scripts/needs.list, goal
# `platforms`). .ci/run installs their tools, so there they always run;
# on a machine without them `make test` says loudly that it skipped them
# and why, and `make platforms` alone fails with the one command to run.
platforms: platforms-musl platforms-arm64 platforms-arm64-musl

# The musl library's contract under musl's loader, and `forkexplain run`
# choosing it for a musl program that really fails (Tests/platforms/musl.sh).
platforms-musl: musl-shim $(MUSL_LATE) | needs-test
	MUSL_SHIM_LATE=$(MUSL_LATE) bash Tests/platforms/musl.sh

# musl on arm64 has tools of its own (goal musl-arm64), skipped alone.
test-platforms: build
	@if bash scripts/install-deps.sh --check platforms; then \
		$(MAKE) --no-print-directory platforms-musl platforms-arm64 || exit 1; \
		if bash scripts/install-deps.sh --check musl-arm64; then \
			$(MAKE) --no-print-directory platforms-arm64-musl; \
		else \
			echo "************************************************************************"; \
			echo "make test: SKIPPED make platforms-arm64-musl: this machine lacks musl-dev:arm64 (above)."; \
			echo "Install it with: scripts/install-deps.sh musl-arm64 (CI tries)."; \
			echo "************************************************************************"; \
		fi; \
	else \
		echo "************************************************************************"; \
		echo "make test: SKIPPED make platforms: this machine lacks its tools (above)."; \
		echo "Install them with: scripts/install-deps.sh platforms musl-arm64 (CI does)."; \
		echo "************************************************************************"; \
	fi

test-noroot: needs-test build c-unit unit shim-test install-test replays

# The building blocks of CShim/common and the unwinder, linked from the
# same sources.
CUNIT     := $(SHIMOUT)/cunit
CUNIT_SRC := $(wildcard Tests/cunit/*.c)
COMMON_C  := $(wildcard CShim/common/*.c)
UNWIND_C  := $(wildcard CShim/preload/unwind*.c) CShim/preload/safemem.c CShim/preload/modules.c \
	CShim/preload/countline.c CShim/preload/backoff.c CShim/preload/ownpages.c \
	CShim/preload/logio.c CShim/preload/heldtally.c \
	CShim/preload/ownstring.c CShim/preload/headroom.c
CUNIT_CFLAGS := -std=c11 -D_GNU_SOURCE -ICShim/common -ICShim/preload -ICShim/musl -O1 -g -Wall -Wextra -Werror \
	-Wshadow -Wvla -Wstrict-prototypes

# Every fx_openat of CShim/common goes through the tests' __wrap_fx_openat,
# which counts the ones a test asks about (Tests/cunit/test_lve.c), and
# every openat2 through __wrap_fx_openat2, which counts them and can
# answer EAGAIN, the race the kernel reports (Tests/cunit/test_inroot.c).
CUNIT_LDFLAGS := -Wl,--wrap=fx_openat -Wl,--wrap=fx_openat2

CUNIT_WATCH := CShim/watch/tallies.c CShim/watch/tracefs.c CShim/watch/probe.c CShim/watch/pairing.c \
	CShim/watch/nsentry.c CShim/watch/perfring.c

$(CUNIT): $(CUNIT_SRC) Tests/cunit/cunit.h $(COMMON_C) $(UNWIND_C) $(SHIM_H) $(CUNIT_WATCH) $(WATCH_H) CShim/musl/onstack-$(ARCH).S Makefile | needs-demo
	@mkdir -p $(SHIMOUT)
	$(CC) $(CUNIT_CFLAGS) $(CUNIT_LDFLAGS) -o $@ $(CUNIT_SRC) $(COMMON_C) $(UNWIND_C) $(CUNIT_WATCH) CShim/musl/onstack-$(ARCH).S -ldl

c-unit: $(CUNIT)
	$(CUNIT) Tests/cunit/fixtures

# arm64: the shim cross-built for aarch64 glibc into .build/aarch64-glibc/,
# and its tests under qemu-user (Tests/platforms/arm64.sh: the C unit
# tests, the shim's contract, the vfork stub single-stepped, a record).
# The tools come from the `platforms` lines of scripts/needs.list; without
# them this target fails, it never passes untested.
ARM64_OUT    := .build/aarch64-glibc
ARM64_CC     := aarch64-linux-gnu-gcc
ARM64_SO     := $(ARM64_OUT)/libforkexplain.so
ARM64_MAP    := $(ARM64_OUT)/libforkexplain.map
ARM64_CUNIT  := $(ARM64_OUT)/cunit
# Both arm64 libraries: gcc's default on aarch64 calls libgcc's outline
# atomics, whose setup asks glibc's __getauxval. musl has none: musl's
# loader refused the library with "__getauxval: symbol not found" and
# stopped the program (seen here, the glibc library in a musl program under
# qemu-aarch64), where it must stand aside (docs/libc-facts.md §4).
ARM64_SHIM_CFLAGS := $(SHIM_CFLAGS) -mno-outline-atomics

.PHONY: platforms-arm64 needs-platforms-arm64

needs-platforms-arm64:
	@bash scripts/install-deps.sh platforms

$(ARM64_MAP): $(SHIM_MAP_IN) CShim/common/calls.h Makefile | needs-platforms-arm64
	@mkdir -p $(ARM64_OUT)
	$(ARM64_CC) -E -P -x c -ICShim/common $(SHIM_MAP_IN) -o $@

$(ARM64_SO): $(SHIM_C) $(SHIM_H) CShim/preload/vfork-aarch64.S $(ARM64_MAP) Makefile | needs-platforms-arm64
	$(ARM64_CC) $(ARM64_SHIM_CFLAGS) $(SHIM_LDFLAGS:$(SHIM_MAP)=$(ARM64_MAP)) -o $@ $(SHIM_C) \
		CShim/preload/vfork-aarch64.S -ldl

# Its late-binding twin (FX_TEST_BIND_LATE), for the shim's contract
# under qemu-aarch64 (Tests/platforms/arm64.sh).
ARM64_LATE := $(ARM64_OUT)/libforkexplain-bindlate.so

$(ARM64_LATE): $(SHIM_C) $(SHIM_H) CShim/preload/vfork-aarch64.S $(ARM64_MAP) Makefile | needs-platforms-arm64
	$(ARM64_CC) $(ARM64_SHIM_CFLAGS) -DFX_TEST_BIND_LATE $(SHIM_LDFLAGS:$(SHIM_MAP)=$(ARM64_MAP)) -o $@ $(SHIM_C) \
		CShim/preload/vfork-aarch64.S -ldl

$(ARM64_CUNIT): $(CUNIT_SRC) Tests/cunit/cunit.h $(COMMON_C) $(UNWIND_C) $(SHIM_H) $(CUNIT_WATCH) $(WATCH_H) CShim/musl/onstack-aarch64.S Makefile | needs-platforms-arm64
	@mkdir -p $(ARM64_OUT)
	$(ARM64_CC) $(CUNIT_CFLAGS) $(CUNIT_LDFLAGS) -o $@ $(CUNIT_SRC) $(COMMON_C) $(UNWIND_C) $(CUNIT_WATCH) CShim/musl/onstack-aarch64.S -ldl

# Each arm64 library is also put in a folder named for its platform beside
# forkexplain, where `forkexplain run` looks for it when the command is an
# arm64 program (docs/libc-facts.md §5).
platforms-arm64: $(ARM64_SO) $(ARM64_LATE) $(ARM64_CUNIT)
	@if [ -d $(BUILD) ]; then install -D -m 0755 $(ARM64_SO) $(BUILD)/aarch64-glibc/libforkexplain.so; fi
	ARM64_SHIM_LATE=$(ARM64_LATE) bash Tests/platforms/arm64.sh

# musl on arm64 (Alpine on Graviton): the musl library cross-built with
# Debian's musl-dev:arm64 (an arm64 package, so the arm64 architecture is
# added to dpkg first: scripts/install-deps.sh), whose aarch64-linux-musl-gcc
# wraps the glibc cross compiler with musl's specs; the kernel's headers are
# the arm64 ones beside the cross glibc. Its tests run under
# qemu-aarch64-static with musl's aarch64 loader (Tests/platforms/musl-arm64.sh).
# Its tools are the goal `musl-arm64` of scripts/needs.list, apart from the
# rest of `platforms`, so that a machine whose arm64 packages failed to
# install still tests the others and says it skipped this one.
ARM64_MUSL_OUT  := .build/aarch64-musl
ARM64_MUSL_CC   := aarch64-linux-musl-gcc
ARM64_MUSL_SO   := $(ARM64_MUSL_OUT)/libforkexplain-musl.so
ARM64_MUSL_KHDR := $(ARM64_MUSL_OUT)/kernel-headers
ARM64_MUSL_LATE := $(ARM64_MUSL_OUT)/libforkexplain-musl-bindlate.so

.PHONY: platforms-arm64-musl needs-musl-arm64

needs-musl-arm64:
	@bash scripts/install-deps.sh musl-arm64

ifeq ($(ARCH),aarch64)
# Here the native musl build is the aarch64 one.
platforms-arm64-musl: platforms-musl
else
$(ARM64_MUSL_KHDR)/linux:
	@mkdir -p $(ARM64_MUSL_KHDR)
	ln -sfn /usr/aarch64-linux-gnu/include/linux $(ARM64_MUSL_KHDR)/linux
	ln -sfn /usr/aarch64-linux-gnu/include/asm-generic $(ARM64_MUSL_KHDR)/asm-generic
	ln -sfn /usr/aarch64-linux-gnu/include/asm $(ARM64_MUSL_KHDR)/asm

$(ARM64_MUSL_SO): $(MUSL_C) $(MUSL_H) CShim/preload/vfork-aarch64.S CShim/musl/onstack-aarch64.S $(ARM64_MAP) Makefile \
		| needs-platforms-arm64 needs-musl-arm64 $(ARM64_MUSL_KHDR)/linux
	@mkdir -p $(ARM64_MUSL_OUT)
	$(ARM64_MUSL_CC) $(ARM64_SHIM_CFLAGS) -ICShim/musl -isystem $(ARM64_MUSL_KHDR) \
		$(MUSL_LDFLAGS:$(SHIM_MAP)=$(ARM64_MAP)) -o $@ $(MUSL_C) \
		CShim/preload/vfork-aarch64.S CShim/musl/onstack-aarch64.S -lgcc

# Its late-binding twin (FX_TEST_BIND_LATE), for the shim's contract.
$(ARM64_MUSL_LATE): $(MUSL_C) $(MUSL_H) CShim/preload/vfork-aarch64.S CShim/musl/onstack-aarch64.S $(ARM64_MAP) Makefile \
		| needs-platforms-arm64 needs-musl-arm64 $(ARM64_MUSL_KHDR)/linux
	@mkdir -p $(ARM64_MUSL_OUT)
	$(ARM64_MUSL_CC) $(ARM64_SHIM_CFLAGS) -DFX_TEST_BIND_LATE -ICShim/musl -isystem $(ARM64_MUSL_KHDR) \
		$(MUSL_LDFLAGS:$(SHIM_MAP)=$(ARM64_MAP)) -o $@ $(MUSL_C) \
		CShim/preload/vfork-aarch64.S CShim/musl/onstack-aarch64.S -lgcc

platforms-arm64-musl: build $(ARM64_MUSL_SO) $(ARM64_MUSL_LATE) $(ARM64_SO)
	install -D -m 0755 $(ARM64_MUSL_SO) $(BUILD)/aarch64-musl/libforkexplain-musl.so
	ARM64_MUSL_SHIM_LATE=$(ARM64_MUSL_LATE) bash Tests/platforms/musl-arm64.sh
endif

unit:
	swift test --disable-swift-testing

shim-test: build $(SHIM_LATE) | needs-test
	SHIM_LATE=$(SHIM_LATE) bash Tests/shim/run.sh

# The shim's unwinder against gdb on real programs, and where it must not
# crash (a signal handler forking during malloc, a small sigaltstack).
unwind-test: build | needs-test
	bash Tests/unwind/run.sh

# `make install` into a scratch DESTDIR, completions included.
install-test: build
	bash Tests/install/run.sh

# Fixture machines through the shim's test hooks: no root needed.
replays: build | needs-test
	ONLY=-replay- bash Tests/scenarios/run.sh

scenarios: build | needs-test
	bash Tests/scenarios/run.sh

# A clean Debian root (debootstrap) where `make demo` must install what it
# needs as root and stop with the one command as a user. Slow, needs root
# and the network; not part of `make test`.
fresh-test: needs-fresh
	bash Tests/fresh/run.sh

# forkexplain watch under a real systemd and a kernel with kprobes: a
# Debian root booted in qemu (Tests/vm/run.sh). Slow (about 10 minutes
# emulated), needs root and the network once; not part of `make test`.
vm-test: needs-vm build
	bash Tests/vm/run.sh

demo: build
	$(BUILD)/forkexplain demo

bench: build
	bash bench/run.sh

# The reader's row of make bench alone: report --format json against jq.
bench-reader: build
	bash bench/reader.sh

# The failure path's row of make bench alone; BASELINE=LIB runs another
# build of the library in the same rounds (bench/failure.sh).
bench-failure: build
	bash bench/failure.sh

# The failure path without room in a fork's child, the log writable and
# not (failures held since branch memcgtally); BASELINE=LIB as above
# (bench/held.sh). Not part of make bench.
bench-held: build
	bash bench/held.sh

# The first task creation's rows of make bench alone; BASELINE=LIB runs
# another build of the library in the same rounds; each row in
# bench/loop.c's one layout and over LAYOUTS (28) layouts (bench/first.sh).
bench-first: build
	bash bench/first.sh

# The first pthread_create in programs of 0, 1 and 2 more libraries, and
# after 0 to PADS-1 more mappings: the guard's mprotect, whose cost the
# process's mappings decide (bench/first-layout.sh).
bench-first-layout: build
	bash bench/first-layout.sh

# The Swift style (.swift-format); the C side is held by -Wall -Wextra -Werror.
lint:
	swift-format lint --strict -r Sources Tests Package.swift

# Both libraries: `forkexplain run` preloads the one the command's libc
# needs, from $(PREFIX)/lib.
install: build $(MUSL_SO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BUILD)/forkexplain $(DESTDIR)$(PREFIX)/bin/forkexplain
	install -m 0755 $(BUILD)/libforkexplain.so $(DESTDIR)$(PREFIX)/lib/libforkexplain.so
	install -m 0755 $(MUSL_SO) $(DESTDIR)$(PREFIX)/lib/libforkexplain-musl.so
	@# Another architecture's libraries, when make platforms built them.
	for so in aarch64-glibc/libforkexplain.so aarch64-musl/libforkexplain-musl.so; do \
		if [ -f $(BUILD)/$$so ]; then install -D -m 0755 $(BUILD)/$$so $(DESTDIR)$(PREFIX)/lib/$$so; fi; \
	done
	install -m 0644 docs/forkexplain.1 $(DESTDIR)$(PREFIX)/share/man/man1/forkexplain.1
	install -d $(DESTDIR)$(SYSTEMD_UNIT_DIR)
	sed 's|/usr/local/bin/forkexplain|$(PREFIX)/bin/forkexplain|' docs/forkexplain-watch.service \
		>$(DESTDIR)$(SYSTEMD_UNIT_DIR)/forkexplain-watch.service
	chmod 0644 $(DESTDIR)$(SYSTEMD_UNIT_DIR)/forkexplain-watch.service
	install -d $(DESTDIR)$(BASH_COMPLETION_DIR) $(DESTDIR)$(ZSH_COMPLETION_DIR) $(DESTDIR)$(FISH_COMPLETION_DIR)
	$(BUILD)/forkexplain --generate-completion-script bash >$(DESTDIR)$(BASH_COMPLETION_DIR)/forkexplain
	$(BUILD)/forkexplain --generate-completion-script zsh >$(DESTDIR)$(ZSH_COMPLETION_DIR)/_forkexplain
	$(BUILD)/forkexplain --generate-completion-script fish >$(DESTDIR)$(FISH_COMPLETION_DIR)/forkexplain.fish
	chmod 0644 $(DESTDIR)$(BASH_COMPLETION_DIR)/forkexplain $(DESTDIR)$(ZSH_COMPLETION_DIR)/_forkexplain \
		$(DESTDIR)$(FISH_COMPLETION_DIR)/forkexplain.fish

clean:
	rm -rf .build
