/*
 * test_print.c - the printed documents, as a district prints them: the
 * teacher's registration card and the school's summary table, fetched as
 * their users fetch them, rendered to PDF by headless Chromium, and read
 * back with pdfinfo / pdftotext: page count, the teacher's name, totals
 * and result.
 */
#include "common.h"

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

/* Print html to pdf with Chromium; return the page count and the text (free it). */
static char *
print_pdf_with(const char *html, const char *pdf, int *pages, const char *flags)
{
	char cmd[4096], buf[4096];
	FILE *p;
	char *text = NULL;
	size_t n = 0, k;

	snprintf(cmd, sizeof(cmd),
	    "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
	    " --disable-background-networking --disable-component-update --disable-sync"
	    " --user-data-dir=%s/chromium --allow-file-access-from-files --no-pdf-header-footer %s"
	    " --print-to-pdf=%s file://%s >/dev/null 2>&1", srv.dir, flags, pdf, html);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "pdfinfo %s | sed -n 's/^Pages: *//p'", pdf);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	*pages = fgets(buf, sizeof(buf), p) ? atoi(buf) : 0;
	pclose(p);
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 %s -", pdf);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((k = fread(buf, 1, sizeof(buf), p)) > 0) {
		text = realloc(text, n + k + 1);
		memcpy(text + n, buf, k);
		n += k;
	}
	pclose(p);
	if (text == NULL)
		text = strdup("");
	text[n] = '\0';
	return text;
}

static char *
print_pdf(const char *html, const char *pdf, int *pages)
{
	return print_pdf_with(html, pdf, pages, "");
}

/* The text of one page of pdf (free it). */
static char *
pdf_page_text(const char *pdf, int page)
{
	char cmd[1200], buf[4096];
	char *text = NULL;
	size_t n = 0, k;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 -f %d -l %d %s -", page, page, pdf);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((k = fread(buf, 1, sizeof(buf), p)) > 0) {
		text = realloc(text, n + k + 1);
		memcpy(text + n, buf, k);
		n += k;
	}
	pclose(p);
	if (text == NULL)
		text = strdup("");
	text[n] = '\0';
	return text;
}

/* pdftotext may spread CJK over spaces: compare without whitespace. */
static int
contains(const char *text, const char *needle)
{
	char *a = malloc(strlen(text) + 1), *o = a;
	int found;

	for (const char *p = text; *p; p++)
		if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\f')
			*o++ = *p;
	*o = '\0';
	found = strstr(a, needle) != NULL;
	free(a);
	return found;
}

START_TEST(test_registration_card_to_pdf)
{
	struct client *t = client_new();
	struct reply r;
	char html[700], pdf[700], *text, *name, total[32];
	xmlDocPtr d;
	int pages = 0;
	long confirmed;

	ck_assert_int_eq(login_as(t, &srv, "WTQ00002", DEMO_PW), 303);
	d = get_xml(t, &srv, "/teacher/card", NULL);
	name = xpath_string(d, "/page/teacher/name");
	confirmed = xpath_long(d, "/page/assessment/@confirmed-tenths");
	ck_assert_int_eq(confirmed, 900);
	xmlFreeDoc(d);
	ck_assert_int_eq(client_do(t, &srv, "GET", "/teacher/card", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	/* 五通桥 prints the city's form, as its notice names it (附件 1). */
	ck_assert(reply_contains(&r, "乐山市教师继续教育登记表"));
	snprintf(html, sizeof(html), "%s/card.html", srv.dir);
	snprintf(pdf, sizeof(pdf), "%s/card.pdf", srv.dir);
	html_save(&r, html);
	reply_free(&r);
	text = print_pdf(html, pdf, &pages);
	ck_assert_int_eq(pages, 1);
	ck_assert_msg(contains(text, name), "the card does not name %s", name);
	snprintf(total, sizeof(total), "%ld", confirmed / 10);
	ck_assert(contains(text, "确认学时"));
	ck_assert(contains(text, total));
	ck_assert(contains(text, "合格"));
	ck_assert(contains(text, "区级复核（签字、盖章）"));
	/* The title and the unit whose stamp the district's box carries, on paper too. */
	ck_assert(contains(text, "乐山市教师继续教育登记表"));
	ck_assert(contains(text, "五通桥区教师发展中心"));
	free(text);
	free(name);
	client_free(t);
}
END_TEST

START_TEST(test_summary_table_to_pdf)
{
	struct client *s = client_new();
	struct reply r;
	char html[700], pdf[700], *text, *school, *first;
	xmlDocPtr d;
	int pages = 0;

	ck_assert_int_eq(login_as(s, &srv, "wtq-sx-admin", DEMO_PW), 303);
	d = get_xml(s, &srv, "/school/summary", NULL);
	school = xpath_string(d, "/page/school/name");
	first = xpath_string(d, "/page/school/teachers/teacher[1]/name");
	ck_assert_int_eq(xpath_long(d, "count(/page/school/teachers/teacher)"), 30);
	xmlFreeDoc(d);
	ck_assert_int_eq(client_do(s, &srv, "GET", "/school/summary", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(html, sizeof(html), "%s/summary.html", srv.dir);
	snprintf(pdf, sizeof(pdf), "%s/summary.pdf", srv.dir);
	html_save(&r, html);
	reply_free(&r);
	text = print_pdf(html, pdf, &pages);
	ck_assert_int_ge(pages, 1);
	ck_assert_int_le(pages, 3);
	ck_assert(contains(text, school));
	ck_assert(contains(text, first));
	ck_assert(contains(text, "合格率"));
	ck_assert(contains(text, "96.7%")); /* 29 of 30 pass in the confirmed school */
	free(text);
	free(school);
	free(first);
	client_free(s);
}
END_TEST

/*
 * A long card (60 records, several A4 pages) printed with JavaScript off:
 * every page names the teacher; the on-screen toolbar is not printed.
 */
START_TEST(test_long_card_names_the_teacher_on_every_page)
{
	struct client *t = client_new();
	struct reply r;
	char html[700], pdf[700], *text, *name, sql[600];
	xmlDocPtr d;
	int pages = 0;
	long long ty;

	ck_assert_int_eq(login_as(t, &srv, "WTQ00070", DEMO_PW), 303);
	ty = srv_int(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE t.staff_no = 'WTQ00070'");
	snprintf(sql, sizeof(sql), "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n"
	    " WHERE k < 60) INSERT INTO record (teacher_year_id, item_id, started_on, ended_on,"
	    " quantity, level, claimed_tenths, organiser, state) SELECT %lld, i.id,"
	    " date('2021-09-01', '+' || k || ' days'), date('2021-09-01', '+' || k || ' days'), 1,"
	    " 'school', 40, '五通桥区教师发展中心', 'draft' FROM n, item i JOIN school_year y"
	    " ON y.id = i.school_year_id AND y.is_current = 1 JOIN district d ON d.id = y.district_id"
	    " AND d.code = 'wutongqiao' WHERE i.code = 'zjjs'", ty);
	ck_assert_int_eq(srv_sql(&srv, sql), 0);
	d = get_xml(t, &srv, "/teacher/card", NULL);
	name = xpath_string(d, "/page/teacher/name");
	ck_assert_int_ge(xpath_long(d, "count(/page/records/record)"), 60);
	xmlFreeDoc(d);
	ck_assert_int_eq(client_do(t, &srv, "GET", "/teacher/card", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	/* Without a script the page still says how to print it. */
	ck_assert(reply_contains(&r, "用浏览器菜单中的“打印”打印本页"));
	snprintf(html, sizeof(html), "%s/long-card.html", srv.dir);
	snprintf(pdf, sizeof(pdf), "%s/long-card.pdf", srv.dir);
	html_save(&r, html);
	reply_free(&r);
	/* As a browser without JavaScript: the copy loses the page's only script. */
	{
		char cmd[1600];
		snprintf(cmd, sizeof(cmd), "sed -i 's#<script [^>]*print.js[^>]*></script>##' %s", html);
		ck_assert_int_eq(system(cmd), 0);
		snprintf(cmd, sizeof(cmd), "grep -q '<script' %s", html);
		ck_assert_int_ne(system(cmd), 0);
	}
	text = print_pdf(html, pdf, &pages);
	ck_assert_int_ge(pages, 2);
	ck_assert(!contains(text, "用浏览器菜单"));
	free(text);
	for (int p = 1; p <= pages; p++) {
		text = pdf_page_text(pdf, p);
		ck_assert_msg(contains(text, name), "page %d of %d does not name %s", p, pages, name);
		free(text);
	}
	free(name);
	client_free(t);
}
END_TEST

/*
 * The card on a phone: a 360 px wide Chromium window lays the page out no
 * wider than the screen (no sideways scrolling). The saved copy carries a
 * script of the test's own that writes the page's scroll width into the
 * title, which --dump-dom prints.
 */
START_TEST(test_card_fits_a_360px_phone)
{
	struct client *t = client_new();
	struct reply r;
	char html[700], cmd[2400], buf[8192];
	FILE *f, *p;
	size_t n;
	int width = -1;

	ck_assert_int_eq(login_as(t, &srv, "WTQ00002", DEMO_PW), 303);
	ck_assert_int_eq(client_do(t, &srv, "GET", "/teacher/card", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(html, sizeof(html), "%s/card-phone.html", srv.dir);
	html_save(&r, html);
	reply_free(&r);
	/*
	 * Chromium will not make a window narrower than about 500 px, so the
	 * card is shown in a 360 px frame; the wrapper measures the frame's page.
	 */
	snprintf(cmd, sizeof(cmd), "%s/phone.html", srv.dir);
	f = fopen(cmd, "w");
	ck_assert_ptr_nonnull(f);
	fputs("<!DOCTYPE html><html><head><title>x</title></head><body style=\"margin:0\">"
	    "<iframe id=\"f\" src=\"card-phone.html\" style=\"width:360px;height:800px;border:0\">"
	    "</iframe><script>document.getElementById('f').addEventListener('load', function () {"
	    " document.title = 'W' + this.contentDocument.documentElement.scrollWidth + 'W'; });"
	    "</script></body></html>", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
	    "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
	    " --disable-background-networking --disable-component-update --disable-sync"
	    " --user-data-dir=%s/chromium-phone --allow-file-access-from-files --disable-web-security"
	    " --window-size=800,800 --virtual-time-budget=5000 --dump-dom file://%s/phone.html"
	    " 2>/dev/null", srv.dir, srv.dir);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	pclose(p);
	{
		char *w = strstr(buf, "<title>W");
		ck_assert_msg(w != NULL, "no width in the dumped page");
		width = atoi(w + strlen("<title>W"));
	}
	ck_assert_msg(width > 0 && width <= 360, "the card is %d px wide on a 360 px phone", width);
	client_free(t);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("print");
	TCase *tc = tcase_create("pdf");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_registration_card_to_pdf);
	tcase_add_test(tc, test_summary_table_to_pdf);
	tcase_add_test(tc, test_long_card_names_the_teacher_on_every_page);
	tcase_add_test(tc, test_card_fits_a_360px_phone);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
