/* An OpenVZ container's /proc/user_beancounters (docs/kernel-facts.md
 * §11.1) and LXCFS mounts over /proc files (§11.2), read from a fixture
 * machine: the rows that can refuse a fork, LONG_MAX as a number, the
 * container id on the first row only; /proc/loadavg's count not taken for
 * the host's when LXCFS stands in for it, and a later plain mount on a
 * point undoing an earlier LXCFS one. */
#include "beancounters.h"
#include "config.h"
#include "container.h"
#include "cunit.h"
#include "model.h"
#include "record.h"
#include "snapshot.h"

#include <string.h>

void test_beancounters(void)
{
	static struct fx_snapshot s;
	static char line[32768];
	const struct fx_ubc_row *numproc = &s.ubc.rows[0], *priv = &s.ubc.rows[1];

	memset(&s, 0, sizeof(s));
	cu_use_machine("machine", "openvz");
	fx_snapshot_collect(&s, -1);

	CHECK(s.ubc.have);
	CHECK(s.ubc.ctid.have && s.ubc.ctid.v == 101);
	CHECK_STR(fx_ubc_resources[0], "numproc");
	CHECK(numproc->held.v == 65 && numproc->maxheld.v == 65 && numproc->limit.v == 65);
	CHECK(numproc->failcnt.have && numproc->failcnt.v == 311);
	CHECK(priv->held.v == 711811 && priv->limit.v == INT64_MAX);
	CHECK(s.ubc.rows[2].held.v == 45607650);	/* kmemsize, on the id's row */
	CHECK(s.ubc.rows[3].limit.v == 4718592);	/* physpages */

	/* loadavg and uptime are LXCFS's; meminfo is a plain proc mount. */
	CHECK(s.container.lxcfs & FX_LXCFS_LOADAVG);
	CHECK(!(s.container.lxcfs & FX_LXCFS_MEMINFO));
	CHECK(!s.host_tasks.have);

	CHECK(fx_record_failure(&s, line, sizeof(line)) > 0);
	CHECK(strstr(line, "\"beancounters\":{\"ctid\":101,\"numproc\":{\"held\":65,\"maxheld\":65,\"barrier\":65,"
			   "\"limit\":65,\"failcnt\":311}") != NULL);
	CHECK(strstr(line, "\"lxcfs\":[\"/proc/loadavg\",\"/proc/uptime\"]") != NULL);
	CHECK(strstr(line, "\"host_tasks\"") == NULL);
	/* A kernel without the file: nothing recorded, nothing noted. */
	CHECK(strstr(line, "user_beancounters") == NULL);
}
