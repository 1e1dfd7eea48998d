/*
 * test_verify.c - printing and verification (issue 15), as the district,
 * the school and the teacher print and as anyone holding the paper checks:
 *   - a card printed to PDF by headless Chromium carries a QR code that
 *     zbarimg reads back as the URL of /verify with the card's code; that
 *     page, without login, states what the card does (WTQ00002 高磊 of
 *     五通桥区实验小学, 2021-2022, 90 h confirmed of 90 required, 合格,
 *     confirmed by 五通桥区教师发展中心 - test_print's values) with the name
 *     masked to 高*, and nothing else of the teacher;
 *   - an altered code, an unknown code and a kept row that was tampered with
 *     are refused; a typed code in lower case with dashes is the same code;
 *   - after the district reopens the school's year the card's code says the
 *     records changed after printing; a new print verifies;
 *   - a school's bundle: the 汇总档案序号表 first (25 teachers a page), then
 *     every card on new pages, each with its serial on its first page. wtq-sx
 *     has 30 teachers (1 page each): 2 + 30 = 32 pages; with 270 more, 300
 *     teachers: 12 + 300 = 312 pages;
 *   - the 5-year cycle statement of 五华's WH00006 孙子涵, the demo's teacher
 *     short over the cycle (store/demo.c): on the rosters 2023-2024 to
 *     2025-2026 only (the demo leaves out two of the four earlier years),
 *     48 h in 2025-2026, at most 88 h in each earlier year, so at most 224 h
 *     against the cycle's 360: 不合格;
 *   - the district opens any card, summary and points table of its schools.
 */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <stdarg.h>
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

static int
contains(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

/* The page at path as the HTML a browser gets, saved for Chromium. */
static void
save_html(struct client *cl, const char *path, const char *file)
{
	struct reply r;

	ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	html_save(&r, file);
	reply_free(&r);
}

#define run shell_output

/* Print html to pdf with Chromium; the page count. */
static int
print_pdf(const char *html, const char *pdf)
{
	return chromium_pdf(&srv, html, pdf);
}

/* GET /verify?c=code anonymously: the status, the body in *body (free it). */
static long
verify(const char *code, char **body)
{
	struct client *cl = client_new();
	struct reply r;
	char path[256];
	char *esc = form_escape(code);
	long status;

	snprintf(path, sizeof(path), "/verify?c=%s", esc);
	free(esc);
	ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	status = r.status;
	*body = strdup(r.body ? r.body : "");
	reply_free(&r);
	client_free(cl);
	return status;
}

/* The string expr gives in doc is want (the string freed). */
static void
expect_str(xmlDocPtr doc, const char *expr, const char *want)
{
	char *got = xpath_string(doc, expr);

	ck_assert_str_eq(got, want);
	free(got);
}

/* The verification code of the printed document at path, as its XML states it. */
static char *
code_of(struct client *cl, const char *path)
{
	long status = 0;
	xmlDocPtr d = get_xml(cl, &srv, path, &status);
	char *code;

	ck_assert_int_eq(status, 200);
	ck_assert_ptr_nonnull(d);
	code = xpath_string(d, "string(//verification/@code)");
	ck_assert_int_eq((int)strlen(code), 16);
	xmlFreeDoc(d);
	return code;
}

START_TEST(test_card_qr_leads_to_what_the_card_states)
{
	struct client *t = client_as(&srv, "WTQ00002");
	char html[1024], pdf[1024], *qr, *code, *body, url[256];

	code = code_of(t, "/teacher/card");
	snprintf(html, sizeof(html), "%s/card.html", srv.dir);
	snprintf(pdf, sizeof(pdf), "%s/card.pdf", srv.dir);
	save_html(t, "/teacher/card", html);
	ck_assert_int_eq(print_pdf(html, pdf), 1);
	free(run("pdftoppm -r 150 -png -f 1 -l 1 %s %s/card", pdf, srv.dir));
	qr = run("zbarimg -q --raw %s/card-1.png 2>/dev/null", srv.dir);
	snprintf(url, sizeof(url), "%s/verify?c=%s", srv.base, code);
	ck_assert_msg(contains(qr, url), "the QR code reads \"%s\", not %s", qr, url);
	/* Printing the same card again gives the same code: it binds the content. */
	{
		char *again = code_of(t, "/teacher/card");
		ck_assert_str_eq(again, code);
		free(again);
	}
	/* The page the QR code leads to, without login. */
	ck_assert_int_eq(verify(code, &body), 200);
	ck_assert(contains(body, "data-state=\"valid\""));
	ck_assert(contains(body, "继续教育学时登记卡"));
	ck_assert(contains(body, "高*"));
	ck_assert(contains(body, "五通桥区实验小学"));
	ck_assert(contains(body, "2021-2022"));
	ck_assert(contains(body, "<dd class=\"hours\">90"));
	ck_assert(contains(body, "合格"));
	ck_assert(contains(body, "五通桥区教师发展中心"));
	/* Nothing beyond the masked fields: not the name, staff number, records or ID. */
	ck_assert(!contains(body, "高磊"));
	ck_assert(!contains(body, "WTQ00002"));
	ck_assert(!contains(body, "学习强国"));
	ck_assert(!contains(body, "生物"));
	{
		char *idno = srv_text(&srv, "SELECT id_number FROM teacher WHERE staff_no = 'WTQ00002'");
		ck_assert(strlen(idno) == 18);
		ck_assert(!contains(body, idno));
		free(idno);
	}
	free(body);
	/* Typed as people type it: lower case, in groups. */
	{
		char typed[32];
		snprintf(typed, sizeof(typed), "%.4s-%.4s %.4s-%.4s", code, code + 4, code + 8, code + 12);
		for (char *p = typed; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		ck_assert_int_eq(verify(typed, &body), 200);
		ck_assert(contains(body, "data-state=\"valid\""));
		free(body);
	}
	free(qr);
	free(code);
	client_free(t);
}
END_TEST

START_TEST(test_altered_unknown_and_tampered_codes_are_refused)
{
	struct client *t = client_as(&srv, "WTQ00002");
	char *code = code_of(t, "/teacher/card"), *body, altered[17], sql[256];

	/* One character changed. */
	memcpy(altered, code, 17);
	altered[15] = altered[15] == 'Z' ? 'Y' : 'Z';
	ck_assert_int_eq(verify(altered, &body), 404);
	ck_assert(contains(body, "data-state=\"unknown\""));
	ck_assert(contains(body, "查无此校验码"));
	ck_assert(!contains(body, "高*"));
	free(body);
	ck_assert_int_eq(verify("0000-0000-0000-0000", &body), 404);
	free(body);
	/* Not a code at all: the form again, with the reason. */
	ck_assert_int_eq(verify("abc<script>", &body), 422);
	ck_assert(contains(body, "校验码应为 16 位字母和数字"));
	ck_assert(!contains(body, "<script>"));
	free(body);
	/* A row changed behind the programs' back no longer carries its MAC. */
	snprintf(sql, sizeof(sql), "UPDATE printed_document SET digest = '%064d' WHERE code = '%s'", 0, code);
	ck_assert_int_eq(srv_sql(&srv, sql), 0);
	ck_assert_int_eq(verify(code, &body), 404);
	ck_assert(contains(body, "data-state=\"unknown\""));
	free(body);
	/* The code is no sequence: two cards' codes share no prefix by design. */
	{
		struct client *o = client_as(&srv, "WTQ00003");
		char *other = code_of(o, "/teacher/card");
		ck_assert_str_ne(other, code);
		free(other);
		client_free(o);
	}
	free(code);
	client_free(t);
}
END_TEST

START_TEST(test_changed_after_printing)
{
	struct client *t = client_as(&srv, "WTQ00002"), *d = client_as(&srv, "wutongqiao-admin");
	char *code = code_of(t, "/teacher/card"), *summary, *body, *now, path[128];
	long long school = srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-sx'");

	snprintf(path, sizeof(path), "/district/schools/%lld/summary", school);
	summary = code_of(d, path);
	ck_assert_int_eq(verify(summary, &body), 200);
	ck_assert(contains(body, "继续教育学时汇总表"));
	ck_assert(contains(body, "96.7%")); /* 29 of 30 pass (test_print) */
	free(body);
	/* The district reopens the year: the card no longer states today's records. */
	snprintf(path, sizeof(path), "/district/schools/%lld/reopen", school);
	ck_assert_int_eq(post_form(d, &srv, path, "reason=%E5%A4%8D%E6%A0%B8", NULL), 303);
	ck_assert_int_eq(verify(code, &body), 200);
	ck_assert(contains(body, "data-state=\"changed\""));
	ck_assert(contains(body, "打印之后记录已有变动"));
	/* It still says what the paper said: confirmed on the demo's date. */
	ck_assert(contains(body, "五通桥区教师发展中心 · "));
	free(body);
	ck_assert_int_eq(verify(summary, &body), 200);
	ck_assert(contains(body, "data-state=\"changed\""));
	free(body);
	/* A new print has a new code, which verifies, and says the year is not confirmed now. */
	now = code_of(t, "/teacher/card");
	ck_assert_str_ne(now, code);
	ck_assert_int_eq(verify(now, &body), 200);
	ck_assert(contains(body, "data-state=\"valid\""));
	ck_assert(contains(body, "尚未经区级复核确认"));
	free(body);
	free(now);
	free(summary);
	free(code);
	client_free(t);
	client_free(d);
}
END_TEST

/* Bundle of school (its district admin's) as a PDF: its pages; text of page p via pdftotext. */
static int
bundle_pdf(struct client *d, const char *path, const char *name)
{
	char html[1024], pdf[1024];

	snprintf(html, sizeof(html), "%s/%s.html", srv.dir, name);
	snprintf(pdf, sizeof(pdf), "%s/%s.pdf", srv.dir, name);
	save_html(d, path, html);
	return print_pdf(html, pdf);
}

/* The text of every page of srv.dir/name.pdf, split at the form feeds: pages[i] is page i+1. */
static char **
pdf_pages(const char *name, int n)
{
	char **pages = calloc((size_t)n + 1, sizeof(*pages));
	char *text = run("pdftotext -enc UTF-8 %s/%s.pdf -", srv.dir, name), *p = text;

	ck_assert_ptr_nonnull(pages);
	for (int i = 0; i < n && p != NULL; i++) {
		char *ff = strchr(p, '\f');
		if (ff != NULL)
			*ff = '\0';
		pages[i] = strdup(p);
		p = ff != NULL ? ff + 1 : NULL;
	}
	free(text);
	return pages;
}

static void
check_serials(const char *name, int index_pages, int cards)
{
	char **pages = pdf_pages(name, index_pages + cards);

	ck_assert(contains(pages[0], "五通桥区中小学继续教育学时汇总档案序号表"));
	for (int k = 1; k <= cards; k++) {
		char want[64];
		snprintf(want, sizeof(want), "档案序号：%d\n", k);
		ck_assert_msg(contains(pages[index_pages + k - 1], want),
		    "page %d does not start card %d", index_pages + k, k);
	}
	for (int i = 0; i < index_pages + cards; i++)
		free(pages[i]);
	free(pages);
}

START_TEST(test_bundle_index_then_cards)
{
	struct client *d = client_as(&srv, "wutongqiao-admin");
	long long school = srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-sx'");
	char path[256];
	long status = 0;
	xmlDocPtr x;

	snprintf(path, sizeof(path), "/district/schools/%lld/bundle", school);
	x = get_xml(d, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(x, "count(/page/index/entry)"), 30);
	ck_assert_int_eq(xpath_long(x, "count(/page/card)"), 30);
	ck_assert_int_eq(xpath_long(x, "number(/page/index/@pages)"), 2);
	ck_assert_int_eq(xpath_long(x, "number(/page/@total-pages)"), 32);
	/* Serials follow the roster's (staff number) order, and the cards the serials. */
	ck_assert_int_eq(xpath_long(x, "count(/page/index/entry[@serial = 1][@staff-no = 'WTQ00001'])"), 1);
	ck_assert_int_eq(xpath_long(x, "count(/page/card[@serial = 30]/teacher[@staff-no = 'WTQ00030'])"), 1);
	ck_assert_int_eq(xpath_long(x, "count(/page/card/verification/qr)"), 30);
	xmlFreeDoc(x);
	ck_assert_int_eq(bundle_pdf(d, path, "bundle"), 32);
	check_serials("bundle", 2, 30);
	/* Chosen teachers only: one index page and their cards, in the roster's order. */
	{
		long long a = srv_int(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
		    " WHERE t.staff_no = 'WTQ00005'");
		long long b = srv_int(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
		    " WHERE t.staff_no = 'WTQ00002'");
		snprintf(path, sizeof(path), "/district/schools/%lld/bundle?teachers=%lld&teachers=%lld", school, a, b);
		x = get_xml(d, &srv, path, &status);
		ck_assert_int_eq(status, 200);
		ck_assert_int_eq(xpath_long(x, "count(/page/card)"), 2);
		ck_assert_int_eq(xpath_long(x, "count(/page/card[@serial = 1]/teacher[@staff-no = 'WTQ00002'])"), 1);
		ck_assert_int_eq(xpath_long(x, "number(/page/@total-pages)"), 3);
		xmlFreeDoc(x);
		/* Another district's teacher-year: refused by the core, nothing printed. */
		long long other = srv_int(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
		    " WHERE t.staff_no = 'WH00003' LIMIT 1");
		snprintf(path, sizeof(path), "/district/schools/%lld/bundle?teachers=%lld", school, other);
		x = get_xml(d, &srv, path, &status);
		ck_assert_int_eq(status, 404);
		if (x)
			xmlFreeDoc(x);
	}
	client_free(d);
}
END_TEST

START_TEST(test_bundle_of_300_teachers)
{
	struct client *d = client_as(&srv, "wutongqiao-admin");
	long long school = srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-sx'");
	char path[128], sql[2048];
	long status = 0;
	xmlDocPtr x;

	/* 270 more teachers on wtq-sx's roster this year, staff numbers WTQ90001... */
	snprintf(sql, sizeof(sql),
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 270)"
	    " INSERT INTO teacher (district_id, name, gender, id_number, staff_no, subject, title)"
	    " SELECT s.district_id, '批量' || i, 'F', printf('51110019800101%%04d', i), printf('WTQ9%%04d', i), '语文', '二级教师'"
	    " FROM n, school s WHERE s.id = %lld;"
	    "INSERT INTO teacher_year (teacher_id, school_year_id, school_id)"
	    " SELECT t.id, y.id, %lld FROM teacher t JOIN school_year y ON y.district_id = t.district_id AND y.is_current = 1"
	    " WHERE t.staff_no LIKE 'WTQ9____';"
	    "INSERT INTO result_dirty SELECT id FROM teacher_year WHERE true ON CONFLICT DO NOTHING;", school, school);
	ck_assert_int_eq(srv_sql(&srv, sql), 0);
	snprintf(path, sizeof(path), "/district/schools/%lld/bundle", school);
	x = get_xml(d, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(x, "count(/page/card)"), 300);
	ck_assert_int_eq(xpath_long(x, "number(/page/index/@pages)"), 12);
	ck_assert_int_eq(xpath_long(x, "number(/page/@total-pages)"), 312);
	xmlFreeDoc(x);
	ck_assert_int_eq(bundle_pdf(d, path, "bundle300"), 312);
	check_serials("bundle300", 12, 300);
	client_free(d);
}
END_TEST

START_TEST(test_cycle_statement)
{
	struct client *t = client_as(&srv, "WH00006"), *d = client_as(&srv, "wuhua-admin"), *s = client_as(&srv, "wh-hy-admin");
	long status = 0;
	xmlDocPtr x = get_xml(t, &srv, "/teacher/cycle", &status);
	char *code, *body, path[128];
	long long total, ty;

	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(x, "count(/page/cycle/year)"), 3);
	expect_str(x, "string(/page/cycle/@from)", "2023-2024");
	expect_str(x, "string(/page/cycle/@to)", "2025-2026");
	ck_assert_int_eq(xpath_long(x, "number(/page/cycle/@cycle-years)"), 5);
	ck_assert_int_eq(xpath_long(x, "number(/page/cycle/year[@label = '2025-2026']/@confirmed-tenths)"), 480);
	total = xpath_long(x, "number(/page/cycle/@total-tenths)");
	ck_assert_int_eq(total, xpath_long(x, "sum(/page/cycle/year/@confirmed-tenths)"));
	ck_assert_int_le(total, 2240);
	ck_assert_int_eq(xpath_long(x, "number(/page/cycle/@min-tenths)"), 3600);
	expect_str(x, "string(/page/cycle/@cycle-result)", "fail");
	code = xpath_string(x, "string(/page/verification/@code)");
	xmlFreeDoc(x);
	ck_assert_int_eq(verify(code, &body), 200);
	ck_assert(contains(body, "data-state=\"valid\""));
	ck_assert(contains(body, "继续教育学时周期证明"));
	ck_assert(contains(body, "孙*"));
	ck_assert(!contains(body, "孙子涵"));
	ck_assert(contains(body, "2023-2024"));
	free(body);
	/* The school and the district print the same statement: the same code. */
	ty = srv_int(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id WHERE t.staff_no = 'WH00006' AND y.is_current = 1");
	snprintf(path, sizeof(path), "/school/teachers/%lld/cycle", ty);
	{
		char *c2 = code_of(s, path);
		ck_assert_str_eq(c2, code);
		free(c2);
	}
	snprintf(path, sizeof(path), "/district/teachers/%lld/cycle", ty);
	{
		char *c3 = code_of(d, path);
		ck_assert_str_eq(c3, code);
		free(c3);
	}
	free(code);
	client_free(t);
	client_free(d);
	client_free(s);
}
END_TEST

START_TEST(test_district_reads_what_schools_print)
{
	struct client *d = client_as(&srv, "wutongqiao-admin"), *other = client_as(&srv, "wuhua-admin");
	long long school = srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-sx'");
	long long ty = srv_int(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE t.staff_no = 'WTQ00002'");
	char path[128];
	long status = 0;
	xmlDocPtr x;

	snprintf(path, sizeof(path), "/district/teachers/%lld/card", ty);
	x = get_xml(d, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	expect_str(x, "string(/page/teacher/name)", "高磊");
	ck_assert_int_eq(xpath_long(x, "number(/page/assessment/@confirmed-tenths)"), 900);
	xmlFreeDoc(x);
	x = get_xml(other, &srv, path, &status);
	ck_assert_int_eq(status, 404);
	if (x)
		xmlFreeDoc(x);
	snprintf(path, sizeof(path), "/district/schools/%lld/summary", school);
	x = get_xml(d, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(x, "count(/page/school/teachers/teacher)"), 30);
	xmlFreeDoc(x);
	snprintf(path, sizeof(path), "/district/schools/%lld/points/print", school);
	x = get_xml(d, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(x, "count(/page/points)"), 1);
	xmlFreeDoc(x);
	client_free(d);
	client_free(other);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("printing");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, test_card_qr_leads_to_what_the_card_states);
	tcase_add_test(tc, test_altered_unknown_and_tampered_codes_are_refused);
	tcase_add_test(tc, test_changed_after_printing);
	tcase_add_test(tc, test_bundle_index_then_cards);
	tcase_add_test(tc, test_bundle_of_300_teachers);
	tcase_add_test(tc, test_cycle_statement);
	tcase_add_test(tc, test_district_reads_what_schools_print);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return suite_main(suite(), "test_verify", &log_reports);
}
