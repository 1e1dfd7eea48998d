/*
 * xlsx_peek.h - for the tests only: read back the cells of the first
 * worksheet of an .xlsx held in memory (libzip + libxml2), independently of
 * the code under test, to check what a spreadsheet program would show.
 */
#ifndef XS_XLSX_PEEK_H
#define XS_XLSX_PEEK_H

#include <stddef.h>

struct xlsx_peek {
	size_t nrows, ncols;
	char **text;      /* nrows * ncols, NULL where there is no cell */
	char *kind;       /* 's' string, 'n' number, 'f' a formula, 0 none */
	char *merged;     /* the mergeCell refs, joined by ' ', or NULL */
	int frozen_rows;  /* ySplit of the frozen pane, 0 when none */
};

/* Parse data; 0 on success, -1 when it is not a readable .xlsx. */
int xlsx_peek(const void *data, size_t len, struct xlsx_peek *out);

/* Cell (row, col), 0-based; "" when absent. Kind in *kind when not NULL. */
const char *xlsx_peek_cell(const struct xlsx_peek *x, size_t row, size_t col, char *kind);

void xlsx_peek_free(struct xlsx_peek *x);

#endif
