/*
 * test_faults.c - a store that fails part-way never serves a partial page.
 *
 * The programs run with XUESHI_FAULT_INJECTION=1, which makes them honour
 * the test's X-Xueshi-Fault-At: N header: the statement running at the
 * N-th step of SQLite's virtual machine during the handler fails
 * (SQLITE_INTERRUPT, through SQLite's progress handler), and the answer
 * says so with X-Xueshi-Fault: fired. For every page that reads rows, N
 * runs from the first step up to the page's end: each time the fault fired
 * the answer must be a 5xx, never 200 with the rows read so far; once N is
 * past the page's last step the page is whole (200).
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
	setenv("XUESHI_FAULT_INJECTION", "1", 1);
	if (server_start(&srv) != 0) {
		server_stop(&srv);
		exit(1);
	}
	unsetenv("XUESHI_FAULT_INJECTION");
}

static void
teardown(void)
{
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

struct page {
	const char *login;
	const char *path;   /* %R: a record of WTQ00002, %Y: WTQ00002's teacher-year, %C: wtq-sx */
};

static const struct page pages[] = {
	{ "WTQ00002", "/teacher" },
	{ "WTQ00002", "/teacher/history" },
	{ "WTQ00002", "/teacher/card" },
	{ "WTQ00002", "/teacher/records/new" },
	{ "WTQ00002", "/teacher/records/%R" },
	{ "wtq-sx-admin", "/school" },
	{ "wtq-sx-admin", "/school/review?state=district_approved" },
	{ "wtq-sx-admin", "/school/summary" },
	{ "wtq-sx-admin", "/school/summary.csv" },
	{ "wtq-sx-admin", "/school/stats" },
	{ "wtq-sx-admin", "/school/roster" },
	{ "wtq-sx-admin", "/school/roster/changes" },
	{ "wtq-sx-admin", "/school/points" },
	{ "wtq-sx-admin", "/school/points.csv" },
	{ "wtq-sx-admin", "/school/bulk" },
	{ "wtq-sx-admin", "/school/roster/import" },
	{ "wtq-sx-admin", "/school/roster/new" },
	{ "wtq-sx-admin", "/school/teachers/%Y" },
	{ "wtq-sx-admin", "/school/records/%R" },
	{ "wutongqiao-admin", "/district" },
	{ "wutongqiao-admin", "/district/stats" },
	{ "wutongqiao-admin", "/district/changes" },
	{ "wutongqiao-admin", "/district/review" },
	{ "wutongqiao-admin", "/district/schools/%C" },
	{ "wutongqiao-admin", "/district/teachers/%Y" },
	{ "wutongqiao-admin", "/accounts" },
	{ "wutongqiao-admin", "/audit" },
};

static void
expand(const char *path, char *out, size_t len)
{
	char r[32], y[32], c[32];
	size_t o = 0;

	snprintf(r, sizeof(r), "%lld", srv_int(&srv, "SELECT r.id FROM record r JOIN teacher_year ty"
	    " ON ty.id = r.teacher_year_id JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE t.staff_no = 'WTQ00002' ORDER BY r.id LIMIT 1"));
	snprintf(y, sizeof(y), "%lld", srv_int(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t"
	    " ON t.id = ty.teacher_id WHERE t.staff_no = 'WTQ00002'"));
	snprintf(c, sizeof(c), "%lld", srv_int(&srv, "SELECT id FROM school WHERE code = 'wtq-sx'"));
	for (const char *p = path; *p && o + 32 < len; p++) {
		if (*p == '%' && (p[1] == 'R' || p[1] == 'Y' || p[1] == 'C')) {
			const char *v = p[1] == 'R' ? r : p[1] == 'Y' ? y : c;
			o += (size_t)snprintf(out + o, len - o, "%s", v);
			p++;
		} else
			out[o++] = *p;
	}
	out[o] = '\0';
}

START_TEST(test_no_partial_page_when_the_store_fails)
{
	long pages_checked = 0, faults = 0, partial = 0;

	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		struct client *cl = client_new();
		char path[256];
		long n = 1, here = 0;
		int done = 0;

		ck_assert_int_eq(login_as(cl, &srv, pages[i].login, DEMO_PW), 303);
		expand(pages[i].path, path, sizeof(path));
		while (!done) {
			char header[64], *fired;
			const char *headers[] = { header, NULL };
			struct reply r;
			snprintf(header, sizeof(header), "X-Xueshi-Fault-At: %ld", n);
			ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, headers, &r), 0);
			fired = reply_header(&r, "X-Xueshi-Fault");
			if (fired != NULL) {
				faults++;
				if (r.status < 500) {
					/* Say every page that does it, then fail. */
					partial++;
					if (here++ == 0)
						fprintf(stderr, "partial page: %s %s with a fault at step %ld: %ld\n",
						    pages[i].login, path, n, r.status);
				}
				free(fired);
			} else {
				ck_assert_msg(r.status == 200, "%s %s whole: %ld", pages[i].login, path, r.status);
				done = 1;
			}
			reply_free(&r);
			/* Every step at first, then ever larger strides through long pages. */
			n = n < 64 ? n + 1 : n + n / 4;
		}
		pages_checked++;
		client_free(cl);
	}
	ck_assert_int_eq(pages_checked, (long)(sizeof(pages) / sizeof(pages[0])));
	ck_assert_msg(partial == 0, "%ld answers were partial pages", partial);
	/*
	 * SQLite fails a statement at any of its VM steps; PostgreSQL's fault
	 * (core/db_pg.c) fails a whole statement, so a page has as many fault
	 * points as it runs statements: fewer, each still tried.
	 */
	ck_assert_int_gt(faults, server_is_pg(&srv) ? 100 : 1000);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("a failing store through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, test_no_partial_page_when_the_store_fails);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
