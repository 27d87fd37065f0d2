/* The /proc pass over a fixture tree: tasks of a nested PID namespace and
 * those of them holding a number below RESERVED_PIDS there (the last NSpid
 * of each process, and of each thread of a process whose own number is
 * below it; docs/kernel-facts.md §6.17). */
#include "cunit.h"
#include "model.h"
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
	s.uid = 1000;
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
