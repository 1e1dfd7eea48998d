/*
 * export.c - the summary and points tables as .xlsx and CSV, see export.h.
 *
 * The summary is built from the very document GET /school/summary returns
 * (school_overview), so the file and the page cannot disagree.
 */
#include "pages/export.h"
#include "core/strings.h"
#include "core/render.h"
#include "core/sheet.h"
#include "pages/points.h"
#include "pages/review_pages.h"
#include "store/stats.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
export_string(const struct config *cfg, const char *key)
{
	return strings_word(cfg->xsl_dir, key);
}

static const char *
S(struct ctx *c, const char *key)
{
	return export_string(c->cfg, key);
}

static const char *
S2(struct ctx *c, const char *prefix, const char *code)
{
	char key[96];

	if (code == NULL || *code == '\0')
		return "";
	snprintf(key, sizeof(key), "%s%s", prefix, code);
	return arena_strdup(c->a, S(c, key));
}

static const char *
attr(struct ctx *c, xmlNodePtr n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
	char *s = arena_strdup(c->a, v ? (const char *)v : "");

	xmlFree(v);
	return s ? s : "";
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr k = n ? n->children : NULL; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE && xmlStrcmp(k->name, BAD_CAST name) == 0)
			return k;
	return NULL;
}

static const char *
text(struct ctx *c, xmlNodePtr n)
{
	xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
	char *s = arena_strdup(c->a, v ? (const char *)v : "");

	xmlFree(v);
	return s ? s : "";
}

static char *
num(struct ctx *c, long long v)
{
	return arena_printf(c->a, "%lld", v);
}

/* Send the table as a file; fallback is the ASCII name, name the UTF-8 one. */
static int
send_table(struct ctx *c, const struct sheet_table *t, int xlsx, const char *fallback,
    const char *name)
{
	char *data = NULL, *disp, *enc;
	size_t len = 0;
	enum sheet_result r;

	r = xlsx ? sheet_write_xlsx(c->a, t, &data, &len) : sheet_write_csv(c->a, t, &data, &len);
	if (r != SHEET_OK)
		return 500;
	enc = http_rfc5987(c->a, arena_printf(c->a, "%s.%s", name, xlsx ? "xlsx" : "csv"));
	disp = arena_printf(c->a, "attachment; filename=\"%s.%s\"; filename*=UTF-8''%s",
	    fallback, xlsx ? "xlsx" : "csv", enc ? enc : fallback);
	if (disp == NULL)
		return 500;
	http_header_add(c->resp, "Content-Disposition", disp);
	http_header_add(c->resp, "X-Content-Type-Options", "nosniff");
	http_header_add(c->resp, "Cache-Control", "private, no-store");
	http_body(c->resp, xlsx ?
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" :
	    "text/csv; charset=utf-8", data, len);
	c->raw_body = 1;
	return 200;
}

enum { SUM_NO, SUM_NAME, SUM_STAFF, SUM_CATEGORY, SUM_STATUS, SUM_TOTAL, SUM_PENDING,
	SUM_NORMATIVE, SUM_REQUIRED, SUM_RESULT, SUM_NCOLS };

static int
export_summary(struct ctx *c, int xlsx)
{
	static const char *const keys[SUM_NCOLS] = {
		"export.summary.col.no", "export.summary.col.name", "export.summary.col.staff-no",
		"export.summary.col.category", "export.summary.col.status",
		"export.summary.col.total", "export.summary.col.pending",
		"export.summary.col.normative", "export.summary.col.required",
		"export.summary.col.result"
	};
	static const enum sheet_kind kinds[SUM_NCOLS] = { SHEET_INT, SHEET_TEXT, SHEET_TEXT,
		SHEET_TEXT, SHEET_TEXT, SHEET_TENTHS, SHEET_TENTHS, SHEET_TENTHS, SHEET_TENTHS,
		SHEET_TEXT };
	static const double widths[SUM_NCOLS] = { 6, 12, 12, 16, 12, 12, 12, 14, 12, 10 };
	struct sheet_column cols[SUM_NCOLS] = { { 0 } };
	struct sheet_table t = { 0 };
	xmlNodePtr root = render_page(c->a, "summary"), s, list;
	const char **cells;
	size_t n = 0, row = 0;
	long long teachers, failing;
	int status;

	if (root == NULL)
		return 500;
	if ((status = school_overview(c, root, c->user->school_id)) != 200)
		return status;
	s = child(root, "school");
	list = child(s, "teachers");
	for (xmlNodePtr k = list ? list->children : NULL; k; k = k->next)
		n += k->type == XML_ELEMENT_NODE;
	if ((cells = arena_alloc(c->a, (n + 1) * SUM_NCOLS * sizeof(*cells))) == NULL)
		return 500;
	for (int i = 0; i < SUM_NCOLS; i++) {
		cols[i].header = S(c, keys[i]);
		cols[i].kind = kinds[i];
		cols[i].width = widths[i];
	}
	for (xmlNodePtr k = list ? list->children : NULL; k; k = k->next) {
		const char **r = cells + row * SUM_NCOLS;
		xmlNodePtr res;
		if (k->type != XML_ELEMENT_NODE)
			continue;
		res = child(k, "result");
		r[SUM_NO] = num(c, (long long)row + 1);
		r[SUM_NAME] = text(c, child(k, "name"));
		r[SUM_STAFF] = attr(c, k, "staff-no");
		r[SUM_CATEGORY] = S2(c, "category.", attr(c, k, "category"));
		r[SUM_STATUS] = S2(c, "status.", attr(c, k, "status"));
		if (child(k, "receiving-unit") != NULL)
			r[SUM_STATUS] = arena_printf(c->a, "%s%s%s%s", r[SUM_STATUS],
			    S(c, "summary.unit-open"), text(c, child(k, "receiving-unit")),
			    S(c, "summary.unit-close"));
		r[SUM_TOTAL] = attr(c, res, "confirmed-tenths");
		r[SUM_PENDING] = attr(c, res, "pending-tenths");
		r[SUM_NORMATIVE] = attr(c, res, "normative-confirmed-tenths");
		r[SUM_REQUIRED] = attr(c, res, "threshold-tenths");
		r[SUM_RESULT] = S2(c, "result.", attr(c, res, "result"));
		row++;
	}
	/* The last row: the counts and the pass rate. */
	teachers = strtoll(attr(c, s, "teachers"), NULL, 10);
	failing = strtoll(attr(c, s, "failing"), NULL, 10);
	{
		const char **r = cells + row * SUM_NCOLS;
		for (int i = 0; i < SUM_NCOLS; i++)
			r[i] = "";
		r[SUM_NAME] = S(c, "export.summary.totals");
		r[SUM_CATEGORY] = arena_printf(c->a, "%s %lld", S(c, "export.summary.teachers"), teachers);
		r[SUM_STATUS] = arena_printf(c->a, "%s %lld", S(c, "export.summary.failing"), failing);
		if (teachers > 0) {
			/* Rounded to a tenth of a percent, as the printed summary shows it. */
			long long permille = ((teachers - failing) * 2000 / teachers + 1) / 2;
			r[SUM_RESULT] = arena_printf(c->a, "%s %lld.%lld%%",
			    S(c, "export.summary.pass-rate"), permille / 10, permille % 10);
		}
		row++;
	}
	t.title = arena_printf(c->a, "%s %s %s", text(c, child(s, "name")), attr(c, s, "year"),
	    S(c, "export.summary.title"));
	t.sheet_name = S(c, "export.summary.sheet");
	t.ncols = SUM_NCOLS;
	t.cols = cols;
	t.nrows = row;
	t.cells = cells;
	return send_table(c, &t, xlsx, "summary", arena_printf(c->a, "%s-%s-%s",
	    S(c, "export.summary.sheet"), text(c, child(s, "name")), attr(c, s, "year")));
}

int
export_summary_xlsx(struct ctx *c)
{
	return export_summary(c, 1);
}

int
export_summary_csv(struct ctx *c)
{
	return export_summary(c, 0);
}

enum { PT_NO, PT_NAME, PT_STAFF, PT_Q1, PT_Q2, PT_Q3, PT_Q4, PT_G1, PT_G2, PT_G3, PT_G4,
	PT_HOURS, PT_STATE, PT_NCOLS };

static int
export_points(struct ctx *c, int xlsx)
{
	static const char *const keys[PT_NCOLS] = {
		"export.points.col.no", "export.points.col.name", "export.points.col.staff-no",
		"export.points.col.q1", "export.points.col.q2", "export.points.col.q3",
		"export.points.col.q4", "export.points.col.g1", "export.points.col.g2",
		"export.points.col.g3", "export.points.col.g4", "export.points.col.hours",
		"export.points.col.state"
	};
	struct sheet_column cols[PT_NCOLS] = { { 0 } };
	struct sheet_table t = { 0 };
	struct points_table pt;
	const char **cells;
	int status;

	if ((status = points_load(c, c->user->school_id, &pt)) != 200)
		return status;
	if (!pt.has_item)
		return 404;
	if ((cells = arena_alloc(c->a, (pt.nrows + 1) * PT_NCOLS * sizeof(*cells))) == NULL)
		return 500;
	for (int i = 0; i < PT_NCOLS; i++) {
		cols[i].header = S(c, keys[i]);
		cols[i].kind = i == PT_NAME || i == PT_STAFF || i == PT_STATE ? SHEET_TEXT :
		    i == PT_HOURS ? SHEET_TENTHS : SHEET_INT;
		cols[i].width = i == PT_NO ? 6 : i == PT_STATE ? 24 : 12;
	}
	for (size_t i = 0; i < pt.nrows; i++) {
		const struct points_row *p = &pt.rows[i];
		const char **r = cells + i * PT_NCOLS;
		long long prev = pt.item.points_base;
		r[PT_NO] = num(c, (long long)i + 1);
		r[PT_NAME] = p->name;
		r[PT_STAFF] = p->staff_no;
		for (int k = 0; k < 4; k++) {
			r[PT_Q1 + k] = p->q[k] >= 0 ? num(c, p->q[k]) : "";
			r[PT_G1 + k] = p->q[k] >= 0 ? num(c, p->q[k] - prev) : "";
			if (p->q[k] >= 0)
				prev = p->q[k];
		}
		r[PT_HOURS] = p->record_id > 0 ? num(c, p->hours_tenths) : "";
		r[PT_STATE] = p->record_id > 0 ? S2(c, "state.", p->state) : "";
	}
	t.title = arena_printf(c->a, "%s %s %s", pt.school_name, pt.year_label,
	    S(c, "export.points.title"));
	t.sheet_name = S(c, "export.points.sheet");
	t.ncols = PT_NCOLS;
	t.cols = cols;
	t.nrows = pt.nrows;
	t.cells = cells;
	return send_table(c, &t, xlsx, "points", arena_printf(c->a, "%s-%s-%s",
	    S(c, "export.points.sheet"), pt.school_name, pt.year_label));
}

int
export_points_xlsx(struct ctx *c)
{
	return export_points(c, 1);
}

int
export_points_csv(struct ctx *c)
{
	return export_points(c, 0);
}

/* ------------------------------------------------- the school's records */

enum { RC_NAME, RC_STAFF, RC_CATEGORY, RC_ITEM, RC_START, RC_END, RC_HOURS, RC_STATE, RC__N };

/* GET /school/records.xlsx, .csv: every record of the school's current year with its state. */
static int
export_records(struct ctx *c, int xlsx)
{
	static const char *const keys[RC__N] = { "export.records.col.name", "export.records.col.staff",
		"export.records.col.category", "export.records.col.item", "export.records.col.start",
		"export.records.col.end", "export.records.col.hours", "export.records.col.state" };
	static const enum sheet_kind kinds[RC__N] = { SHEET_TEXT, SHEET_TEXT, SHEET_TEXT, SHEET_TEXT,
		SHEET_TEXT, SHEET_TEXT, SHEET_TENTHS, SHEET_TEXT };
	static const double widths[RC__N] = { 10, 10, 12, 30, 12, 12, 10, 18 };
	struct sheet_column cols[RC__N] = { { 0 } };
	struct sheet_table t = { 0 };
	struct stats_record *v;
	const char **cells;
	size_t n;
	enum db_result r;

	if ((r = store_stats_records(c->db, c->a, c->user->school_id, &v, &n)) != DB_OK)
		return app_status(r);
	if ((cells = arena_alloc(c->a, (n + 1) * RC__N * sizeof(*cells))) == NULL)
		return 500;
	for (int i = 0; i < RC__N; i++) {
		cols[i].header = S(c, keys[i]);
		cols[i].kind = kinds[i];
		cols[i].width = widths[i];
	}
	for (size_t i = 0; i < n; i++) {
		const char **row = cells + i * RC__N;
		row[RC_NAME] = v[i].teacher;
		row[RC_STAFF] = v[i].staff_no;
		row[RC_CATEGORY] = v[i].category;
		row[RC_ITEM] = v[i].item;
		row[RC_START] = v[i].started_on;
		row[RC_END] = v[i].ended_on;
		row[RC_HOURS] = arena_printf(c->a, "%lld", v[i].claimed_tenths);
		row[RC_STATE] = S2(c, "state.", v[i].state);
	}
	t.sheet_name = S(c, "export.records.sheet");
	t.ncols = RC__N;
	t.cols = cols;
	t.nrows = n;
	t.cells = cells;
	return send_table(c, &t, xlsx, "records", S(c, "export.records.sheet"));
}

int
export_records_xlsx(struct ctx *c)
{
	return export_records(c, 1);
}

int
export_records_csv(struct ctx *c)
{
	return export_records(c, 0);
}
