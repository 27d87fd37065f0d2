/* A dozen lines of test harness: each check counts as passed or failed and
 * a failure prints where; main.c prints the closing tally. */
#ifndef CUNIT_H
#define CUNIT_H

#define CHECK(cond) cu_check((cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) cu_check_str((got), (want), __FILE__, __LINE__)

void cu_check(int ok, const char *what, const char *file, int line);
void cu_check_str(const char *got, const char *want, const char *file, int line);
/* A fresh file under the run's scratch directory holding text; returns its
 * path (static storage, valid until the next call). */
const char *cu_temp_file(const char *name, const char *text, unsigned long len);

/* The run's scratch directory, removed at the end. */
const char *cu_scratch_dir(void);

/* The fixture tree (Tests/cunit/fixtures), from the command line. */
extern const char *cu_fixtures;
/* Loads the default configuration, then points /proc and /sys at the
 * fixture machine KIND/NAME/proc and KIND/NAME/sys of the fixture tree, as
 * FORKEXPLAIN_PROC_ROOT and FORKEXPLAIN_SYS_ROOT do. */
void cu_use_machine(const char *kind, const char *name);

/* Opens through fx_openat of exactly cu_count_path (Tests/cunit/test_lve.c's
 * wrap), while a test sets it. */
extern const char *cu_count_path;
extern int cu_path_opens;

void test_jsonw(void);
void test_nsentry(void);
void test_lines(void);
void test_readvalue(void);
void test_numbers(void);
void test_cgroup(void);
void test_clock(void);
void test_pairing(void);
void test_calls(void);
void test_unwind_dwarf(void);
void test_unwind_expr(void);
void test_unwind_walk(void);
void test_unwind_pac(void);
void test_unwind_sigframe(void);
void test_glibcera(void);
void test_ownstring(void);
void test_muslver(void);
void test_onstack(void);
void test_container(void);
void test_inroot(void);
void test_inroot_once(void);
void test_beancounters(void);
void test_lve(void);
void test_tallies(void);
void test_tallybound(void);
void test_heldtally(void);
void test_tallyline(void);
void test_recordbound(void);
void test_headroom(void);
void test_countline(void);
void test_ownpages(void);
void test_backoff(void);
void test_probe(void);
void test_procscan(void);
void test_procscan_stat(void);
void test_procscan_uid_elsewhere(void);
void test_config(void);
void test_logname(void);
void test_logio(void);

#endif
