/* Our own table, not strerrorname_np(): that needs glibc 2.32, and the log
 * must carry the same names whatever glibc the program runs on. */
#include "errname.h"

#include <errno.h>
#include <string.h>

struct errname {
	int number;
	const char *name;
};

static const struct errname names[] = {
	{ EPERM, "EPERM" },	{ ENOENT, "ENOENT" },	{ ESRCH, "ESRCH" },
	{ EINTR, "EINTR" },	{ EIO, "EIO" },		{ ENXIO, "ENXIO" },
	{ E2BIG, "E2BIG" },	{ ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" },
	{ ECHILD, "ECHILD" },	{ EAGAIN, "EAGAIN" },	{ ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" },	{ EFAULT, "EFAULT" },	{ EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" },	{ ENODEV, "ENODEV" },	{ ENOTDIR, "ENOTDIR" },
	{ EISDIR, "EISDIR" },	{ EINVAL, "EINVAL" },	{ ENFILE, "ENFILE" },
	{ EMFILE, "EMFILE" },	{ ETXTBSY, "ETXTBSY" }, { EFBIG, "EFBIG" },
	{ ENOSPC, "ENOSPC" },	{ EROFS, "EROFS" },	{ EMLINK, "EMLINK" },
	{ ERANGE, "ERANGE" },	{ EDEADLK, "EDEADLK" }, { ENAMETOOLONG, "ENAMETOOLONG" },
	{ ENOSYS, "ENOSYS" },	{ ELOOP, "ELOOP" },	{ EUSERS, "EUSERS" },
	{ EDQUOT, "EDQUOT" },	{ ENOTSUP, "ENOTSUP" }, { ECANCELED, "ECANCELED" },
	{ EOVERFLOW, "EOVERFLOW" }, { ELIBBAD, "ELIBBAD" }, { ELIBACC, "ELIBACC" },
};

const char *fx_errno_name(int err)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].number == err)
			return names[i].name;
	return NULL;
}

int fx_errno_from_name(const char *name, int len)
{
	size_t i;
	int v = 0, k;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((int)strlen(names[i].name) == len && strncmp(names[i].name, name, (size_t)len) == 0)
			return names[i].number;
	/* A bare number is accepted too. */
	for (k = 0; k < len; k++) {
		if (name[k] < '0' || name[k] > '9' || v > 255)
			return -1;
		v = v * 10 + (name[k] - '0');
	}
	return (len > 0 && v > 0 && v < 256) ? v : -1;
}
