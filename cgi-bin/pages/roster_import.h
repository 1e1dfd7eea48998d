/*
 * roster_import.h - checking a roster file (see core/sheet.h) row by row,
 * before anything touches the database: the header row is matched by its
 * Chinese text in any column order, each data row is turned into a teacher
 * with the codes of its problems. The pages then compare each row with the
 * district's teachers (new, back this year, changed, unchanged, or on
 * another school's roster) and commit all rows in one transaction.
 */
#ifndef XS_ROSTER_IMPORT_H
#define XS_ROSTER_IMPORT_H

#include <stddef.h>
#include "core/arena.h"
#include "core/sheet.h"

enum import_col {
	IMP_NAME, IMP_GENDER, IMP_ID, IMP_STAFF_NO, IMP_PHONE, IMP_SUBJECT,
	IMP_TITLE, IMP_CATEGORY, IMP_STATUS, IMP_UNIT, IMP__NCOLS
};

#define IMPORT_MAX_PROBLEMS 8

struct import_row {
	int line;                 /* the row number the user sees */
	const char *name, *gender /* "M"/"F" */, *id_number, *staff_no, *phone;
	const char *subject, *title, *category, *status, *receiving_unit;
	int dup_of;               /* line of the earlier row with this ID number, or 0 */
	size_t nproblems;
	const char *problems[IMPORT_MAX_PROBLEMS];  /* codes: "import_missing_name", ... */
};

#define IMPORT_IGNORED_MAX 32

struct import_check {
	const char *error;        /* a file-level code (sheet_*, import_no_header, ...) or NULL */
	const char *missing_header; /* with import_missing_column: which one (a col code) */
	const char *sheet;        /* the worksheet read ("" for CSV) */
	int header_line;          /* the header's row as the file numbers it */
	const char *ignored[IMPORT_IGNORED_MAX]; /* header cells of no roster column */
	size_t nignored;
	size_t nrows, nproblem_rows;
	struct import_row *rows;
};

/*
 * Take the headers and the choice words (男, 在职教师, 在岗, ...) from the
 * string table below xsl_dir; before any check or template. Kept per process.
 */
void roster_import_words(const char *xsl_dir);

/* The code of a column, for the XML ("name", "gender", ...). */
const char *import_col_code(enum import_col c);

/* Check every data row of s; returns 0, or -1 when out of memory. */
int roster_import_check(arena *a, const struct sheet *s, struct import_check *out);

/* The template file (headers and one example row) in the arena. */
enum sheet_result roster_template(arena *a, int xlsx, char **data, size_t *len);

struct ctx;
/* GET /school/roster/template.csv and /school/roster/template.xlsx */
int roster_template_csv(struct ctx *c);
/* GET /school/roster.csv, .xlsx: the school's active teachers in the import's columns (re-importable). */
int roster_export_csv(struct ctx *c);
int roster_export_xlsx(struct ctx *c);
int roster_template_xlsx(struct ctx *c);
/* GET /school/roster/import: the upload form */
int roster_import_page(struct ctx *c);
/* POST /school/roster/import: upload, check, keep the file, show the preview */
int roster_import_post(struct ctx *c);
/* GET /school/roster/new[?teacher-year=ID], POST: one teacher by hand (checked as a one-row import);
 * declare ROSTER_TEACHER_FORM_FIELDS and ROSTER_TEACHER_POST_FIELDS. */
int roster_teacher_form(struct ctx *c);
int roster_teacher_post(struct ctx *c);
/* POST /school/roster/import/{import}/commit: apply every row or none */
int roster_import_commit(struct ctx *c);

/* The codes the roster form's choices send (NULL-terminated). */
extern const char *const roster_gender_codes[];
extern const char *const roster_category_codes[];
extern const char *const roster_status_codes[];

/*
 * The fields of GET /school/roster/new: teacher-year, the teacher-year to
 * edit (one of this school's this year: the handler's check, 404 otherwise).
 */
#define ROSTER_TEACHER_FORM_FIELDS { { "teacher-year", FIELD_ID, FIELD_QUERY, 0, 0, NULL, OBJ_TEACHER_YEAR }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
/*
 * The fields of POST /school/roster/new: every column optional with the
 * import's bounds (name 50 characters, staff number, subject and title 30,
 * receiving unit 100, the ID number 18, the phone 11), the choices' codes,
 * and edit (a flag). Which are required is the import's check: a missing
 * or refused value is the row's problem code, as in a file.
 */
#define ROSTER_TEACHER_POST_FIELDS { \
	{ "name", FIELD_LINE, 0, 0, 50, NULL, OBJ_NONE }, \
	{ "gender", FIELD_CHOICE, 0, 0, 0, roster_gender_codes, OBJ_NONE }, \
	{ "id_number", FIELD_LINE, 0, 0, 18, NULL, OBJ_NONE }, \
	{ "staff_no", FIELD_LINE, 0, 0, 30, NULL, OBJ_NONE }, \
	{ "phone", FIELD_LINE, 0, 0, 11, NULL, OBJ_NONE }, \
	{ "subject", FIELD_LINE, 0, 0, 30, NULL, OBJ_NONE }, \
	{ "title", FIELD_LINE, 0, 0, 30, NULL, OBJ_NONE }, \
	{ "category", FIELD_CHOICE, 0, 0, 0, roster_category_codes, OBJ_NONE }, \
	{ "status", FIELD_CHOICE, 0, 0, 0, roster_status_codes, OBJ_NONE }, \
	{ "receiving_unit", FIELD_LINE, 0, 0, 100, NULL, OBJ_NONE }, \
	{ "edit", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
