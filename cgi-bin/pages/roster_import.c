/*
 * roster_import.c - checking a roster file row by row (see roster_import.h).
 */
#include "pages/roster_import.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "core/form.h"
#include "store/roster.h"
#include "store/roster_import.h"
#include "store/store.h"
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
/* The other ways people head each column ("|"-separated, the string table's import.aliases.*). */
static const char *aliases[IMP__NCOLS];

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
	for (int c = 0; c < IMP__NCOLS; c++) {
		headers[c] = word(xsl_dir, "import.col.", col_codes[c]);
		aliases[c] = word(xsl_dir, "import.aliases.", col_codes[c]);
	}
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

/* The code of a column's bad value ("import_bad_name", ...). */
static const char *const bad_codes[IMP__NCOLS] = {
	"import_bad_name", "import_bad_gender", "import_bad_id", "import_bad_staff_no",
	"import_bad_phone", "import_bad_subject", "import_bad_title", "import_bad_category",
	"import_bad_status", "import_bad_unit"
};

#define REFUSED(c) (refused & (1u << (c)))

/*
 * Check one row's values v (by column) into r; a column whose bit is set in
 * refused was already refused by the form's field check: it is that
 * column's bad value, whatever v holds. Returns 0, or -1 when out of memory.
 */
static int
check_row(arena *a, struct import_row *r, const char *const *v, unsigned refused)
{
	if (REFUSED(IMP_NAME))
		problem(r, bad_codes[IMP_NAME]);
	else if (*v[IMP_NAME] == '\0')
		problem(r, "import_missing_name");
	else
		r->name = text_field(r, v[IMP_NAME], 50, "import_bad_name");
	if (REFUSED(IMP_GENDER))
		problem(r, bad_codes[IMP_GENDER]);
	else if (*v[IMP_GENDER] == '\0')
		problem(r, "import_missing_gender");
	else if ((r->gender = choose(genders, v[IMP_GENDER])) == NULL)
		problem(r, "import_bad_gender");
	if (REFUSED(IMP_ID))
		problem(r, bad_codes[IMP_ID]);
	else if (*v[IMP_ID] == '\0')
		problem(r, "import_missing_id");
	else if (strchr(v[IMP_ID], 'E') != NULL && strchr(v[IMP_ID], '+') != NULL)
		problem(r, "import_id_rounded");   /* typed as a number: Excel kept 15 digits */
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
	if (REFUSED(IMP_STAFF_NO)) {
		problem(r, bad_codes[IMP_STAFF_NO]);
		r->staff_no = "";
	} else
		r->staff_no = text_field(r, v[IMP_STAFF_NO], 30, "import_bad_staff_no");
	r->phone = REFUSED(IMP_PHONE) ? NULL : v[IMP_PHONE];
	if (r->phone == NULL || (*r->phone != '\0' && (strlen(r->phone) != 11 ||
	    !digits_only(r->phone) || r->phone[0] != '1'))) {
		problem(r, "import_bad_phone");
		r->phone = "";
	}
	if (REFUSED(IMP_SUBJECT)) {
		problem(r, bad_codes[IMP_SUBJECT]);
		r->subject = "";
	} else
		r->subject = text_field(r, v[IMP_SUBJECT], 30, "import_bad_subject");
	if (REFUSED(IMP_TITLE)) {
		problem(r, bad_codes[IMP_TITLE]);
		r->title = "";
	} else
		r->title = text_field(r, v[IMP_TITLE], 30, "import_bad_title");
	if (REFUSED(IMP_CATEGORY))
		problem(r, bad_codes[IMP_CATEGORY]);
	else if (*v[IMP_CATEGORY] == '\0')
		r->category = "regular";
	else if ((r->category = choose(categories, v[IMP_CATEGORY])) == NULL)
		problem(r, "import_bad_category");
	if (REFUSED(IMP_STATUS))
		problem(r, bad_codes[IMP_STATUS]);
	else if (*v[IMP_STATUS] == '\0')
		r->status = "in_post";
	else if ((r->status = choose(statuses, v[IMP_STATUS])) == NULL)
		problem(r, "import_bad_status");
	if (REFUSED(IMP_UNIT)) {
		problem(r, bad_codes[IMP_UNIT]);
		r->receiving_unit = "";
	} else
		r->receiving_unit = text_field(r, v[IMP_UNIT], 100, "import_bad_unit");
	if (r->status != NULL && strcmp(r->status, "in_post") != 0 &&
	    *r->receiving_unit == '\0')
		problem(r, "import_missing_unit");
	return 0;
}

/* A header cell's text without spaces (全角 ones too) or a trailing colon, for matching. */
static void
header_key(const char *cell, char *out, size_t n)
{
	size_t k = 0;

	while (*cell && k + 4 < n) {
		if (*cell == ' ' || *cell == '\t' || *cell == '*' || *cell == ':')
			cell++;
		else if (strncmp(cell, "\xE3\x80\x80", 3) == 0 || strncmp(cell, "\xEF\xBC\x9A", 3) == 0)
			cell += 3;   /* the full-width space and colon */
		else
			out[k++] = *cell++;
	}
	out[k] = '\0';
}

/* The column (enum import_col) a header cell names, or -1. */
static int
header_col(const char *cell)
{
	char key[256];

	header_key(cell, key, sizeof(key));
	if (*key == '\0')
		return -1;
	for (int c = 0; c < IMP__NCOLS; c++) {
		const char *p = aliases[c];
		if (same_word(key, headers[c]))
			return c;
		while (p != NULL && *p) {
			const char *e = strchr(p, '|');
			size_t len = e != NULL ? (size_t)(e - p) : strlen(p);
			char w[128];
			if (len < sizeof(w)) {
				memcpy(w, p, len);
				w[len] = '\0';
				if (same_word(key, w))
					return c;
			}
			p = e != NULL ? e + 1 : NULL;
		}
	}
	return -1;
}

/* A header row: it names the 姓名 and the ID-number columns. */
static int
is_header(const struct sheet_row *row, void *arg)
{
	int name = 0, id = 0;

	(void)arg;
	for (size_t i = 0; i < row->ncells; i++) {
		int c = header_col(sheet_cell(row, i));
		name |= c == IMP_NAME;
		id |= c == IMP_ID;
	}
	return name && id;
}

int
roster_import_check(arena *a, const struct sheet *sheets, struct import_check *out)
{
	long col[IMP__NCOLS];
	const struct sheet_row *h;
	const struct sheet *s;
	size_t hrow = 0, first;

	memset(out, 0, sizeof(*out));
	if (sheets->nrows == 0) {
		out->error = "sheet_empty";
		return 0;
	}
	/*
	 * The header row: title rows and notes above it, and an instructions
	 * sheet before the roster's, are passed over. Each column once, under
	 * its template header or a usual variant (身份证号码, 手机号码, 教职工号 ...).
	 */
	if ((s = sheet_find_header(sheets, is_header, NULL, &hrow)) == NULL)
		s = sheets;   /* none: the first row, which then names what is missing */
	h = &s->rows[hrow];
	out->sheet = s->name;
	out->header_line = h->line;
	for (int c = 0; c < IMP__NCOLS; c++)
		col[c] = -1;
	for (size_t i = 0; i < h->ncells; i++) {
		int c = header_col(sheet_cell(h, i));
		if (c < 0) {
			/* Not a column the roster keeps: named in the preview, not silently dropped. */
			if (*sheet_cell(h, i) && out->nignored < IMPORT_IGNORED_MAX)
				out->ignored[out->nignored++] = sheet_cell(h, i);
			continue;
		}
		if (col[c] >= 0) {
			out->error = "import_header_twice";
			out->missing_header = col_codes[c];
			return 0;
		}
		col[c] = (long)i;
	}
	/* name, gender and ID number are needed; the others may be left out */
	for (int c = IMP_NAME; c <= IMP_ID; c++)
		if (col[c] < 0) {
			out->error = "import_missing_column";
			out->missing_header = col_codes[c];
			return 0;
		}
	first = hrow + 1;
	if (s->nrows <= first) {
		out->error = "import_no_rows";
		return 0;
	}
	out->nrows = s->nrows - first;
	if ((out->rows = arena_alloc(a, out->nrows * sizeof(*out->rows))) == NULL)
		return -1;
	memset(out->rows, 0, out->nrows * sizeof(*out->rows));
	for (size_t i = 0; i < out->nrows; i++) {
		const struct sheet_row *sr = &s->rows[i + first];
		struct import_row *r = &out->rows[i];
		const char *v[IMP__NCOLS];

		for (int c = 0; c < IMP__NCOLS; c++)
			v[c] = col[c] >= 0 ? sheet_cell(sr, (size_t)col[c]) : "";
		r->line = sr->line;
		if (check_row(a, r, v, 0) != 0)
			return -1;
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
/* The import's columns over rows of cells (IMP__NCOLS each), as .xlsx or CSV, every column text. */
/* The words of a choice column, for the template's drop-downs (NULL-terminated). */
static const char **
choice_words(arena *a, const struct choice *ch)
{
	size_t n = 0;
	const char **v;

	while (ch[n].code != NULL)
		n++;
	if ((v = arena_alloc(a, (n + 1) * sizeof(*v))) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		v[i] = ch[i].text;
	v[n] = NULL;
	return v;
}

/*
 * The import's columns over rows of cells (IMP__NCOLS each), as .xlsx or
 * CSV: every column text in every row (an ID number typed below the data
 * stays 18 digits), gender, category and status as drop-downs of the
 * import's own words, the header frozen, and a second sheet (填表说明)
 * explaining each column.
 */
static enum sheet_result
roster_sheet(arena *a, int xlsx, const char **cells, size_t nrows, char **data, size_t *len)
{
	struct sheet_column cols[IMP__NCOLS];
	struct sheet_table t;
	const char **notes;

	memset(cols, 0, sizeof(cols));
	for (int i = 0; i < IMP__NCOLS; i++) {
		cols[i].header = headers[i];
		cols[i].kind = SHEET_TEXT;
		cols[i].width = i == IMP_ID ? 22 : i == IMP_UNIT ? 24 : 12;
	}
	cols[IMP_GENDER].choices = choice_words(a, genders);
	cols[IMP_CATEGORY].choices = choice_words(a, categories);
	cols[IMP_STATUS].choices = choice_words(a, statuses);
	memset(&t, 0, sizeof(t));
	t.input_rows = nrows + 1000;
	if ((notes = arena_alloc(a, (IMP__NCOLS + 2) * sizeof(*notes))) == NULL)
		return SHEET_NOMEM;
	notes[0] = words_dir != NULL ? word(words_dir, "import.notes.", "heading") : "";
	for (int i = 0; i < IMP__NCOLS; i++)
		notes[i + 1] = words_dir != NULL ? arena_printf(a, "%s：%s", headers[i],
		    word(words_dir, "import.notes.", col_codes[i])) : "";
	notes[IMP__NCOLS + 1] = NULL;
	t.notes_name = words_dir != NULL ? word(words_dir, "import.notes.", "sheet") : NULL;
	t.notes = notes;
	t.sheet_name = "roster";
	t.ncols = IMP__NCOLS;
	t.cols = cols;
	t.nrows = nrows;
	t.cells = cells;
	return xlsx ? sheet_write_xlsx(a, &t, data, len) : sheet_write_csv(a, &t, data, len);
}

enum sheet_result
roster_template(arena *a, int xlsx, char **data, size_t *len)
{
	const char *cells[IMP__NCOLS];
	char *id;

	if ((id = arena_strdup(a, "11010119850101001X")) == NULL)
		return SHEET_NOMEM;
	id[17] = idcard_check_char(id);
	for (int i = 0; i < IMP__NCOLS; i++)
		cells[i] = "";
	cells[IMP_NAME] = example[0];
	cells[IMP_GENDER] = genders[0].text;
	cells[IMP_ID] = id;
	cells[IMP_STAFF_NO] = "0001";
	cells[IMP_PHONE] = "13800000000";
	cells[IMP_SUBJECT] = example[1];
	cells[IMP_TITLE] = example[2];
	cells[IMP_CATEGORY] = categories[0].text;
	cells[IMP_STATUS] = statuses[0].text;
	return roster_sheet(a, xlsx, cells, 1, data, len);
}

/* The word the import reads for code (the code itself when none). */
static const char *
choice_text(const struct choice *ch, const char *code)
{
	for (; ch->code != NULL; ch++)
		if (strcmp(ch->code, code) == 0)
			return ch->text;
	return code;
}

/*
 * GET /school/roster.xlsx and .csv: the school's active teachers this year
 * in the import's own columns and words, so the file edited and imported
 * back changes only what was edited (unchanged, it changes nothing).
 */
static int
send_roster(struct ctx *c, int xlsx)
{
	struct roster_teacher *v;
	const char **cells;
	size_t n, k = 0;
	char *data = NULL;
	size_t len = 0;
	enum db_result r;

	roster_import_words(c->cfg->xsl_dir);
	if ((r = store_roster_list(c->db, c->a, c->user->school_id, "", &v, &n)) != DB_OK)
		return app_status(r);
	if ((cells = arena_alloc(c->a, (n ? n : 1) * IMP__NCOLS * sizeof(*cells))) == NULL)
		return 500;
	for (size_t i = 0; i < n; i++) {
		const char **row = cells + k * IMP__NCOLS;
		if (!v[i].active)
			continue;
		row[IMP_NAME] = v[i].name;
		row[IMP_GENDER] = choice_text(genders, v[i].gender);
		row[IMP_ID] = v[i].id_number;
		row[IMP_STAFF_NO] = v[i].staff_no;
		row[IMP_PHONE] = v[i].phone;
		row[IMP_SUBJECT] = v[i].subject;
		row[IMP_TITLE] = v[i].title;
		row[IMP_CATEGORY] = choice_text(categories, v[i].category);
		row[IMP_STATUS] = choice_text(statuses, v[i].status);
		row[IMP_UNIT] = v[i].receiving_unit;
		k++;
	}
	if (roster_sheet(c->a, xlsx, cells, k, &data, &len) != SHEET_OK)
		return 500;
	http_header_add(c->resp, "Content-Disposition", xlsx ?
	    "attachment; filename=\"roster.xlsx\"" : "attachment; filename=\"roster.csv\"");
	http_header_add(c->resp, "X-Content-Type-Options", "nosniff");
	http_body(c->resp, xlsx ?
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" :
	    "text/csv; charset=utf-8", data, len);
	c->raw_body = 1;
	return 200;
}

int
roster_export_csv(struct ctx *c)
{
	return send_roster(c, 0);
}

int
roster_export_xlsx(struct ctx *c)
{
	return send_roster(c, 1);
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

static int
same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/*
 * Compare each good row with the district's teachers (store_import_match):
 * new, back on the roster this year, changed, unchanged, or a problem (on
 * another school's roster this year: that school must transfer them).
 */
static enum db_result
classify(struct ctx *c, long long year, struct import_check *chk, struct row_db *out)
{
	const char **ids = arena_alloc(c->a, (chk->nrows + 1) * sizeof(*ids));
	struct import_match *m = arena_alloc(c->a, (chk->nrows + 1) * sizeof(*m));
	enum db_result res;

	if (ids == NULL || m == NULL)
		return DB_ERROR;
	for (size_t i = 0; i < chk->nrows; i++)
		ids[i] = chk->rows[i].nproblems > 0 ? NULL : chk->rows[i].id_number;
	if ((res = store_import_match(c->db, c->a, c->user->district_id, year, ids, chk->nrows,
	    m)) != DB_OK)
		return res;
	for (size_t i = 0; i < chk->nrows; i++) {
		struct import_row *r = &chk->rows[i];
		struct row_db *d = &out[i];
		const struct roster_teacher *t = &m[i].t;

		memset(d, 0, sizeof(*d));
		if (r->nproblems > 0)
			d->eff = EFF_PROBLEM;
		else if (m[i].teacher_id == 0)
			d->eff = EFF_NEW;
		else {
			d->teacher_id = m[i].teacher_id;
			if (t->teacher_year_id == 0)
				d->eff = EFF_REJOIN;
			else if (m[i].school_id != c->user->school_id) {
				d->eff = EFF_PROBLEM;
				problem(r, "import_other_school");
				chk->nproblem_rows++;
			} else {
				d->teacher_year_id = t->teacher_year_id;
				d->eff = same(t->name, r->name) && same(t->gender, r->gender) &&
				    same(t->staff_no, r->staff_no) && same(t->phone, r->phone) &&
				    same(t->subject, r->subject) && same(t->title, r->title) &&
				    same(t->category, r->category) && same(t->status, r->status) &&
				    same(t->receiving_unit, r->receiving_unit) ?
				    EFF_UNCHANGED : EFF_CHANGED;
			}
		}
	}
	return DB_OK;
}

/* The preview (or the refused commit): every row, problems with their codes. */
static void
preview_xml(xmlNodePtr imp, const struct import_check *chk, const struct row_db *d)
{
	long long n[5] = { 0, 0, 0, 0, 0 };

	/* Where the table was found, and the columns read from it that the roster does not keep. */
	if (chk->sheet != NULL && *chk->sheet)
		xml_attr(imp, "sheet", chk->sheet);
	xml_attr_int(imp, "header-line", chk->header_line);
	for (size_t i = 0; i < chk->nignored; i++)
		xml_text(imp, "ignored-column", chk->ignored[i]);
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

	(void)c;
	xml_attr(e, "code", code);
	if (col != NULL)
		xml_attr(e, "column", col);
	return status;
}

/*
 * The current year of the caller's district for a write: 0 and *year, or
 * the refusal's status with the error added (no current year, the school's
 * year locked).
 */
static int
open_year(struct ctx *c, xmlNodePtr root, long long *year)
{
	int locked = 0;
	enum db_result r = store_import_year(c->db, c->user->district_id, c->user->school_id, year,
	    &locked);

	if (r == DB_NOTFOUND)
		return import_error(c, root, 409, "no_current_year", NULL);
	if (r != DB_OK)
		return app_status(r);
	if (locked)
		return import_error(c, root, 409, "year_locked", NULL);
	return 0;
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
	enum db_result r;

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
	if ((r = classify(c, year, chk, *d)) != DB_OK)
		return app_status(r);
	return 0;
}

/* The upload's save: the file kept for the commit. */
struct upload_tx {
	struct ctx *c;
	long long year, id;
	const struct http_file *f;
	const char *data;
};

static enum db_result
upload_tx(struct db *db, void *arg)
{
	struct upload_tx *u = arg;

	return store_import_save(db, u->c->user->school_id, u->year, u->c->user->id,
	    u->f->filename, u->data, u->f->size, &u->id);
}

/* POST /school/roster/import: the upload ("file") gives the preview; nothing is saved but the file. */
int
roster_import_post(struct ctx *c)
{
	xmlNodePtr root = import_page(c), imp;
	const struct http_file *f = http_upload(c->req, "file");
	struct import_check chk;
	struct row_db *d = NULL;
	struct upload_tx u = { c, 0, 0, f, NULL };
	int status, fd;
	char *data;
	ssize_t got;
	enum db_result r;

	if (root == NULL)
		return 500;
	if ((status = open_year(c, root, &u.year)) != 0)
		return status;
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
	if ((status = check_bytes(c, root, u.year, data, f->size, f->filename, &chk, &d)) != 0)
		return status;
	u.data = data;
	if ((r = store_tx(c->db, upload_tx, &u)) != DB_OK)
		return app_status(r);
	imp = xml_node(root, "import");
	xml_attr_int(imp, "id", u.id);
	xml_attr(imp, "filename", f->filename ? f->filename : "");
	preview_xml(imp, &chk, d);
	return chk.nproblem_rows > 0 ? 422 : 200;
}

/* Apply one good row inside the write's transaction. Returns DB_OK or the failure. */
static enum db_result
apply_row(struct db *db, struct ctx *c, long long year, long long import_id,
    const struct import_row *r, const struct row_db *d)
{
	struct roster_teacher t;
	long long tid = d->teacher_id, tyid = d->teacher_year_id;
	const char *kind;
	struct audit_entry e;
	struct audit_json j;
	enum db_result res;

	if (d->eff == EFF_UNCHANGED || d->eff == EFF_PROBLEM)
		return DB_OK;
	memset(&t, 0, sizeof(t));
	t.name = r->name;
	t.gender = r->gender;
	t.id_number = r->id_number;
	t.staff_no = r->staff_no;
	t.phone = r->phone;
	t.subject = r->subject;
	t.title = r->title;
	t.category = r->category;
	t.status = r->status;
	t.receiving_unit = r->receiving_unit;
	if (d->eff == EFF_NEW)
		res = store_roster_teacher_add(db, c->user->district_id, &t, &tid);
	else
		res = store_roster_teacher_update(db, c->user->district_id, tid, &t);
	if (res != DB_OK)
		return res;
	if (d->eff == EFF_CHANGED)
		res = store_roster_year_update(db, c->user->school_id, tyid, &t);
	else
		res = store_roster_year_add(db, tid, year, c->user->school_id, &t, &tyid);
	if (res != DB_OK)
		return res;
	kind = d->eff == EFF_CHANGED ? "details" : d->eff == EFF_REJOIN ? "rejoined" : "joined";
	if ((res = store_import_change(db, year, c->user->school_id, tid, kind, r->category,
	    import_id, c->user->id)) != DB_OK)
		return res;
	audit_json_begin(&j, c->a);
	audit_json_str(&j, "category", r->category);
	audit_json_str(&j, "status", r->status);
	memset(&e, 0, sizeof(e));
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = import_id == 0 ? (d->eff == EFF_CHANGED ? "roster_update" : "roster_add") :
	    d->eff == EFF_CHANGED ? "roster_import_update" : "roster_import_add";
	e.object_type = "teacher_year";
	e.object_id = tyid;
	if ((e.after = audit_json_end(&j)) == NULL)
		return DB_ERROR;
	e.client = c->req->remote_addr;
	return audit_write(db, &e);
}

/* The commit: checked again under the write lock, every row applied, the import marked. */
struct commit_tx {
	struct ctx *c;
	xmlNodePtr root, imp;
	long long year, added, changed;
	const struct import_file *file;
	struct import_check chk;
	struct row_db *d;
	int status;              /* a refusal (with its error in the page): roll back */
};

static enum db_result
commit_tx(struct db *db, void *arg)
{
	struct commit_tx *t = arg;
	struct ctx *c = t->c;
	enum db_result res = DB_OK;

	/* the roster may have changed since the preview */
	t->status = check_bytes(c, t->root, t->year, t->file->data, t->file->len,
	    t->file->filename, &t->chk, &t->d);
	t->imp = xml_node(t->root, "import");
	xml_attr_int(t->imp, "id", c->id[0]);
	xml_attr(t->imp, "filename", t->file->filename);
	if (t->status == 0 && t->chk.nproblem_rows > 0) {
		preview_xml(t->imp, &t->chk, t->d);
		t->status = import_error(c, t->root, 409, "import_has_problems", NULL);
	}
	if (t->status != 0)
		return DB_ERROR; /* nothing written: rolled back, the status answers */
	for (size_t i = 0; i < t->chk.nrows && res == DB_OK; i++) {
		res = apply_row(db, c, t->year, c->id[0], &t->chk.rows[i], &t->d[i]);
		if (t->d[i].eff == EFF_NEW || t->d[i].eff == EFF_REJOIN)
			t->added++;
		else if (t->d[i].eff == EFF_CHANGED)
			t->changed++;
	}
	if (res != DB_OK)
		return res;
	return store_import_done(db, c->id[0], t->added, t->changed);
}

/* POST /school/roster/import/{import}/commit: all rows or nothing. (The import is the caller's school's: the core's check.) */
int
roster_import_commit(struct ctx *c)
{
	struct import_file file;
	struct commit_tx t;
	enum db_result res;
	int locked = 0;

	memset(&t, 0, sizeof(t));
	t.c = c;
	t.file = &file;
	if ((t.root = import_page(c)) == NULL)
		return 500;
	if ((res = store_import_get(c->db, c->a, c->id[0], &file)) != DB_OK)
		return app_status(res);
	res = store_import_year(c->db, c->user->district_id, c->user->school_id, &t.year, &locked);
	if (res != DB_OK && res != DB_NOTFOUND)
		return app_status(res);
	if (res == DB_NOTFOUND || t.year != file.year)
		return import_error(c, t.root, 409, "import_stale", NULL);
	if (locked)
		return import_error(c, t.root, 409, "year_locked", NULL);
	if (file.committed)
		return import_error(c, t.root, 409, "import_done", NULL);
	res = store_tx(c->db, commit_tx, &t);
	if (t.status != 0)
		return t.status;
	if (res != DB_OK)
		return res == DB_BUSY ? app_status(res) : import_error(c, t.root, 500, "import_failed", NULL);
	preview_xml(t.imp, &t.chk, t.d);
	xml_attr(t.imp, "committed", "1");
	xml_attr_int(t.imp, "added", t.added);
	xml_attr_int(t.imp, "updated", t.changed);
	return 200;
}

/* GET /school/roster/import: the upload form, the templates and the columns. */
int
roster_import_page(struct ctx *c)
{
	return import_page(c) == NULL ? 500 : 200;
}

/* ------------------------------------------- one teacher, by hand (a one-row import) */

const char *const roster_gender_codes[] = { "M", "F", NULL };
const char *const roster_category_codes[] = { "regular", "new_teacher", "new_principal", NULL };
const char *const roster_status_codes[] = { "in_post", "support_out", "exchange_in", "loan", NULL };

/* GET /school/roster/new[?teacher-year=ID]: the form, empty or with a teacher of this school's roster. */
int
roster_teacher_form(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "roster-teacher"), form;
	struct roster_teacher t;
	struct roster_school *sv;
	size_t ns;
	long long ty = app_field_int(c, "teacher-year");
	enum db_result r;

	roster_import_words(c->cfg->xsl_dir);
	if (root == NULL || (form = xml_node(root, "form")) == NULL)
		return 500;
	if (c->field_errors > 0)
		return 404; /* not a teacher-year: none of this school's */
	if (ty == 0)
		return 200;
	/* the query's teacher-year, not the path's: the school is the store's check */
	if ((r = store_roster_get(c->db, c->a, c->user->school_id, ty, &t)) != DB_OK ||
	    (r = store_roster_other_schools(c->db, c->a, c->user->district_id, c->user->school_id,
	    &sv, &ns)) != DB_OK)
		return app_status(r);
	xml_attr(root, "edit", "1");
	xml_attr_int(root, "teacher-year", ty);
	{
		const char *v[IMP__NCOLS] = { t.name, t.gender, t.id_number, t.staff_no, t.phone,
		    t.subject, t.title, t.category, t.status, t.receiving_unit };
		for (int i = 0; i < IMP__NCOLS; i++)
			xml_attr(xml_text(form, "value", v[i]), "name", col_codes[i]);
	}
	/* the other schools of the district, for a transfer */
	form = xml_node(root, "schools");
	for (size_t i = 0; i < ns; i++)
		xml_attr_int(xml_text(form, "school", sv[i].name), "id", sv[i].id);
	return 200;
}

/* The declared value of field name: the core's check of it (NULL when the route does not declare it). */
static const struct field_value *
declared(struct ctx *c, const char *name)
{
	const struct field *fs = c->route != NULL ? c->route->fields : NULL;

	for (int i = 0; fs != NULL && fs[i].name != NULL && i < APP_MAX_FIELDS; i++)
		if (strcmp(fs[i].name, name) == 0)
			return &c->fv[i];
	return NULL;
}

/* The form's write: the row checked again against the roster, then applied with its audit row. */
struct teacher_tx {
	struct ctx *c;
	long long year;
	struct import_check *chk;
	struct row_db d;
	int refused;           /* the row has problems: nothing written */
};

static enum db_result
teacher_tx(struct db *db, void *arg)
{
	struct teacher_tx *t = arg;
	enum db_result r = classify(t->c, t->year, t->chk, &t->d);

	if (r != DB_OK)
		return r;
	if (t->chk->rows[0].nproblems > 0) {
		t->refused = 1;
		return DB_ERROR; /* rolled back; 422 with the problems */
	}
	return apply_row(db, t->c, t->year, 0, &t->chk->rows[0], &t->d);
}

/* POST /school/roster/new: add a teacher, or change one already on this school's roster (by ID number). */
int
roster_teacher_post(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "roster-teacher");
	const char *v[IMP__NCOLS];
	unsigned refused = 0;
	struct import_check chk;
	struct import_row row;
	struct teacher_tx t;
	struct form f;
	int status;
	enum db_result r;

	roster_import_words(c->cfg->xsl_dir);
	if (root == NULL)
		return 500;
	/* what was typed, kept in the page (and what the field check refused) */
	form_begin(&f, c, "roster-teacher");
	if (f.node == NULL)
		return 500;
	for (int i = 0; i < IMP__NCOLS; i++) {
		const struct field_value *fv = declared(c, col_codes[i]);
		v[i] = app_field_text(c, col_codes[i]);
		if (fv != NULL && !fv->ok)
			refused |= 1u << i; /* the column's own "bad" code, as in a file */
	}
	if (app_field_present(c, "edit"))
		xml_attr(root, "edit", "1");
	memset(&t, 0, sizeof(t));
	t.c = c;
	if ((status = open_year(c, root, &t.year)) != 0)
		return status;
	/* checked as a one-row import: the codes a file's row would get */
	memset(&chk, 0, sizeof(chk));
	memset(&row, 0, sizeof(row));
	row.line = 2;
	chk.nrows = 1;
	chk.rows = &row;
	if (check_row(c->a, &row, v, refused) != 0)
		return 500;
	if (row.nproblems == 0 && f.errors == 0) {
		t.chk = &chk;
		r = store_tx(c->db, teacher_tx, &t);
		if (!t.refused && r != DB_OK)
			return app_status(r);
	}
	if (row.nproblems > 0 || f.errors > 0) {
		for (size_t k = 0; k < row.nproblems; k++)
			xml_attr(xml_node(root, "problem"), "code", row.problems[k]);
		return 422;
	}
	return app_redirect(c, arena_printf(c->a, "/school/roster?q=%s", row.id_number + 14));
}
