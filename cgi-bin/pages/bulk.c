/*
 * bulk.c - GET/POST /school/bulk (see bulk.h). The teachers are this
 * school's teacher-years of the current year only: a ticked id of another
 * school, or a pasted line that names nobody (or more than one teacher) on
 * the roster, is refused with its line and nothing is saved.
 */
#include "pages/bulk.h"

#include "core/app.h"
#include "core/render.h"
#include "core/sheet.h"
#include "core/strings.h"
#include "pages/record_form.h"
#include "store/roster.h"
#include "store/teacher.h"

#include <stdlib.h>
#include <string.h>

#define BULK_MAX 2000

/* The roster (current year) under <bulk>, ticked where chosen[] says so; done: ?done=N on GET. */
static int
bulk_node(struct ctx *c, const long long *chosen, size_t nchosen, int with_done)
{
	xmlNodePtr root = c->page, b, past;
	struct roster_teacher *tv;
	struct roster_bulk *bv;
	size_t nt, nb;
	enum db_result r;

	if (root == NULL)
		return 500;
	if ((r = store_roster_active(c->db, c->a, c->user->school_id, &tv, &nt)) != DB_OK ||
	    (r = store_roster_bulks(c->db, c->a, c->user->school_id, &bv, &nb)) != DB_OK)
		return app_status(r);
	if ((b = xml_node(root, "bulk")) == NULL)
		return 500;
	xml_attr(root, "bulk", "1");
	xml_attr(root, "form-action", "/school/bulk");
	if (with_done && app_field_present(c, "done"))
		xml_attr_int(b, "done", app_field_int(c, "done"));
	for (size_t i = 0; i < nt; i++) {
		xmlNodePtr t = xml_node(b, "teacher");
		long long ty = tv[i].teacher_year_id;
		xml_attr_int(t, "teacher-year", ty);
		xml_attr(t, "staff-no", tv[i].staff_no);
		for (size_t k = 0; k < nchosen; k++)
			if (chosen[k] == ty) {
				xml_attr(t, "chosen", "1");
				break;
			}
		xml_text(t, "name", tv[i].name);
	}
	if ((past = xml_node(b, "past")) == NULL)
		return 500;
	for (size_t i = 0; i < nb; i++) {
		xmlNodePtr p = xml_node(past, "registration");
		xml_attr_int(p, "id", bv[i].id);
		xml_attr(p, "started-on", bv[i].started_on);
		xml_attr_int(p, "records", bv[i].records);
		xml_attr_int(p, "claimed-tenths", bv[i].claimed_tenths);
		xml_text(p, "item", bv[i].item);
	}
	return 200;
}

/* Any teacher-year of the school this year (the catalogue and items are the year's): 0 or a status. */
static int
some_teacher_year(struct ctx *c, long long *ty)
{
	enum db_result r = store_roster_any(c->db, c->user->school_id, ty);

	if (r != DB_OK)
		return app_status(r);
	return *ty == 0 ? 404 : 0;
}

int
bulk_page(struct ctx *c)
{
	long long ty;
	int status;

	if ((status = some_teacher_year(c, &ty)) != 0)
		return status;
	if ((status = record_form_get(c, ty, "/school")) != 200)
		return status;
	return bulk_node(c, NULL, 0, 1);
}

/* This school's current teacher-year for a staff number or an ID number (*ty 0: none, -1: several); 0 or a status. */
static int
resolve(struct ctx *c, const char *text, long long *ty)
{
	int count = 0;
	enum db_result r = store_roster_find(c->db, c->user->school_id, text, ty, &count);

	if (r != DB_OK)
		return app_status(r);
	if (count > 1)
		*ty = -1;
	return 0;
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
 * and line. Returns 0, or the status to answer (500 out of memory, 5xx when
 * the store failed).
 */
static int
list_entry(struct ctx *c, char *entry, const char *source, int line, int *seen,
    long long *tys, size_t *n, xmlNodePtr *problems, int *bad)
{
	char *e;
	long long ty = 0;
	xmlNodePtr pr;
	int status;

	while (*entry == ' ' || *entry == '\t' || *entry == ',')
		entry++;
	for (e = entry + strlen(entry); e > entry && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == ',');)
		*--e = '\0';
	if (*entry == '\0')
		return 0;
	if (!(*seen)++ && !has_digit(entry))
		return 0; /* the header row */
	if (strlen(entry) <= 32 && (status = resolve(c, entry, &ty)) != 0)
		return status;
	if (ty > 0) {
		if (add_unique(tys, n, ty) != 0)
			*bad = -413;
		return 0;
	}
	if (*problems == NULL && (*problems = xmlNewNode(NULL, BAD_CAST "list-problems")) == NULL)
		return 500;
	if ((pr = xml_node(*problems, "problem")) == NULL)
		return 500;
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
	long long *tys = arena_alloc(c->a, BULK_MAX * sizeof(*tys)), *ticked;
	size_t n = 0, nticked = 0;
	const char *list = app_field_present(c, "staff_nos") ? app_field_text(c, "staff_nos") : NULL;
	const struct http_file *lf;
	xmlNodePtr problems = NULL;
	int bad = 0, status;

	if (tys == NULL)
		return 500;
	/*
	 * The ticked teacher-years: each one of this school (the core's scope
	 * check answered 404 for any other) and this year. (The pasted list is
	 * shown again by form_begin, as a declared field.)
	 */
	ticked = app_field_ids(c, "teachers", &nticked);
	for (size_t i = 0; i < nticked; i++) {
		enum db_result r = store_teacher_year_current(c->db, ticked[i]);
		if (r == DB_NOTFOUND)
			return 404; /* not of this year */
		if (r != DB_OK)
			return app_status(r);
		if (add_unique(tys, &n, ticked[i]) != 0)
			bad = -413;
	}
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
			if ((status = list_entry(c, entry, "box", line, &seen, tys, &n, &problems, &bad)) != 0) {
				xmlFreeNode(problems);
				return status;
			}
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
			long long ty;
			xmlFreeNode(problems);
			if ((status = some_teacher_year(c, &ty)) != 0)
				return status;
			status = record_form_post_many(c, &ty, 1, "/school", c->user->district_id,
			    sheet_code(sr));
			if (c->page != NULL) {
				int s2;
				if ((s2 = bulk_node(c, tys, n, 0)) != 200)
					return s2;
			}
			return status;
		}
		for (size_t i = 0; i < sh.nrows && bad != -413; i++) {
			char *entry = arena_strdup(c->a, sheet_cell(&sh.rows[i], 0));
			if (entry == NULL)
				status = 500;
			else
				status = list_entry(c, entry, "file", sh.rows[i].line, &seen, tys, &n,
				    &problems, &bad);
			if (status != 0) {
				xmlFreeNode(problems);
				return status;
			}
		}
	}
	if (bad != 0 || n == 0) {
		/* The form again with what was typed, and why nothing was saved. */
		long long ty;
		if ((status = some_teacher_year(c, &ty)) != 0) {
			xmlFreeNode(problems);
			return status;
		}
		status = record_form_post_many(c, &ty, 1, "/school", c->user->district_id,
		    bad == -413 ? "bulk_too_many" : bad ? "bulk_list_problems" : "bulk_no_teachers");
		if (c->page != NULL) {
			int s2;
				if ((s2 = bulk_node(c, tys, n, 0)) != 200) {
				xmlFreeNode(problems);
				return s2;
			}
			if (problems != NULL)
				xmlAddChild(c->page, problems);
			problems = NULL;
		}
		xmlFreeNode(problems);
		return status;
	}
	status = record_form_post_many(c, tys, n, "/school", c->user->district_id, NULL);
	if (status != 303 && c->page != NULL) {
		int s2;
		if ((s2 = bulk_node(c, tys, n, 0)) != 200)
			return s2;
	}
	return status;
}
