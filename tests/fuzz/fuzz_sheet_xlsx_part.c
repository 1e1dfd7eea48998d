/*
 * fuzz_sheet_xlsx_part.c - libFuzzer target for the .xlsx reader below the
 * zip (sheet_read_xlsx_parts in core/sheet.c): the XML of the worksheet and
 * of sharedStrings.xml, with their DTDs, entities, character references,
 * CDATA, inline and shared strings, rows and cell references.
 *
 * The input is sharedStrings.xml, a NUL byte, then the worksheet; without a
 * NUL it is the worksheet alone (no shared strings). A part that declares
 * a DTD must be refused (SHEET_DTD) and must not cost time or memory: the
 * run's -rss_limit_mb and -timeout catch an expansion. Built and run by run.sh.
 */
#define _GNU_SOURCE   /* memmem */
#include "core/sheet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *nul = memchr(p, '\0', size);
	const char *shared = NULL, *ws = p;
	size_t shared_len = 0, ws_len = size;
	arena *a;
	struct sheet s;
	enum sheet_result r;

	if (nul != NULL) {
		shared = p;
		shared_len = (size_t)(nul - p);
		ws = nul + 1;
		ws_len = size - shared_len - 1;
	}
	if ((a = arena_new()) == NULL)
		return 0;
	r = sheet_read_xlsx_parts(a, shared, shared_len, ws, ws_len, 100, 16, &s);
	if ((unsigned)r >= SHEET_RESULT__MAX)
		abort();
	if (r == SHEET_OK) {
		/* a document with a DTD never gets this far */
		if ((shared != NULL && memmem(shared, shared_len, "<!DOCTYPE", 9) != NULL) ||
		    memmem(ws, ws_len, "<!DOCTYPE", 9) != NULL)
			abort();
		for (size_t i = 0; i < s.nrows; i++) {
			if (s.rows[i].ncells > 16)
				abort();
			for (size_t c = 0; c < s.rows[i].ncells; c++)
				if (strlen(sheet_cell(&s.rows[i], c)) > 4096)
					abort();
		}
	}
	arena_free(a);
	return 0;
}
