/*
 * sheet.h - the tables school admins have: CSV as Excel writes it (UTF-8
 * with or without a BOM, or GBK/GB18030 from Chinese Windows, detected) and
 * .xlsx (every worksheet, read with libzip + libxml2) and the old binary
 * .xls (libfreexl; WPS's .et/.ett by their content), turned into rows
 * of UTF-8 cells; and the other way, a table written as CSV (UTF-8 with a
 * BOM, so Excel shows the Chinese) or as .xlsx (libxlsxwriter).
 *
 * Everything read lives in the caller's arena. Limits are the caller's: a
 * file over max_rows data rows or max_cols columns is refused, not cut.
 * Whatever the caller allows, the text of all cells together is at most
 * SHEET_MAX_TEXT bytes (a shared string may be referenced by every cell, so
 * the file's size does not bound it), one cell at most 4096 bytes, and an
 * xlsx part with a DTD is refused before it is parsed (its entities would
 * otherwise be expanded each time they are referenced).
 */
#ifndef XS_SHEET_H
#define XS_SHEET_H

#include <stddef.h>
#include "arena.h"

#define SHEET_MAX_TEXT (16u << 20)   /* bytes of text in all cells of one sheet */

enum sheet_result {
	SHEET_OK = 0,
	SHEET_EMPTY,         /* no rows at all */
	SHEET_TOO_BIG,       /* more rows or columns than allowed, or a huge cell */
	SHEET_BAD_ENCODING,  /* neither UTF-8 nor GB18030 */
	SHEET_BAD_FORMAT,    /* not CSV or not a readable .xlsx */
	SHEET_NOMEM,
	SHEET_IO,
	SHEET_DTD,           /* an xlsx part with a DTD (<!DOCTYPE, entities): refused unread */
	SHEET_TOO_MUCH_TEXT, /* the cells together hold more than SHEET_MAX_TEXT bytes */
	SHEET_RESULT__MAX
};

/* A stable code for the XML: "sheet_empty", "sheet_too_big", ... */
const char *sheet_code(enum sheet_result r);

struct sheet_row {
	int line;            /* the row number the user sees in Excel (1-based) */
	size_t ncells;
	const char **cells;  /* UTF-8, surrounding spaces trimmed, never NULL */
};

struct sheet {
	const char *format;    /* "csv", "xlsx" or "xls" */
	const char *encoding;  /* "UTF-8", "GB18030", "UTF-16" (csv), "xlsx" or "xls" */
	size_t nrows;          /* rows, header included, blank rows dropped */
	struct sheet_row *rows;
	const char *name;      /* the worksheet's name ("" for CSV) */
	struct sheet *next;    /* a workbook's next non-empty worksheet, NULL at the last */
};

/*
 * The first worksheet from s on (s, then s->next ...) with a row among its
 * first SHEET_HEADER_SCAN that header() accepts (title rows and notes
 * above the table, an instructions sheet before it): the sheet, with *row
 * the header's index in it. NULL when none has one.
 */
#define SHEET_HEADER_SCAN 20
typedef int (*sheet_header_fn)(const struct sheet_row *row, void *arg);
const struct sheet *sheet_find_header(const struct sheet *s, sheet_header_fn header, void *arg,
    size_t *row);

/*
 * Read the file at path; filename (the browser's name) and the content
 * decide CSV or .xlsx (a zip signature is .xlsx whatever the name says).
 */
enum sheet_result sheet_read(arena *a, const char *path, const char *filename,
    size_t max_rows, size_t max_cols, struct sheet *out);

/* The same from memory (tests, and text pasted into a form as CSV). */
enum sheet_result sheet_read_mem(arena *a, const void *data, size_t len,
    const char *filename, size_t max_rows, size_t max_cols, struct sheet *out);

/*
 * The xlsx reader below the zip (the fuzzer's and the tests' entry): the
 * parts' bytes as the zip held them, sharedStrings.xml (shared, may be NULL)
 * and the worksheet. The same checks and limits as sheet_read_mem.
 */
enum sheet_result sheet_read_xlsx_parts(arena *a, const char *shared, size_t shared_len,
    const char *sheet, size_t sheet_len, size_t max_rows, size_t max_cols, struct sheet *out);

/* Cell c of row r, "" when the row is shorter. */
const char *sheet_cell(const struct sheet_row *r, size_t c);

/*
 * A table to write: a title row (may be NULL), a header row, then rows.
 * Each column has a kind: text, an integer, or tenths of an hour shown as
 * a number with one decimal (900 -> 90.0), or tenths of an hour as people
 * write hours (900 -> 90, 125 -> 12.5; a number, General format), and a
 * width in characters.
 */
enum sheet_kind { SHEET_TEXT, SHEET_INT, SHEET_TENTHS, SHEET_PERCENT_TENTHS, SHEET_HOURS };

struct sheet_column {
	const char *header;
	enum sheet_kind kind;
	double width;
	const char *const *choices;  /* xlsx: a drop-down of these words (NULL-terminated), or NULL */
};

struct sheet_table {
	const char *title;        /* a merged first row, bold (xlsx only), or NULL */
	const char *sheet_name;   /* the worksheet's name (xlsx) */
	size_t ncols;
	const struct sheet_column *cols;
	size_t nrows;
	const char *const *cells; /* nrows * ncols strings; numbers as decimal text */
	size_t input_rows;        /* xlsx: rows below the header formatted for typing (text
	                             columns as text, choices as drop-downs); 0: the data rows */
	const char *notes_name;   /* xlsx: a second worksheet of notes, or NULL */
	const char *const *notes; /* its lines (NULL-terminated) */
};

/*
 * Write the table as .xlsx or CSV into memory in the arena (*data, *len).
 * Returns SHEET_OK, SHEET_NOMEM or SHEET_IO.
 */
enum sheet_result sheet_write_xlsx(arena *a, const struct sheet_table *t,
    char **data, size_t *len);
enum sheet_result sheet_write_csv(arena *a, const struct sheet_table *t,
    char **data, size_t *len);

/* Tables t[0..n) as the worksheets of one .xlsx, in order. */
enum sheet_result sheet_write_book(arena *a, const struct sheet_table *t, size_t n,
    char **data, size_t *len);

#endif
