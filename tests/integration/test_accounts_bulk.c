/*
 * test_accounts_bulk.c - a school of 300 teachers gets its logins in one go
 * (issue 14): /accounts/bulk makes an account for every roster teacher
 * without one, login by phone (or staff number), each with a one-time
 * password that works once and must be changed; teachers without that
 * login are listed, not made; the passwords are on the printed slips only
 * (never in the XML, the database or the logs), 8 slips to an A4 page.
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
	demo_setup(&srv);
}

static void
teardown(void)
{
	demo_teardown(&srv, &log_reports);
}

/* Every "class="CLASS">TEXT<" in body, in order, into out[0..max) (strdup'd); the count. */
static int
spans(const char *body, const char *cls, char **out, int max)
{
	char marker[64];
	int n = 0;

	snprintf(marker, sizeof(marker), "%s\">", cls);
	for (const char *p = strstr(body, marker); p != NULL && n < max; p = strstr(p, marker)) {
		const char *e;
		p += strlen(marker);
		e = strchr(p, '<');
		ck_assert_ptr_nonnull(e);
		out[n++] = strndup(p, (size_t)(e - p));
	}
	return n;
}

static void
save_html(const struct reply *r, const char *path)
{
	FILE *f = fopen(path, "w");
	const char *p = r->body, *hit;
	char prefix[1024];

	ck_assert_ptr_nonnull(f);
	snprintf(prefix, sizeof(prefix), "file://%s/htdocs/", env_srcdir());
	while ((hit = strstr(p, "\"/static/")) != NULL) {
		fwrite(p, 1, (size_t)(hit - p) + 1, f);
		fputs(prefix, f);
		p = hit + strlen("\"/static/");
	}
	fputs(p, f);
	fclose(f);
}

/* Chromium's PDF of html: its page count, and how many of its pages hold each count of slips. */
static int
pdf_pages(const char *html, const char *pdf)
{
	char cmd[4096], buf[256];
	FILE *p;
	int pages = 0;

	snprintf(cmd, sizeof(cmd),
	    "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
	    " --disable-background-networking --disable-component-update --disable-sync"
	    " --user-data-dir=%s/chromium --allow-file-access-from-files --no-pdf-header-footer"
	    " --print-to-pdf=%s file://%s >/dev/null 2>&1", srv.dir, pdf, html);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "pdfinfo %s | sed -n 's/^Pages: *//p'", pdf);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	if (fgets(buf, sizeof(buf), p))
		pages = atoi(buf);
	pclose(p);
	return pages;
}

/* How many slips (their password label) page k of pdf holds. */
static int
slips_on_page(const char *pdf, int k)
{
	char cmd[2048], buf[4096];
	FILE *p;
	int n = 0;

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 -f %d -l %d %s - | tr -d ' '", k, k, pdf);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (fgets(buf, sizeof(buf), p))
		for (char *q = buf; (q = strstr(q, "初始密码")) != NULL; q++)
			n++;
	pclose(p);
	return n;
}

START_TEST(test_three_hundred_logins_and_their_slips)
{
	struct client *admin = client_new(), *t = client_new();
	char *pw[400], *login[400], html[1024], pdf[1024], q[2048];
	struct reply r;
	xmlDocPtr d;
	long status;
	int npw, nlogin, pages;
	long long before = srv_int(&srv, "SELECT count(*) FROM account");

	/*
	 * 300 teachers join wtq-zg's roster this year: staff numbers ZG90001..,
	 * a phone for all but every tenth.
	 */
	ck_assert_int_eq(srv_sql(&srv,
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
	    " INSERT INTO teacher (district_id, name, gender, id_number, staff_no, phone)"
	    " SELECT d.id, '新教师' || i, 'F', printf('51110219800101%04d', i), printf('ZG9%04d', i),"
	    " CASE WHEN i % 10 = 0 THEN '' ELSE printf('139%08d', i) END FROM n, district d"
	    " WHERE d.code = 'wutongqiao';"
	    "INSERT INTO teacher_year (teacher_id, school_year_id, school_id)"
	    " SELECT t.id, y.id, s.id FROM teacher t, school s, school_year y"
	    " JOIN district d ON d.id = y.district_id AND d.code = 'wutongqiao' AND y.is_current = 1"
	    " WHERE s.code = 'wtq-zg' AND t.staff_no LIKE 'ZG9%';"), 0);

	ck_assert_int_eq(login_as(admin, &srv, "wtq-zg-admin", DEMO_PW), 303);
	d = get_xml(admin, &srv, "/accounts/bulk", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/bulk/@without-account"), 300);
	ck_assert_int_eq(xpath_long(d, "/page/bulk/@without-phone"), 30);
	xmlFreeDoc(d);

	/* No login kind: refused, nothing made. */
	ck_assert_int_eq(post_form(admin, &srv, "/accounts/bulk", "", NULL), 422);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM account"), before);

	/* By phone: 270 made, the 30 without a phone listed. */
	ck_assert_int_eq(post_form(admin, &srv, "/accounts/bulk", "login_kind=phone", &r), 200);
	npw = spans(r.body, "slip-password", pw, 400);
	nlogin = spans(r.body, "slip-login", login, 400);
	ck_assert_int_eq(npw, 270);
	ck_assert_int_eq(nlogin, 270);
	ck_assert(strstr(r.body, "class=\"made\">270<") != NULL);
	ck_assert_str_eq(login[0], "13900000001");
	ck_assert_str_eq(login[269], "13900000299");
	for (int i = 0; i < npw; i++) {
		ck_assert_uint_eq(strlen(pw[i]), 10);
		ck_assert_uint_eq(strspn(pw[i], "abcdefghjkmnpqrstuvwxyz23456789"), 10);
	}
	ck_assert(strcmp(pw[0], pw[1]) != 0);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM account"), before + 270);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM account a JOIN teacher t ON t.id = a.teacher_id"
	    " WHERE a.role = 'teacher' AND a.login = t.phone AND a.must_change_password = 1"
	    " AND t.staff_no LIKE 'ZG9%'"), 270);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM audit WHERE action = 'account_create'"
	    " AND after LIKE '%\"bulk\":1%'"), 270);
	/* Printed: 270 slips, 8 to a page, so 34 pages, the last with 6. */
	snprintf(html, sizeof(html), "%s/slips.html", srv.dir);
	snprintf(pdf, sizeof(pdf), "%s/slips.pdf", srv.dir);
	save_html(&r, html);
	reply_free(&r);
	pages = pdf_pages(html, pdf);
	ck_assert_int_eq(pages, 34);
	ck_assert_int_eq(slips_on_page(pdf, 1), 8);
	ck_assert_int_eq(slips_on_page(pdf, 33), 8);
	ck_assert_int_eq(slips_on_page(pdf, 34), 6);

	/* The passwords are nowhere but on the slips (the programs' and nginx's logs included). */
	snprintf(q, sizeof(q), "test -s '%s/logs/access.log'", srv.dir);
	ck_assert_int_eq(system(q), 0);
	for (int i = 0; i < npw; i += 67) {
		snprintf(q, sizeof(q), "SELECT count(*) FROM account WHERE password_hash LIKE '%%%s%%'"
		    " OR display_name LIKE '%%%s%%'", pw[i], pw[i]);
		ck_assert_int_eq(srv_int(&srv, q), 0);
		snprintf(q, sizeof(q), "grep -rqs '%s' '%s/logs'", pw[i], srv.dir);
		ck_assert_int_ne(system(q), 0);
	}

	/* A slip works: the first and the last teacher log in, and must change the password first. */
	ck_assert_int_eq(login_as(t, &srv, login[0], pw[0]), 303);
	d = get_xml(t, &srv, "/", &status);
	ck_assert_int_eq(status, 303);
	xmlFreeDoc(d);
	client_free(t);
	t = client_new();
	ck_assert_int_eq(login_as(t, &srv, login[269], pw[269]), 303);
	{
		struct client *x = client_new();
		ck_assert_int_eq(login_as(x, &srv, login[269], pw[0]), 200);   /* not another's */
		client_free(x);
	}

	/* The 30 left: by staff number. */
	d = get_xml(admin, &srv, "/accounts/bulk", &status);
	ck_assert_int_eq(xpath_long(d, "/page/bulk/@without-account"), 30);
	xmlFreeDoc(d);
	for (int i = 0; i < npw; i++)
		free(pw[i]);
	for (int i = 0; i < nlogin; i++)
		free(login[i]);
	/* As XML: the slips carry the account and the login, never a password. */
	ck_assert_int_eq(post_form(admin, &srv, "/accounts/bulk?format=xml", "login_kind=staff_no", &r), 200);
	d = reply_xml(&r);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(xpath_long(d, "count(/page/slips/slip)"), 30);
	ck_assert_int_eq(xpath_long(d, "count(/page/slips/slip/@*)"), 60);
	ck_assert_int_eq(xpath_long(d, "count(/page/slips/slip/*)"), 30);
	ck_assert_int_eq(xpath_long(d, "count(/page/slips/slip/name)"), 30);
	{
		char *first = xpath_string(d, "string(/page/slips/slip[1]/@login)");
		ck_assert_str_eq(first, "ZG90010");
		free(first);
	}
	xmlFreeDoc(d);
	reply_free(&r);
	d = get_xml(admin, &srv, "/accounts/bulk", &status);
	ck_assert_int_eq(xpath_long(d, "/page/bulk/@without-account"), 0);
	xmlFreeDoc(d);
	client_free(t);
	client_free(admin);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("accounts_bulk");
	TCase *tc = tcase_create("bulk");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_three_hundred_logins_and_their_slips);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return suite_main(suite(), "test_accounts_bulk", &log_reports);
}
