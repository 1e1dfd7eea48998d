/*
 * test_inbox.c - each user's inbox (issue 14): every notification reaches
 * exactly the users it concerns, made with the change that causes it - a
 * teacher when the school or the district returns or rejects a record
 * (with the reason) or the district approves it; the school's admins when
 * the district returns one of their records, reopens (with the reason) or
 * confirms their year; the district's admins when a school hands its year
 * in; and, from `xueshictl remind`, the teachers whose hours still fall
 * short 7, 3 and 1 days before the registration deadline, once each. The
 * header shows the unread count; read marks stick.
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

static long long
num(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static long long
num(const char *fmt, ...)
{
	char sql[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return srv_int(&srv, sql);
}

static struct client *
as(const char *login)
{
	struct client *cl = client_new();

	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	return cl;
}

/* A record in state of school (code) whose teacher has an active account; its login in *login. */
static long long
record_in(const char *school, const char *state, char **login)
{
	char q[1024];
	long long id;

	snprintf(q, sizeof(q), "SELECT r.id FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school s ON s.id = ty.school_id JOIN account a ON a.teacher_id = ty.teacher_id"
	    " AND a.active = 1 WHERE s.code = '%s' AND r.state = '%s' ORDER BY r.id LIMIT 1", school, state);
	id = srv_int(&srv, q);
	ck_assert_int_gt(id, 0);
	snprintf(q, sizeof(q), "SELECT a.login FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN account a ON a.teacher_id = ty.teacher_id AND a.active = 1 WHERE r.id = %lld", id);
	*login = srv_text(&srv, q);
	return id;
}

/* How many notifications of kind login has (with detail, when not NULL). */
static long long
has(const char *login, const char *kind, const char *detail)
{
	char q[1024];

	snprintf(q, sizeof(q), "SELECT count(*) FROM notification n JOIN account a ON a.id = n.account_id"
	    " WHERE a.login = '%s' AND n.kind = '%s'%s%s%s", login, kind,
	    detail ? " AND n.detail = '" : "", detail ? detail : "", detail ? "'" : "");
	return srv_int(&srv, q);
}

static long long
total(void)
{
	return srv_int(&srv, "SELECT count(*) FROM notification");
}

START_TEST(test_record_moves_tell_the_teacher_and_the_school)
{
	struct client *school = as("wtq-zg-admin"), *district = as("wutongqiao-admin"), *teacher;
	char path[128], *t1, *t2, *t3, *t4;
	long long r1 = record_in("wtq-zg", "submitted", &t1), before = total();
	long long r2, r3, r4;
	long status;
	xmlDocPtr d;

	/* The school returns a record: its teacher alone is told, with the reason. */
	snprintf(path, sizeof(path), "/school/records/%lld/review", r1);
	ck_assert_int_eq(post_form(school, &srv, path,
	    "decision=return&reason=%E8%AF%B7%E8%A1%A5%E5%85%85%E7%AD%BE%E5%88%B0%E8%A1%A8", NULL), 303);
	ck_assert_int_eq(has(t1, "record_returned", "请补充签到表"), 1);
	ck_assert_int_eq(total(), before + 1);

	/* Rejected by the school. */
	r2 = num("SELECT r.id FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school s ON s.id = ty.school_id JOIN school_year y ON y.id = ty.school_year_id"
	    " AND y.is_current = 1 JOIN account a ON a.teacher_id = ty.teacher_id AND a.active = 1"
	    " WHERE s.code = 'wtq-zg' AND r.state = 'submitted' ORDER BY r.id LIMIT 1");
	ck_assert_int_gt(r2, 0);
	{
		char q[512];
		snprintf(q, sizeof(q), "SELECT a.login FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
		    " JOIN account a ON a.teacher_id = ty.teacher_id AND a.active = 1 WHERE r.id = %lld", r2);
		t2 = srv_text(&srv, q);
	}
	snprintf(path, sizeof(path), "/school/records/%lld/review", r2);
	ck_assert_int_eq(post_form(school, &srv, path, "decision=reject&reason=%E9%87%8D%E5%A4%8D%E7%99%BB%E8%AE%B0",
	    NULL), 303);
	ck_assert_int_eq(has(t2, "record_rejected", "重复登记"), 1);
	ck_assert_int_eq(total(), before + 2);

	/* The district approves a record of the school that handed in: its teacher is told. */
	r3 = record_in("wtq-nh", "school_approved", &t3);
	snprintf(path, sizeof(path), "/district/records/%lld/review", r3);
	ck_assert_int_eq(post_form(district, &srv, path, "decision=approve", NULL), 303);
	ck_assert_int_eq(has(t3, "record_approved", NULL), 1);
	ck_assert_int_eq(total(), before + 3);

	/* The district returns one: its teacher and the school's admin, nobody else. */
	r4 = record_in("wtq-nh", "school_approved", &t4);
	snprintf(path, sizeof(path), "/district/records/%lld/review", r4);
	ck_assert_int_eq(post_form(district, &srv, path,
	    "decision=return&reason=%E8%AF%81%E4%B9%A6%E6%A8%A1%E7%B3%8A", NULL), 303);
	ck_assert_int_eq(has(t4, "record_returned", "证书模糊"), 1);
	ck_assert_int_eq(has("wtq-nh-admin", "district_returned", "证书模糊"), 1);
	ck_assert_int_eq(num("SELECT count(*) FROM notification WHERE kind = 'district_returned'"),
	    num("SELECT count(*) FROM account a JOIN school s ON s.id = a.school_id"
	    " WHERE s.code = 'wtq-nh' AND a.role = 'school_admin' AND a.active = 1"));
	ck_assert_int_eq(has("wtq-zg-admin", "district_returned", NULL), 0);
	ck_assert_int_eq(total(), before + 3 + 1 + num("SELECT count(*) FROM notification WHERE kind = 'district_returned'"));

	/* The teacher's inbox: the header counts it, the page shows the reason, read sticks. */
	teacher = as(t1);
	d = get_xml(teacher, &srv, "/inbox", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "/page/user/@unread"), 1);
	{
		char *v = xpath_string(d, "string(/page/inbox/notification[@kind='record_returned']/detail)");
		ck_assert_str_eq(v, "请补充签到表");
		free(v);
	}
	xmlFreeDoc(d);
	ck_assert_int_eq(post_form(teacher, &srv, "/inbox/read", "", NULL), 303);
	d = get_xml(teacher, &srv, "/", &status);
	ck_assert_int_eq(xpath_long(d, "/page/user/@unread"), 0);
	xmlFreeDoc(d);
	/* Another user's notification cannot be marked read by this one. */
	{
		char fields[64];
		long long other = num("SELECT n.id FROM notification n JOIN account a ON a.id = n.account_id"
		    " WHERE a.login = 'wtq-nh-admin' LIMIT 1");
		snprintf(fields, sizeof(fields), "id=%lld", other);
		ck_assert_int_eq(post_form(teacher, &srv, "/inbox/read", fields, NULL), 303);
		ck_assert_int_eq(num("SELECT read_at IS NULL FROM notification WHERE id = %lld", other), 1);
	}
	client_free(teacher);
	free(t1);
	free(t2);
	free(t3);
	free(t4);
	client_free(school);
	client_free(district);
}
END_TEST

START_TEST(test_year_moves_tell_the_district_and_the_school)
{
	struct client *school = as("wtq-zg-admin"), *district = as("wutongqiao-admin");
	long long zg = num("SELECT id FROM school WHERE code = 'wtq-zg'"), before = total();
	char path[128];

	/* wtq-zg's records are all reviewed (arranged here), so it can hand its year in. */
	ck_assert_int_eq(srv_sql(&srv, "UPDATE record SET state = 'school_approved' WHERE state = 'submitted'"
	    " AND teacher_year_id IN (SELECT ty.id FROM teacher_year ty JOIN school s ON s.id = ty.school_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1 WHERE s.code = 'wtq-zg')"), 0);
	ck_assert_int_eq(post_form(school, &srv, "/school/year/submit", "", NULL), 303);
	/* The district's admins are told; 五华's are not. */
	ck_assert_int_eq(has("wutongqiao-admin", "year_submitted", NULL), 1);
	ck_assert_int_eq(has("wuhua-admin", "year_submitted", NULL), 0);
	ck_assert_int_eq(total(), before + num("SELECT count(*) FROM account a JOIN district d"
	    " ON d.id = a.district_id WHERE d.code = 'wutongqiao' AND a.role = 'district_admin' AND a.active = 1"));
	before = total();

	/* Reopened with a reason: the school's admins, with it. */
	snprintf(path, sizeof(path), "/district/schools/%lld/reopen", zg);
	ck_assert_int_eq(post_form(district, &srv, path, "reason=%E8%A1%A5%E5%BD%95%E9%81%97%E6%BC%8F", NULL), 303);
	ck_assert_int_eq(has("wtq-zg-admin", "year_reopened", "补录遗漏"), 1);
	ck_assert_int_eq(has("wtq-nh-admin", "year_reopened", NULL), 0);
	ck_assert_int_eq(has("wtq-zg-leader", "year_reopened", NULL), 0);

	/* Handed in again and confirmed (every record approved, arranged here): the school is told. */
	ck_assert_int_eq(post_form(school, &srv, "/school/year/submit", "", NULL), 303);
	ck_assert_int_eq(srv_sql(&srv, "UPDATE record SET state = 'district_approved' WHERE state = 'school_approved'"
	    " AND teacher_year_id IN (SELECT ty.id FROM teacher_year ty JOIN school s ON s.id = ty.school_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1 WHERE s.code = 'wtq-zg')"), 0);
	snprintf(path, sizeof(path), "/district/schools/%lld/confirm", zg);
	ck_assert_int_eq(post_form(district, &srv, path, "", NULL), 303);
	ck_assert_int_eq(has("wtq-zg-admin", "year_confirmed", NULL), 1);
	ck_assert_int_eq(has("wutongqiao-admin", "year_submitted", NULL), 2);
	client_free(school);
	client_free(district);
}
END_TEST

/* xueshictl remind DB --today DATE: its "N reminder(s) made". */
static long long
remind(const char *today)
{
	char cmd[2048], out[256];
	FILE *f;
	long long made = -1;

	snprintf(cmd, sizeof(cmd), "XUESHI_DATADIR='%s' '%s/xueshictl' remind '%s' --today %s 2>&1",
	    env_srcdir(), env_builddir(), srv.db, today);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(out, sizeof(out), f) != NULL)
		if (strstr(out, "reminder(s) made") != NULL)
			made = atoll(out);
	ck_assert_int_eq(pclose(f), 0);
	return made;
}

START_TEST(test_deadline_reminders_once_each)
{
	long long short_of, made;
	char *deadline;

	/*
	 * 五通桥's current year closes registration on its register_deadline; the
	 * teachers told are those with an active account whose hours fall short,
	 * of schools still registering (not those that handed their year in).
	 */
	deadline = srv_text(&srv, "SELECT y.register_deadline FROM school_year y JOIN district d"
	    " ON d.id = y.district_id WHERE d.code = 'wutongqiao' AND y.is_current = 1");
	ck_assert_uint_eq(strlen(deadline), 10);
	/*
	 * Every current year closing registration that day (the demo gives both
	 * districts the same), schools without a later extension of their own.
	 */
	{
		char q[2048];
		snprintf(q, sizeof(q), "SELECT count(*) FROM teacher_year ty JOIN school_year y"
		    " ON y.id = ty.school_year_id AND y.is_current = 1 AND y.register_deadline = '%s'"
		    " JOIN school s ON s.id = ty.school_id AND s.active = 1"
		    " AND NOT EXISTS (SELECT 1 FROM school_year_state st WHERE st.school_id = s.id"
		    "  AND st.school_year_id = y.id AND st.state IN ('submitted', 'confirmed'))"
		    " AND NOT EXISTS (SELECT 1 FROM deadline_extension e WHERE e.school_id = s.id"
		    "  AND e.school_year_id = y.id AND e.kind = 'register' AND e.until > y.register_deadline)"
		    " JOIN teacher t ON t.id = ty.teacher_id AND t.active = 1"
		    " JOIN teacher_year_result r ON r.teacher_year_id = ty.id AND r.gap_tenths > 0"
		    " JOIN account a ON a.teacher_id = t.id AND a.role = 'teacher' AND a.active = 1", deadline);
		short_of = srv_int(&srv, q);
	}
	ck_assert_int_gt(short_of, 0);
	{
		char day[16], q[256];
		/* Eight days before: nothing. Seven: each of them once; again the same day: nobody twice. */
		snprintf(q, sizeof(q), "SELECT date('%s', '-8 days')", deadline);
		{
			char *v = srv_text(&srv, q);
			snprintf(day, sizeof(day), "%s", v);
			free(v);
		}
		made = remind(day);
		ck_assert_int_eq(made, 0);
		snprintf(q, sizeof(q), "SELECT date('%s', '-7 days')", deadline);
		{
			char *v = srv_text(&srv, q);
			snprintf(day, sizeof(day), "%s", v);
			free(v);
		}
		ck_assert_int_eq(remind(day), short_of);
		ck_assert_int_eq(remind(day), 0);
		ck_assert_int_eq(num("SELECT count(*) FROM notification WHERE kind = 'deadline_near' AND days = 7"),
		    short_of);
		/* Three days before: each again; a teacher with enough hours never. */
		snprintf(q, sizeof(q), "SELECT date('%s', '-3 days')", deadline);
		{
			char *v = srv_text(&srv, q);
			snprintf(day, sizeof(day), "%s", v);
			free(v);
		}
		ck_assert_int_eq(remind(day), short_of);
		ck_assert_int_eq(num("SELECT count(*) FROM notification n JOIN account a ON a.id = n.account_id"
		    " JOIN teacher_year ty ON ty.teacher_id = a.teacher_id JOIN school_year y"
		    " ON y.id = ty.school_year_id AND y.is_current = 1"
		    " JOIN teacher_year_result r ON r.teacher_year_id = ty.id"
		    " WHERE n.kind = 'deadline_near' AND r.gap_tenths = 0"), 0);
		ck_assert_int_eq(num("SELECT count(*) FROM notification n JOIN account a ON a.id = n.account_id"
		    " WHERE n.kind = 'deadline_near' AND a.role <> 'teacher'"), 0);
	}
	free(deadline);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("inbox");
	TCase *tc = tcase_create("notifications");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_record_moves_tell_the_teacher_and_the_school);
	tcase_add_test(tc, test_year_moves_tell_the_district_and_the_school);
	tcase_add_test(tc, test_deadline_reminders_once_each);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return suite_main(suite(), "test_inbox", &log_reports);
}
