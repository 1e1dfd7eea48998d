/*
 * sheet_write.c - writing a table as CSV (UTF-8 with a BOM, CRLF, RFC 4180
 * quoting) or as .xlsx (libxlsxwriter), see sheet.h.
 *
 * Text that a spreadsheet would take for a formula (= + - @, and a leading
 * tab or CR) is prefixed with an apostrophe in the CSV; in the .xlsx every
 * text cell is written as a string, never as a formula.
 */
#include "sheet.h"

#include <xlsxwriter.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHEET_WRITE_MAX (64u << 20)  /* the largest file we hand back */

/* A growing buffer in the arena. */
struct buf {
	arena *a;
	char *p;
	size_t len, cap;
	int failed;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (n > SHEET_WRITE_MAX - b->len) {
		b->failed = 1;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *np;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((np = arena_alloc(b->a, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		if (b->len)
			memcpy(np, b->p, b->len);
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* A whole decimal integer (optional sign), or 0 when s is not one. */
static int
parse_int(const char *s, long long *v)
{
	char *end;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	*v = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' && end != s;
}

/* Tenths as text with one decimal: 905 -> "90.5", -5 -> "-0.5". */
static void
tenths_text(long long v, char *out, size_t n)
{
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	snprintf(out, n, "%s%llu.%llu", v < 0 ? "-" : "", u / 10, u % 10);
}

static int
formula_like(const char *s)
{
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

static void
csv_cell(struct buf *b, const char *s, int text)
{
	int quote = 0;

	if (text && formula_like(s))
		quote = 1; /* the apostrophe goes inside the quotes */
	for (const char *p = s; *p && !quote; p++)
		if (*p == '"' || *p == ',' || *p == '\r' || *p == '\n')
			quote = 1;
	if (!quote) {
		buf_str(b, s);
		return;
	}
	buf_add(b, "\"", 1);
	if (text && formula_like(s))
		buf_add(b, "'", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_add(b, "\"\"", 2);
		else
			buf_add(b, p, 1);
	}
	buf_add(b, "\"", 1);
}

static void
csv_value(struct buf *b, const char *s, enum sheet_kind kind)
{
	char num[48];
	long long v;

	if (s == NULL)
		s = "";
	if (kind == SHEET_TEXT || !parse_int(s, &v)) {
		csv_cell(b, s, 1);
		return;
	}
	if (kind == SHEET_INT)
		snprintf(num, sizeof(num), "%lld", v);
	else if (kind == SHEET_HOURS) {
		tenths_text(v, num, sizeof(num) - 1);
		if (v % 10 == 0)
			num[strlen(num) - 2] = '\0';   /* 90.0 -> 90 */
	} else {
		tenths_text(v, num, sizeof(num) - 1);
		if (kind == SHEET_PERCENT_TENTHS)
			strcat(num, "%");
	}
	buf_str(b, num);
}

enum sheet_result
sheet_write_csv(arena *a, const struct sheet_table *t, char **data, size_t *len)
{
	struct buf b = { a, NULL, 0, 0, 0 };

	if (data == NULL || len == NULL)
		return SHEET_IO;
	*data = NULL;
	*len = 0;
	if (t == NULL || t->ncols == 0 || t->cols == NULL || (t->nrows > 0 && t->cells == NULL))
		return SHEET_IO;
	buf_add(&b, "\xEF\xBB\xBF", 3);
	for (size_t c = 0; c < t->ncols; c++) {
		if (c > 0)
			buf_add(&b, ",", 1);
		csv_cell(&b, t->cols[c].header ? t->cols[c].header : "", 1);
	}
	buf_add(&b, "\r\n", 2);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c > 0)
				buf_add(&b, ",", 1);
			csv_value(&b, t->cells[r * t->ncols + c], t->cols[c].kind);
		}
		buf_add(&b, "\r\n", 2);
	}
	if (b.failed)
		return b.len >= SHEET_WRITE_MAX ? SHEET_TOO_BIG : SHEET_NOMEM;
	*data = b.p;
	*len = b.len;
	return SHEET_OK;
}

/* Read the whole file at fd into the arena. */
static enum sheet_result
slurp(arena *a, int fd, char **data, size_t *len)
{
	struct stat sb;
	char *p;
	size_t got = 0;

	if (fstat(fd, &sb) != 0 || sb.st_size <= 0)
		return SHEET_IO;
	if ((uintmax_t)sb.st_size > SHEET_WRITE_MAX)
		return SHEET_TOO_BIG;
	if ((p = arena_alloc(a, (size_t)sb.st_size + 1)) == NULL)
		return SHEET_NOMEM;
	while (got < (size_t)sb.st_size) {
		ssize_t n = read(fd, p + got, (size_t)sb.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return SHEET_IO;
		got += (size_t)n;
	}
	p[got] = '\0';
	*data = p;
	*len = got;
	return SHEET_OK;
}

static int
write_cells(lxw_worksheet *ws, const struct sheet_table *t, lxw_row_t first,
    lxw_format *fmt_text, lxw_format *fmt_int, lxw_format *fmt_tenths, lxw_format *fmt_pct)
{
	for (size_t r = 0; r < t->nrows; r++) {
		lxw_row_t row = first + (lxw_row_t)r;
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			enum sheet_kind k = t->cols[c].kind;
			lxw_col_t col = (lxw_col_t)c;
			lxw_error e;
			long long v;

			if (s == NULL || *s == '\0')
				continue;
			if (k == SHEET_TEXT || !parse_int(s, &v))
				e = worksheet_write_string(ws, row, col, s, fmt_text);
			else if (k == SHEET_INT)
				e = worksheet_write_number(ws, row, col, (double)v, fmt_int);
			else if (k == SHEET_TENTHS)
				e = worksheet_write_number(ws, row, col, (double)v / 10.0, fmt_tenths);
			else if (k == SHEET_HOURS)   /* General: 4, 12.5 */
				e = worksheet_write_number(ws, row, col, (double)v / 10.0, NULL);
			else
				e = worksheet_write_number(ws, row, col, (double)v / 1000.0, fmt_pct);
			if (e != LXW_NO_ERROR)
				return -1;
		}
	}
	return 0;
}

/* The formats every worksheet of a workbook shares. */
struct formats {
	lxw_format *bold, *title, *fmt_text, *fmt_int, *fmt_tenths, *fmt_pct;
};

static int
make_formats(lxw_workbook *wb, struct formats *f)
{
	lxw_format *bold, *title, *fmt_text, *fmt_int, *fmt_tenths, *fmt_pct;

	bold = workbook_add_format(wb);
	title = workbook_add_format(wb);
	fmt_text = workbook_add_format(wb);
	fmt_int = workbook_add_format(wb);
	fmt_tenths = workbook_add_format(wb);
	fmt_pct = workbook_add_format(wb);
	if (bold == NULL || title == NULL || fmt_text == NULL || fmt_int == NULL ||
	    fmt_tenths == NULL || fmt_pct == NULL) {
		return -1;
	}
	format_set_bold(bold);
	format_set_border(bold, LXW_BORDER_THIN);
	format_set_align(bold, LXW_ALIGN_CENTER);
	format_set_align(bold, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(bold);
	format_set_bold(title);
	format_set_font_size(title, 14);
	format_set_align(title, LXW_ALIGN_CENTER);
	format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
	format_set_num_format(fmt_text, "@");
	format_set_num_format(fmt_int, "0");
	format_set_num_format(fmt_tenths, "0.0");
	format_set_num_format(fmt_pct, "0.0%");
	f->bold = bold;
	f->title = title;
	f->fmt_text = fmt_text;
	f->fmt_int = fmt_int;
	f->fmt_tenths = fmt_tenths;
	f->fmt_pct = fmt_pct;
	return 0;
}

/* One table as a worksheet of wb (its notes as another). 0, or -1. */
static int
add_table(lxw_workbook *wb, const struct sheet_table *t, const struct formats *f)
{
	lxw_format *bold = f->bold, *title = f->title, *fmt_text = f->fmt_text, *fmt_int = f->fmt_int,
	    *fmt_tenths = f->fmt_tenths, *fmt_pct = f->fmt_pct;
	char name[128] = "";
	lxw_worksheet *ws;
	lxw_row_t head;

	if (t == NULL || t->ncols == 0 || t->cols == NULL || (t->nrows > 0 && t->cells == NULL) ||
	    t->ncols > LXW_COL_MAX || t->nrows > LXW_ROW_MAX - 2)
		return -1;
	if (t->sheet_name != NULL && *t->sheet_name && strlen(t->sheet_name) < sizeof(name)) {
		/* Characters Excel refuses in a sheet name become '_'. */
		strcpy(name, t->sheet_name);
		for (char *p = name; *p; p++)
			if (strchr("[]:*?/\\", *p))
				*p = '_';
		if (name[0] == '\'')
			name[0] = '_';
	}
	ws = workbook_add_worksheet(wb, name[0] ? name : NULL);
	if (ws == NULL)
		ws = workbook_add_worksheet(wb, NULL); /* a name Excel refuses (or taken): SheetN */
	if (ws == NULL)
		return -1;
	for (size_t c = 0; c < t->ncols; c++) {
		double w = t->cols[c].width > 0 && t->cols[c].width < 200 ? t->cols[c].width : 12;
		/* A text column is text in every row, typed or pasted below the data too. */
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w,
		    t->cols[c].kind == SHEET_TEXT ? fmt_text : NULL);
	}
	head = 0;
	if (t->title != NULL && *t->title) {
		if (t->ncols > 1)
			worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(t->ncols - 1), t->title, title);
		else
			worksheet_write_string(ws, 0, 0, t->title, title);
		worksheet_set_row(ws, 0, 24, NULL);
		head = 1;
	}
	for (size_t c = 0; c < t->ncols; c++)
		worksheet_write_string(ws, head, (lxw_col_t)c,
		    t->cols[c].header ? t->cols[c].header : "", bold);
	if (write_cells(ws, t, head + 1, fmt_text, fmt_int, fmt_tenths, fmt_pct) != 0) {
		return -1;
	}
	/* Drop-downs of the product's own words where a column has them. */
	{
		size_t rows = t->input_rows > t->nrows ? t->input_rows : t->nrows;
		if (rows > 0 && rows < LXW_ROW_MAX - head - 2)
			for (size_t c = 0; c < t->ncols; c++) {
				lxw_data_validation dv;
				if (t->cols[c].choices == NULL || t->cols[c].choices[0] == NULL)
					continue;
				memset(&dv, 0, sizeof(dv));
				dv.validate = LXW_VALIDATION_TYPE_LIST;
				dv.value_list = (char **)(uintptr_t)t->cols[c].choices;   /* libxlsxwriter only reads it */
				dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
				if (worksheet_data_validation_range(ws, head + 1, (lxw_col_t)c,
				    head + (lxw_row_t)rows, (lxw_col_t)c, &dv) != LXW_NO_ERROR) {
					return -1;
				}
			}
	}
	if (t->notes_name != NULL && t->notes != NULL) {
		lxw_worksheet *ns = workbook_add_worksheet(wb, t->notes_name);
		if (ns == NULL) {
			return -1;
		}
		worksheet_set_column(ns, 0, 0, 100, NULL);
		for (lxw_row_t r = 0; t->notes[r] != NULL && r < 1000; r++)
			worksheet_write_string(ns, r, 0, t->notes[r], r == 0 ? bold : NULL);
	}
	worksheet_freeze_panes(ws, head + 1, 0);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_repeat_rows(ws, head, head);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	return 0;
}

/*
 * Tables t[0..n) as the worksheets of one .xlsx, in order (a school's
 * summary per school, the district's totals first ...).
 */
enum sheet_result
sheet_write_book(arena *a, const struct sheet_table *t, size_t n, char **data, size_t *len)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	lxw_workbook_options opt = { 0 };
	lxw_workbook *wb;
	struct formats f;
	enum sheet_result res = SHEET_IO;
	int fd;

	if (data == NULL || len == NULL)
		return SHEET_IO;
	*data = NULL;
	*len = 0;
	if (t == NULL || n == 0 || n > 1000)
		return SHEET_IO;
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/xueshi-sheet-" "XX" "XX" "XX", tmp) >= sizeof(path))
		return SHEET_IO;
	if ((fd = mkstemp(path)) < 0)
		return SHEET_IO;
	opt.tmpdir = (char *)tmp;
	if ((wb = workbook_new_opt(path, &opt)) == NULL)
		goto out;
	if (make_formats(wb, &f) != 0) {
		workbook_close(wb);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (add_table(wb, &t[i], &f) != 0) {
			workbook_close(wb);
			goto out;
		}
	if (workbook_close(wb) != LXW_NO_ERROR)
		goto out;
	/* libxlsxwriter wrote through its own handle; read ours from the start. */
	if (lseek(fd, 0, SEEK_SET) != 0)
		goto out;
	res = slurp(a, fd, data, len);
out:
	close(fd);
	unlink(path);
	return res;
}

enum sheet_result
sheet_write_xlsx(arena *a, const struct sheet_table *t, char **data, size_t *len)
{
	if (data != NULL)
		*data = NULL;
	if (len != NULL)
		*len = 0;
	if (t == NULL)
		return SHEET_IO;
	return sheet_write_book(a, t, 1, data, len);
}
