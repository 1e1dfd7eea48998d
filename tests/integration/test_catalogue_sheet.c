/*
 * test_catalogue_sheet.c - the year's catalogue as a spreadsheet and on
 * paper, as a district admin uses them through nginx (issue 13):
 *   - 五华's current year exports as 40 rows whose 学时 add up to 1192 (the
 *     一览表 of the 2026 notice, db/presets/wuhua.sql), the first five
 *     headers the 一览表's own;
 *   - the export imported again is 40 unchanged rows and its commit leaves
 *     every item row as it was; the same after LibreOffice re-saved it;
 *   - an edited file (one item's 学时, one new row) previews 1 changed and
 *     1 new with its impact, and its commit gives 41 items; a change that
 *     alters a confirmed school's results is refused at commit (409);
 *   - a file with bad cells names each bad cell and applies nothing;
 *   - a district's own five-column table imports as per_unit items;
 *   - the printed 一览表: the title, the items, one merged 项目分类 cell over
 *     培训活动's 7 rows, the total 1192.
 */
#include "common.h"
#include "core/sheet.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct server srv;
static int log_reports;
static struct client *wh;        /* wuhua-admin */
static long long wh_year;        /* 五华's current school year */

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (server_start(&srv) != 0) {
		server_stop(&srv);
		exit(1);
	}
	wh = client_new();
	if (login_as(wh, &srv, "wuhua-admin", DEMO_PW) != 303)
		exit(1);
	wh_year = srv_int(&srv, "SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wuhua' AND y.is_current = 1");
}

static void
teardown(void)
{
	client_free(wh);
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

/*
 * An item's hours as the sheet writes them (7.5, 12), in SQL both engines
 * run: whole hours without a decimal point, tenths with one digit.
 */
#define HOURS "CAST(hours_tenths / 10 AS TEXT) || CASE WHEN hours_tenths %% 10 = 0 THEN ''" \
	" ELSE '.' || CAST(hours_tenths %% 10 AS TEXT) END"

/* Every column of every item row of a year, one line per item, by id. Free it. */
static char *
items_snapshot(long long year)
{
	char sql[1200];

	snprintf(sql, sizeof(sql), "SELECT group_concat(x, '\n') FROM (SELECT id || '|' || code"
	    " || '|' || category || '|' || name || '|' || hours_tenths || '|' || unit || '|' ||"
	    " conditions || '|' || rule_type || '|' || params || '|' || asks || '|' ||"
	    " coalesce(cap_tenths, '') || '|' || coalesce(cap_group_id, '') || '|' || normative ||"
	    " evidence_required || needs_project || active || '|' || sort_order || '|' ||"
	    " exclusions || '|' || organisers AS x FROM item WHERE school_year_id = %lld ORDER BY id) AS l",
	    year);
	return srv_text(&srv, sql);
}

/* GET the year's export through cl; the bytes (free them) and their length. */
static char *
export_xlsx(struct client *cl, long long year, size_t *len)
{
	char path[128];
	struct reply r;
	char *ct, *data;

	snprintf(path, sizeof(path), "/district/years/%lld/catalogue.xlsx", year);
	ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ct = reply_header(&r, "Content-Type");
	ck_assert_ptr_nonnull(ct);
	ck_assert_ptr_nonnull(strstr(ct, "spreadsheetml"));
	free(ct);
	data = malloc(r.len);
	ck_assert_ptr_nonnull(data);
	memcpy(data, r.body, r.len);
	*len = r.len;
	reply_free(&r);
	return data;
}

/* Upload a file to the year's import as XML; the parsed preview (free it), status in *status. */
static xmlDocPtr
upload(struct client *cl, long long year, const char *filename, const void *data, size_t len,
    long *status)
{
	char path[128], *token = csrf_token(cl, &srv);
	const char *fields[] = { "csrf", token, NULL };
	struct upload up = { "file", filename, "application/octet-stream", data, len };
	struct reply r;
	xmlDocPtr doc;

	snprintf(path, sizeof(path), "/district/years/%lld/catalogue/import?format=xml", year);
	ck_assert_int_eq(client_post_multipart(cl, &srv, path, fields, &up, 1, &r), 0);
	*status = r.status;
	if (getenv("XS_DEBUG_IMPORT") != NULL)
		fprintf(stderr, "%.*s\n", (int)r.len, r.body);
	doc = reply_xml(&r);
	ck_assert_msg(doc != NULL, "not XML: %.300s", r.body ? r.body : "");
	reply_free(&r);
	free(token);
	return doc;
}

/* Commit import id of year: the status. */
static long
commit(struct client *cl, long long year, long id, xmlDocPtr *doc)
{
	char path[160];
	struct reply r;
	long status;

	snprintf(path, sizeof(path), "/district/years/%lld/catalogue/import/%ld/commit?format=xml",
	    year, id);
	status = post_form(cl, &srv, path, "", &r);
	if (doc != NULL)
		*doc = reply_xml(&r);
	reply_free(&r);
	return status;
}

/* The export read back with the product's own reader (rows in a). */
static void
read_sheet(arena *a, const char *data, size_t len, struct sheet *sh)
{
	ck_assert_int_eq(sheet_read_mem(a, data, len, "catalogue.xlsx", 5000, 64, sh), SHEET_OK);
}

static long
col_of(const struct sheet *sh, const char *header)
{
	for (size_t i = 0; i < sh->rows[0].ncells; i++)
		if (strcmp(sheet_cell(&sh->rows[0], i), header) == 0)
			return (long)i;
	ck_abort_msg("no column %s", header);
	return -1;
}

/* The row of item code (an index into sh->rows). */
static size_t
row_of(const struct sheet *sh, const char *code)
{
	long c = col_of(sh, "项目代码");

	for (size_t i = 1; i < sh->nrows; i++)
		if (strcmp(sheet_cell(&sh->rows[i], (size_t)c), code) == 0)
			return i;
	ck_abort_msg("no item %s", code);
	return 0;
}

/*
 * Write sh (all rows, header first) as an .xlsx of text cells with the
 * product's writer, cell (row, col) replaced by set where row > 0, and an
 * extra row when extra is not NULL. The bytes in a.
 */
static char *
rewrite(arena *a, const struct sheet *sh, size_t row, long col, const char *set,
    const char *const *extra, size_t *len)
{
	size_t ncols = sh->rows[0].ncells, nrows = sh->nrows - 1 + (extra != NULL);
	struct sheet_column *cols = arena_alloc(a, ncols * sizeof(*cols));
	const char **cells = arena_alloc(a, (nrows + 1) * ncols * sizeof(*cells));
	struct sheet_table t;
	char *data = NULL;

	ck_assert_ptr_nonnull(cols);
	ck_assert_ptr_nonnull(cells);
	for (size_t c = 0; c < ncols; c++) {
		cols[c].header = sheet_cell(&sh->rows[0], c);
		cols[c].kind = SHEET_TEXT;
		cols[c].width = 10;
	}
	for (size_t r = 1; r < sh->nrows; r++)
		for (size_t c = 0; c < ncols; c++)
			cells[(r - 1) * ncols + c] = row == r && (long)c == col ? set :
			    sheet_cell(&sh->rows[r], c);
	if (extra != NULL)
		for (size_t c = 0; c < ncols; c++)
			cells[(nrows - 1) * ncols + c] = extra[c] ? extra[c] : "";
	memset(&t, 0, sizeof(t));
	t.sheet_name = "catalogue";
	t.ncols = ncols;
	t.cols = cols;
	t.nrows = nrows;
	t.cells = cells;
	ck_assert_int_eq(sheet_write_xlsx(a, &t, &data, len), SHEET_OK);
	return data;
}

START_TEST(test_export_is_the_yilanbiao)
{
	static const char *const first[5] = { "项目分类", "项目", "学时", "计算单位", "登记条件" };
	arena *a = arena_new();
	struct sheet sh;
	size_t len;
	char *data = export_xlsx(wh, wh_year, &len);
	long hours, rule;
	double sum = 0;

	read_sheet(a, data, len, &sh);
	ck_assert_uint_eq(sh.nrows, 41);   /* the header and 40 items */
	for (int i = 0; i < 5; i++)
		ck_assert_str_eq(sheet_cell(&sh.rows[0], (size_t)i), first[i]);
	hours = col_of(&sh, "学时");
	for (size_t i = 1; i < sh.nrows; i++)
		sum += atof(sheet_cell(&sh.rows[i], (size_t)hours));
	ck_assert_int_eq((long)(sum * 10 + 0.5), 11920);
	/* typed cells: 新教师试用期培训班 120 学时, a 培训班 with its 125 % and 10 % */
	ck_assert_str_eq(sheet_cell(&sh.rows[row_of(&sh, "xjspx")], (size_t)hours), "120");
	ck_assert_str_eq(sheet_cell(&sh.rows[row_of(&sh, "xjspx")], (size_t)col_of(&sh, "优秀学员百分比")), "125");
	ck_assert_str_eq(sheet_cell(&sh.rows[row_of(&sh, "ztpx")], (size_t)hours), "4");
	ck_assert_str_eq(sheet_cell(&sh.rows[row_of(&sh, "zjsx")], (size_t)hours), "5");
	rule = col_of(&sh, "计算规则");
	ck_assert_str_eq(sheet_cell(&sh.rows[row_of(&sh, "ztpx")], (size_t)rule), "按数量计（学时 × 数量）");
	ck_assert_str_eq(sheet_cell(&sh.rows[row_of(&sh, "ztpx")], (size_t)col_of(&sh, "已停用")), "否");
	free(data);
	arena_free(a);
}
END_TEST

START_TEST(test_round_trip_changes_nothing)
{
	size_t len;
	char *data = export_xlsx(wh, wh_year, &len);
	char *before = items_snapshot(wh_year), *after;
	long long audits = srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'catalogue_item'");
	long status;
	xmlDocPtr doc = upload(wh, wh_year, "catalogue.xlsx", data, len, &status);
	long id;

	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@rows"), 40);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@unchanged"), 40);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@new"), 0);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@changed"), 0);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@retired"), 0);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@problems"), 0);
	ck_assert_int_eq(xpath_long(doc, "/page/impact/@changed"), 0);
	/* row numbers as the file numbers them: the header is row 1 */
	ck_assert_int_eq(xpath_long(doc, "/page/import/row[1]/@line"), 2);
	id = xpath_long(doc, "/page/import/@id");
	ck_assert_int_gt(id, 0);
	xmlFreeDoc(doc);
	ck_assert_int_eq(commit(wh, wh_year, id, NULL), 200);
	after = items_snapshot(wh_year);
	ck_assert_str_eq(before, after);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'catalogue_item'"), audits);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'catalogue_import'"), 1);
	/* committed once only */
	ck_assert_int_eq(commit(wh, wh_year, id, NULL), 409);
	free(before);
	free(after);
	free(data);
}
END_TEST

START_TEST(test_libreoffice_resave_round_trips)
{
	char dir[600], in[700], out[700], cmd[6000];
	size_t len;
	char *data = export_xlsx(wh, wh_year, &len), *before = items_snapshot(wh_year), *after;
	char *saved;
	FILE *f;
	struct stat sb;
	long status, id;
	xmlDocPtr doc;

	/* CI installs libreoffice-calc-nogui: a missing soffice fails, it does not skip */
	ck_assert_msg(system("command -v soffice >/dev/null 2>&1") == 0, "soffice is not installed");
	snprintf(dir, sizeof(dir), "%s/lo", srv.dir);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	snprintf(in, sizeof(in), "%s/in", dir);
	ck_assert_int_eq(mkdir(in, 0700), 0);
	snprintf(in, sizeof(in), "%s/in/catalogue.xlsx", dir);
	ck_assert_ptr_nonnull(f = fopen(in, "wb"));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "cd '%s' && HOME='%s' soffice --headless --norestore"
	    " -env:UserInstallation=file://%s/profile --convert-to xlsx --outdir '%s/out' '%s'"
	    " >'%s/soffice.log' 2>&1", dir, dir, dir, dir, in, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(out, sizeof(out), "%s/out/catalogue.xlsx", dir);
	ck_assert_int_eq(stat(out, &sb), 0);
	ck_assert_int_gt(sb.st_size, 0);
	ck_assert_ptr_nonnull(saved = malloc((size_t)sb.st_size));
	ck_assert_ptr_nonnull(f = fopen(out, "rb"));
	ck_assert_uint_eq(fread(saved, 1, (size_t)sb.st_size, f), (size_t)sb.st_size);
	fclose(f);
	/* LibreOffice wrote its own file: not the bytes we sent */
	ck_assert(sb.st_size != (off_t)len || memcmp(saved, data, len) != 0);
	doc = upload(wh, wh_year, "catalogue.xlsx", saved, (size_t)sb.st_size, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@unchanged"), 40);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@changed"), 0);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@new"), 0);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@retired"), 0);
	id = xpath_long(doc, "/page/import/@id");
	xmlFreeDoc(doc);
	ck_assert_int_eq(commit(wh, wh_year, id, NULL), 200);
	after = items_snapshot(wh_year);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(saved);
	free(data);
}
END_TEST

START_TEST(test_print_is_the_annex)
{
	char path[128];
	struct reply r;
	char *s;
	xmlDocPtr doc;
	long status;

	snprintf(path, sizeof(path), "/district/years/%lld/catalogue/print", wh_year);
	ck_assert_int_eq(client_do(wh, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "登记项目及标准一览表"));
	ck_assert(reply_contains(&r, "附件4"));
	ck_assert(reply_contains(&r, "rowspan=\"7\">培训活动</th>"));
	ck_assert(reply_contains(&r, "专题培训"));
	ck_assert(reply_contains(&r, "公开发表论著（副主编）"));
	ck_assert(reply_contains(&r, "class=\"num total-hours\">1192</td>"));
	ck_assert(!reply_contains(&r, "<script>"));
	reply_free(&r);
	snprintf(path, sizeof(path), "/district/years/%lld/catalogue/print?format=xml", wh_year);
	doc = get_xml(wh, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(doc, "count(/page/catalogue/category/item)"), 40);
	ck_assert_int_eq(xpath_long(doc, "/page/catalogue/category[@name='培训活动']/@rows"), 7);
	ck_assert_int_eq(xpath_long(doc, "/page/catalogue/@hours"), 1192);
	s = xpath_string(doc, "/page/district/@name");
	ck_assert_str_eq(s, "五华区");
	free(s);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(test_bad_cells_are_named_and_nothing_applied)
{
	arena *a = arena_new();
	struct sheet sh, sh2;
	size_t len, len2;
	char *data = export_xlsx(wh, wh_year, &len), *bad, *bad2, *before = items_snapshot(wh_year);
	char *after, *s;
	long long imports = srv_int(&srv, "SELECT count(*) FROM catalogue_import");
	long status;
	size_t zjsx, ztpx;
	xmlDocPtr doc;

	read_sheet(a, data, len, &sh);
	zjsx = row_of(&sh, "zjsx");
	ztpx = row_of(&sh, "ztpx");
	/* 学时 "abc" in one row, then (on that file) an unknown rule in another */
	bad = rewrite(a, &sh, zjsx, col_of(&sh, "学时"), "abc", NULL, &len2);
	read_sheet(a, bad, len2, &sh2);
	bad2 = rewrite(a, &sh2, ztpx, col_of(&sh2, "计算规则"), "按心情计", NULL, &len2);
	doc = upload(wh, wh_year, "bad.xlsx", bad2, len2, &status);
	ck_assert_int_eq(status, 422);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@problems"), 2);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@unchanged"), 38);
	s = xpath_string(doc, "/page/import/row[problem/@column = 'hours']/@line");
	ck_assert_int_eq(atol(s), sh.rows[zjsx].line);
	free(s);
	s = xpath_string(doc, "/page/import/row[problem/@column = 'hours']/problem/@code");
	ck_assert_str_eq(s, "bad_hours");
	free(s);
	s = xpath_string(doc, "/page/import/row[problem/@column = 'rule_type']/problem/@code");
	ck_assert_str_eq(s, "unknown_rule");
	free(s);
	s = xpath_string(doc, "/page/import/row[problem/@column = 'rule_type']/@code");
	ck_assert_str_eq(s, "ztpx");
	free(s);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@id"), 0);
	xmlFreeDoc(doc);
	/* nothing kept, nothing changed */
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM catalogue_import"), imports);
	after = items_snapshot(wh_year);
	ck_assert_str_eq(before, after);
	free(after);
	/* the page says it in Chinese, with the cell */
	{
		char *token = csrf_token(wh, &srv);
		const char *fields[] = { "csrf", token, NULL };
		struct upload up = { "file", "bad.xlsx", "application/octet-stream", bad2, len2 };
		struct reply r;
		char path[128];
		snprintf(path, sizeof(path), "/district/years/%lld/catalogue/import", wh_year);
		ck_assert_int_eq(client_post_multipart(wh, &srv, path, fields, &up, 1, &r), 0);
		ck_assert_int_eq(r.status, 422);
		ck_assert(reply_contains(&r, "应为学时数"));
		ck_assert(reply_contains(&r, "不是系统中的计算规则"));
		reply_free(&r);
		free(token);
	}
	free(before);
	free(data);
	arena_free(a);
}
END_TEST

START_TEST(test_an_edited_file_previews_and_commits)
{
	arena *a = arena_new();
	struct sheet sh;
	size_t len, len2, ncols;
	char *data = export_xlsx(wh, wh_year, &len), *edited, *s;
	const char **extra;
	long status, id;
	long long audits;
	xmlDocPtr doc;
	char path[128];

	read_sheet(a, data, len, &sh);
	/* 志愿支教、送教下乡专题讲座、示范课: 5 -> 6 学时 (no records); one new row */
	ncols = sh.rows[0].ncells;
	extra = arena_alloc(a, ncols * sizeof(*extra));
	for (size_t c = 0; c < ncols; c++)
		extra[c] = "";
	extra[col_of(&sh, "项目分类")] = "培训活动";
	extra[col_of(&sh, "项目")] = "区级新课程标准专题培训";
	extra[col_of(&sh, "学时")] = "2.5";
	extra[col_of(&sh, "计算单位")] = "次";
	extra[col_of(&sh, "项目代码")] = "xkb";
	extra[col_of(&sh, "计算规则")] = "per_unit";
	edited = rewrite(a, &sh, row_of(&sh, "zjsx"), col_of(&sh, "学时"), "6", extra, &len2);
	doc = upload(wh, wh_year, "edited.xlsx", edited, len2, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@changed"), 1);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@new"), 1);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@unchanged"), 39);
	s = xpath_string(doc, "/page/import/row[@effect = 'changed']/@code");
	ck_assert_str_eq(s, "zjsx");
	free(s);
	s = xpath_string(doc, "/page/import/row[@effect = 'new']/@line");
	ck_assert_int_eq(atol(s), 42);   /* after the header and 40 rows */
	free(s);
	/* the impact: nobody has registered either item, no result moves */
	ck_assert_int_eq(xpath_long(doc, "/page/impact/@changed"), 0);
	ck_assert_int_eq(xpath_long(doc, "/page/impact/@teachers"),
	    srv_int(&srv, "SELECT count(*) FROM teacher_year WHERE school_year_id = (SELECT id FROM"
	    " school_year y WHERE y.is_current = 1 AND y.district_id = (SELECT id FROM district"
	    " WHERE code = 'wuhua'))"));
	id = xpath_long(doc, "/page/import/@id");
	xmlFreeDoc(doc);
	/* preview saved nothing */
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM item WHERE code = 'xkb'"), 0);
	audits = srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'catalogue_item'");
	ck_assert_int_eq(commit(wh, wh_year, id, NULL), 200);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'catalogue_item'"),
	    audits + 2);
	snprintf(path, sizeof(path), "/district/years/%lld/catalogue?format=xml", wh_year);
	doc = get_xml(wh, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(doc, "/page/items/@active"), 41);
	s = xpath_string(doc, "/page/items/item[@code = 'zjsx']/@hours");
	ck_assert_str_eq(s, "6");
	free(s);
	s = xpath_string(doc, "/page/items/item[@code = 'xkb']/@hours");
	ck_assert_str_eq(s, "2.5");
	free(s);
	s = xpath_string(doc, "/page/items/item[@code = 'xkb']/@rule-type");
	ck_assert_str_eq(s, "per_unit");
	free(s);
	xmlFreeDoc(doc);
	free(data);
	arena_free(a);
}
END_TEST

START_TEST(test_a_confirmed_school_keeps_its_results)
{
	arena *a = arena_new();
	struct sheet sh;
	size_t len, len2;
	char *data = export_xlsx(wh, wh_year, &len), *edited, *before = items_snapshot(wh_year), *after;
	char *s;
	long status, id;
	xmlDocPtr doc;

	read_sheet(a, data, len, &sh);
	/* 专题培训 4 -> 5 学时: 25 approved records of a school whose year is confirmed */
	edited = rewrite(a, &sh, row_of(&sh, "ztpx"), col_of(&sh, "学时"), "5", NULL, &len2);
	doc = upload(wh, wh_year, "locked.xlsx", edited, len2, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@changed"), 1);
	ck_assert_int_gt(xpath_long(doc, "/page/impact/@changed"), 0);
	ck_assert_int_gt(xpath_long(doc, "/page/impact/@confirmed"), 0);
	s = xpath_string(doc, "/page/refused/@code");
	ck_assert_str_eq(s, "catalogue_locked");
	free(s);
	id = xpath_long(doc, "/page/import/@id");
	xmlFreeDoc(doc);
	ck_assert_int_eq(commit(wh, wh_year, id, &doc), 409);
	s = xpath_string(doc, "/page/refused/@code");
	ck_assert_str_eq(s, "catalogue_locked");
	free(s);
	xmlFreeDoc(doc);
	after = items_snapshot(wh_year);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(data);
	arena_free(a);
}
END_TEST

START_TEST(test_a_districts_own_table)
{
	/*
	 * 五通桥's own 一览表, no 项目代码: its 7 items by their 项目分类 and 项目
	 * (as the preset has them), and one new row.
	 */
	struct client *cl = client_new();
	long long year = srv_int(&srv, "SELECT y.id FROM school_year y JOIN district d ON"
	    " d.id = y.district_id WHERE d.code = 'wutongqiao' AND y.is_current = 1");
	char sql[900], *rows, *csv, *xxqg, *s;
	long status, id;
	xmlDocPtr doc;

	snprintf(sql, sizeof(sql), "SELECT group_concat('\"' || replace(category, '\"', '\"\"') ||"
	    " '\",\"' || replace(name, '\"', '\"\"') || '\",' || " HOURS " ||"
	    " ',\"' || replace(unit, '\"', '\"\"') || '\",\"' || replace(conditions, '\"', '\"\"') ||"
	    " '\"', '\r\n') FROM (SELECT * FROM item WHERE school_year_id = %lld ORDER BY"
	    " sort_order, id) AS l", year);
	rows = srv_text(&srv, sql);
	snprintf(sql, sizeof(sql), "SELECT rule_type || params FROM item WHERE code = 'xxqg' AND"
	    " school_year_id = %lld", year);
	xxqg = srv_text(&srv, sql);
	ck_assert_int_gt(asprintf(&csv, "项目分类,项目,学时,计算单位,登记条件\r\n%s\r\n"
	    "校本研修,读书分享会,1.5,次,须有活动记录\r\n", rows), 0);
	ck_assert_int_eq(login_as(cl, &srv, "wutongqiao-admin", DEMO_PW), 303);
	doc = upload(cl, year, "own.csv", csv, strlen(csv), &status);
	ck_assert_int_eq(status, 200);
	s = xpath_string(doc, "/page/import/@mode");
	ck_assert_str_eq(s, "table");
	free(s);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@new"), 1);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@unchanged"), 7);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@retired"), 0);
	ck_assert_int_eq(xpath_long(doc, "count(/page/import/row[@by-name = '1'])"), 7);
	s = xpath_string(doc, "/page/import/row[@effect = 'new']/@generated");
	ck_assert_str_eq(s, "1");
	free(s);
	s = xpath_string(doc, "/page/import/row[@effect = 'new']/@rule-type");
	ck_assert_str_eq(s, "per_unit");
	free(s);
	id = xpath_long(doc, "/page/import/@id");
	xmlFreeDoc(doc);
	ck_assert_int_eq(commit(cl, year, id, NULL), 200);
	snprintf(sql, sizeof(sql), "SELECT rule_type || ' ' || hours_tenths || ' ' || unit || ' ' ||"
	    " active || ' ' || params FROM item WHERE school_year_id = %lld AND name = '读书分享会'", year);
	s = srv_text(&srv, sql);
	ck_assert_str_eq(s, "per_unit 15 次 1 {}");
	free(s);
	/* the matched items keep their rules */
	snprintf(sql, sizeof(sql), "SELECT rule_type || params FROM item WHERE code = 'xxqg' AND"
	    " school_year_id = %lld", year);
	s = srv_text(&srv, sql);
	ck_assert_str_eq(s, xxqg);
	free(s);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM item WHERE school_year_id = %lld AND active = 1", year);
	ck_assert_int_eq(srv_int(&srv, sql), 8);
	free(xxqg);
	free(rows);
	free(csv);
	client_free(cl);
}
END_TEST

START_TEST(test_only_the_current_year)
{
	long long past = srv_int(&srv, "SELECT y.id FROM school_year y JOIN district d ON"
	    " d.id = y.district_id WHERE d.code = 'wuhua' AND y.is_current = 0 ORDER BY y.id DESC LIMIT 1");
	static const char csv[] = "项目分类,项目,学时,计算单位,登记条件\r\n培训活动,专题培训,4,次,\r\n";
	long status;
	xmlDocPtr doc;
	char *s;

	ck_assert_int_gt(past, 0);
	doc = upload(wh, past, "past.csv", csv, sizeof(csv) - 1, &status);
	ck_assert_int_eq(status, 409);
	s = xpath_string(doc, "/page/error/@code");
	ck_assert_str_eq(s, "year_not_current");
	free(s);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(test_a_file_without_hours_is_refused)
{
	/* no 学时 column; and a table naming one item twice */
	static const char nohours[] = "项目分类,项目,计算单位\r\n培训活动,专题培训,半天\r\n";
	static const char twice[] = "项目分类,项目,学时,计算单位\r\n培训活动,专题培训,4,半天\r\n"
	    "培训活动,专题培训,4,半天\r\n";
	long long imports = srv_int(&srv, "SELECT count(*) FROM catalogue_import");
	long status;
	xmlDocPtr doc = upload(wh, wh_year, "nohours.csv", nohours, sizeof(nohours) - 1, &status);
	char *s;

	ck_assert_int_eq(status, 422);
	s = xpath_string(doc, "/page/error/@code");
	ck_assert_str_eq(s, "catalogue_missing_column");
	free(s);
	s = xpath_string(doc, "/page/error/@column");
	ck_assert_str_eq(s, "hours");
	free(s);
	xmlFreeDoc(doc);
	doc = upload(wh, wh_year, "twice.csv", twice, sizeof(twice) - 1, &status);
	ck_assert_int_eq(status, 422);
	ck_assert_int_eq(xpath_long(doc, "/page/import/row[@line = '3']/problem[@code = 'duplicate_item']/../@line"), 3);
	xmlFreeDoc(doc);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM catalogue_import"), imports);
}
END_TEST

/* The pages as a browser gets them: the form, and a preview with its button and the impact. */
START_TEST(test_the_pages_render)
{
	char path[128], *token;
	size_t len;
	char *data = export_xlsx(wh, wh_year, &len);
	const char *fields[3];
	struct upload up = { "file", "catalogue.xlsx", "application/octet-stream", NULL, 0 };
	struct reply r;

	snprintf(path, sizeof(path), "/district/years/%lld/catalogue/import", wh_year);
	ck_assert_int_eq(client_do(wh, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "从 Excel 导入登记项目"));
	ck_assert(reply_contains(&r, "enctype=\"multipart/form-data\""));
	ck_assert(reply_contains(&r, "<li>项目分类（必须有）</li>"));
	reply_free(&r);
	token = csrf_token(wh, &srv);
	fields[0] = "csrf";
	fields[1] = token;
	fields[2] = NULL;
	up.data = data;
	up.len = len;
	ck_assert_int_eq(client_post_multipart(wh, &srv, path, fields, &up, 1, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "确认导入"));
	ck_assert(reply_contains(&r, "不变 40"));
	ck_assert(reply_contains(&r, "第 2 行"));
	reply_free(&r);
	free(token);
	free(data);
}
END_TEST

/* A sheet trimmed to the columns someone edits: the others keep the items' own values. */
START_TEST(test_a_trimmed_sheet_keeps_the_rest)
{
	char sql[900], *rows, *csv;
	long status;
	xmlDocPtr doc;

	snprintf(sql, sizeof(sql), "SELECT group_concat(code || ',\"' || replace(category, '\"', '\"\"')"
	    " || '\",\"' || replace(name, '\"', '\"\"') || '\",' || " HOURS " ||"
	    " ',\"' || replace(unit, '\"', '\"\"') || '\"', '\r\n') FROM (SELECT * FROM item"
	    " WHERE school_year_id = %lld ORDER BY sort_order, id) AS l", wh_year);
	rows = srv_text(&srv, sql);
	ck_assert_int_gt(asprintf(&csv, "项目代码,项目分类,项目,学时,计算单位\r\n%s\r\n", rows), 0);
	doc = upload(wh, wh_year, "trimmed.csv", csv, strlen(csv), &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@unchanged"), 40);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@changed"), 0);
	ck_assert_int_eq(xpath_long(doc, "/page/import/@retired"), 0);
	xmlFreeDoc(doc);
	free(rows);
	free(csv);
}
END_TEST

int
main(void)
{
	Suite *su = suite_create("catalogue_sheet");
	TCase *tc = tcase_create("the catalogue as a spreadsheet, through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_export_is_the_yilanbiao);
	tcase_add_test(tc, test_print_is_the_annex);
	tcase_add_test(tc, test_the_pages_render);
	tcase_add_test(tc, test_round_trip_changes_nothing);
	tcase_add_test(tc, test_libreoffice_resave_round_trips);
	tcase_add_test(tc, test_a_trimmed_sheet_keeps_the_rest);
	tcase_add_test(tc, test_bad_cells_are_named_and_nothing_applied);
	tcase_add_test(tc, test_a_confirmed_school_keeps_its_results);
	tcase_add_test(tc, test_an_edited_file_previews_and_commits);
	tcase_add_test(tc, test_a_districts_own_table);
	tcase_add_test(tc, test_only_the_current_year);
	tcase_add_test(tc, test_a_file_without_hours_is_refused);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
