/*
 * roster_import.c - checking a roster file row by row (see roster_import.h).
 */
#include "roster_import.h"
#include "store/sql.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "store/audit.h"
#include "core/http.h"
#include "domain/idcard.h"
#include "core/render.h"
#include "core/strings.h"
#include "core/utf8.h"

/*
 * The words of a roster file: the headers and the choices, zh-CN, from the
 * string table (keys import.col.*, import.val.*), filled in by
 * roster_import_words before a file is read or written.
 */
static const char *const col_codes[IMP__NCOLS] = {
	"name", "gender", "id_number", "staff_no", "phone", "subject", "title",
	"category", "status", "receiving_unit"
};
static const char *headers[IMP__NCOLS];

/*
 * A choice: its code, the word the template writes (import.val.*) and the
 * word the pages, prints and exports show (category.*, status.*, gender.*).
 * An imported cell may hold either word or the code: what a school admin
 * copies from any page or export back into a roster file is understood.
 */
struct choice {
	const char *text, *code, *shown;
};

static struct choice genders[] = {
	{ NULL, "M", NULL }, { NULL, "F", NULL }, { NULL, NULL, NULL }
};
static struct choice categories[] = {
	{ NULL, "regular", NULL }, { NULL, "new_teacher", NULL }, { NULL, "new_principal", NULL },
	{ NULL, NULL, NULL }
};
static struct choice statuses[] = {
	{ NULL, "in_post", NULL }, { NULL, "support_out", NULL }, { NULL, "exchange_in", NULL },
	{ NULL, "loan", NULL }, { NULL, NULL, NULL }
};
static const char *example[3]; /* name, subject, title of the template's example row */
static const char *words_dir;

static const char *
word(const char *dir, const char *prefix, const char *code)
{
	char key[80];
	const char *v;

	snprintf(key, sizeof(key), "%s%s", prefix, code);
	v = strings_get(dir, key);
	return v != NULL ? v : code;
}

static void
fill(const char *dir, struct choice *ch, const char *prefix, const char *shown_prefix)
{
	for (; ch->code != NULL; ch++) {
		ch->text = word(dir, prefix, ch->code);
		ch->shown = word(dir, shown_prefix, ch->code);
	}
}

void
roster_import_words(const char *xsl_dir)
{
	if (words_dir != NULL && strcmp(words_dir, xsl_dir) == 0)
		return;
	words_dir = xsl_dir;
	for (int c = 0; c < IMP__NCOLS; c++)
		headers[c] = word(xsl_dir, "import.col.", col_codes[c]);
	fill(xsl_dir, genders, "import.val.gender.", "gender.");
	fill(xsl_dir, categories, "import.val.category.", "category.");
	fill(xsl_dir, statuses, "import.val.status.", "status.");
	example[0] = word(xsl_dir, "import.example.", "name");
	example[1] = word(xsl_dir, "import.example.", "subject");
	example[2] = word(xsl_dir, "import.example.", "title");
}

const char *
import_col_code(enum import_col c)
{
	return (unsigned)c < IMP__NCOLS ? col_codes[c] : "";
}

/*
 * Whether a cell holds word w: the same bytes, except that ASCII brackets
 * stand for the full-width ones the string table uses (新教师(见习期) is
 * 新教师（见习期）, as people type it on either keyboard).
 */
static int
same_word(const char *cell, const char *w)
{
	static const char lpar[] = "\xEF\xBC\x88", rpar[] = "\xEF\xBC\x89";   /* （ ） */

	if (w == NULL)
		return 0;
	while (*cell != '\0' && *w != '\0') {
		if (*cell == '(' && strncmp(w, lpar, 3) == 0) {
			cell++;
			w += 3;
		} else if (*cell == ')' && strncmp(w, rpar, 3) == 0) {
			cell++;
			w += 3;
		} else if (*cell == *w) {
			cell++;
			w++;
		} else
			return 0;
	}
	return *cell == '\0' && *w == '\0';
}

static const char *
choose(const struct choice *ch, const char *text)
{
	for (; ch->code != NULL; ch++)
		if (same_word(text, ch->text) || same_word(text, ch->shown) ||
		    strcmp(ch->code, text) == 0)
			return ch->code;
	return NULL;
}

static void
problem(struct import_row *r, const char *code)
{
	if (r->nproblems < IMPORT_MAX_PROBLEMS)
		r->problems[r->nproblems++] = code;
}

/* A single-line value of at most max characters, else a problem. */
static const char *
text_field(struct import_row *r, const char *v, size_t max, const char *code)
{
	size_t n = strlen(v);

	if (!utf8_valid_line(v, n) || utf8_length(v, n) > max) {
		problem(r, code);
		return "";
	}
	return v;
}

static int
digits_only(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int
roster_import_check(arena *a, const struct sheet *s, struct import_check *out)
{
	long col[IMP__NCOLS];
	const struct sheet_row *h;

	memset(out, 0, sizeof(*out));
	if (s->nrows == 0) {
		out->error = "sheet_empty";
		return 0;
	}
	/* the header row: each template header once, in any order */
	h = &s->rows[0];
	for (int c = 0; c < IMP__NCOLS; c++) {
		col[c] = -1;
		for (size_t i = 0; i < h->ncells; i++) {
			if (strcmp(sheet_cell(h, i), headers[c]) != 0)
				continue;
			if (col[c] >= 0) {
				out->error = "import_header_twice";
				out->missing_header = col_codes[c];
				return 0;
			}
			col[c] = (long)i;
		}
	}
	/* name, gender and ID number are needed; the others may be left out */
	for (int c = IMP_NAME; c <= IMP_ID; c++)
		if (col[c] < 0) {
			out->error = "import_missing_column";
			out->missing_header = col_codes[c];
			return 0;
		}
	if (s->nrows == 1) {
		out->error = "import_no_rows";
		return 0;
	}
	out->nrows = s->nrows - 1;
	if ((out->rows = arena_alloc(a, out->nrows * sizeof(*out->rows))) == NULL)
		return -1;
	memset(out->rows, 0, out->nrows * sizeof(*out->rows));
	for (size_t i = 0; i < out->nrows; i++) {
		const struct sheet_row *sr = &s->rows[i + 1];
		struct import_row *r = &out->rows[i];
		const char *v[IMP__NCOLS];

		for (int c = 0; c < IMP__NCOLS; c++)
			v[c] = col[c] >= 0 ? sheet_cell(sr, (size_t)col[c]) : "";
		r->line = sr->line;
		if (*v[IMP_NAME] == '\0')
			problem(r, "import_missing_name");
		else
			r->name = text_field(r, v[IMP_NAME], 50, "import_bad_name");
		if (*v[IMP_GENDER] == '\0')
			problem(r, "import_missing_gender");
		else if ((r->gender = choose(genders, v[IMP_GENDER])) == NULL)
			problem(r, "import_bad_gender");
		if (*v[IMP_ID] == '\0')
			problem(r, "import_missing_id");
		else if (strlen(v[IMP_ID]) != 18 || idcard_validate(v[IMP_ID]) != IDCARD_OK)
			problem(r, "import_bad_id");
		else {
			char *id = arena_strdup(a, v[IMP_ID]);
			if (id == NULL)
				return -1;
			if (id[17] == 'x')
				id[17] = 'X';
			r->id_number = id;
		}
		r->staff_no = text_field(r, v[IMP_STAFF_NO], 30, "import_bad_staff_no");
		r->phone = v[IMP_PHONE];
		if (*r->phone != '\0' && (strlen(r->phone) != 11 || !digits_only(r->phone) ||
		    r->phone[0] != '1')) {
			problem(r, "import_bad_phone");
			r->phone = "";
		}
		r->subject = text_field(r, v[IMP_SUBJECT], 30, "import_bad_subject");
		r->title = text_field(r, v[IMP_TITLE], 30, "import_bad_title");
		if (*v[IMP_CATEGORY] == '\0')
			r->category = "regular";
		else if ((r->category = choose(categories, v[IMP_CATEGORY])) == NULL)
			problem(r, "import_bad_category");
		if (*v[IMP_STATUS] == '\0')
			r->status = "in_post";
		else if ((r->status = choose(statuses, v[IMP_STATUS])) == NULL)
			problem(r, "import_bad_status");
		r->receiving_unit = text_field(r, v[IMP_UNIT], 100, "import_bad_unit");
		if (r->status != NULL && strcmp(r->status, "in_post") != 0 &&
		    *r->receiving_unit == '\0')
			problem(r, "import_missing_unit");
		/* the same ID number earlier in the file (quadratic is fine for
		 * the 5,000 rows a file may hold: compare only valid IDs) */
		if (r->id_number != NULL)
			for (size_t j = 0; j < i; j++)
				if (out->rows[j].id_number != NULL &&
				    strcmp(out->rows[j].id_number, r->id_number) == 0) {
					r->dup_of = out->rows[j].line;
					problem(r, "import_duplicate_in_file");
					break;
				}
	}
	/* the later row of a pair is the problem; it names the earlier one */
	for (size_t i = 0; i < out->nrows; i++)
		if (out->rows[i].nproblems > 0)
			out->nproblem_rows++;
	return 0;
}

/* ------------------------------------------------------- the template files */

/*
 * GET /school/roster/template.csv and .xlsx: the headers and one example
 * row (a made-up teacher whose ID number has a correct check character).
 */
enum sheet_result
roster_template(arena *a, int xlsx, char **data, size_t *len)
{
	struct sheet_column cols[IMP__NCOLS];
	const char *cells[IMP__NCOLS];
	struct sheet_table t;
	char *id;

	if ((id = arena_strdup(a, "11010119850101001X")) == NULL)
		return SHEET_NOMEM;
	id[17] = idcard_check_char(id);
	for (int i = 0; i < IMP__NCOLS; i++) {
		cols[i].header = headers[i];
		cols[i].kind = SHEET_TEXT;
		cols[i].width = i == IMP_ID ? 22 : i == IMP_UNIT ? 24 : 12;
		cells[i] = "";
	}
	cells[IMP_NAME] = example[0];
	cells[IMP_GENDER] = genders[0].text;
	cells[IMP_ID] = id;
	cells[IMP_STAFF_NO] = "0001";
	cells[IMP_PHONE] = "13800000000";
	cells[IMP_SUBJECT] = example[1];
	cells[IMP_TITLE] = example[2];
	cells[IMP_CATEGORY] = categories[0].text;
	cells[IMP_STATUS] = statuses[0].text;
	memset(&t, 0, sizeof(t));
	t.sheet_name = "roster";
	t.ncols = IMP__NCOLS;
	t.cols = cols;
	t.nrows = 1;
	t.cells = cells;
	return xlsx ? sheet_write_xlsx(a, &t, data, len) : sheet_write_csv(a, &t, data, len);
}

static int
send_template(struct ctx *c, int xlsx)
{
	char *data = NULL;
	size_t len = 0;

	roster_import_words(c->cfg->xsl_dir);
	if (roster_template(c->a, xlsx, &data, &len) != SHEET_OK)
		return 500;
	http_header_add(c->resp, "Content-Disposition", xlsx ?
	    "attachment; filename=\"roster-template.xlsx\"" :
	    "attachment; filename=\"roster-template.csv\"");
	http_header_add(c->resp, "X-Content-Type-Options", "nosniff");
	http_body(c->resp, xlsx ?
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" :
	    "text/csv; charset=utf-8", data, len);
	c->raw_body = 1;
	return 200;
}

int
roster_template_csv(struct ctx *c)
{
	return send_template(c, 0);
}

int
roster_template_xlsx(struct ctx *c)
{
	return send_template(c, 1);
}

/* ------------------------------------------------- upload, preview, commit */

#define IMPORT_MAX_ROWS 5000
#define IMPORT_MAX_COLS 64
#define IMPORT_MAX_BYTES (16u << 20)

/* What a checked row would do to the roster. */
enum row_effect { EFF_PROBLEM, EFF_NEW, EFF_REJOIN, EFF_CHANGED, EFF_UNCHANGED };
static const char *const effect_codes[] = { "problem", "new", "rejoin", "changed", "unchanged" };

struct row_db {
	enum row_effect eff;
	long long teacher_id, teacher_year_id;
};

/* The current school year of the caller's district, and whether the school's year is locked. */
static long long
current_year(struct ctx *c, int *locked)
{
	static const char sql[] =
	    "SELECT y.id, coalesce((SELECT s.state FROM school_year_state s WHERE s.school_id = ?"
	    " AND s.school_year_id = y.id), 'open') FROM school_year y"
	    " WHERE y.district_id = ? AND y.is_current = 1";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	long long y = 0;

	*locked = 0;
	if (st == NULL)
		return 0;
	sqlite3_bind_int64(st, 1, c->user->school_id);
	sqlite3_bind_int64(st, 2, c->user->district_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		y = sqlite3_column_int64(st, 0);
		*locked = strcmp((const char *)sqlite3_column_text(st, 1), "open") != 0;
	}
	sqlite3_reset(st);
	return y;
}

static int
same(const unsigned char *a, const char *b)
{
	return strcmp(a ? (const char *)a : "", b ? b : "") == 0;
}

/*
 * Compare each good row with the district's teachers: new, back on the
 * roster this year, changed, unchanged, or a problem (on another school's
 * roster this year: that school must transfer them).
 */
static int
classify(struct ctx *c, long long year, struct import_check *chk, struct row_db *out)
{
	static const char sql[] =
	    "SELECT t.id, t.name, t.gender, t.staff_no, t.phone, t.subject, t.title,"
	    " ty.id, ty.school_id, ty.category, ty.status, ty.receiving_unit"
	    " FROM teacher t LEFT JOIN teacher_year ty ON ty.teacher_id = t.id AND ty.school_year_id = ?"
	    " WHERE t.district_id = ? AND t.id_number = ?";
	sqlite3_stmt *st = db_stmt(c->db, sql);

	if (st == NULL)
		return -1;
	for (size_t i = 0; i < chk->nrows; i++) {
		struct import_row *r = &chk->rows[i];
		struct row_db *d = &out[i];

		memset(d, 0, sizeof(*d));
		if (r->nproblems > 0) {
			d->eff = EFF_PROBLEM;
			continue;
		}
		sqlite3_bind_int64(st, 1, year);
		sqlite3_bind_int64(st, 2, c->user->district_id);
		sqlite3_bind_text(st, 3, r->id_number, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			d->eff = EFF_NEW;
		else {
			d->teacher_id = sqlite3_column_int64(st, 0);
			if (sqlite3_column_type(st, 7) == SQLITE_NULL)
				d->eff = EFF_REJOIN;
			else if (sqlite3_column_int64(st, 8) != c->user->school_id) {
				d->eff = EFF_PROBLEM;
				problem(r, "import_other_school");
				chk->nproblem_rows++;
			} else {
				d->teacher_year_id = sqlite3_column_int64(st, 7);
				d->eff = same(sqlite3_column_text(st, 1), r->name) &&
				    same(sqlite3_column_text(st, 2), r->gender) &&
				    same(sqlite3_column_text(st, 3), r->staff_no) &&
				    same(sqlite3_column_text(st, 4), r->phone) &&
				    same(sqlite3_column_text(st, 5), r->subject) &&
				    same(sqlite3_column_text(st, 6), r->title) &&
				    same(sqlite3_column_text(st, 9), r->category) &&
				    same(sqlite3_column_text(st, 10), r->status) &&
				    same(sqlite3_column_text(st, 11), r->receiving_unit) ?
				    EFF_UNCHANGED : EFF_CHANGED;
			}
		}
		sqlite3_reset(st);
	}
	return 0;
}

/* The preview (or the refused commit): every row, problems with their codes. */
static void
preview_xml(xmlNodePtr imp, const struct import_check *chk, const struct row_db *d)
{
	long long n[5] = { 0, 0, 0, 0, 0 };

	for (size_t i = 0; i < chk->nrows; i++) {
		const struct import_row *r = &chk->rows[i];
		xmlNodePtr row = xml_node(imp, "row");

		n[d[i].eff]++;
		xml_attr_int(row, "line", r->line);
		xml_attr(row, "effect", effect_codes[d[i].eff]);
		xml_attr(row, "name", r->name ? r->name : "");
		if (r->id_number != NULL)  /* masked: the preview is not the place for it */
			xml_attr(row, "id-tail", r->id_number + 14);
		if (r->dup_of)
			xml_attr_int(row, "dup-of", r->dup_of);
		for (size_t k = 0; k < r->nproblems; k++)
			xml_attr(xml_node(row, "problem"), "code", r->problems[k]);
	}
	xml_attr_int(imp, "rows", (long long)chk->nrows);
	xml_attr_int(imp, "problems", n[EFF_PROBLEM]);
	xml_attr_int(imp, "new", n[EFF_NEW] + n[EFF_REJOIN]);
	xml_attr_int(imp, "changed", n[EFF_CHANGED]);
	xml_attr_int(imp, "unchanged", n[EFF_UNCHANGED]);
}

static xmlNodePtr
import_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "roster-import"), cols;

	roster_import_words(c->cfg->xsl_dir);
	if (root == NULL)
		return NULL;
	cols = xml_node(root, "columns");
	for (int i = 0; i < IMP__NCOLS; i++) {
		xmlNodePtr n = xml_text(cols, "column", headers[i]);
		xml_attr(n, "code", col_codes[i]);
		xml_attr(n, "required", i <= IMP_ID ? "1" : "0");
	}
	return root;
}

static int
import_error(struct ctx *c, xmlNodePtr root, int status, const char *code, const char *col)
{
	xmlNodePtr e = xml_node(root, "error");

	xml_attr(e, "code", code);
	if (col != NULL)
		xml_attr(e, "column", col);
	return status;
}

/* Read and check a file's bytes; fills chk and d (arena). Returns 0, or an HTTP status with the error added. */
static int
check_bytes(struct ctx *c, xmlNodePtr root, long long year, const void *data, size_t len,
    const char *filename, struct import_check *chk, struct row_db **d)
{
	struct sheet sh;
	/* max_rows counts the data rows: the header row comes on top */
	enum sheet_result sr = sheet_read_mem(c->a, data, len, filename, IMPORT_MAX_ROWS,
	    IMPORT_MAX_COLS, &sh);

	if (sr == SHEET_NOMEM)
		return 500;
	if (sr != SHEET_OK)
		return import_error(c, root, 422, sheet_code(sr), NULL);
	if (roster_import_check(c->a, &sh, chk) != 0)
		return 500;
	if (chk->error != NULL)
		return import_error(c, root, 422, chk->error, chk->missing_header);
	if ((*d = arena_alloc(c->a, chk->nrows * sizeof(**d))) == NULL)
		return 500;
	if (classify(c, year, chk, *d) != 0)
		return 500;
	return 0;
}

/* POST /school/roster/import: the upload ("file") gives the preview; nothing is saved but the file. */
int
roster_import_post(struct ctx *c)
{
	xmlNodePtr root = import_page(c), imp;
	const struct http_file *f = http_upload(c->req, "file");
	struct import_check chk;
	struct row_db *d = NULL;
	long long year, id;
	int locked, status, fd;
	char *data;
	ssize_t got;
	sqlite3_stmt *st;

	if (root == NULL)
		return 500;
	if ((year = current_year(c, &locked)) == 0)
		return import_error(c, root, 409, "no_current_year", NULL);
	if (locked)
		return import_error(c, root, 409, "year_locked", NULL);
	if (f == NULL || f->size == 0)
		return import_error(c, root, 422, "import_no_file", NULL);
	if (f->over_limit || f->size > IMPORT_MAX_BYTES)
		return import_error(c, root, 413, "sheet_too_big", NULL);
	if ((data = arena_alloc(c->a, f->size + 1)) == NULL)
		return 500;
	if ((fd = open(f->path, O_RDONLY | O_CLOEXEC)) < 0)
		return 500;
	got = read(fd, data, f->size);
	close(fd);
	if (got < 0 || (size_t)got != f->size)
		return 500;
	if ((status = check_bytes(c, root, year, data, f->size, f->filename, &chk, &d)) != 0)
		return status;
	if ((st = db_stmt(c->db, "INSERT INTO roster_import(school_id, school_year_id, account_id,"
	    " filename, content) VALUES (?,?,?,?,?)")) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->school_id);
	sqlite3_bind_int64(st, 2, year);
	sqlite3_bind_int64(st, 3, c->user->id);
	sqlite3_bind_text(st, 4, f->filename ? f->filename : "", -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, data, (int)f->size, SQLITE_STATIC);
	status = sqlite3_step(st);
	sqlite3_reset(st);
	if (status != SQLITE_DONE)
		return status == SQLITE_BUSY ? 503 : 500;
	id = sqlite3_last_insert_rowid(db_handle(c->db));
	imp = xml_node(root, "import");
	xml_attr_int(imp, "id", id);
	xml_attr(imp, "filename", f->filename ? f->filename : "");
	preview_xml(imp, &chk, d);
	return chk.nproblem_rows > 0 ? 422 : 200;
}

static const char *
json_str(arena *a, const char *k1, const char *v1, const char *k2, const char *v2)
{
	/* {"k1":"v1","k2":"v2"} with '"' and '\\' escaped (the values are codes) */
	size_t n = strlen(v1) + strlen(v2);
	char *e1 = arena_alloc(a, 2 * n + 2), *e2, *p;

	if (e1 == NULL)
		return NULL;
	e2 = e1 + 2 * strlen(v1) + 1;
	for (p = e1; *v1; v1++) { if (*v1 == '"' || *v1 == '\\') *p++ = '\\'; *p++ = *v1; }
	*p = '\0';
	for (p = e2; *v2; v2++) { if (*v2 == '"' || *v2 == '\\') *p++ = '\\'; *p++ = *v2; }
	*p = '\0';
	return arena_printf(a, "{\"%s\":\"%s\",\"%s\":\"%s\"}", k1, e1, k2, e2);
}

/* Apply one good row inside the commit's transaction. Returns DB_OK or the failure. */
static enum db_result
apply_row(struct ctx *c, long long year, long long import_id, const struct import_row *r,
    const struct row_db *d)
{
	sqlite3_stmt *st;
	long long tid = d->teacher_id, tyid = d->teacher_year_id;
	const char *kind;
	struct audit_entry e;
	enum db_result res;

	if (d->eff == EFF_UNCHANGED || d->eff == EFF_PROBLEM)
		return DB_OK;
	if (d->eff == EFF_NEW) {
		st = db_stmt(c->db, "INSERT INTO teacher(district_id, name, gender, id_number, staff_no,"
		    " phone, subject, title) VALUES (?,?,?,?,?,?,?,?)");
		if (st == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, c->user->district_id);
		sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, r->gender, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, r->id_number, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, r->staff_no, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, r->phone, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, r->subject, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, r->title, -1, SQLITE_STATIC);
		res = db_result_of(sqlite3_step(st));
		sqlite3_reset(st);
		if (res != DB_OK)
			return res;
		tid = sqlite3_last_insert_rowid(db_handle(c->db));
	} else {
		st = db_stmt(c->db, "UPDATE teacher SET name = ?, gender = ?, staff_no = ?, phone = ?,"
		    " subject = ?, title = ?, active = 1 WHERE id = ? AND district_id = ?");
		if (st == NULL)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, r->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, r->gender, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, r->staff_no, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, r->phone, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, r->subject, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, r->title, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, tid);
		sqlite3_bind_int64(st, 8, c->user->district_id);
		res = db_result_of(sqlite3_step(st));
		sqlite3_reset(st);
		if (res != DB_OK)
			return res;
	}
	if (d->eff == EFF_CHANGED) {
		st = db_stmt(c->db, "UPDATE teacher_year SET category = ?, status = ?, receiving_unit = ?"
		    " WHERE id = ? AND school_id = ?");
		if (st == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 4, tyid);
		sqlite3_bind_int64(st, 5, c->user->school_id);
	} else {
		st = db_stmt(c->db, "INSERT INTO teacher_year(category, status, receiving_unit,"
		    " teacher_id, school_year_id, school_id) VALUES (?,?,?,?,?,?)");
		if (st == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 4, tid);
		sqlite3_bind_int64(st, 5, year);
		sqlite3_bind_int64(st, 6, c->user->school_id);
	}
	sqlite3_bind_text(st, 1, r->category, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->receiving_unit, -1, SQLITE_STATIC);
	res = db_result_of(sqlite3_step(st));
	sqlite3_reset(st);
	if (res != DB_OK)
		return res;
	if (d->eff != EFF_CHANGED)
		tyid = sqlite3_last_insert_rowid(db_handle(c->db));
	kind = d->eff == EFF_CHANGED ? "details" : d->eff == EFF_REJOIN ? "rejoined" : "joined";
	st = db_stmt(c->db, "INSERT INTO roster_change(school_year_id, school_id, teacher_id, kind,"
	    " after, import_id, account_id) VALUES (?,?,?,?,?,?,?)");
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, year);
	sqlite3_bind_int64(st, 2, c->user->school_id);
	sqlite3_bind_int64(st, 3, tid);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->category, -1, SQLITE_STATIC);
	if (import_id > 0)
		sqlite3_bind_int64(st, 6, import_id);
	sqlite3_bind_int64(st, 7, c->user->id);
	res = db_result_of(sqlite3_step(st));
	sqlite3_reset(st);
	if (res != DB_OK)
		return res;
	memset(&e, 0, sizeof(e));
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = import_id == 0 ? (d->eff == EFF_CHANGED ? "roster_update" : "roster_add") :
	    d->eff == EFF_CHANGED ? "roster_import_update" : "roster_import_add";
	e.object_type = "teacher_year";
	e.object_id = tyid;
	e.after = json_str(c->a, "category", r->category, "status", r->status);
	e.client = c->req->remote_addr;
	return audit_write(c->db, &e);
}

/* POST /school/roster/import/{id}/commit: all rows or nothing. */
int
roster_import_commit(struct ctx *c)
{
	static const char sql[] =
	    "SELECT content, filename, school_year_id, committed_at FROM roster_import"
	    " WHERE id = ? AND school_id = ?";
	xmlNodePtr root = import_page(c), imp;
	sqlite3_stmt *st = db_stmt(c->db, sql);
	struct import_check chk;
	struct row_db *d = NULL;
	long long year, iy, added = 0, changed = 0;
	int locked, status, done;
	const void *blob;
	void *data;
	size_t len;
	const char *filename;
	enum db_result res = DB_OK;

	if (root == NULL || st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->id[0]);
	sqlite3_bind_int64(st, 2, c->user->school_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 404;
	}
	blob = sqlite3_column_blob(st, 0);
	len = (size_t)sqlite3_column_bytes(st, 0);
	data = arena_alloc(c->a, len + 1);
	filename = arena_strdup(c->a, (const char *)sqlite3_column_text(st, 1));
	iy = sqlite3_column_int64(st, 2);
	done = sqlite3_column_type(st, 3) != SQLITE_NULL;
	if (data != NULL && blob != NULL)
		memcpy(data, blob, len);
	sqlite3_reset(st);
	if (data == NULL || filename == NULL)
		return 500;
	if ((year = current_year(c, &locked)) == 0 || year != iy)
		return import_error(c, root, 409, "import_stale", NULL);
	if (locked)
		return import_error(c, root, 409, "year_locked", NULL);
	if (done)
		return import_error(c, root, 409, "import_done", NULL);
	if (db_begin(c->db) != DB_OK)
		return 503;
	/* checked again under the write lock: the roster may have changed */
	status = check_bytes(c, root, year, data, len, filename, &chk, &d);
	imp = xml_node(root, "import");
	xml_attr_int(imp, "id", c->id[0]);
	xml_attr(imp, "filename", filename);
	if (status == 0 && chk.nproblem_rows > 0) {
		preview_xml(imp, &chk, d);
		status = import_error(c, root, 409, "import_has_problems", NULL);
	}
	if (status != 0) {
		db_rollback(c->db);
		return status;
	}
	for (size_t i = 0; i < chk.nrows && res == DB_OK; i++) {
		res = apply_row(c, year, c->id[0], &chk.rows[i], &d[i]);
		if (d[i].eff == EFF_NEW || d[i].eff == EFF_REJOIN)
			added++;
		else if (d[i].eff == EFF_CHANGED)
			changed++;
	}
	if (res == DB_OK && (st = db_stmt(c->db, "UPDATE roster_import SET committed_at ="
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), added = ?, changed = ? WHERE id = ?")) != NULL) {
		sqlite3_bind_int64(st, 1, added);
		sqlite3_bind_int64(st, 2, changed);
		sqlite3_bind_int64(st, 3, c->id[0]);
		res = db_result_of(sqlite3_step(st));
		sqlite3_reset(st);
	} else if (res == DB_OK)
		res = DB_ERROR;
	if (res != DB_OK || db_commit(c->db) != DB_OK) {
		db_rollback(c->db);
		return res == DB_BUSY ? 503 : import_error(c, root, 500, "import_failed", NULL);
	}
	preview_xml(imp, &chk, d);
	xml_attr(imp, "committed", "1");
	xml_attr_int(imp, "added", added);
	xml_attr_int(imp, "updated", changed);
	return 200;
}

/* GET /school/roster/import: the upload form, the templates and the columns. */
int
roster_import_page(struct ctx *c)
{
	return import_page(c) == NULL ? 500 : 200;
}

/* ------------------------------------------- one teacher, by hand (a one-row import) */

static const char *
text_of(const struct choice *ch, const char *code)
{
	for (; code != NULL && ch->code != NULL; ch++)
		if (strcmp(ch->code, code) == 0)
			return ch->text != NULL ? ch->text : ch->code;
	return code != NULL ? code : "";
}

static const char *const form_fields[IMP__NCOLS] = {
	"name", "gender", "id_number", "staff_no", "phone", "subject", "title",
	"category", "status", "receiving_unit"
};

/* GET /school/roster/new[?teacher-year=ID]: the form, empty or with a teacher of this school's roster. */
int
roster_teacher_form(struct ctx *c)
{
	static const char sql[] =
	    "SELECT t.name, t.gender, t.id_number, t.staff_no, t.phone, t.subject, t.title,"
	    " ty.category, ty.status, ty.receiving_unit FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.id = ? AND ty.school_id = ?";
	xmlNodePtr root = app_page(c, "roster-teacher"), form;
	const char *tyq = http_query(c->req, "teacher-year");
	sqlite3_stmt *st;

	roster_import_words(c->cfg->xsl_dir);
	if (root == NULL || (form = xml_node(root, "form")) == NULL)
		return 500;
	if (tyq == NULL)
		return 200;
	if ((st = db_stmt(c->db, sql)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, atoll(tyq));
	sqlite3_bind_int64(st, 2, c->user->school_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 404;
	}
	xml_attr(root, "edit", "1");
	xml_attr_int(root, "teacher-year", atoll(tyq));
	for (int i = 0; i < IMP__NCOLS; i++) {
		const unsigned char *v = sqlite3_column_text(st, i);
		xml_attr(xml_text(form, "value", v ? (const char *)v : ""), "name", form_fields[i]);
	}
	sqlite3_reset(st);
	/* the other schools of the district, for a transfer */
	if ((st = db_stmt(c->db, "SELECT id, name FROM school WHERE district_id = ? AND active = 1"
	    " AND id <> ? ORDER BY code")) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->district_id);
	sqlite3_bind_int64(st, 2, c->user->school_id);
	form = xml_node(root, "schools");
	while (sqlite3_step(st) == SQLITE_ROW)
		xml_attr_int(xml_text(form, "school", (const char *)sqlite3_column_text(st, 1)), "id",
		    sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return 200;
}

/* POST /school/roster/new: add a teacher, or change one already on this school's roster (by ID number). */
int
roster_teacher_post(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "roster-teacher"), form;
	const char *v[IMP__NCOLS];
	const char *hdr[IMP__NCOLS];
	struct sheet_row rows[2];
	struct sheet sh;
	struct import_check chk;
	struct row_db d;
	long long year;
	int locked;
	enum db_result res;

	roster_import_words(c->cfg->xsl_dir);
	if (root == NULL || (form = xml_node(root, "form")) == NULL)
		return 500;
	for (int i = 0; i < IMP__NCOLS; i++) {
		const char *x = http_form(c->req, form_fields[i]);
		v[i] = x != NULL ? x : "";
		hdr[i] = headers[i];
		xml_attr(xml_text(form, "value", v[i]), "name", form_fields[i]);
	}
	if (http_form(c->req, "edit") != NULL)
		xml_attr(root, "edit", "1");
	/* the codes the form sends, as the words a file would hold */
	v[IMP_GENDER] = *v[IMP_GENDER] ? text_of(genders, v[IMP_GENDER]) : "";
	v[IMP_CATEGORY] = text_of(categories, *v[IMP_CATEGORY] ? v[IMP_CATEGORY] : "regular");
	v[IMP_STATUS] = text_of(statuses, *v[IMP_STATUS] ? v[IMP_STATUS] : "in_post");
	rows[0].line = 1;
	rows[0].ncells = IMP__NCOLS;
	rows[0].cells = hdr;
	rows[1].line = 2;
	rows[1].ncells = IMP__NCOLS;
	rows[1].cells = v;
	memset(&sh, 0, sizeof(sh));
	sh.nrows = 2;
	sh.rows = rows;
	if ((year = current_year(c, &locked)) == 0)
		return import_error(c, root, 409, "no_current_year", NULL);
	if (locked)
		return import_error(c, root, 409, "year_locked", NULL);
	if (roster_import_check(c->a, &sh, &chk) != 0 || chk.error != NULL || chk.nrows != 1)
		return 500;
	if (db_begin(c->db) != DB_OK)
		return 503;
	if (classify(c, year, &chk, &d) != 0) {
		db_rollback(c->db);
		return 500;
	}
	if (chk.rows[0].nproblems > 0) {
		db_rollback(c->db);
		for (size_t k = 0; k < chk.rows[0].nproblems; k++)
			xml_attr(xml_node(root, "problem"), "code", chk.rows[0].problems[k]);
		return 422;
	}
	res = apply_row(c, year, 0, &chk.rows[0], &d);
	if (res != DB_OK || (res = db_commit(c->db)) != DB_OK) {
		db_rollback(c->db);
		return res == DB_BUSY ? 503 : 500;
	}
	return app_redirect(c, arena_printf(c->a, "/school/roster?q=%s", chk.rows[0].id_number + 14));
}
