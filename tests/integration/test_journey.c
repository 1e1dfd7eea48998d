/*
 * test_journey.c - a district that is neither preset runs its year from a
 * fresh install, through nginx, with no SQL (issue 12's done-when): only
 * `xueshictl init` and `xueshictl admin create`, then the pages. The
 * system administrator creates three districts (blank and from each
 * preset) and a district admin; the district admin its school and the
 * school's admin; the school admin a teacher and the teacher's account;
 * the teacher registers an activity with evidence; the school approves and
 * hands the year in; the district approves and confirms; the teacher's
 * card prints the confirmed hours. On the way the district opens
 * 2026-2027, the teachers' deadline passes (the tests' clock, X-Xueshi-Now
 * under the test switch) and the district extends it for the school. The
 * database is read only to check.
 */
#include "common.h"
#include "domain/idcard.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static struct server srv;
static int log_reports;

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	setenv("XUESHI_FAULT_INJECTION", "1", 1);   /* the test switch: the clock header */
	if (server_start_fresh(&srv) != 0) {
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

/* What `xueshictl admin create LOGIN` prints after "one-time password: ". */
static char *
admin_create(const char *login)
{
	char cmd[2048], out[4096], *p, *e;
	size_t n;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "XUESHI_DATADIR='%s' '%s/xueshictl' admin create '%s' '%s'",
	    env_srcdir(), env_builddir(), srv.db, login);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	ck_assert_int_eq(pclose(f), 0);
	p = strstr(out, "one-time password: ");
	ck_assert_ptr_nonnull(p);
	p += strlen("one-time password: ");
	for (e = p; *e && *e != '\n' && *e != ' '; e++)
		;
	return strndup(p, (size_t)(e - p));
}

/* The one-time password a created account's page shows (HTML only). */
static char *
shown_password(const struct reply *r)
{
	const char *marker = "class=\"mono big\">", *p = strstr(r->body, marker), *e;

	ck_assert_ptr_nonnull(p);
	p += strlen(marker);
	e = strchr(p, '<');
	ck_assert_ptr_nonnull(e);
	return strndup(p, (size_t)(e - p));
}

/* A first login: the one-time password, the forced change, then a session. */
static struct client *
first_login(const char *login, const char *otp)
{
	struct client *cl = client_new();
	char fields[256];
	long status;
	xmlDocPtr d;

	ck_assert_int_eq(login_as(cl, &srv, login, otp), 303);
	d = get_xml(cl, &srv, "/", &status);
	ck_assert_int_eq(status, 303);   /* to the password page first */
	xmlFreeDoc(d);
	snprintf(fields, sizeof(fields), "current=%s&new=journey-secret-1&again=journey-secret-1", otp);
	ck_assert_int_eq(post_form(cl, &srv, "/account/password", fields, NULL), 303);
	d = get_xml(cl, &srv, "/", &status);
	ck_assert_int_eq(status, 200);
	xmlFreeDoc(d);
	return cl;
}

/* A POST that creates an account: 200 and the one-time password it shows. */
static char *
create_account(struct client *cl, const char *fields)
{
	struct reply r;
	char *pw;

	ck_assert_int_eq(post_form(cl, &srv, "/accounts/new", fields, &r), 200);
	pw = shown_password(&r);
	reply_free(&r);
	return pw;
}

static long long
num(const char *sql)
{
	return srv_int(&srv, sql);
}

static char *
xml_str(struct client *cl, const char *path, const char *expr)
{
	long status = 0;
	xmlDocPtr d = get_xml(cl, &srv, path, &status);
	char *v;

	ck_assert_int_eq(status, 200);
	v = xpath_string(d, expr);
	xmlFreeDoc(d);
	return v;
}

START_TEST(test_fresh_install_to_a_printed_card)
{
	struct client *root, *dadmin, *sadmin, *teacher;
	struct upload up = { "evidence", "讲座照片.png", "image/png", test_png, test_png_len };
	char fields[1024], path[256], *pw, *v, *token, idn[19], id17[18] = "51110220000101001";
	long long district, school, teacher_id, record;
	struct reply r;

	/* An empty product: no district, no account. */
	ck_assert_int_eq(num("SELECT count(*) FROM district"), 0);
	ck_assert_int_eq(num("SELECT count(*) FROM account"), 0);
	pw = admin_create("root");
	root = first_login("root", pw);
	free(pw);

	/* Three districts: blank, and copies of each preset (their catalogues: 7 and 40 items). */
	ck_assert_int_eq(post_form(root, &srv, "/admin/districts",
	    "code=xinqu&name=%E6%96%B0%E5%8C%BA&from=blank&label=2026-2027", NULL), 303);
	ck_assert_int_eq(post_form(root, &srv, "/admin/districts",
	    "code=shizhong&name=%E5%B8%82%E4%B8%AD%E5%8C%BA"
	    "&authority=%E5%B8%82%E4%B8%AD%E5%8C%BA%E6%95%99%E5%B8%88%E5%8F%91%E5%B1%95%E4%B8%AD%E5%BF%83"
	    "&from=wutongqiao&label=2025-2026", NULL), 303);
	ck_assert_int_eq(post_form(root, &srv, "/admin/districts",
	    "code=panlong&name=%E7%9B%98%E9%BE%99%E5%8C%BA&from=wuhua&label=2026-2027", NULL), 303);
	ck_assert_int_eq(num("SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'xinqu'"), 0);
	ck_assert_int_eq(num("SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'shizhong'"), 7);
	ck_assert_int_eq(num("SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'panlong'"), 40);
	/* 五通桥's policy came along: 90 h, 45 normative; the year is 2026-2027 from 07-01. */
	ck_assert_int_eq(num("SELECT p.min_tenths + p.normative_min_tenths FROM policy p JOIN school_year y"
	    " ON y.id = p.school_year_id JOIN district d ON d.id = y.district_id WHERE d.code = 'shizhong'"
	    " AND y.is_current = 1 AND y.starts_on = '2025-07-01' AND y.ends_on = '2026-06-30'"
	    " AND y.register_deadline = '2026-06-30'"), 1350);
	v = xml_str(root, "/admin/districts", "count(/page/districts/district)");
	ck_assert_str_eq(v, "3");
	free(v);
	/* Bad input: a code that is not one, a code taken; nothing more made. */
	ck_assert_int_eq(post_form(root, &srv, "/admin/districts?format=xml", "code=Shi+Zhong&name=x&from=blank", &r), 422);
	ck_assert(reply_contains(&r, "code=\"bad_district_code\""));
	ck_assert(reply_contains(&r, "<value name=\"code\">Shi Zhong</value>"));
	reply_free(&r);
	ck_assert_int_eq(post_form(root, &srv, "/admin/districts", "code=shizhong&name=x&from=blank", &r), 422);
	ck_assert(reply_contains(&r, "已有同样代码的区（县）"));
	reply_free(&r);
	ck_assert_int_eq(num("SELECT count(*) FROM district"), 3);
	district = num("SELECT id FROM district WHERE code = 'shizhong'");

	/* The district's admin. */
	snprintf(fields, sizeof(fields), "district=%lld&login=shizhong-admin&name=%%E5%%B8%%82%%E4%%B8%%AD%%E5%%8C%%BA", district);
	pw = create_account(root, fields);
	dadmin = first_login("shizhong-admin", pw);
	free(pw);

	/* Its school, and the school's admin. */
	ck_assert_int_eq(post_form(dadmin, &srv, "/district/schools",
	    "code=sz-sx&name=%E5%B8%82%E4%B8%AD%E5%8C%BA%E5%AE%9E%E9%AA%8C%E5%B0%8F%E5%AD%A6&kind=primary", NULL), 303);
	school = num("SELECT id FROM school WHERE code = 'sz-sx'");
	ck_assert_int_gt(school, 0);
	snprintf(fields, sizeof(fields), "role=school_admin&school=%lld&login=sz-sx-admin&name=%%E6%%9D%%8E%%E8%%80%%81%%E5%%B8%%88", school);
	pw = create_account(dadmin, fields);
	sadmin = first_login("sz-sx-admin", pw);
	free(pw);

	/* A teacher on the roster, and the teacher's account (login: the staff number). */
	snprintf(idn, sizeof(idn), "%s%c", id17, idcard_check_char(id17));
	snprintf(fields, sizeof(fields), "name=%%E7%%8E%%8B%%E8%%80%%81%%E5%%B8%%88&gender=F&id_number=%s"
	    "&staff_no=SZ0001&phone=13912345678&category=regular&status=in_post", idn);
	ck_assert_int_eq(post_form(sadmin, &srv, "/school/roster/new", fields, NULL), 303);
	teacher_id = num("SELECT id FROM teacher WHERE staff_no = 'SZ0001'");
	ck_assert_int_gt(teacher_id, 0);

	/* The district opens 2026-2027: the teacher comes along; the deadlines move on a year. */
	ck_assert_int_eq(post_form(dadmin, &srv, "/district/years/open", "label=2026-2027", NULL), 303);
	ck_assert_int_eq(num("SELECT count(*) FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id"
	    " WHERE y.is_current = 1 AND y.label = '2026-2027' AND y.register_deadline = '2027-06-30'"
	    " AND ty.teacher_id = (SELECT id FROM teacher WHERE staff_no = 'SZ0001')"), 1);
	snprintf(fields, sizeof(fields), "teacher=%lld&login_kind=staff_no", teacher_id);
	pw = create_account(sadmin, fields);
	teacher = first_login("SZ0001", pw);
	free(pw);
	/* 5 July 2027: the teachers' deadline (30 June) has passed. */
	client_set_header(teacher, "X-Xueshi-Now: 2027-07-05T10:00:00+08:00");
	client_set_header(sadmin, "X-Xueshi-Now: 2027-07-06T10:00:00+08:00");
	client_set_header(dadmin, "X-Xueshi-Now: 2027-07-10T10:00:00+08:00");

	/*
	 * The teacher registers an expert lecture at province level, twice
	 * (8 h x 2 x 2 = 32 h), with a photo: refused after the deadline, let
	 * in once the district extends it for the school to 20 July.
	 */
	token = csrf_token(teacher, &srv);
	snprintf(path, sizeof(path), "%lld", num("SELECT i.id FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'shizhong' AND y.is_current = 1"
	    " AND i.code = 'zjjs'"));
	{
		const char *f[] = { "csrf", token, "item", path, "started_on", "2027-03-10",
			"ended_on", "2027-03-10", "quantity", "2", "level", "province",
			"organiser", "市中区教育局", "action", "submit", NULL };
		ck_assert_int_eq(client_post_multipart(teacher, &srv, "/teacher/records/new", f, &up, 1, &r), 0);
		ck_assert_int_eq(r.status, 403);
		ck_assert(reply_contains(&r, "deadline_passed") || reply_contains(&r, "截止"));
		reply_free(&r);
		ck_assert_int_eq(num("SELECT count(*) FROM record"), 0);
		snprintf(fields, sizeof(fields), "/district/schools/%lld/extend", school);
		ck_assert_int_eq(post_form(dadmin, &srv, fields, "kind=register&until=2027-07-20"
		    "&reason=%E6%96%B0%E5%BB%BA%E5%AD%A6%E6%A0%A1", NULL), 303);
		ck_assert_int_eq(client_post_multipart(teacher, &srv, "/teacher/records/new", f, &up, 1, &r), 0);
	}
	free(token);
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	record = num("SELECT r.id FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " WHERE ty.teacher_id = (SELECT id FROM teacher WHERE staff_no = 'SZ0001') AND r.state = 'submitted'"
	    " AND r.claimed_tenths = 320");
	ck_assert_int_gt(record, 0);

	/* The school approves and hands the year in; the district approves and confirms. */
	snprintf(path, sizeof(path), "/school/records/%lld/review", record);
	ck_assert_int_eq(post_form(sadmin, &srv, path, "decision=approve", NULL), 303);
	ck_assert_int_eq(post_form(sadmin, &srv, "/school/year/submit", "", NULL), 303);
	snprintf(path, sizeof(path), "/district/records/%lld/review", record);
	ck_assert_int_eq(post_form(dadmin, &srv, path, "decision=approve", NULL), 303);
	snprintf(path, sizeof(path), "/district/schools/%lld/confirm", school);
	ck_assert_int_eq(post_form(dadmin, &srv, path, "", NULL), 303);
	ck_assert_int_eq(num("SELECT count(*) FROM school_year_state WHERE state = 'confirmed'"), 1);

	/* The card: 32 confirmed hours of 90, printed with the district's authority under its box. */
	v = xml_str(teacher, "/teacher/card", "string(/page/assessment/@confirmed-tenths)");
	ck_assert_str_eq(v, "320");
	free(v);
	v = xml_str(teacher, "/teacher/card", "string(/page/assessment/@result)");
	ck_assert_str_eq(v, "fail");
	free(v);
	ck_assert_int_eq(client_do(teacher, &srv, "GET", "/teacher/card", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "<h1>继续教育学时登记卡</h1>"));
	ck_assert(reply_contains(&r, "市中区教师发展中心"));
	ck_assert(reply_contains(&r, "王老师"));
	reply_free(&r);
	/* Every step audited, by whom it was. */
	ck_assert_int_eq(num("SELECT count(*) FROM audit a JOIN account x ON x.id = a.account_id"
	    " WHERE a.action = 'district_create' AND x.login = 'root'"), 3);
	ck_assert_int_eq(num("SELECT count(*) FROM audit a JOIN account x ON x.id = a.account_id"
	    " WHERE a.action = 'school_create' AND x.login = 'shizhong-admin'"), 1);
	client_free(root);
	client_free(dadmin);
	client_free(sadmin);
	client_free(teacher);
}
END_TEST

int
main(void)
{
	Suite *su = suite_create("journey");
	TCase *tc = tcase_create("fresh install to a printed card");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_fresh_install_to_a_printed_card);
	suite_add_tcase(su, tc);
	sr = srunner_create(su);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
