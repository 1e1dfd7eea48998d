/* pages/district_export.c - see district_export.h */
#include "pages/district_export.h"

#include "core/http.h"
#include "core/sheet.h"
#include "core/strings.h"
#include "store/assess.h"
#include "store/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
S(struct ctx *c, const char *key)
{
	const char *v = strings_get(c->cfg->xsl_dir, key);

	return v != NULL ? v : key;
}

static const char *
num(struct ctx *c, long long v)
{
	return arena_printf(c->a, "%lld", v);
}

enum { D_SCHOOL, D_STATE, D_TEACHERS, D_PASS, D_FAIL, D_RATE, D_FLAG, D__N };
enum { T_NAME, T_STAFF, T_CATEGORY, T_CONFIRMED, T_PENDING, T_NORMATIVE, T_RESULT, T_GAP, T__N };

static int
by_ty(const void *a, const void *b)
{
	const struct kept_result *x = a, *y = b;

	return x->who.teacher_year_id < y->who.teacher_year_id ? -1 :
	    x->who.teacher_year_id > y->who.teacher_year_id;
}

static const struct kept_result *
result_of(const struct kept_result *kept, size_t n, long long ty)
{
	struct kept_result key;

	key.who.teacher_year_id = ty;
	return bsearch(&key, kept, n, sizeof(*kept), by_ty);
}

int
district_export_xlsx(struct ctx *c)
{
	static const char *const dkeys[D__N] = { "dexport.col.school", "dexport.col.state",
		"dexport.col.teachers", "dexport.col.pass", "dexport.col.fail", "dexport.col.rate",
		"dexport.col.flag" };
	static const enum sheet_kind dkinds[D__N] = { SHEET_TEXT, SHEET_TEXT, SHEET_INT, SHEET_INT,
		SHEET_INT, SHEET_PERCENT_TENTHS, SHEET_TEXT };
	static const char *const tkeys[T__N] = { "dexport.col.name", "dexport.col.staff",
		"dexport.col.category", "dexport.col.confirmed", "dexport.col.pending",
		"dexport.col.normative", "dexport.col.result", "dexport.col.gap" };
	static const enum sheet_kind tkinds[T__N] = { SHEET_TEXT, SHEET_TEXT, SHEET_TEXT,
		SHEET_TENTHS, SHEET_TENTHS, SHEET_TENTHS, SHEET_TEXT, SHEET_TENTHS };
	struct sheet_column dcols[D__N] = { { 0 } }, tcols[T__N] = { { 0 } };
	struct stats_school *schools;
	struct stats_teacher *teachers;
	struct kept_result *kept;
	struct sheet_table *tables;
	struct assess_scope scope = { 0 };
	size_t ns, nt, nk;
	const char **dcells;
	long long all = 0, all_pass = 0;
	char *data = NULL, *disp, *enc;
	size_t len = 0;
	const char *fname;
	enum db_result r;

	if ((r = store_stats_schools(c->db, c->a, c->user->district_id, &schools, &ns)) != DB_OK ||
	    (r = store_stats_teachers(c->db, c->a, c->user->district_id, &teachers, &nt)) != DB_OK)
		return app_status(r);
	if (ns == 0)
		return 404;   /* no current year */
	scope.school_year_id = schools[0].year_id;
	if ((r = assess_results(c->db, c->a, &scope, &kept, &nk)) != DB_OK)
		return app_status(r);
	qsort(kept, nk, sizeof(*kept), by_ty);
	for (int i = 0; i < D__N; i++) {
		dcols[i].header = S(c, dkeys[i]);
		dcols[i].kind = dkinds[i];
		dcols[i].width = i == D_SCHOOL ? 28 : 12;
	}
	for (int i = 0; i < T__N; i++) {
		tcols[i].header = S(c, tkeys[i]);
		tcols[i].kind = tkinds[i];
		tcols[i].width = i == T_NAME ? 12 : 14;
	}
	if ((tables = arena_alloc(c->a, (ns + 1) * sizeof(*tables))) == NULL ||
	    (dcells = arena_alloc(c->a, (ns + 1) * D__N * sizeof(*dcells))) == NULL)
		return 500;
	memset(tables, 0, (ns + 1) * sizeof(*tables));
	for (size_t s = 0; s < ns; s++) {
		struct sheet_table *t = &tables[s + 1];
		const char **cells, **d = dcells + s * D__N;
		long long count = 0, pass = 0;
		size_t row = 0, here = 0;

		for (size_t i = 0; i < nt; i++)
			here += teachers[i].school_id == schools[s].id;
		if ((cells = arena_alloc(c->a, (here + 1) * T__N * sizeof(*cells))) == NULL)
			return 500;
		for (size_t i = 0; i < nt; i++) {
			const struct kept_result *kr;
			const char **rr;
			char key[64];
			if (teachers[i].school_id != schools[s].id)
				continue;
			kr = result_of(kept, nk, teachers[i].teacher_year_id);
			rr = cells + row++ * T__N;
			snprintf(key, sizeof(key), "category.%s", teachers[i].category);
			rr[T_NAME] = teachers[i].name;
			rr[T_STAFF] = teachers[i].staff_no;
			rr[T_CATEGORY] = arena_strdup(c->a, S(c, key));
			rr[T_CONFIRMED] = kr ? num(c, kr->a.confirmed_tenths) : "";
			rr[T_PENDING] = kr ? num(c, kr->a.pending_tenths) : "";
			rr[T_NORMATIVE] = kr ? num(c, kr->a.normative_confirmed_tenths) : "";
			rr[T_RESULT] = kr ? S(c, kr->a.pass ? "dexport.pass" : "dexport.fail") : "";
			rr[T_GAP] = kr ? num(c, kr->a.gap_tenths) : "";
			pass += kr != NULL && kr->a.pass;
		}
		count = (long long)row;
		t->sheet_name = arena_printf(c->a, "%.28s", schools[s].name);
		t->title = arena_printf(c->a, "%s %s", schools[s].name, schools[s].year_label);
		t->ncols = T__N;
		t->cols = tcols;
		t->nrows = row;
		t->cells = cells;
		d[D_SCHOOL] = schools[s].name;
		{
			char key[64];
			snprintf(key, sizeof(key), "dexport.state.%s", schools[s].state);
			d[D_STATE] = arena_strdup(c->a, S(c, key));
		}
		d[D_TEACHERS] = num(c, count);
		d[D_PASS] = num(c, pass);
		d[D_FAIL] = num(c, count - pass);
		/* The pass rate in thousandths (the writer shows 0.0%); none without teachers. */
		d[D_RATE] = count > 0 ? num(c, pass * 1000 / count) : "";
		d[D_FLAG] = schools[s].flag_percent > 0 && count > 0 &&
		    (count - pass) * 100 >= count * schools[s].flag_percent ? S(c, "dexport.flagged") : "";
		all += count;
		all_pass += pass;
	}
	{
		const char **d = dcells + ns * D__N;
		d[D_SCHOOL] = S(c, "dexport.total");
		d[D_STATE] = "";
		d[D_TEACHERS] = num(c, all);
		d[D_PASS] = num(c, all_pass);
		d[D_FAIL] = num(c, all - all_pass);
		d[D_RATE] = all > 0 ? num(c, all_pass * 1000 / all) : "";
		d[D_FLAG] = "";
	}
	tables[0].sheet_name = S(c, "dexport.sheet");
	tables[0].title = arena_printf(c->a, "%s %s", S(c, "dexport.title"), schools[0].year_label);
	tables[0].ncols = D__N;
	tables[0].cols = dcols;
	tables[0].nrows = ns + 1;
	tables[0].cells = dcells;
	if (sheet_write_book(c->a, tables, ns + 1, &data, &len) != SHEET_OK)
		return 500;
	fname = arena_printf(c->a, "%s-%s.xlsx", S(c, "dexport.sheet"), schools[0].year_label);
	enc = http_rfc5987(c->a, fname);
	disp = arena_printf(c->a, "attachment; filename=\"district-%s.xlsx\"; filename*=UTF-8''%s",
	    schools[0].year_label, enc ? enc : "district.xlsx");
	if (disp == NULL)
		return 500;
	http_header_add(c->resp, "Content-Disposition", disp);
	http_header_add(c->resp, "X-Content-Type-Options", "nosniff");
	http_header_add(c->resp, "Cache-Control", "private, no-store");
	http_body(c->resp, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data, len);
	c->raw_body = 1;
	return 200;
}
