/* Frame addresses to (module, ELF virtual offset, build-id) from
 * /proc/self/maps and the ELF headers already mapped in memory. dladdr()
 * and dl_iterate_phdr() would give the same answers but take the loader's
 * lock, which the program may hold. */
#include "modules.h"
#include "fileio.h"
#include "num.h"
#include "procread.h"
#include "str.h"

#include <elf.h>
#include <link.h>
#include <string.h>

struct mapping {
	uint64_t start, end, offset;
	uint64_t dev_major, dev_minor;
	int64_t inode;
	int readable, executable;
	const char *path;
};

/* "7f..-7f.. r-xp 00001000 08:01 1234   /usr/lib/libc.so.6" */
static int parse_mapping(const char *line, struct mapping *m)
{
	const char *p = line;

	if (fx_parse_hex(&p, &m->start) < 0 || *p++ != '-' || fx_parse_hex(&p, &m->end) < 0 || *p++ != ' ')
		return -1;
	m->readable = p[0] == 'r';
	m->executable = p[2] == 'x';
	p += 5;
	if (fx_parse_hex(&p, &m->offset) < 0 || *p++ != ' ' || fx_parse_hex(&p, &m->dev_major) < 0 ||
	    *p++ != ':' || fx_parse_hex(&p, &m->dev_minor) < 0 || fx_parse_i64(&p, &m->inode) < 0)
		return -1;
	while (*p == ' ')
		p++;
	m->path = p;
	return 0;
}

static int inside(uint64_t lo, uint64_t hi, uint64_t addr, uint64_t len)
{
	return addr >= lo && len <= hi - lo && addr - lo <= hi - lo - len;
}

/* The program headers of the ELF image whose header is mapped at [lo, hi),
 * and its load bias; NULL if that is no 64-bit ELF or its headers lie
 * outside the mapping. */
static const ElfW(Phdr) *elf_phdrs(uint64_t lo, uint64_t hi, int *phnum, uint64_t *bias)
{
	const ElfW(Ehdr) *eh = (const ElfW(Ehdr) *)(uintptr_t)lo;
	const ElfW(Phdr) *ph;
	int i;

	*bias = lo;
	if (!inside(lo, hi, lo, sizeof(*eh)) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64)
		return NULL;
	if (!inside(lo, hi, lo + eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(*ph)))
		return NULL;
	ph = (const ElfW(Phdr) *)(uintptr_t)(lo + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD) {
			/* The first PT_LOAD maps file offset 0 at this address. */
			*bias = lo - (ph[i].p_vaddr - ph[i].p_offset);
			break;
		}
	}
	*phnum = eh->e_phnum;
	return ph;
}

/* Reads the ELF headers at the start of a module's first mapping: the load
 * bias and the GNU build-id, reading nothing outside that mapping. */
static void read_elf(struct fx_module *mod, const struct mapping *first)
{
	const ElfW(Phdr) *ph;
	uint64_t lo = first->start, hi = first->end;
	int i, phnum = 0;

	ph = first->readable ? elf_phdrs(lo, hi, &phnum, &mod->bias) : NULL;
	if (!ph) {
		mod->bias = first->start;
		return;
	}
	for (i = 0; i < phnum; i++) {
		uint64_t at = mod->bias + ph[i].p_vaddr, end;
		if (ph[i].p_type != PT_NOTE || !inside(lo, hi, at, ph[i].p_filesz))
			continue;
		end = at + ph[i].p_filesz;
		while (at + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)(uintptr_t)at;
			uint64_t name_at = at + sizeof(*n);
			uint64_t desc_at = name_at + ((n->n_namesz + 3u) & ~3u);
			uint64_t next = desc_at + ((n->n_descsz + 3u) & ~3u);
			if (next > end)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
			    memcmp((const void *)(uintptr_t)name_at, "GNU", 4) == 0) {
				int len = n->n_descsz > sizeof(mod->build_id) ? (int)sizeof(mod->build_id) :
										 (int)n->n_descsz;
				memcpy(mod->build_id, (const void *)(uintptr_t)desc_at, (size_t)len);
				mod->build_id_len = len;
				return;
			}
			at = next;
		}
	}
}

static int module_index(struct fx_snapshot *s, const struct mapping *first)
{
	int i;

	for (i = 0; i < s->nmodules; i++)
		if (strcmp(s->modules[i].path, first->path) == 0)
			return i;
	if (s->nmodules >= FX_MODULES)
		return -1;
	struct fx_module *mod = &s->modules[s->nmodules];
	memset(mod, 0, sizeof(*mod));
	fx_strlcpy(mod->path, first->path, sizeof(mod->path));
	read_elf(mod, first);
	return s->nmodules++;
}

uint64_t fx_modules_eh_frame_hdr(uint64_t elf_lo, uint64_t elf_hi)
{
	const ElfW(Phdr) *ph;
	uint64_t bias;
	int i, phnum = 0;

	ph = elf_phdrs(elf_lo, elf_hi, &phnum, &bias);
	for (i = 0; ph && i < phnum; i++)
		if (ph[i].p_type == PT_GNU_EH_FRAME)
			return bias + ph[i].p_vaddr;
	return 0;
}

/* Where the file of mapping m has its ELF header: its mapping at file
 * offset 0, seen earlier in the maps (they are sorted by address). */
static void note_first(const struct mapping *m, struct mapping *first, char *first_path, size_t cap)
{
	if (m->offset == 0 && m->path[0] == '/') {
		*first = *m;
		fx_strlcpy(first_path, m->path, cap);
		first->path = first_path;
	}
}

int fx_maps_open(struct fx_maps_walk *mw, struct fx_lines *lr)
{
	memset(mw, 0, sizeof(*mw));
	mw->lr = lr;
	return fx_lines_open(lr, "/proc/self/maps");
}

/* Files told apart by device and inode rather than by path: no path copy
 * on a stack that may be a small sigaltstack. */
int fx_maps_next(struct fx_maps_walk *mw, struct fx_mapping_at *out)
{
	char *line;

	while ((line = fx_lines_next(mw->lr)) != NULL) {
		struct mapping m;

		mw->lines++;
		if (parse_mapping(line, &m) < 0)
			continue;
		if (m.offset == 0 && m.path[0] == '/') {
			mw->first_lo = m.start;
			mw->first_hi = m.end;
			mw->first_dev_major = m.dev_major;
			mw->first_dev_minor = m.dev_minor;
			mw->first_inode = m.inode;
			mw->first_readable = m.readable;
		}
		memset(out, 0, sizeof(*out));
		out->lo = m.start;
		out->hi = m.end;
		out->executable = m.executable;
		out->path = m.path;
		mw->same_file = m.path[0] == '/' && m.inode != 0 && m.inode == mw->first_inode &&
				m.dev_major == mw->first_dev_major && m.dev_minor == mw->first_dev_minor;
		if (mw->same_file && mw->first_readable) {
			out->elf_lo = mw->first_lo;
			out->elf_hi = mw->first_hi;
		} else if (strcmp(m.path, "[vdso]") == 0 && m.readable) {
			/* The kernel's image, whole in one mapping: on aarch64
			 * it holds the signal trampoline and its CFI. */
			out->elf_lo = m.start;
			out->elf_hi = m.end;
		}
		return 1;
	}
	return 0;
}

void fx_maps_close(struct fx_maps_walk *mw)
{
	fx_lines_close(mw->lr);
}

int fx_modules_mapping(struct fx_lines *lr, uint64_t addr, struct fx_mapping_at *out)
{
	struct fx_maps_walk mw;
	int found = -1;

	if (fx_maps_open(&mw, lr) < 0) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	while (found < 0 && fx_maps_next(&mw, out) == 1)
		if (addr >= out->lo && addr < out->hi)
			found = 0;
	fx_maps_close(&mw);
	if (found < 0)
		memset(out, 0, sizeof(*out));
	return found;
}

int fx_modules_add(struct fx_snapshot *s, const struct fx_maps_walk *mw, const struct fx_mapping_at *at)
{
	struct mapping first = { 0 };
	int i;

	if (!mw->same_file)
		return -1;
	for (i = 0; i < s->nmodules; i++)
		if (strcmp(s->modules[i].path, at->path) == 0)
			return i;
	if (s->nmodules >= FX_MODULES)
		return -2;
	first.start = mw->first_lo;
	first.end = mw->first_hi;
	first.readable = mw->first_readable;
	first.path = at->path;
	return module_index(s, &first);
}

int64_t fx_modules_resolve(struct fx_snapshot *s)
{
	struct fx_lines *lr = &s->lines;
	struct mapping first = { 0 };
	char first_path[FX_PATH];
	char *line;
	int64_t count = 0;
	int i;

	if (s->modules_done)
		return s->maps_lines;
	s->nmodules = 0;
	first.path = first_path;
	first_path[0] = '\0';
	/* Always the real maps: the ELF headers read below are in this
	 * process's memory, whatever fixture tree stands in for /proc. */
	if (fx_lines_open(lr, "/proc/self/maps") < 0) {
		fx_note_unreadable(s, "/proc/self/maps");
		return -1;
	}
	while ((line = fx_lines_next(lr)) != NULL) {
		struct mapping m;

		count++;
		if (parse_mapping(line, &m) < 0)
			continue;
		/* A module's first mapping (offset 0) holds its ELF header. */
		note_first(&m, &first, first_path, sizeof(first_path));
		if (!m.executable)
			continue;
		for (i = 0; i < s->nframes; i++) {
			struct fx_frame *f = &s->frames[i];
			if (f->module >= 0 || f->addr < m.start || f->addr >= m.end)
				continue;
			if (m.path[0] == '/' && strcmp(m.path, first_path) == 0)
				f->module = module_index(s, &first);
		}
	}
	fx_lines_close(lr);
	return count;
}
