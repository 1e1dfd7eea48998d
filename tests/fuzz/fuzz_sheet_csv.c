/*
 * fuzz_sheet_csv.c - libFuzzer target for the CSV reader (core/sheet.c):
 * UTF-8 with or without a BOM, GB18030, quotes, embedded newlines, the
 * row, column, cell and text limits. The input is the file; its first byte
 * also picks small or large limits so both the bounds and deep files are
 * reached. Every cell read back must be within the limits. Built and run
 * by run.sh.
 */
#include "core/sheet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a;
	struct sheet s;
	size_t max_rows = 5000, max_cols = 64;
	enum sheet_result r;

	/* a file starting "PK\3\4" goes to the xlsx reader: that has its own target */
	if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return 0;
	if (size > 0 && (data[0] & 1)) {
		max_rows = 3;
		max_cols = 2;
	}
	if ((a = arena_new()) == NULL)
		return 0;
	r = sheet_read_mem(a, data, size, "fuzz.csv", max_rows, max_cols, &s);
	if ((unsigned)r >= SHEET_RESULT__MAX)
		abort();
	if (r == SHEET_OK) {
		size_t text = 0;
		if (s.nrows == 0 || s.nrows > max_rows + 1)
			abort();
		for (size_t i = 0; i < s.nrows; i++) {
			if (s.rows[i].ncells == 0 || s.rows[i].ncells > max_cols)
				abort();
			for (size_t c = 0; c < s.rows[i].ncells; c++) {
				size_t n = strlen(sheet_cell(&s.rows[i], c));
				if (n > 4096)
					abort();
				text += n;
			}
		}
		if (text > SHEET_MAX_TEXT)
			abort();
	}
	arena_free(a);
	return 0;
}
