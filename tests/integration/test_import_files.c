/*
 * test_import_files.c - rosters as school admins really make them (issue
 * 14), imported through the pages: a workbook made by Python openpyxl with
 * an instructions sheet first (填表说明), a merged title row and a blank row
 * above the header, the usual header variants (身份证号码, 教职工号, 手机号码,
 * 任教学科) and a column the roster does not keep (备注), phones and staff
 * numbers stored as numbers; the same workbook saved by LibreOffice as the
 * old binary .xls, and again as .xlsx; and the same rows as UTF-16 "Unicode
 * text" (tab-separated). Each previews the same five teachers, names the
 * ignored column, and reads the table from its own sheet and header row.
 * An ID number Excel stored as a number is explained, not guessed.
 */
#include "common.h"
#include "domain/idcard.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static int log_reports;

static void
setup(void)
{
	demo_setup(&srv);
}

static void
teardown(void)
{
	demo_teardown(&srv, &log_reports);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "no file %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Upload a file as cl: the preview's XML (status in *status). */
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

/* The five teachers: names and valid ID numbers (check characters worked out by GB 11643). */
static char ids[5][19];
static const char *const names[5] = { "张文", "李静", "王磊", "赵敏", "陈晨" };

static void
make_ids(void)
{
	for (int i = 0; i < 5; i++) {
		char id17[18];
		snprintf(id17, sizeof(id17), "5111121990030%d01%d", i + 1, i + 3);
		snprintf(ids[i], sizeof(ids[i]), "%s%c", id17, idcard_check_char(id17));
	}
}

/* The workbook, written by openpyxl into dir/roster.xlsx (and the UTF-16 text beside it). */
static void
make_files(const char *dir)
{
	char script[8192], cmd[9000];
	FILE *f;

	snprintf(script, sizeof(script),
	    "import openpyxl, sys\n"
	    "ids = sys.argv[2].split(',')\n"
	    "names = sys.argv[3].split(',')\n"
	    "wb = openpyxl.Workbook()\n"
	    "info = wb.active\n"
	    "info.title = '填表说明'\n"
	    "info['A1'] = '请在“教师名册”工作表中填写本校教师，身份证号请设为文本格式。'\n"
	    "ws = wb.create_sheet('教师名册')\n"
	    "ws.merge_cells('A1:H1')\n"
	    "ws['A1'] = '竹根幼儿园 2021-2022 学年教师名册'\n"
	    "ws.append([])\n"
	    "ws.append(['姓名', '性别', '身份证号码', '教职工号', '手机号码', '任教学科', '职称', '备注'])\n"
	    "for i in range(5):\n"
	    "    ws.append([names[i], '女' if i %% 2 else '男', ids[i], 9001 + i, 13912340000 + i,\n"
	    "               '语文', '一级教师', '新调入'])\n"
	    "wb.save(sys.argv[1] + '/roster.xlsx')\n"
	    "rows = ['\\t'.join(['姓名', '性别', '身份证号码', '教职工号', '手机号码', '任教学科'])]\n"
	    "for i in range(5):\n"
	    "    rows.append('\\t'.join([names[i], '女' if i %% 2 else '男', ids[i], str(9001 + i),\n"
	    "                           str(13912340000 + i), '语文']))\n"
	    "open(sys.argv[1] + '/roster.txt', 'wb').write(('\\r\\n'.join(rows) + '\\r\\n').encode('utf-16'))\n");
	snprintf(cmd, sizeof(cmd), "%s/make.py", dir);
	f = fopen(cmd, "w");
	ck_assert_ptr_nonnull(f);
	fputs(script, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s/make.py' '%s' '%s,%s,%s,%s,%s' '%s,%s,%s,%s,%s'", dir, dir,
	    ids[0], ids[1], ids[2], ids[3], ids[4], names[0], names[1], names[2], names[3], names[4]);
	ck_assert_msg(system(cmd) == 0, "openpyxl could not write the workbook (Debian python3-openpyxl, run by /usr/bin/python3)");
	/* LibreOffice saves it as the old .xls and again as .xlsx (its own writer). */
	snprintf(cmd, sizeof(cmd), "cd '%s' && mkdir -p lo && HOME='%s' soffice --headless --norestore"
	    " --convert-to xls --outdir lo roster.xlsx >/dev/null 2>&1 && HOME='%s' soffice --headless"
	    " --norestore --convert-to xlsx --outdir lo lo/roster.xls >/dev/null 2>&1", dir, dir, dir);
	ck_assert_msg(system(cmd) == 0, "LibreOffice could not convert (libreoffice-calc-nogui)");
}

/* The preview of one file: the five teachers new, as the rows name them. */
static void
expect_five(struct client *cl, const char *path, const char *filename, int ignored)
{
	size_t len;
	char *data = slurp(path, &len), xp[256], *v;
	xmlDocPtr d;
	long status;

	d = upload(cl, filename, data, len, &status);
	free(data);
	ck_assert_msg(status == 200, "%s: %ld", filename, status);
	ck_assert_int_eq(xpath_long(d, "/page/import/@rows"), 5);
	ck_assert_int_eq(xpath_long(d, "/page/import/@new"), 5);
	ck_assert_int_eq(xpath_long(d, "/page/import/@problems"), 0);
	for (int i = 0; i < 5; i++) {
		snprintf(xp, sizeof(xp), "count(/page/import/row[@name='%s'])", names[i]);
		ck_assert_int_eq(xpath_long(d, xp), 1);
	}
	if (ignored) {
		v = xpath_string(d, "string(/page/import/ignored-column)");
		ck_assert_str_eq(v, "备注");
		free(v);
		v = xpath_string(d, "string(/page/import/@sheet)");
		ck_assert_str_eq(v, "教师名册");
		free(v);
		ck_assert_int_eq(xpath_long(d, "/page/import/@header-line"), 3);
	}
	xmlFreeDoc(d);
}

START_TEST(test_rosters_as_people_make_them)
{
	struct client *cl = client_new();
	char path[1024], *id;
	const char *dir = srv.dir;
	long long before;

	make_ids();
	make_files(dir);
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	snprintf(path, sizeof(path), "%s/roster.xlsx", dir);
	expect_five(cl, path, "教师名册.xlsx", 1);
	snprintf(path, sizeof(path), "%s/lo/roster.xls", dir);
	expect_five(cl, path, "教师名册.xls", 1);
	/* WPS saves the same bytes as .et: read by content, not by name. */
	expect_five(cl, path, "教师名册.et", 1);
	snprintf(path, sizeof(path), "%s/lo/roster.xlsx", dir);
	expect_five(cl, path, "教师名册.xlsx", 1);
	snprintf(path, sizeof(path), "%s/roster.txt", dir);
	expect_five(cl, path, "教师名册.txt", 0);

	/* The phones and staff numbers stored as numbers arrive as the digits shown. */
	{
		size_t len;
		char *data;
		xmlDocPtr d;
		long status, imp;
		struct reply r;
		snprintf(path, sizeof(path), "%s/lo/roster.xls", dir);
		data = slurp(path, &len);
		before = srv_int(&srv, "SELECT count(*) FROM teacher WHERE staff_no LIKE '900_'");
		d = upload(cl, "roster.xls", data, len, &status);
		free(data);
		imp = xpath_long(d, "/page/import/@id");
		xmlFreeDoc(d);
		snprintf(path, sizeof(path), "/school/roster/import/%ld/commit?format=xml", imp);
		ck_assert_int_eq(post_form(cl, &srv, path, "", &r), 200);
		reply_free(&r);
		ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM teacher WHERE staff_no LIKE '900_'"), before + 5);
		snprintf(path, sizeof(path), "SELECT phone FROM teacher WHERE id_number = '%s'", ids[2]);
		id = srv_text(&srv, path);
		ck_assert_str_eq(id, "13912340002");
		free(id);
	}

	/* An ID number typed as a number: Excel kept 15 digits; the preview says so. */
	{
		static const char csv[] = "姓名,性别,身份证号\r\n刘洋,男,5.11112199003E+17\r\n";
		xmlDocPtr d;
		long status;
		char *v;
		d = upload(cl, "x.csv", csv, sizeof(csv) - 1, &status);
		ck_assert_int_eq(status, 422);
		v = xpath_string(d, "string(/page/import/row/problem/@code)");
		ck_assert_str_eq(v, "import_id_rounded");
		free(v);
		xmlFreeDoc(d);
	}
	client_free(cl);
}
END_TEST

/* The template, downloaded, filled by openpyxl in its own cells and re-saved by LibreOffice. */
START_TEST(test_template_filled_imports_clean)
{
	struct client *cl = client_new();
	char path[1024], cmd[6000];
	struct reply r;
	FILE *f;
	size_t len;
	char *data;
	xmlDocPtr d;
	long status;

	make_ids();
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	ck_assert_int_eq(client_do(cl, &srv, "GET", "/school/roster/template.xlsx", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(path, sizeof(path), "%s/template.xlsx", srv.dir);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(r.body, 1, r.len, f);
	fclose(f);
	reply_free(&r);
	/*
	 * What the template promises: the ID column text in every row (not only
	 * the example's), gender, category and status as drop-downs, the header
	 * frozen, and the 填表说明 sheet. Then three teachers typed below the
	 * example row, the words picked from the drop-downs' lists.
	 */
	snprintf(cmd, sizeof(cmd),
	    "/usr/bin/python3 - '%s' '%s' '%s' '%s' <<'EOF'\n"
	    "import openpyxl, sys\n"
	    "wb = openpyxl.load_workbook(sys.argv[1])\n"
	    "ws = wb.worksheets[0]\n"
	    "assert wb.sheetnames[1] == '填表说明', wb.sheetnames\n"
	    "assert ws.freeze_panes == 'A2', ws.freeze_panes\n"
	    "lists = {str(v.sqref).split(':')[0][0]: v.formula1 for v in ws.data_validations.dataValidation}\n"
	    "assert lists['B'] == '\"男,女\"' and 'H' in lists and 'I' in lists, lists\n"
	    "assert ws.column_dimensions['C'].number_format == '@'\n"
	    "ws.delete_rows(2)\n"
	    "for i, n in enumerate(['孙悦', '周航', '吴迪']):\n"
	    "    ws.append([n, '男', sys.argv[2 + i], '80%%d' %% i, '', '数学', '', lists['H'].strip('\"').split(',')[0],\n"
	    "               lists['I'].strip('\"').split(',')[0], ''])\n"
	    "wb.save(sys.argv[1])\n"
	    "EOF\n", path, ids[0], ids[1], ids[2]);
	ck_assert_msg(system(cmd) == 0, "the template is not what it promises, or openpyxl failed");
	snprintf(cmd, sizeof(cmd), "cd '%s' && mkdir -p tl && HOME='%s' soffice --headless --norestore"
	    " --convert-to xlsx --outdir tl template.xlsx >/dev/null 2>&1", srv.dir, srv.dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/tl/template.xlsx", srv.dir);
	data = slurp(path, &len);
	d = upload(cl, "名册模板.xlsx", data, len, &status);
	free(data);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/import/@rows"), 3);
	ck_assert_int_eq(xpath_long(d, "/page/import/@new"), 3);
	ck_assert_int_eq(xpath_long(d, "/page/import/@problems"), 0);
	ck_assert_int_eq(xpath_long(d, "count(/page/import/ignored-column)"), 0);
	xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

/*
 * Issue 14's "done when": a school of 300 teachers goes from a roster .xls
 * that LibreOffice made to 300 working logins and their printed slips,
 * through the pages alone.
 */
START_TEST(test_three_hundred_from_an_xls_to_their_slips)
{
	struct client *cl = client_new(), *t = client_new();
	char path[1024], cmd[6000], *data, *p, login[64], pw[16];
	size_t len;
	xmlDocPtr d;
	long status, imp;
	struct reply r;
	long long before = srv_int(&srv, "SELECT count(*) FROM account");

	snprintf(cmd, sizeof(cmd),
	    "/usr/bin/python3 - '%s' <<'EOF'\n"
	    "import openpyxl, sys\n"
	    "def check(id17):\n"
	    "    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]\n"
	    "    return '10X98765432'[sum(int(a) * b for a, b in zip(id17, w)) %% 11]\n"
	    "wb = openpyxl.Workbook()\n"
	    "ws = wb.active\n"
	    "ws.title = '名册'\n"
	    "ws.append(['姓名', '性别', '身份证号码', '工号', '手机号码'])\n"
	    "for i in range(300):\n"
	    "    id17 = '511112198%%d%%02d%%02d%%03d' %% (i %% 10, 1 + i %% 12, 1 + i %% 28, i)\n"
	    "    ws.append(['教师%%03d' %% i, '女' if i %% 2 else '男', id17 + check(id17), 'T3%%03d' %% i, ''])\n"
	    "wb.save(sys.argv[1] + '/big.xlsx')\n"
	    "EOF\n"
	    "cd '%s' && mkdir -p big && HOME='%s' soffice --headless --norestore --convert-to xls"
	    " --outdir big big.xlsx >/dev/null 2>&1", srv.dir, srv.dir, srv.dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/big/big.xls", srv.dir);
	data = slurp(path, &len);
	ck_assert(len >= 8 && memcmp(data, "\xd0\xcf\x11\xe0", 4) == 0);   /* a real BIFF file */
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	d = upload(cl, "名册.xls", data, len, &status);
	free(data);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/import/@new"), 300);
	imp = xpath_long(d, "/page/import/@id");
	xmlFreeDoc(d);
	snprintf(path, sizeof(path), "/school/roster/import/%ld/commit?format=xml", imp);
	ck_assert_int_eq(post_form(cl, &srv, path, "", &r), 200);
	reply_free(&r);
	/* 300 logins by staff number, one transaction, and the slips. */
	ck_assert_int_eq(post_form(cl, &srv, "/accounts/bulk", "login_kind=staff_no", &r), 200);
	ck_assert(strstr(r.body, "class=\"made\">300<") != NULL);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM account"), before + 300);
	/* The last slip works. */
	p = strstr(r.body, "T3299");
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "slip-password\">");
	ck_assert_ptr_nonnull(p);
	p += strlen("slip-password\">");
	snprintf(pw, sizeof(pw), "%.10s", p);
	snprintf(login, sizeof(login), "T3299");
	{
		char html[1024], pdf[1024], pages[64];
		FILE *f;
		snprintf(html, sizeof(html), "%s/slips.html", srv.dir);
		f = fopen(html, "w");
		ck_assert_ptr_nonnull(f);
		/* the stylesheets from the source tree, as test_print does */
		for (const char *q = r.body, *hit; ; q = hit + strlen("\"/static/")) {
			hit = strstr(q, "\"/static/");
			if (hit == NULL) {
				fputs(q, f);
				break;
			}
			fwrite(q, 1, (size_t)(hit - q) + 1, f);
			fprintf(f, "file://%s/htdocs/", env_srcdir());
		}
		fclose(f);
		snprintf(pdf, sizeof(pdf), "%s/slips.pdf", srv.dir);
		snprintf(cmd, sizeof(cmd), "chromium --headless --no-sandbox --disable-gpu --no-first-run"
		    " --user-data-dir=%s/chromium --allow-file-access-from-files --no-pdf-header-footer"
		    " --print-to-pdf=%s file://%s >/dev/null 2>&1 && pdfinfo %s | sed -n 's/^Pages: *//p'",
		    srv.dir, pdf, html, pdf);
		f = popen(cmd, "r");
		ck_assert_ptr_nonnull(f);
		ck_assert_ptr_nonnull(fgets(pages, sizeof(pages), f));
		pclose(f);
		ck_assert_int_eq(atoi(pages), 38);   /* 300 slips, 8 to a page: 37 full and one of 4 */
	}
	reply_free(&r);
	ck_assert_int_eq(login_as(t, &srv, login, pw), 303);
	client_free(t);
	client_free(cl);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("import_files");
	TCase *tc = tcase_create("files");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, test_rosters_as_people_make_them);
	tcase_add_test(tc, test_template_filled_imports_clean);
	tcase_add_test(tc, test_three_hundred_from_an_xls_to_their_slips);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return suite_main(suite(), "test_import_files", &log_reports);
}
