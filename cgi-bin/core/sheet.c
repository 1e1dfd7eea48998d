/* sheet.c - reading CSV and .xlsx (see sheet.h). Being written by the roster work. */
#include "sheet.h"

const char *
sheet_code(enum sheet_result r)
{
	static const char *const codes[SHEET_RESULT__MAX] = { "ok", "sheet_empty",
		"sheet_too_big", "sheet_bad_encoding", "sheet_bad_format", "sheet_nomem", "sheet_io" };
	return (unsigned)r < SHEET_RESULT__MAX ? codes[r] : "sheet_io";
}

const char *
sheet_cell(const struct sheet_row *r, size_t c)
{
	return r != NULL && c < r->ncells ? r->cells[c] : "";
}

enum sheet_result
sheet_read_mem(arena *a, const void *data, size_t len, const char *filename,
    size_t max_rows, size_t max_cols, struct sheet *out)
{
	(void)a; (void)data; (void)len; (void)filename; (void)max_rows; (void)max_cols; (void)out;
	return SHEET_IO;
}

enum sheet_result
sheet_read(arena *a, const char *path, const char *filename,
    size_t max_rows, size_t max_cols, struct sheet *out)
{
	(void)a; (void)path; (void)filename; (void)max_rows; (void)max_cols; (void)out;
	return SHEET_IO;
}
