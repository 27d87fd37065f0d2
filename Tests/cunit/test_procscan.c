/* The /proc pass over a fixture tree: tasks of a nested PID namespace and
 * those of them holding a number below RESERVED_PIDS there (the last NSpid
 * of each process, and of each thread of a process whose own number is
 * below it; docs/kernel-facts.md §6.17). */
#include "cunit.h"
#include "model.h"
#include "procentry.h"
#include "procscan.h"

#include <string.h>

void test_procscan(void)
{
	static struct fx_snapshot s;

	memset(&s, 0, sizeof(s));
	cu_use_machine("procscan", "nested");
	s.pid_ns.v = 4026532500LL;
	s.pid_ns.have = 1;
	s.pid_for_children_ns = s.pid_ns;
	/* Seen from the fixture's /proc with two numbers: its own is index 1. */
	s.nspid[0] = 150;
	s.nspid[1] = 7;
	s.nspid_count = 2;
	s.id.uid = 1000;
	fx_procscan_collect(&s);
	CHECK(s.top_complete);
	/* 100 (1 thread), 200 (3), 300 (2); 50 lives in the initial namespace. */
	CHECK(s.ns_tasks.have && s.ns_tasks.v == 6);
	/* 100 is 1 there; 200 is 250 with threads 251 and 305; 300 is 420, so
	 * its thread 42 (impossible on a real kernel: §6.17) is not looked at. */
	CHECK(s.ns_low_tasks.have && s.ns_low_tasks.v == 3);
	/* A fixture tree is another machine: its initial namespace is not counted. */
	CHECK(!s.host_low_tasks.have);
	CHECK(s.uid_tasks.have && s.uid_tasks.v == 7);
}

/* A host's /proc read through stat: names with spaces and parentheses, a
 * kernel thread (uid 0 from its flags, no status read), zombies credited
 * to their parent, and a process with status alone, as an older fixture
 * tree has (the fallback). A fixture tree's uids come from status: its
 * files' owners are the checkout's. */
void test_procscan_stat(void)
{
	static struct fx_snapshot s;
	struct fx_proc_entry e;
	int kthread = -1;

	memset(&s, 0, sizeof(s));
	cu_use_machine("procscan", "host");
	s.pid_ns.v = 4026531836LL;
	s.pid_ns.have = 1;
	s.pid_for_children_ns = s.pid_ns;
	s.nspid[0] = 10;
	s.nspid_count = 1;
	s.id.uid = 1000;
	fx_procscan_collect(&s);
	CHECK(s.top_complete);
	CHECK(s.top_processes == 6);
	CHECK(s.top_zombies == 2);
	/* 10 (5 threads), zombies 30 and 31, 40 (2, status only). */
	CHECK(s.uid_tasks.have && s.uid_tasks.v == 9);
	CHECK(s.nholders == 6);
	CHECK(s.holders[0].pid == 10 && s.holders[0].threads == 5 && s.holders[0].zombies == 2);
	CHECK_STR(s.holders[0].comm, "my (odd) name");
	CHECK(s.holders[0].uid == 1000);
	CHECK(s.holders[1].pid == 50 && s.holders[1].uid == 0 && s.holders[1].threads == 3);
	CHECK(s.holders[2].pid == 40 && s.holders[2].threads == 2);
	CHECK_STR(s.holders[2].comm, "old");

	memset(&e, 0, sizeof(e));
	CHECK(fx_proc_stat_parse("7 (a) b) c) R 1 7 7 0 -1 2097216 0 0 0 0 0 0 0 0 20 0 3 0", &e, &kthread) == 0);
	CHECK_STR(e.comm, "a) b) c");
	CHECK(e.state == 'R' && e.ppid == 1 && e.threads == 3 && kthread == 1);
	/* Cut before num_threads, or no closing parenthesis: not a stat line. */
	CHECK(fx_proc_stat_parse("7 (a) R 1 7 7 0 -1 0", &e, &kthread) < 0);
	CHECK(fx_proc_stat_parse("7 (a R 1", &e, &kthread) < 0);
}

/* The initial namespace's process 10 of uid 999 with RLIMIT_NPROC soft
 * (is_max: unlimited), scanning the shared-uid fixture. */
static void scan_shared_uid(struct fx_snapshot *s, int64_t soft, int is_max)
{
	memset(s, 0, sizeof(*s));
	cu_use_machine("procscan", "shared-uid");
	s->pid_ns.v = 4026531836LL;
	s->pid_ns.have = 1;
	s->pid_for_children_ns = s->pid_ns;
	s->nspid[0] = 10;
	s->nspid_count = 1;
	s->id.uid = 999;
	s->nproc.soft.v = soft;
	s->nproc.soft.have = 1;
	s->nproc.soft.is_max = (unsigned char)is_max;
	fx_procscan_collect(s);
}

/* A host process at its RLIMIT_NPROC: the uid's tasks in other PID
 * namespaces (containers running as the same uid, no user namespace) are
 * counted apart; a process whose link is gone is not placed, and another
 * uid's container is not counted (docs/kernel-facts.md §11.61). */
void test_procscan_uid_elsewhere(void)
{
	static struct fx_snapshot s;

	scan_shared_uid(&s, 29, 0);
	CHECK(s.top_complete);
	/* 10 (8), 20 and 21 (1 each), 30 (17), 50 (2, no ns link). */
	CHECK(s.uid_tasks.have && s.uid_tasks.v == 29);
	CHECK(s.uid_tasks_other_pidns.have && s.uid_tasks_other_pidns.v == 19);
	/* Below the limit, or without a finite one, the links are not read. */
	scan_shared_uid(&s, 30, 0);
	CHECK(s.uid_tasks.have && s.uid_tasks.v == 29);
	CHECK(!s.uid_tasks_other_pidns.have);
	scan_shared_uid(&s, 0, 1);
	CHECK(s.uid_tasks.have && s.uid_tasks.v == 29);
	CHECK(!s.uid_tasks_other_pidns.have);
}
