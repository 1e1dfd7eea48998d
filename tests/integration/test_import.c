/*
 * test_import.c - importing a school's roster through nginx, as a school
 * admin does it: a 1,000-row file with exactly 10 bad rows is previewed,
 * the preview names exactly those rows (line and reason), committing is
 * refused and saves nothing; the fixed file imports all 1,000 rows in one
 * commit, with a 变动情况 row and an audit entry for each; importing the
 * same file again changes nothing. Done for a UTF-8 CSV, a GBK CSV (as
 * Excel on Chinese Windows saves it) and an .xlsx, all made here. The
 * leader and other schools cannot commit an import.
 */
#include "common.h"
#include "domain/idcard.h"

#include <check.h>
#include <curl/curl.h>
#include <iconv.h>
#include <libxml/parser.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct server srv;
static int log_reports;

#define NROWS 1000
#define NCOLS 10

static const char *const header[NCOLS] = {
	"姓名", "性别", "身份证号", "工号", "手机号", "学科", "职称", "类别", "状态", "接收单位"
};

/* The bad rows: line (as Excel shows it, header = 1) and the reason code. */
struct bad { int line; const char *code; };
static const struct bad bads[10] = {
	{ 5, "import_missing_name" }, { 77, "import_bad_gender" }, { 150, "import_bad_id" },
	{ 222, "import_missing_id" }, { 345, "import_duplicate_in_file" },
	{ 480, "import_bad_phone" }, { 561, "import_bad_category" },
	{ 690, "import_bad_status" }, { 804, "import_missing_unit" },
	{ 999, "import_other_school" },
};

/* A number from the server's database (srv_one: the SQL must run; -1 when no row). */
static long long
db_count(const char *sql)
{
	return srv_one(&srv, sql);
}

/* A text from the server's database: the SQL must give a row with a value. */
static char *
db_text(const char *sql)
{
	char *s = srv_rows(&srv, sql), *nl;

	ck_assert_msg(s != NULL && *s != '\0', "no row: %s", sql);
	if ((nl = strchr(s, '\n')) != NULL)
		*nl = '\0';
	if ((nl = strchr(s, '|')) != NULL)
		*nl = '\0';
	ck_assert_msg(*s != '\0', "NULL or empty: %s", sql);
	return s;
}

/*
 * The rows of a roster: region gives each file its own ID numbers. With
 * bad, the 10 rows above are broken; other_id is a teacher of another
 * school (for the last bad row).
 */
static void
make_rows(char cells[NROWS][NCOLS][64], const char *region, int bad, const char *other_id)
{
	for (int i = 0; i < NROWS; i++) {
		int line = i + 2;
		char id17[18];

		snprintf(id17, sizeof(id17), "%s1980%02d%02d%03d", region, 1 + i / 400, 1 + (i / 20) % 20,
		    (i % 20) * 10 + 1);
		snprintf(cells[i][0], 64, "导入教师%04d", i);
		snprintf(cells[i][1], 64, "%s", i % 2 ? "女" : "男");
		snprintf(cells[i][2], 64, "%s%c", id17, idcard_check_char(id17));
		snprintf(cells[i][3], 64, "IMP%s%04d", region, i);
		snprintf(cells[i][4], 64, "139%08d", i);
		snprintf(cells[i][5], 64, "%s", i % 3 ? "数学" : "语文");
		snprintf(cells[i][6], 64, "%s", "二级教师");
		snprintf(cells[i][7], 64, "%s", i % 50 ? "在职教师" : "新入职教师");
		snprintf(cells[i][8], 64, "%s", i % 100 == 7 ? "长期外借" : "在岗");
		snprintf(cells[i][9], 64, "%s", i % 100 == 7 ? "乐山市实验中学" : "");
		if (!bad)
			continue;
		for (int b = 0; b < 10; b++) {
			if (bads[b].line != line)
				continue;
			switch (b) {
			case 0: cells[i][0][0] = '\0'; break;
			case 1: snprintf(cells[i][1], 64, "%s", "男性"); break;
			case 2: cells[i][2][17] = cells[i][2][17] == '1' ? '2' : '1'; break;
			case 3: cells[i][2][0] = '\0'; break;
			case 4: snprintf(cells[i][2], 64, "%s", cells[10][2]); break;
			case 5: snprintf(cells[i][4], 64, "%s", "1380000"); break;
			case 6: snprintf(cells[i][7], 64, "%s", "临时工"); break;
			case 7: snprintf(cells[i][8], 64, "%s", "请假"); break;
			case 8: snprintf(cells[i][8], 64, "%s", "区外支教"); cells[i][9][0] = '\0'; break;
			case 9: snprintf(cells[i][2], 64, "%s", other_id); break;
			}
		}
	}
}

static void
csv_field(FILE *f, const char *v, int last)
{
	fputc('"', f);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', f);
		fputc(*v, f);
	}
	fputs(last ? "\"\r\n" : "\",", f);
}

/* The file's bytes (malloc'd): kind "utf8" (with a BOM), "gbk" or "xlsx". */
static char *
make_file(const char *kind, char cells[NROWS][NCOLS][64], size_t *len)
{
	char path[600];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/import-%s.tmp", srv.dir, kind);
	if (strcmp(kind, "xlsx") == 0) {
		lxw_workbook *wb = workbook_new(path);
		lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
		for (int c = 0; c < NCOLS; c++)
			worksheet_write_string(ws, 0, (lxw_col_t)c, header[c], NULL);
		for (int i = 0; i < NROWS; i++)
			for (int c = 0; c < NCOLS; c++)
				if (cells[i][c][0] != '\0')
					worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, cells[i][c], NULL);
		ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
	} else {
		char *csv, *out;
		size_t clen, inleft, outleft;
		f = open_memstream(&csv, &clen);
		ck_assert_ptr_nonnull(f);
		if (strcmp(kind, "utf8") == 0)
			fputs("\xEF\xBB\xBF", f);
		for (int c = 0; c < NCOLS; c++)
			csv_field(f, header[c], c == NCOLS - 1);
		for (int i = 0; i < NROWS; i++)
			for (int c = 0; c < NCOLS; c++)
				csv_field(f, cells[i][c], c == NCOLS - 1);
		fclose(f);
		if (strcmp(kind, "gbk") == 0) {
			iconv_t cd = iconv_open("GBK", "UTF-8");
			char *in = csv, *o;
			ck_assert(cd != (iconv_t)-1);
			out = malloc(clen * 2 + 1);
			o = out;
			inleft = clen;
			outleft = clen * 2;
			ck_assert(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
			iconv_close(cd);
			free(csv);
			*len = (size_t)(o - out);
			return out;
		}
		*len = clen;
		return csv;
	}
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	*len = (size_t)n;
	return buf;
}

/* Upload a file as cl; returns the preview's XML and its status. */
static xmlDocPtr
upload(struct client *cl, const char *filename, const char *data, size_t len, long *status)
{
	char *token = csrf_token(cl, &srv);
	const char *fields[] = { "csrf", token, NULL };
	struct upload up = { "file", filename, "application/octet-stream", data, len };
	struct reply r;
	xmlDocPtr d;

	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/roster/import?format=xml",
	    fields, &up, 1, &r), 0);
	*status = r.status;
	d = reply_xml(&r);
	ck_assert_msg(d != NULL, "no XML (%ld): %.300s", r.status, r.body ? r.body : "");
	reply_free(&r);
	free(token);
	return d;
}

static long
commit(struct client *cl, long id, xmlDocPtr *out)
{
	char path[128];
	struct reply r;
	long st;

	snprintf(path, sizeof(path), "/school/roster/import/%ld/commit?format=xml", id);
	st = post_form(cl, &srv, path, "", &r);
	if (out != NULL)
		*out = reply_xml(&r);
	reply_free(&r);
	return st;
}

static const char school_q[] = "(SELECT id FROM school WHERE code = 'wtq-zg')";

static long long
roster_size(void)
{
	return db_count("SELECT count(*) FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 WHERE ty.school_id = (SELECT id FROM school WHERE code = 'wtq-zg')");
}

static void
import_round(const char *kind, const char *filename, const char *region)
{
	static char cells[NROWS][NCOLS][64];
	struct client *cl = client_new();
	char *other = db_text("SELECT t.id_number FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = 'wtq-sx' LIMIT 1");
	long long before = roster_size(), audits;
	long long changes = db_count("SELECT count(*) FROM roster_change");
	size_t len;
	char *data, expr[200], *s;
	xmlDocPtr d;
	long status, id;

	(void)school_q;
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	audits = db_count("SELECT count(*) FROM audit"); /* after the login's own entry */

	/* 1. The file with 10 bad rows: exactly those, with their reasons. */
	make_rows(cells, region, 1, other);
	data = make_file(kind, cells, &len);
	d = upload(cl, filename, data, len, &status);
	free(data);
	ck_assert_int_eq(status, 422);
	ck_assert_int_eq(xpath_long(d, "/page/import/@rows"), NROWS);
	ck_assert_int_eq(xpath_long(d, "/page/import/@problems"), 10);
	ck_assert_int_eq(xpath_long(d, "count(/page/import/row[@effect='problem'])"), 10);
	for (int b = 0; b < 10; b++) {
		snprintf(expr, sizeof(expr), "/page/import/row[@line=%d]/problem/@code", bads[b].line);
		s = xpath_string(d, expr);
		ck_assert_msg(strcmp(s, bads[b].code) == 0, "%s line %d: %s, not %s", kind,
		    bads[b].line, s, bads[b].code);
		free(s);
	}
	s = xpath_string(d, "/page/import/row[@line=345]/@dup-of");
	ck_assert_str_eq(s, "12");  /* line 345 repeats the ID of line 12 */
	free(s);
	id = xpath_long(d, "/page/import/@id");
	xmlFreeDoc(d);
	/* Committing is refused; nothing is saved. */
	ck_assert_int_eq(commit(cl, id, &d), 409);
	s = xpath_string(d, "/page/error/@code");
	ck_assert_str_eq(s, "import_has_problems");
	free(s);
	xmlFreeDoc(d);
	ck_assert_int_eq(roster_size(), before);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit"), audits);
	ck_assert_int_eq(db_count("SELECT count(*) FROM roster_change"), changes);

	/* 2. The fixed file: all 1,000, in one commit. */
	make_rows(cells, region, 0, other);
	data = make_file(kind, cells, &len);
	d = upload(cl, filename, data, len, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/import/@problems"), 0);
	ck_assert_int_eq(xpath_long(d, "/page/import/@new"), NROWS);
	id = xpath_long(d, "/page/import/@id");
	xmlFreeDoc(d);
	ck_assert_int_eq(roster_size(), before); /* a preview saves nothing */
	ck_assert_int_eq(commit(cl, id, &d), 200);
	ck_assert_int_eq(xpath_long(d, "/page/import/@added"), NROWS);
	xmlFreeDoc(d);
	ck_assert_int_eq(roster_size(), before + NROWS);
	ck_assert_int_eq(db_count("SELECT count(*) FROM roster_change"), changes + NROWS);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit"), audits + NROWS);
	snprintf(expr, sizeof(expr), "SELECT count(*) FROM teacher WHERE staff_no LIKE 'IMP%s%%'", region);
	ck_assert_int_eq(db_count(expr), NROWS);
	/* The same commit twice is refused. */
	ck_assert_int_eq(commit(cl, id, NULL), 409);

	/* 3. The same file again changes nothing. */
	d = upload(cl, filename, data, len, &status);
	free(data);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/import/@unchanged"), NROWS);
	id = xpath_long(d, "/page/import/@id");
	xmlFreeDoc(d);
	ck_assert_int_eq(commit(cl, id, &d), 200);
	ck_assert_int_eq(xpath_long(d, "/page/import/@added"), 0);
	ck_assert_int_eq(xpath_long(d, "/page/import/@updated"), 0);
	xmlFreeDoc(d);
	ck_assert_int_eq(roster_size(), before + NROWS);
	ck_assert_int_eq(db_count("SELECT count(*) FROM roster_change"), changes + NROWS);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit"), audits + NROWS);
	free(other);
	client_free(cl);
}

START_TEST(test_utf8_csv_with_ten_bad_rows_then_fixed)
{
	import_round("utf8", "名册.csv", "110101");
}
END_TEST

START_TEST(test_gbk_csv_with_ten_bad_rows_then_fixed)
{
	import_round("gbk", "名册-gbk.csv", "110102");
}
END_TEST

START_TEST(test_xlsx_with_ten_bad_rows_then_fixed)
{
	import_round("xlsx", "名册.xlsx", "110105");
}
END_TEST

/* A changed row is an update with a 变动情况 row; the HTML preview speaks Chinese. */
START_TEST(test_changed_row_and_html_preview)
{
	static const char csv[] = "姓名,性别,身份证号,状态,接收单位\r\n"
	    "改名教师,女,%s,长期外借,乐山市实验中学\r\n";
	struct client *cl = client_new();
	char *id = db_text("SELECT t.id_number FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = 'wtq-zg' AND ty.status = 'in_post' LIMIT 1");
	char body[512], *token, sql[300];
	const char *fields[3];
	struct upload up = { "file", "one.csv", "text/csv", body, 0 };
	struct reply r;
	xmlDocPtr d;
	long status;

	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	snprintf(body, sizeof(body), csv, id);
	up.len = strlen(body);
	d = upload(cl, "one.csv", body, up.len, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/import/@changed"), 1);
	xmlFreeDoc(d);
	/* the same as HTML: the counts and the button in Chinese */
	token = csrf_token(cl, &srv);
	fields[0] = "csrf"; fields[1] = token; fields[2] = NULL;
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/roster/import", fields, &up, 1, &r), 0);
	ck_assert(reply_contains(&r, "确认导入"));
	ck_assert(reply_contains(&r, "信息有变更"));
	reply_free(&r);
	free(token);
	d = upload(cl, "one.csv", body, up.len, &status);
	ck_assert_int_eq(commit(cl, xpath_long(d, "/page/import/@id"), NULL), 200);
	xmlFreeDoc(d);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " WHERE t.id_number = '%s' AND t.name = '改名教师' AND ty.status = 'loan'"
	    " AND ty.receiving_unit = '乐山市实验中学'", id);
	ck_assert_int_eq(db_count(sql), 1);
	/* The roster finds the teacher by name and by the ID number's last four; the leader reads it too. */
	{
		struct client *leader = client_new();
		char path[200], *v;
		ck_assert_int_eq(login_as(leader, &srv, "wtq-zg-leader", DEMO_PW), 303);
		d = get_xml(leader, &srv, "/school/roster?q=%E6%94%B9%E5%90%8D%E6%95%99%E5%B8%88", &status);
		ck_assert_int_eq(status, 200);
		ck_assert_int_eq(xpath_long(d, "/page/roster/@count"), 1);
		v = xpath_string(d, "/page/roster/teacher/@status");
		ck_assert_str_eq(v, "loan");
		free(v);
		v = xpath_string(d, "/page/roster/teacher/@id-masked");
		ck_assert_int_eq(strlen(v), 18);
		ck_assert(strstr(v, id + 14) != NULL && strstr(v, "**********") != NULL);
		free(v);
		xmlFreeDoc(d);
		snprintf(path, sizeof(path), "/school/roster?q=%s", id + 14);
		d = get_xml(leader, &srv, path, &status);
		ck_assert_int_ge(xpath_long(d, "count(/page/roster/teacher[name='改名教师'])"), 1);
		xmlFreeDoc(d);
		/* all of the school's teachers without a query */
		d = get_xml(leader, &srv, "/school/roster", &status);
		ck_assert_int_eq(xpath_long(d, "/page/roster/@count"), roster_size());
		xmlFreeDoc(d);
		client_free(leader);
	}
	free(id);
	client_free(cl);
}
END_TEST

/* A bad file gets a reason, not a crash; the leader and other schools cannot commit. */
START_TEST(test_bad_files_and_who_may_commit)
{
	static const char good[] = "姓名,性别,身份证号\r\n新教师,男,%s\r\n";
	static const char zip_cut[] = "PK\003\004 truncated";
	struct client *cl = client_new(), *leader = client_new(), *other = client_new();
	char body[256], id17[18] = "51110219900101123", *s;
	xmlDocPtr d;
	long status, id;
	long long before = roster_size();

	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	ck_assert_int_eq(login_as(leader, &srv, "wtq-zg-leader", DEMO_PW), 303);
	ck_assert_int_eq(login_as(other, &srv, "wtq-nh-admin", DEMO_PW), 303);
	d = upload(cl, "x.xlsx", zip_cut, sizeof(zip_cut) - 1, &status);
	ck_assert_int_eq(status, 422);
	s = xpath_string(d, "/page/error/@code");
	ck_assert_str_eq(s, "sheet_bad_format");
	free(s);
	xmlFreeDoc(d);
	d = upload(cl, "x.csv", "a,b\r\n1,2\r\n", 10, &status);
	ck_assert_int_eq(status, 422);
	s = xpath_string(d, "/page/error/@code");
	ck_assert_str_eq(s, "import_missing_column");
	free(s);
	xmlFreeDoc(d);
	snprintf(body, sizeof(body), good, "");
	{
		char idn[19];
		snprintf(idn, sizeof(idn), "%s%c", id17, idcard_check_char(id17));
		snprintf(body, sizeof(body), good, idn);
	}
	d = upload(cl, "x.csv", body, strlen(body), &status);
	ck_assert_int_eq(status, 200);
	id = xpath_long(d, "/page/import/@id");
	xmlFreeDoc(d);
	ck_assert_int_eq(commit(leader, id, NULL), 404);
	ck_assert_int_eq(commit(other, id, NULL), 404);
	ck_assert_int_eq(roster_size(), before);
	ck_assert_int_eq(commit(cl, id, NULL), 200);
	ck_assert_int_eq(roster_size(), before + 1);
	client_free(cl);
	client_free(leader);
	client_free(other);
}
END_TEST

/* The roster exported (.xlsx and CSV) imports back with no change; an edited cell is the one change. */
START_TEST(test_roster_export_imports_back)
{
	struct client *cl = client_new();
	long long active = db_count("SELECT count(*) FROM teacher_year ty JOIN school_year y"
	    " ON y.id = ty.school_year_id AND y.is_current = 1 JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE t.active = 1 AND ty.school_id = (SELECT id FROM school WHERE code = 'wtq-zg')");
	const char *kinds[] = { "/school/roster.xlsx", "/school/roster.csv" };
	const char *names[] = { "roster.xlsx", "roster.csv" };
	struct reply r;
	xmlDocPtr d;
	long status, id;

	ck_assert_int_gt(active, 5);
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	for (int k = 0; k < 2; k++) {
		ck_assert_int_eq(client_do(cl, &srv, "GET", kinds[k], NULL, NULL, 0, NULL, &r), 0);
		ck_assert_int_eq(r.status, 200);
		ck_assert_uint_gt(r.len, 100);
		d = upload(cl, names[k], r.body, r.len, &status);
		ck_assert_int_eq(status, 200);
		ck_assert_int_eq(xpath_long(d, "/page/import/@unchanged"), active);
		ck_assert_int_eq(xpath_long(d, "/page/import/@changed"), 0);
		ck_assert_int_eq(xpath_long(d, "/page/import/@new"), 0);
		id = xpath_long(d, "/page/import/@id");
		xmlFreeDoc(d);
		ck_assert_int_eq(commit(cl, id, &d), 200);
		ck_assert_int_eq(xpath_long(d, "/page/import/@added"), 0);
		ck_assert_int_eq(xpath_long(d, "/page/import/@updated"), 0);
		xmlFreeDoc(d);
		if (k == 1) {
			/* One teacher's subject edited in the CSV: exactly one change. */
			char *csv = malloc(r.len + 16), *line;
			ck_assert_ptr_nonnull(csv);
			memcpy(csv, r.body, r.len);
			csv[r.len] = '\0';
			line = strstr(csv, "\n");          /* after the header */
			ck_assert_ptr_nonnull(line);
			line = strstr(line + 1, ",");        /* the first row's 性别 */
			ck_assert_ptr_nonnull(line);
			for (int col = 0; col < 4 && line != NULL; col++)
				line = strchr(line + 1, ',');    /* to its 学科 */
			ck_assert_ptr_nonnull(line);
			{
				size_t at = (size_t)(line + 1 - csv);
				char *edited = malloc(r.len + 32);
				const char *rest = strchr(line + 1, ',');
				ck_assert_ptr_nonnull(edited);
				ck_assert_ptr_nonnull(rest);
				memcpy(edited, csv, at);
				strcpy(edited + at, "书法");
				strcat(edited, rest);
				d = upload(cl, "roster.csv", edited, strlen(edited), &status);
				ck_assert_int_eq(status, 200);
				ck_assert_int_eq(xpath_long(d, "/page/import/@changed"), 1);
				ck_assert_int_eq(xpath_long(d, "/page/import/@unchanged"), active - 1);
				xmlFreeDoc(d);
				free(edited);
			}
			free(csv);
		}
		reply_free(&r);
	}
	client_free(cl);
}
END_TEST

/* One teacher by hand: bad ID keeps the input and saves nothing; good adds; the same ID edits. */
START_TEST(test_add_and_edit_one_teacher)
{
	struct client *cl = client_new();
	char id17[18] = "51110219880808002", idn[19], fields[512];
	long long before = roster_size();
	struct reply r;
	xmlDocPtr d;
	char *v, sql[200];

	snprintf(idn, sizeof(idn), "%s%c", id17, idcard_check_char(id17));
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	snprintf(fields, sizeof(fields), "name=%%E7%%8E%%8B%%E8%%80%%81%%E5%%B8%%88&gender=M"
	    "&id_number=%.17s%c&staff_no=HAND01&phone=13912345678&category=regular&status=in_post",
	    id17, idn[17] == '0' ? '1' : '0');
	ck_assert_int_eq(post_form(cl, &srv, "/school/roster/new?format=xml", fields, &r), 422);
	d = reply_xml(&r);
	v = xpath_string(d, "/page/problem/@code");
	ck_assert_str_eq(v, "import_bad_id");
	free(v);
	v = xpath_string(d, "/page/form/value[@name='name']");
	ck_assert_str_eq(v, "王老师");
	free(v);
	xmlFreeDoc(d);
	reply_free(&r);
	ck_assert_int_eq(roster_size(), before);
	snprintf(fields, sizeof(fields), "name=%%E7%%8E%%8B%%E8%%80%%81%%E5%%B8%%88&gender=M"
	    "&id_number=%s&staff_no=HAND01&phone=13912345678&category=new_teacher&status=in_post", idn);
	ck_assert_int_eq(post_form(cl, &srv, "/school/roster/new", fields, NULL), 303);
	ck_assert_int_eq(roster_size(), before + 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM roster_change rc JOIN teacher t ON t.id = rc.teacher_id"
	    " WHERE t.id_number = '%s' AND rc.kind = 'joined' AND rc.import_id IS NULL", idn);
	ck_assert_int_eq(db_count(sql), 1);
	/* the same ID again with a loan: a change, not a second teacher */
	snprintf(fields, sizeof(fields), "edit=1&name=%%E7%%8E%%8B%%E8%%80%%81%%E5%%B8%%88&gender=M"
	    "&id_number=%s&staff_no=HAND01&phone=13912345678&category=new_teacher&status=loan"
	    "&receiving_unit=%%E5%%B8%%82%%E4%%B8%%80%%E4%%B8%%AD", idn);
	ck_assert_int_eq(post_form(cl, &srv, "/school/roster/new", fields, NULL), 303);
	ck_assert_int_eq(roster_size(), before + 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE t.id_number = '%s' AND ty.status = 'loan' AND ty.category = 'new_teacher'", idn);
	ck_assert_int_eq(db_count(sql), 1);
	/* loan without a receiving unit is refused */
	snprintf(fields, sizeof(fields), "name=x&gender=F&id_number=%s&status=loan", idn);
	ck_assert_int_eq(post_form(cl, &srv, "/school/roster/new?format=xml", fields, &r), 422);
	ck_assert(reply_contains(&r, "import_missing_unit"));
	reply_free(&r);
	client_free(cl);
}
END_TEST

/*
 * The form's values the field check refuses get the import's codes, in the
 * columns' order, the typed values kept; the edit form opens only this
 * school's teacher-years.
 */
START_TEST(test_one_teacher_form_refusals)
{
	struct client *cl = client_new();
	char id17[18] = "51110219880909003", fields[1024], *v, path[80];
	long long before = roster_size();
	long long own = db_count("SELECT ty.id FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 JOIN school s ON s.id = ty.school_id WHERE s.code = 'wtq-zg' LIMIT 1");
	long long other = db_count("SELECT ty.id FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 JOIN school s ON s.id = ty.school_id WHERE s.code = 'wtq-sx' LIMIT 1");
	struct reply r;
	xmlDocPtr d;
	long status;
	size_t n;

	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	/* a name of 51 characters (王 x 51), gender X, a phone of 12 digits, an unknown category */
	n = (size_t)snprintf(fields, sizeof(fields), "name=");
	for (int i = 0; i < 51; i++)
		n += (size_t)snprintf(fields + n, sizeof(fields) - n, "%%E7%%8E%%8B");
	snprintf(fields + n, sizeof(fields) - n, "&gender=X&id_number=%s%c&phone=139123456789"
	    "&category=bogus&status=in_post", id17, idcard_check_char(id17));
	ck_assert_int_eq(post_form(cl, &srv, "/school/roster/new?format=xml", fields, &r), 422);
	d = reply_xml(&r);
	ck_assert_int_eq(xpath_long(d, "count(/page/problem)"), 4);
	v = xpath_string(d, "/page/problem[1]/@code");
	ck_assert_str_eq(v, "import_bad_name");
	free(v);
	v = xpath_string(d, "/page/problem[2]/@code");
	ck_assert_str_eq(v, "import_bad_gender");
	free(v);
	v = xpath_string(d, "/page/problem[3]/@code");
	ck_assert_str_eq(v, "import_bad_phone");
	free(v);
	v = xpath_string(d, "/page/problem[4]/@code");
	ck_assert_str_eq(v, "import_bad_category");
	free(v);
	/* what was typed stays in the form: 51 characters of 3 bytes */
	v = xpath_string(d, "/page/form/value[@name='name']");
	ck_assert_int_eq(strlen(v), 153);
	free(v);
	v = xpath_string(d, "/page/form/value[@name='phone']");
	ck_assert_str_eq(v, "139123456789");
	free(v);
	xmlFreeDoc(d);
	reply_free(&r);
	ck_assert_int_eq(roster_size(), before);
	/* the edit form: this school's teacher-year opens, another school's and a non-number do not */
	ck_assert(own > 0 && other > 0);
	snprintf(path, sizeof(path), "/school/roster/new?teacher-year=%lld", own);
	d = get_xml(cl, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "count(/page/form/value[@name='id_number' and string-length(.) = 18])"), 1);
	xmlFreeDoc(d);
	snprintf(path, sizeof(path), "/school/roster/new?teacher-year=%lld", other);
	d = get_xml(cl, &srv, path, &status);
	ck_assert_int_eq(status, 404);
	if (d != NULL)
		xmlFreeDoc(d);
	d = get_xml(cl, &srv, "/school/roster/new?teacher-year=abc", &status);
	ck_assert_int_eq(status, 404);
	if (d != NULL)
		xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

static void
db_exec(const char *sql)
{
	ck_assert_int_eq(srv_sql(&srv, sql), 0);
}

/* A transfer moves the year with its records; refused while the other school's year is locked. Leaving and coming back. */
START_TEST(test_transfer_and_deactivate)
{
	struct client *zg = client_new(), *nh = client_new();
	long long ty = db_count("SELECT ty.id FROM teacher_year ty JOIN school s ON s.id = ty.school_id"
	    " AND s.code = 'wtq-zg' WHERE (SELECT count(*) FROM record r WHERE r.teacher_year_id = ty.id) > 0"
	    " ORDER BY ty.id LIMIT 1");
	long long nh_id = db_count("SELECT id FROM school WHERE code = 'wtq-nh'");
	long long nrec, teacher;
	char sql[300], path[100], fields[100];
	long status;
	xmlDocPtr d;

	ck_assert_int_gt(ty, 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM record WHERE teacher_year_id = %lld", ty);
	nrec = db_count(sql);
	snprintf(sql, sizeof(sql), "SELECT teacher_id FROM teacher_year WHERE id = %lld", ty);
	teacher = db_count(sql);
	ck_assert_int_eq(login_as(zg, &srv, "wtq-zg-admin", DEMO_PW), 303);
	ck_assert_int_eq(login_as(nh, &srv, "wtq-nh-admin", DEMO_PW), 303);
	snprintf(path, sizeof(path), "/school/roster/%lld/transfer?format=xml", ty);
	snprintf(fields, sizeof(fields), "school=%lld&note=x", nh_id);
	/* wtq-nh has handed its year in: refused, nothing moves */
	ck_assert_int_eq(post_form(zg, &srv, path, fields, NULL), 409);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM teacher_year WHERE id = %lld AND school_id = %lld", ty, nh_id);
	ck_assert_int_eq(db_count(sql), 0);
	/* the district reopens wtq-nh's year: now it moves, records and all */
	db_exec("UPDATE school_year_state SET state = 'open' WHERE school_id = (SELECT id FROM school WHERE code = 'wtq-nh')");
	ck_assert_int_eq(post_form(zg, &srv, path, fields, NULL), 303);
	ck_assert_int_eq(db_count(sql), 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM record WHERE teacher_year_id = %lld", ty);
	ck_assert_int_eq(db_count(sql), nrec);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM roster_change WHERE teacher_id = %lld"
	    " AND kind IN ('transfer_out', 'transfer_in')", teacher);
	ck_assert_int_eq(db_count(sql), 2);
	snprintf(path, sizeof(path), "/school/teachers/%lld", ty);
	d = get_xml(zg, &srv, path, &status);
	ck_assert_int_eq(status, 404);
	xmlFreeDoc(d);
	d = get_xml(nh, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	xmlFreeDoc(d);
	/* the old school can no longer move them */
	snprintf(path, sizeof(path), "/school/roster/%lld/deactivate", ty);
	ck_assert_int_eq(post_form(zg, &srv, path, "", NULL), 404);
	/* the new school: leaving, then coming back, each a change */
	ck_assert_int_eq(post_form(nh, &srv, path, "", NULL), 303);
	snprintf(sql, sizeof(sql), "SELECT active FROM teacher WHERE id = %lld", teacher);
	ck_assert_int_eq(db_count(sql), 0);
	snprintf(path, sizeof(path), "/school/roster/%lld/reactivate", ty);
	ck_assert_int_eq(post_form(nh, &srv, path, "", NULL), 303);
	snprintf(sql, sizeof(sql), "SELECT active FROM teacher WHERE id = %lld", teacher);
	ck_assert_int_eq(db_count(sql), 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM roster_change WHERE teacher_id = %lld"
	    " AND kind IN ('left', 'rejoined')", teacher);
	ck_assert_int_eq(db_count(sql), 2);
	client_free(zg);
	client_free(nh);
}
END_TEST

/* The imports' changes (变动情况): the school sees them, reports them, then the district sees them. */
START_TEST(test_changes_reported_to_district)
{
	struct client *cl = client_new(), *dist = client_new(), *leader = client_new();
	xmlDocPtr d;
	long status;
	long long mine = db_count("SELECT count(*) FROM roster_change rc JOIN school s ON s.id = rc.school_id"
	    " WHERE s.code = 'wtq-zg'");
	char path[80];
	struct reply r;

	ck_assert_int_gt(mine, 0);
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	ck_assert_int_eq(login_as(dist, &srv, "wutongqiao-admin", DEMO_PW), 303);
	ck_assert_int_eq(login_as(leader, &srv, "wtq-zg-leader", DEMO_PW), 303);
	d = get_xml(cl, &srv, "/school/roster/changes", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/changes/@count"), mine);
	ck_assert_int_eq(xpath_long(d, "/page/changes/@unreported"), mine);
	xmlFreeDoc(d);
	/* not reported yet: the district does not see them */
	snprintf(path, sizeof(path), "/district/changes?school=%lld",
	    db_count("SELECT id FROM school WHERE code = 'wtq-zg'"));
	d = get_xml(dist, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/changes/@count"), 0);
	xmlFreeDoc(d);
	/* the leader cannot report */
	ck_assert_int_eq(post_form(leader, &srv, "/school/roster/changes/report", "", NULL), 404);
	ck_assert_int_eq(post_form(cl, &srv, "/school/roster/changes/report", "", &r), 303);
	reply_free(&r);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE action = 'roster_changes_report'"), 1);
	d = get_xml(dist, &srv, path, &status);
	ck_assert_int_eq(xpath_long(d, "/page/changes/@count"), mine);
	ck_assert_int_eq(xpath_long(d, "count(/page/changes/change[@kind='joined' and @import])"),
	    db_count("SELECT count(*) FROM roster_change rc JOIN school s ON s.id = rc.school_id"
	    " WHERE s.code = 'wtq-zg' AND rc.kind = 'joined' AND rc.import_id IS NOT NULL"));
	xmlFreeDoc(d);
	d = get_xml(cl, &srv, "/school/roster/changes", &status);
	ck_assert_int_eq(xpath_long(d, "/page/changes/@unreported"), 0);
	xmlFreeDoc(d);
	client_free(cl);
	client_free(dist);
	client_free(leader);
}
END_TEST

/* A CSV of n good rows with ID numbers from region (malloc'd). */
static char *
rows_csv(int n, const char *region, size_t *len)
{
	size_t cap = 64 + (size_t)n * 64, k = 0;
	char *s = malloc(cap);

	ck_assert_ptr_nonnull(s);
	k += (size_t)snprintf(s, cap, "姓名,性别,身份证号\r\n");
	for (int i = 0; i < n; i++) {
		char id17[18];
		/* day j = i / 10 is 1970 + j / 336, month 1 + j / 28 % 12, day 1 + j % 28;
		 * 10 sequence numbers a day: all distinct, all real dates */
		int j = i / 10;
		snprintf(id17, sizeof(id17), "%s19%02d%02d%02d%03d", region, 70 + j / 336,
		    1 + (j / 28) % 12, 1 + j % 28, (i % 10) * 10 + 1);
		k += (size_t)snprintf(s + k, cap - k, "界限%d,女,%s%c\r\n", i, id17,
		    idcard_check_char(id17));
	}
	*len = k;
	return s;
}

/* The documented bound: 5,000 teachers in a file are checked; 5,001 are refused, nothing kept. */
START_TEST(test_row_bound_is_5000)
{
	struct client *cl = client_new();
	long long before = roster_size(), files = db_count("SELECT count(*) FROM roster_import");
	size_t len;
	char *csv, *s;
	xmlDocPtr d;
	long status;

	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	csv = rows_csv(5001, "110107", &len);
	d = upload(cl, "5001.csv", csv, len, &status);
	ck_assert_int_eq(status, 422);
	s = xpath_string(d, "/page/error/@code");
	ck_assert_str_eq(s, "sheet_too_big");
	free(s);
	xmlFreeDoc(d);
	ck_assert_int_eq(db_count("SELECT count(*) FROM roster_import"), files);
	free(csv);
	csv = rows_csv(5000, "110107", &len);
	d = upload(cl, "5000.csv", csv, len, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/import/@rows"), 5000);
	ck_assert_int_eq(xpath_long(d, "/page/import/@problems"), 0);
	ck_assert_int_eq(xpath_long(d, "/page/import/@new"), 5000);
	xmlFreeDoc(d);
	free(csv);
	ck_assert_int_eq(roster_size(), before);   /* a preview saves nothing */
	client_free(cl);
}
END_TEST

/* The bytes of a zip holding the parts (malloc'd). */
static char *
zip_bytes(const char *const *names, const char *const *bodies, const size_t *lens, size_t n,
    size_t *len)
{
	char path[600];
	zip_t *z;
	int err;
	FILE *f;
	char *buf;
	long size;

	snprintf(path, sizeof(path), "%s/entities.xlsx", srv.dir);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(z, bodies[i], lens[i], 0);
		ck_assert_ptr_nonnull(src);
		ck_assert_int_ge(zip_file_add(z, names[i], src, ZIP_FL_OVERWRITE), 0);
	}
	ck_assert_int_eq(zip_close(z), 0);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = malloc((size_t)size);
	ck_assert_int_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	unlink(path);
	*len = (size_t)size;
	return buf;
}

/*
 * The file: a few KB of .xlsx whose sharedStrings.xml defines a
 * 64 KB entity and references it 2,000 times (128 MB if expanded). The
 * import answers at once with the Chinese message; nothing is kept.
 */
START_TEST(test_xlsx_with_dtd_refused)
{
	static const char ws[] = "<worksheet><sheetData>"
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	    "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
	    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c></row></sheetData></worksheet>";
	const char *names[2] = { "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml" };
	const char *bodies[2];
	size_t lens[2], cap = 70000 + 3 * 2000, k = 0, len;
	char *sst = malloc(cap), *data, *token;
	const char *fields[3];
	long long before = roster_size(), files = db_count("SELECT count(*) FROM roster_import");
	struct client *cl = client_new();
	struct upload up = { "file", "entities.xlsx", "application/octet-stream", NULL, 0 };
	struct reply r;
	xmlDocPtr d;
	long status;
	char *s;

	ck_assert_ptr_nonnull(sst);
	k += (size_t)snprintf(sst, cap, "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"");
	memset(sst + k, 'x', 65536);
	k += 65536;
	k += (size_t)snprintf(sst + k, cap - k, "\">]><sst><si><t>姓名</t></si><si><t>性别</t></si>"
	    "<si><t>身份证号</t></si><si><t>");
	for (int i = 0; i < 2000; i++, k += 3)
		memcpy(sst + k, "&a;", 3);
	k += (size_t)snprintf(sst + k, cap - k, "</t></si></sst>");
	bodies[0] = ws;
	lens[0] = strlen(ws);
	bodies[1] = sst;
	lens[1] = k;
	data = zip_bytes(names, bodies, lens, 2, &len);
	free(sst);
	ck_assert_uint_lt(len, 8192);
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	d = upload(cl, "entities.xlsx", data, len, &status);
	ck_assert_int_eq(status, 422);
	s = xpath_string(d, "/page/error/@code");
	ck_assert_str_eq(s, "sheet_dtd");
	free(s);
	xmlFreeDoc(d);
	/* the page, in Chinese */
	token = csrf_token(cl, &srv);
	fields[0] = "csrf"; fields[1] = token; fields[2] = NULL;
	up.data = data;
	up.len = len;
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/roster/import", fields, &up, 1, &r), 0);
	ck_assert_int_eq(r.status, 422);
	ck_assert(reply_contains(&r, "含有文档类型声明"));
	reply_free(&r);
	free(token);
	free(data);
	ck_assert_int_eq(db_count("SELECT count(*) FROM roster_import"), files);
	ck_assert_int_eq(roster_size(), before);
	client_free(cl);
}
END_TEST

/*
 * Every word the string table prints for a category or a status (the
 * pages' category.* / status.* and the template's import.val.*) imports as
 * its code, through the server, into the roster.
 */
START_TEST(test_every_label_imports)
{
	char path[1024], *csv, *s, expr[400];
	size_t cap = 8192, k = 0;
	const char *prefixes[4] = { "category.", "import.val.category.", "status.", "import.val.status." };
	struct { char code[40]; char id[19]; int status; } rows[40];
	int nrows = 0;
	xmlDocPtr doc, d;
	struct client *cl = client_new();
	long status, id;

	snprintf(path, sizeof(path), "%s/xsl/strings.zh-CN.xml", env_srcdir());
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	csv = malloc(cap);
	ck_assert_ptr_nonnull(csv);
	k += (size_t)snprintf(csv, cap, "姓名,性别,身份证号,类别,状态,接收单位\r\n");
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		xmlChar *key, *w;
		if (n->type != XML_ELEMENT_NODE || (key = xmlGetProp(n, BAD_CAST "k")) == NULL)
			continue;
		w = xmlNodeGetContent(n);
		for (int p = 0; p < 4; p++) {
			size_t pl = strlen(prefixes[p]);
			char id17[18];
			if (strncmp((char *)key, prefixes[p], pl) != 0)
				continue;
			ck_assert_int_lt(nrows, 40);
			snprintf(rows[nrows].code, sizeof(rows[nrows].code), "%s", (char *)key + pl);
			rows[nrows].status = p >= 2;
			snprintf(id17, sizeof(id17), "11010819750101%03d", nrows * 10 + 1);
			snprintf(rows[nrows].id, sizeof(rows[nrows].id), "%s%c", id17, idcard_check_char(id17));
			k += (size_t)snprintf(csv + k, cap - k, "词表%d,男,%s,%s,%s,%s\r\n", nrows,
			    rows[nrows].id, p < 2 ? (char *)w : "", p >= 2 ? (char *)w : "", "乐山市实验中学");
			nrows++;
		}
		xmlFree(w);
		xmlFree(key);
	}
	xmlFreeDoc(doc);
	ck_assert_int_eq(nrows, 14);   /* 3 + 3 categories, 4 + 4 statuses */
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	d = upload(cl, "词表.csv", csv, k, &status);
	s = xpath_string(d, "/page/import/row[@effect='problem']/problem/@code");
	ck_assert_msg(status == 200, "%ld: %s", status, s);
	free(s);
	ck_assert_int_eq(xpath_long(d, "/page/import/@new"), nrows);
	id = xpath_long(d, "/page/import/@id");
	xmlFreeDoc(d);
	free(csv);
	ck_assert_int_eq(commit(cl, id, NULL), 200);
	for (int i = 0; i < nrows; i++) {
		snprintf(expr, sizeof(expr), "SELECT count(*) FROM teacher_year ty JOIN teacher t"
		    " ON t.id = ty.teacher_id WHERE t.id_number = '%.18s' AND ty.%s = '%.39s'", rows[i].id,
		    rows[i].status ? "status" : "category", rows[i].code);
		ck_assert_msg(db_count(expr) == 1, "row %d: %s", i, rows[i].code);
	}
	client_free(cl);
}
END_TEST

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (server_start(&srv) != 0) {
		server_stop(&srv);
		exit(1);
	}
}

static void
teardown(void)
{
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

int
main(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_utf8_csv_with_ten_bad_rows_then_fixed);
	tcase_add_test(tc, test_gbk_csv_with_ten_bad_rows_then_fixed);
	tcase_add_test(tc, test_xlsx_with_ten_bad_rows_then_fixed);
	tcase_add_test(tc, test_changed_row_and_html_preview);
	tcase_add_test(tc, test_bad_files_and_who_may_commit);
	tcase_add_test(tc, test_add_and_edit_one_teacher);
	tcase_add_test(tc, test_one_teacher_form_refusals);
	tcase_add_test(tc, test_transfer_and_deactivate);
	tcase_add_test(tc, test_changes_reported_to_district);
	tcase_add_test(tc, test_row_bound_is_5000);
	tcase_add_test(tc, test_xlsx_with_dtd_refused);
	tcase_add_test(tc, test_every_label_imports);
	tcase_add_test(tc, test_roster_export_imports_back);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
