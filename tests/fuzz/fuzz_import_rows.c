/*
 * fuzz_import_rows.c - libFuzzer target for the roster import's checks
 * (roster_import_check in pages/roster_import.c): finding the header row
 * among title rows and worksheets, matching its cells to the columns by
 * their words and aliases, and checking every data row into a teacher or
 * the codes of its problems (names, genders, ID numbers and their check
 * character, phones, choices, duplicates within the file).
 *
 * The input is the cells as a reader would hand them over, without the
 * file format: cells separated by TAB, rows by LF, worksheets by FF (\f).
 * The words come from xsl/strings.zh-CN.xml ($XUESHI_SRCDIR/xsl, else the
 * tree run.sh built from).
 *
 * What must hold: the check answers 0; a file-level error leaves no rows;
 * otherwise every row's problems are known codes within the bound, the
 * problem count is right, and a row without problems carries a teacher
 * the store may take as is (an 18-character ID number, M or F, a category
 * and a status, an empty or 11-digit phone, single-line texts). Built and
 * run by run.sh.
 */
#include "pages/roster_import.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_XSL_DIR
#define FUZZ_XSL_DIR "xsl"
#endif

#define MAX_ROWS 500
#define MAX_CELLS 40

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
line_ok(const char *s)
{
	return s != NULL && utf8_valid_line(s, strlen(s));
}

/* Split text (modified) into worksheets of rows of cells, chained into *first, from a. */
static int
build(arena *a, char *text, struct sheet *first)
{
	struct sheet *w = first;
	char *p = text;

	memset(first, 0, sizeof(*first));
	for (;;) {
		char *end = strchr(p, '\f'), *line;
		size_t nrows = 0;
		if (end != NULL)
			*end = '\0';
		w->format = "csv";
		w->encoding = "UTF-8";
		w->name = "";
		if ((w->rows = arena_alloc(a, MAX_ROWS * sizeof(*w->rows))) == NULL)
			return -1;
		for (line = p; line != NULL && nrows < MAX_ROWS; nrows++) {
			char *nl = strchr(line, '\n'), *cell = line;
			struct sheet_row *r = &w->rows[nrows];
			if (nl != NULL)
				*nl = '\0';
			r->line = (int)nrows + 1;
			if ((r->cells = arena_alloc(a, MAX_CELLS * sizeof(*r->cells))) == NULL)
				return -1;
			r->ncells = 0;
			while (cell != NULL && r->ncells < MAX_CELLS) {
				char *tab = strchr(cell, '\t');
				if (tab != NULL)
					*tab = '\0';
				r->cells[r->ncells++] = cell;
				cell = tab != NULL ? tab + 1 : NULL;
			}
			line = nl != NULL ? nl + 1 : NULL;
		}
		w->nrows = nrows;
		if (end == NULL)
			return 0;
		if ((w->next = arena_alloc(a, sizeof(*w->next))) == NULL)
			return -1;
		w = w->next;
		memset(w, 0, sizeof(*w));
		p = end + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int words;
	struct import_check ic;
	struct sheet s;
	char *text;
	size_t bad = 0;
	arena *a;

	if (!words) {
		static char dir[4096];
		const char *src = getenv("XUESHI_SRCDIR");
		if (src != NULL)
			snprintf(dir, sizeof(dir), "%s/xsl", src);
		else
			snprintf(dir, sizeof(dir), "%s", FUZZ_XSL_DIR);
		roster_import_words(dir);
		words = 1;
	}
	if ((a = arena_new()) == NULL)
		return 0;
	if ((text = arena_alloc(a, size + 1)) == NULL) {
		arena_free(a);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';   /* a NUL inside ends the input, as a C string would */
	if (build(a, text, &s) != 0) {
		arena_free(a);
		return 0;
	}
	if (roster_import_check(a, &s, &ic) != 0)
		abort();
	if (ic.error != NULL) {
		if (ic.nrows != 0 || ic.rows != NULL)
			abort();
	} else {
		if (ic.nrows == 0 || ic.rows == NULL || ic.nignored > IMPORT_IGNORED_MAX)
			abort();
		for (size_t i = 0; i < ic.nrows; i++) {
			const struct import_row *r = &ic.rows[i];
			if (r->nproblems > IMPORT_MAX_PROBLEMS)
				abort();
			for (size_t k = 0; k < r->nproblems; k++)
				if (r->problems[k] == NULL || strncmp(r->problems[k], "import_", 7) != 0)
					abort();
			if (r->nproblems > 0) {
				bad++;
				continue;
			}
			if (r->id_number == NULL || strlen(r->id_number) != 18 ||
			    r->gender == NULL || (strcmp(r->gender, "M") != 0 && strcmp(r->gender, "F") != 0) ||
			    r->category == NULL || r->status == NULL)
				abort();
			if (!line_ok(r->name) || *r->name == '\0' || !line_ok(r->staff_no) ||
			    !line_ok(r->subject) || !line_ok(r->title) || !line_ok(r->receiving_unit) ||
			    r->phone == NULL || (*r->phone != '\0' && strlen(r->phone) != 11))
				abort();
		}
		if (bad != ic.nproblem_rows)
			abort();
	}
	arena_free(a);
	return 0;
}
