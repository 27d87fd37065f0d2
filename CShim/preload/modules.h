/* The backtrace's frames resolved to modules, from /proc/self/maps. */
#ifndef FX_MODULES_H
#define FX_MODULES_H

#include <stdint.h>

#include "fileio.h"
#include "model.h"

/* Each frame's module, ELF virtual offset and build-id. Returns the number
 * of mappings it walked past (what vm.max_map_count limits), or -1 if the
 * maps could not be read. Where the backtrace's walk already did both in
 * its one pass over the maps (s->modules_done), returns its count. */
int64_t fx_modules_resolve(struct fx_snapshot *s);

/* The mapping holding an address, for the unwinder; for a file's mapping
 * also the mapping of that file's ELF header (elf_lo 0: none). */
struct fx_mapping_at {
	uint64_t lo, hi;
	int executable;
	uint64_t elf_lo, elf_hi;
	const char *path; /* from fx_maps_next: valid until the next call */
};

/* Scans /proc/self/maps with lr for addr. Returns 0, or -1 if no mapping
 * holds it or the maps could not be read. */
int fx_modules_mapping(struct fx_lines *lr, uint64_t addr, struct fx_mapping_at *out);

/* /proc/self/maps a mapping at a time, each as fx_modules_mapping gives
 * it: for the unwinder's one pass over them (unwind.c). */
struct fx_maps_walk {
	struct fx_lines *lr;
	/* The last file mapping at offset 0 (the ELF header), the maps being
	 * sorted by address. */
	uint64_t first_lo, first_hi, first_dev_major, first_dev_minor;
	int64_t first_inode;
	int first_readable;
	int64_t lines; /* read so far: what vm.max_map_count limits */
	int same_file; /* the last mapping is the first one's file */
};

/* Returns 0, or -1 if the maps could not be opened. */
int fx_maps_open(struct fx_maps_walk *mw, struct fx_lines *lr);
/* The next mapping into out: 1, or 0 at the end. */
int fx_maps_next(struct fx_maps_walk *mw, struct fx_mapping_at *out);
void fx_maps_close(struct fx_maps_walk *mw);
/* The module of the file mapping fx_maps_next just gave, added to
 * s->modules as fx_modules_resolve would: its index, -1 when it is no
 * file's with an ELF header walked past, or -2 when s->modules is full. */
int fx_modules_add(struct fx_snapshot *s, const struct fx_maps_walk *mw, const struct fx_mapping_at *at);
/* The address of the .eh_frame_hdr (PT_GNU_EH_FRAME) of the ELF image whose
 * header is mapped at [elf_lo, elf_hi), or 0 if it has none. */
uint64_t fx_modules_eh_frame_hdr(uint64_t elf_lo, uint64_t elf_hi);

#endif
