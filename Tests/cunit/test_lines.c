/* The line reader: a line longer than its window is handed out cut, once,
 * and the lines after it are whole. */
#include "cunit.h"
#include "fileio.h"

#include <string.h>

static char text[3 * 4096 + 256];
static char cut[4096];

void test_lines(void)
{
	struct fx_lines lr;
	size_t n = 0, window = sizeof(lr.buf) - 1;
	const char *path;
	char *line;

	memcpy(text + n, "short\n", 6);
	n += 6;
	memset(text + n, 'x', 10000);
	n += 10000;
	text[n++] = '\n';
	memcpy(text + n, "after\n\nno newline", 17);
	n += 17;
	path = cu_temp_file("lines", text, n);
	memset(cut, 'x', window);
	cut[window] = '\0';

	CHECK(fx_lines_open(&lr, path) == 0);
	CHECK_STR(fx_lines_next(&lr), "short");
	line = fx_lines_next(&lr);
	CHECK(line && strlen(line) == window);
	CHECK_STR(line, cut);
	CHECK_STR(fx_lines_next(&lr), "after");
	CHECK_STR(fx_lines_next(&lr), "");
	CHECK_STR(fx_lines_next(&lr), "no newline");
	CHECK(fx_lines_next(&lr) == NULL);
	CHECK(fx_lines_next(&lr) == NULL);
	fx_lines_close(&lr);

	/* A line that fills the window exactly, then its newline. */
	memset(text, 'y', window);
	memcpy(text + window, "\nz\n", 3);
	path = cu_temp_file("exact", text, window + 3);
	CHECK(fx_lines_open(&lr, path) == 0);
	line = fx_lines_next(&lr);
	CHECK(line && strlen(line) == window && line[0] == 'y');
	CHECK_STR(fx_lines_next(&lr), "z");
	CHECK(fx_lines_next(&lr) == NULL);
	fx_lines_close(&lr);

	path = cu_temp_file("empty", "", 0);
	CHECK(fx_lines_open(&lr, path) == 0);
	CHECK(fx_lines_next(&lr) == NULL);
	fx_lines_close(&lr);

	CHECK(fx_lines_open(&lr, "/nonexistent/forkexplain") < 0);
	CHECK(fx_lines_next(&lr) == NULL);
}
