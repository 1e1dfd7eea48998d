/*
 * bulk.c - GET/POST /school/bulk (see bulk.h). The teachers are this
 * school's teacher-years of the current year only: a ticked id of another
 * school, or a pasted line that names nobody (or more than one teacher) on
 * the roster, is refused with its line and nothing is saved.
 */
#include "bulk.h"
#include "store/sql.h"

#include "core/app.h"
#include "core/render.h"
#include "core/sheet.h"
#include "core/strings.h"
#include "record_form.h"

#include <stdlib.h>
#include <string.h>

#define BULK_MAX 2000

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

/* The roster (current year) under <bulk>, ticked where chosen[] says so. */
static int
bulk_node(struct ctx *c, const long long *chosen, size_t nchosen)
{
	static const char sql_roster[] =
	    "SELECT ty.id, t.name, t.staff_no FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ? AND t.active = 1 ORDER BY t.staff_no, t.id";
	static const char sql_past[] =
	    "SELECT r.bulk_id, min(i.name), min(r.started_on), count(*), sum(r.claimed_tenths)"
	    " FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN item i ON i.id = r.item_id WHERE ty.school_id = ? AND r.bulk_id IS NOT NULL"
	    " GROUP BY r.bulk_id ORDER BY r.bulk_id DESC LIMIT 200";
	xmlNodePtr root = c->page, b, past;
	sqlite3_stmt *st;
	const char *done = http_query(c->req, "done");

	if (root == NULL || (b = xml_node(root, "bulk")) == NULL)
		return 500;
	xml_attr(root, "bulk", "1");
	xml_attr(root, "form-action", "/school/bulk");
	if (done != NULL)
		xml_attr_int(b, "done", atoll(done));
	if ((st = db_stmt(c->db, sql_roster)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->school_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr t = xml_node(b, "teacher");
		long long ty = sqlite3_column_int64(st, 0);
		xml_attr_int(t, "teacher-year", ty);
		xml_attr(t, "staff-no", col(st, 2));
		for (size_t k = 0; k < nchosen; k++)
			if (chosen[k] == ty) {
				xml_attr(t, "chosen", "1");
				break;
			}
		xml_text(t, "name", col(st, 1));
	}
	sqlite3_reset(st);
	if ((st = db_stmt(c->db, sql_past)) == NULL || (past = xml_node(b, "past")) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->school_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr p = xml_node(past, "registration");
		xml_attr_int(p, "id", sqlite3_column_int64(st, 0));
		xml_attr(p, "started-on", col(st, 2));
		xml_attr_int(p, "records", sqlite3_column_int64(st, 3));
		xml_attr_int(p, "claimed-tenths", sqlite3_column_int64(st, 4));
		xml_text(p, "item", col(st, 1));
	}
	sqlite3_reset(st);
	return 200;
}

/* Any teacher-year of the school this year: the catalogue and items are the year's. */
static long long
some_teacher_year(struct ctx *c)
{
	static const char sql[] =
	    "SELECT ty.id FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 WHERE ty.school_id = ? ORDER BY ty.id LIMIT 1";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	long long ty = 0;

	if (st == NULL)
		return 0;
	sqlite3_bind_int64(st, 1, c->user->school_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		ty = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return ty;
}

int
bulk_page(struct ctx *c)
{
	long long ty = some_teacher_year(c);
	int status;

	if (ty == 0)
		return 404;
	if ((status = record_form_get(c, ty, "/school")) != 200)
		return status;
	return bulk_node(c, NULL, 0);
}

/* This school's current teacher-year for a ticked id, a staff number or an ID number (0: none, -1: several). */
static long long
resolve(struct ctx *c, const char *by_id, const char *text)
{
	static const char sql_id[] =
	    "SELECT ty.id FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 WHERE ty.id = ? AND ty.school_id = ?";
	static const char sql_text[] =
	    "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ? AND (t.staff_no = ?2 OR t.id_number = upper(?2)) LIMIT 2";
	sqlite3_stmt *st = db_stmt(c->db, by_id ? sql_id : sql_text);
	long long ty = 0;
	int n = 0;

	if (st == NULL)
		return 0;
	if (by_id) {
		char *end;
		long long v = strtoll(by_id, &end, 10);
		if (*end != '\0' || v <= 0) {
			sqlite3_reset(st);
			return 0;
		}
		sqlite3_bind_int64(st, 1, v);
		sqlite3_bind_int64(st, 2, c->user->school_id);
	} else {
		sqlite3_bind_int64(st, 1, c->user->school_id);
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		ty = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_reset(st);
	return n > 1 ? -1 : ty;
}

static int
add_unique(long long *tys, size_t *n, long long ty)
{
	for (size_t k = 0; k < *n; k++)
		if (tys[k] == ty)
			return 0;
	if (*n >= BULK_MAX)
		return -1;
	tys[(*n)++] = ty;
	return 0;
}

/* Keep the pasted list in the form shown again. */
static void
keep_list(struct ctx *c, const char *list)
{
	xmlNodePtr n;

	if (c->page == NULL || list == NULL)
		return;
	for (n = c->page->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST "form") == 0) {
			xml_attr(xml_text(n, "value", list), "name", "staff_nos");
			return;
		}
}

/* 1 when s holds a digit: every staff number and ID number does, a header never. */
static int
has_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return 1;
	return 0;
}

/*
 * One line of a list (source "box": the pasted list, "file": the uploaded
 * one, line: its line or Excel row): trimmed, the first non-empty line
 * taken as a header when it has no digit (工号, 身份证号, 教师工号 ...), then
 * resolved to a teacher-year of the school, or a problem naming the source
 * and line. Returns 0, or -1 when out of memory.
 */
static int
list_entry(struct ctx *c, char *entry, const char *source, int line, int *seen,
    long long *tys, size_t *n, xmlNodePtr *problems, int *bad)
{
	char *e;
	long long ty;
	xmlNodePtr pr;

	while (*entry == ' ' || *entry == '\t' || *entry == ',')
		entry++;
	for (e = entry + strlen(entry); e > entry && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == ',');)
		*--e = '\0';
	if (*entry == '\0')
		return 0;
	if (!(*seen)++ && !has_digit(entry))
		return 0; /* the header row */
	ty = strlen(entry) <= 32 ? resolve(c, NULL, entry) : 0;
	if (ty > 0) {
		if (add_unique(tys, n, ty) != 0)
			*bad = -413;
		return 0;
	}
	if (*problems == NULL && (*problems = xmlNewNode(NULL, BAD_CAST "list-problems")) == NULL)
		return -1;
	if ((pr = xml_node(*problems, "problem")) == NULL)
		return -1;
	xml_attr(pr, "source", source);
	xml_attr_int(pr, "line", line);
	xml_attr(pr, "code", ty < 0 ? "bulk_ambiguous" : "bulk_unknown_teacher");
	xml_attr(pr, "value", entry);
	*bad = 1;
	return 0;
}

int
bulk_post(struct ctx *c)
{
	long long *tys = arena_alloc(c->a, BULK_MAX * sizeof(*tys));
	size_t n = 0;
	const char *list = http_form(c->req, "staff_nos");
	const struct http_file *lf;
	xmlNodePtr problems = NULL;
	int bad = 0, status;

	if (tys == NULL)
		return 500;
	for (size_t i = 0; i < c->req->nform; i++) {
		long long ty;
		if (strcmp(c->req->form[i].name, "teachers") != 0)
			continue;
		ty = resolve(c, c->req->form[i].value, NULL);
		if (ty <= 0) {
			/* not a teacher-year of this school this year */
			bad = -404;
			break;
		}
		if (add_unique(tys, &n, ty) != 0)
			bad = -413;
	}
	if (bad == -404)
		return 404;
	/* a pasted list: staff numbers or ID numbers, one per line */
	if (list != NULL && bad == 0) {
		const char *p = list;
		int line = 0, seen = 0;
		while (*p != '\0' && bad != -413) {
			size_t len = strcspn(p, "\r\n");
			char *entry = arena_strndup(c->a, p, len);
			line++;
			if (entry == NULL)
				return 500;
			if (list_entry(c, entry, "box", line, &seen, tys, &n, &problems, &bad) != 0)
				return 500;
			p += len;
			if (*p == '\r' && p[1] == '\n')
				p++;
			if (*p != '\0')
				p++;
		}
	}
	/* an uploaded list (.xlsx or .csv): the first cell of each row, by the row Excel shows */
	if ((bad == 0 || bad == 1) && (lf = http_upload(c->req, "list_file")) != NULL && lf->size > 0) {
		struct sheet sh;
		enum sheet_result sr = lf->over_limit ? SHEET_TOO_BIG :
		    sheet_read(c->a, lf->path, lf->filename, BULK_MAX + 1, 64, &sh);
		int seen = 0;
		if (sr != SHEET_OK) {
			long long ty = some_teacher_year(c);
			if (ty == 0)
				return 404;
			status = record_form_post_many(c, &ty, 1, "/school", c->user->district_id,
			    sheet_code(sr));
			if (c->page != NULL) {
				keep_list(c, list);
				bulk_node(c, tys, n);
			}
			return status;
		}
		for (size_t i = 0; i < sh.nrows && bad != -413; i++) {
			char *entry = arena_strdup(c->a, sheet_cell(&sh.rows[i], 0));
			if (entry == NULL ||
			    list_entry(c, entry, "file", sh.rows[i].line, &seen, tys, &n, &problems, &bad) != 0)
				return 500;
		}
	}
	if (bad != 0 || n == 0) {
		/* The form again with what was typed, and why nothing was saved. */
		long long ty = some_teacher_year(c);
		if (ty == 0) {
			xmlFreeNode(problems);
			return 404;
		}
		status = record_form_post_many(c, &ty, 1, "/school", c->user->district_id,
		    bad == -413 ? "bulk_too_many" : bad ? "bulk_list_problems" : "bulk_no_teachers");
		if (c->page != NULL) {
			keep_list(c, list);
			bulk_node(c, tys, n);
			if (problems != NULL)
				xmlAddChild(c->page, problems);
			problems = NULL;
		}
		xmlFreeNode(problems);
		return status;
	}
	status = record_form_post_many(c, tys, n, "/school", c->user->district_id, NULL);
	if (status != 303 && c->page != NULL) {
		keep_list(c, list);
		bulk_node(c, tys, n);
	}
	return status;
}
