/* Snapshot to one JSON line of the log (docs/log-format.md, schema 1). */
#ifndef FX_RECORD_H
#define FX_RECORD_H

#include <stddef.h>
#include "model.h"

#define FX_SCHEMA 1

size_t fx_record_failure(const struct fx_snapshot *s, char *buf, size_t cap);
/* The same state with no call: what forkexplain check reads. */
size_t fx_record_snapshot(const struct fx_snapshot *s, char *buf, size_t cap);
/* A tally carries only the identity: the header, the process and the
 * counts, and the command line where argv, of id->argv_len bytes, is not
 * NULL (a snapshot's, with FORKEXPLAIN_CMDLINE). Nothing else is read.
 * With count_at, its suppressed count is written in FX_JSON_U64_WIDTH
 * bytes (padded with spaces) and *count_at is where they start in buf. */
size_t fx_record_tally(const struct fx_identity *id, const char *argv, char *buf, size_t cap, size_t *count_at);
/* The same with why FORKEXPLAIN_FILL=failure filled no snapshot buffer
 * (`fill_refused`), where the line has room for it: a tally too long
 * with it is written without it, never refused for it, so the bounds
 * below hold as they were. */
size_t fx_record_tally_why(const struct fx_identity *id, const char *argv, const struct fx_fill_refusal *why,
			   char *buf, size_t cap, size_t *count_at);

/* Failures held back in a process tree's tally area because their tally
 * could not be written (CShim/preload/heldtally.h): the errno that kept
 * the line from the log, why no buffer was filled (enum fx_refusal), and
 * whether the count is the overflow word's, of failures of any call and
 * errno, the first of them named. */
struct fx_tally_held {
	int log_err;
	int fill;
	int overflow;
};

/* A tally of such failures, written later by a writer of the tree that
 * could: `held` says so (docs/log-format.md). Within the bounds below: its
 * fields are keys, a number and constants, in FX_TALLY_FRAME. */
size_t fx_record_tally_held(const struct fx_identity *id, const char *argv, const struct fx_tally_held *h,
			    char *buf, size_t cap);

/* The longest tally line, newline included: every byte of its text
 * fields escaped as \u00XX (6 bytes: control bytes, bytes that are not
 * UTF-8), the C library's name and release (constants, each under
 * FX_LIBC_TEXT bytes, the release written twice), and the keys, numbers
 * and punctuation in FX_TALLY_FRAME. A buffer this long never refuses a
 * tally (Tests/cunit/test_tallybound.c). The frame was 1024 bytes; the
 * worst tally measured 5,798 of the 6,850 bytes that gave without the
 * command line, and 128 of them now hold the tree's held counts
 * (CShim/preload/heldtally.h) in the tally area's 2 pages: the worst
 * line, a held one included, keeps 256 bytes spare (the test checks it). */
#define FX_LIBC_TEXT 64
/* The command line, a snapshot's, past its identity. */
#define FX_TALLY_ARGV sizeof(((struct fx_snapshot *)0)->argv)
#define FX_TALLY_FRAME 896
#define FX_TALLY_FIELD(f) sizeof(((struct fx_identity *)0)->f)
#define FX_RECORD_TALLY_MAX                                                                                   \
	(6 * (FX_TALLY_FIELD(time) + FX_TALLY_FIELD(host) + FX_TALLY_FIELD(kernel) + FX_TALLY_FIELD(boot_id) + \
	      FX_TALLY_FIELD(comm) + FX_TALLY_FIELD(thread_comm) + 1 + FX_TALLY_FIELD(exe) +                  \
	      FX_TALLY_ARGV + 3 * FX_LIBC_TEXT) +                                                             \
	 FX_TALLY_FRAME)
/* FX_RECORD_TALLY_MAX, less the command line's share when it is not read
 * (FORKEXPLAIN_CMDLINE unset, the default: no argv). */
size_t fx_record_tally_max(int cmdline);

#endif
