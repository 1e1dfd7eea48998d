/*
 * fuzz_sheet_file.c - libFuzzer target for a whole uploaded workbook
 * through sheet_read_mem (core/sheet.c), built twice by run.sh:
 *
 *   fuzz_sheet_xlsx  (-DFUZZ_FILENAME='"fuzz.xlsx"'): the input is the zip;
 *                    libzip's directory, each entry's size and compression,
 *                    workbook.xml, its relationships, every worksheet and
 *                    sharedStrings.xml as the zip holds them.
 *   fuzz_sheet_xls   (-DFUZZ_FILENAME='"fuzz.xls"'): the input is an old
 *                    binary workbook (BIFF in an OLE2 container) read by
 *                    libfreexl from a temporary copy.
 *
 * The first byte of the input is part of the file (a zip or OLE2 signature
 * must stay intact); the limits are fixed at what the roster import allows.
 * Whatever the reader answers must be a sheet_result; on success every
 * worksheet in the chain keeps to the row, column, cell and total text
 * bounds. Everything lives in the arena (LeakSanitizer checks the rest,
 * and no temporary copy may be left behind: run.sh points TMPDIR at an
 * empty directory and looks).
 */
#include "core/sheet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_FILENAME
#define FUZZ_FILENAME "fuzz.xlsx"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const size_t max_rows = 200, max_cols = 30;
	arena *a;
	struct sheet s;
	enum sheet_result r;

	if ((a = arena_new()) == NULL)
		return 0;
	r = sheet_read_mem(a, data, size, FUZZ_FILENAME, max_rows, max_cols, &s);
	if ((unsigned)r >= SHEET_RESULT__MAX)
		abort();
	if (r == SHEET_OK) {
		size_t nsheets = 0;
		for (const struct sheet *w = &s; w != NULL; w = w->next) {
			size_t text = 0;
			if (w->format == NULL || w->name == NULL || ++nsheets > 1000)
				abort();
			if (w->nrows > max_rows + 1)
				abort();
			for (size_t i = 0; i < w->nrows; i++) {
				if (w->rows[i].ncells > max_cols)
					abort();
				for (size_t c = 0; c < w->rows[i].ncells; c++) {
					size_t n = strlen(sheet_cell(&w->rows[i], c));
					if (n > 4096)
						abort();
					text += n;
				}
			}
			if (text > SHEET_MAX_TEXT)
				abort();
		}
	}
	arena_free(a);
	return 0;
}
