/*
 * test_path.c - the main path through nginx, in both demo districts:
 * a teacher (wutongqiao) or the school admin (wuhua, where only the school
 * registers) registers with evidence and submits; the school returns it with
 * a reason, it is resubmitted, approved at the school (and the rest of the
 * queue in bulk), the school hands its year in, the district approves and
 * confirms (locked), reopening needs a reason; a record naming an
 * unapproved training project cannot pass the district. XML is asserted at
 * every step: state, hours counted, totals, result.
 */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct server srv;
static int log_reports;

static const char pdf[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

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

static struct client *
as(const char *login)
{
	struct client *cl = client_new();
	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	return cl;
}

static char *
state_of(struct client *cl, const char *path)
{
	xmlDocPtr d = get_xml(cl, &srv, path, NULL);
	char *s = xpath_string(d, "/page/record/@state");
	xmlFreeDoc(d);
	return s;
}

static void
assert_state(struct client *cl, const char *path, const char *want)
{
	char *s = state_of(cl, path);
	ck_assert_msg(strcmp(s, want) == 0, "%s: state %s, wanted %s", path, s, want);
	free(s);
}

static long
item_of(struct client *cl, const char *base, const char *extra, const char *code)
{
	char path[256], expr[128];
	xmlDocPtr d;
	long id;

	snprintf(path, sizeof(path), "%s/records/new%s", base, extra);
	d = get_xml(cl, &srv, path, NULL);
	snprintf(expr, sizeof(expr), "/page/catalogue/item[@code='%s']/@id", code);
	id = xpath_long(d, expr);
	xmlFreeDoc(d);
	ck_assert_int_gt(id, 0);
	return id;
}

static long
ty_of(const char *staff)
{
	long long id = srv_intf(&srv, "SELECT ty.id FROM teacher_year ty JOIN teacher t"
	    " ON t.id = ty.teacher_id JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE t.staff_no = '%s'", staff);

	return id < 0 ? 0 : (long)id;
}

/* Approve everything waiting in a queue (bulk), then check it is empty. */
static void
approve_all(struct client *cl, const char *queue, const char *bulk)
{
	xmlDocPtr d = get_xml(cl, &srv, queue, NULL);
	xmlXPathContextPtr x = xmlXPathNewContext(d);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "/page/queue/record/@id", x);
	size_t cap = 64, n = 0;
	char *fields = malloc(cap);

	fields[0] = '\0';
	for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		char *v = (char *)xmlNodeGetContent(o->nodesetval->nodeTab[i]);
		size_t need = n + strlen(v) + 10;
		if (need > cap) {
			cap = need * 2;
			fields = realloc(fields, cap);
		}
		n += (size_t)sprintf(fields + n, "%srecord=%s", n ? "&" : "", v);
		xmlFree(v);
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	xmlFreeDoc(d);
	ck_assert_int_eq(post_form(cl, &srv, bulk, fields, NULL), 303);
	free(fields);
	d = get_xml(cl, &srv, queue, NULL);
	ck_assert_int_eq(xpath_long(d, "count(/page/queue/record)"), 0);
	xmlFreeDoc(d);
}

START_TEST(test_wutongqiao_teacher_registers_and_district_confirms)
{
	struct client *t = as("WTQ00070"), *sch = as("wtq-zg-admin"), *dis = as("wutongqiao-admin");
	struct upload up = { "evidence", "lecture.pdf", "application/pdf", pdf, sizeof(pdf) - 1 };
	char item[16], *token = csrf_token(t, &srv), *loc, path[128], school_path[64], *s;
	long before, after, school_id;
	struct reply r;
	xmlDocPtr d;

	d = get_xml(t, &srv, "/teacher", NULL);
	before = xpath_long(d, "/page/assessment/@confirmed-tenths");
	xmlFreeDoc(d);
	snprintf(item, sizeof(item), "%ld", item_of(t, "/teacher", "", "zjjs"));
	{
		const char *fields[] = { "csrf", token, "item", item, "started_on", "2022-05-10",
			"ended_on", "2022-05-10", "quantity", "1", "level", "city", "action", "submit", NULL };
		ck_assert_int_eq(client_post_multipart(t, &srv, "/teacher/records/new", fields, &up, 1, &r), 0);
	}
	ck_assert_int_eq(r.status, 303);
	loc = reply_header(&r, "Location"); /* /teacher/records/ID */
	reply_free(&r);
	assert_state(t, loc, "submitted");
	/* The school returns it with a reason; the teacher sees the reason. */
	snprintf(path, sizeof(path), "/school/records/%s", strrchr(loc, '/') + 1);
	d = get_xml(sch, &srv, path, NULL);
	ck_assert_int_eq(xpath_long(d, "count(/page/record/evidence/file[@type='application/pdf'])"), 1);
	xmlFreeDoc(d);
	snprintf(path, sizeof(path), "/school/records/%s/review", strrchr(loc, '/') + 1);
	ck_assert_int_eq(post_form(sch, &srv, path, "decision=return", NULL), 422); /* no reason */
	ck_assert_int_eq(post_form(sch, &srv, path,
	    "decision=return&reason=%E8%AF%B7%E8%A1%A5%E5%85%85%E7%AD%BE%E5%88%B0%E8%A1%A8", NULL), 303);
	assert_state(t, loc, "returned");
	d = get_xml(t, &srv, "/teacher", NULL);
	s = xpath_string(d, "/page/records/record[@state='returned']/reason[. = '请补充签到表']");
	ck_assert_str_eq(s, "请补充签到表");
	free(s);
	xmlFreeDoc(d);
	/* Resubmitted, approved at the school. */
	snprintf(path, sizeof(path), "%s/submit", loc);
	ck_assert_int_eq(post_form(t, &srv, path, "", NULL), 303);
	assert_state(t, loc, "submitted");
	snprintf(path, sizeof(path), "/school/records/%s/review", strrchr(loc, '/') + 1);
	ck_assert_int_eq(post_form(sch, &srv, path, "decision=approve", NULL), 303);
	assert_state(t, loc, "school_approved");
	/* The year cannot be handed in while records wait; bulk approve, then hand in. */
	d = get_xml(sch, &srv, "/school", NULL);
	school_id = xpath_long(d, "/page/school/@id");
	if (xpath_long(d, "/page/school/@unreviewed") > 0)
		ck_assert_int_eq(post_form(sch, &srv, "/school/year/submit", "", NULL), 409);
	xmlFreeDoc(d);
	approve_all(sch, "/school/review", "/school/review/bulk");
	ck_assert_int_eq(post_form(sch, &srv, "/school/year/submit", "", NULL), 303);
	d = get_xml(sch, &srv, "/school", NULL);
	s = xpath_string(d, "/page/school/@state");
	ck_assert_str_eq(s, "submitted");
	free(s);
	xmlFreeDoc(d);
	/* The district approves ours, the rest in bulk, and confirms. */
	snprintf(path, sizeof(path), "/district/records/%s/review", strrchr(loc, '/') + 1);
	ck_assert_int_eq(post_form(dis, &srv, path, "decision=approve", NULL), 303);
	assert_state(t, loc, "district_approved");
	snprintf(school_path, sizeof(school_path), "/district/review?school=%ld", school_id);
	approve_all(dis, school_path, "/district/review/bulk");
	snprintf(path, sizeof(path), "/district/schools/%ld/confirm", school_id);
	ck_assert_int_eq(post_form(dis, &srv, path, "", NULL), 303);
	/* Confirmed hours: + 12 for the city-level lecture; the year is locked. */
	d = get_xml(t, &srv, "/teacher", NULL);
	after = xpath_long(d, "/page/assessment/@confirmed-tenths");
	ck_assert_int_ge(after, before + 120);
	s = xpath_string(d, "/page/school-year/@school-state");
	ck_assert_str_eq(s, "confirmed");
	free(s);
	ck_assert_int_eq(xpath_long(d, "count(/page/assessment/count[@state='submitted' or @state='school_approved'])"), 0);
	xmlFreeDoc(d);
	{
		const char *fields[] = { "csrf", token, "item", item, "started_on", "2022-05-11",
			"ended_on", "2022-05-11", "quantity", "1", "level", "city", "action", "draft", NULL };
		ck_assert_int_eq(client_post_multipart(t, &srv, "/teacher/records/new", fields, NULL, 0, &r), 0);
		ck_assert_int_eq(r.status, 409);
		reply_free(&r);
	}
	/* Reopening needs a reason, and is audited. */
	snprintf(path, sizeof(path), "/district/schools/%ld/reopen", school_id);
	ck_assert_int_eq(post_form(dis, &srv, path, "", NULL), 409);
	ck_assert_int_eq(post_form(dis, &srv, path, "reason=%E8%A1%A5%E5%BD%95", NULL), 303);
	d = get_xml(dis, &srv, "/audit", NULL);
	ck_assert_int_ge(xpath_long(d, "count(/page/audit/event[@action='school_year_confirm'])"), 1);
	ck_assert_int_ge(xpath_long(d, "count(/page/audit/event[@action='school_year_reopen'])"), 1);
	ck_assert_int_ge(xpath_long(d, "count(/page/audit/event[@action='record_school_return'])"), 1);
	xmlFreeDoc(d);
	free(loc);
	free(token);
	client_free(t);
	client_free(sch);
	client_free(dis);
}
END_TEST

START_TEST(test_wuhua_school_registers_and_unapproved_project_blocked)
{
	struct client *sch = as("wh-tj-admin"), *dis = as("wuhua-admin"), *t = as("WH00061");
	struct upload up = { "evidence", "证书.png", "image/png", test_png, test_png_len };
	char item[16], tyv[32], *token = csrf_token(sch, &srv), *loc, path[128], extra[64];
	struct reply r;
	xmlDocPtr d;
	long ty = ty_of("WH00061");

	ck_assert_int_gt(ty, 0);
	snprintf(tyv, sizeof(tyv), "%ld", ty);
	snprintf(extra, sizeof(extra), "?teacher-year=%ld", ty);
	snprintf(item, sizeof(item), "%ld", item_of(sch, "/school", extra, "lw-sj2"));
	{
		const char *fields[] = { "csrf", token, "teacher-year", tyv, "item", item,
			"started_on", "2025-11-20", "ended_on", "2025-11-20", "certificate_no", "YN-LW-2025-777",
			"certificate_on", "2025-12-01", "first_author", "1", "action", "submit", NULL };
		ck_assert_int_eq(client_post_multipart(sch, &srv, "/school/records/new", fields, &up, 1, &r), 0);
	}
	ck_assert_int_eq(r.status, 303);
	loc = reply_header(&r, "Location"); /* /school/records/ID */
	reply_free(&r);
	assert_state(sch, loc, "submitted");
	d = get_xml(sch, &srv, loc, NULL);
	ck_assert_int_eq(xpath_long(d, "/page/record/@claimed-tenths"), 100);
	xmlFreeDoc(d);
	/* The teacher sees it on the dashboard, registered for them. */
	d = get_xml(t, &srv, "/teacher", NULL);
	snprintf(path, sizeof(path), "count(/page/records/record[@id=%s])", strrchr(loc, '/') + 1);
	ck_assert_int_eq(xpath_long(d, path), 1);
	xmlFreeDoc(d);
	snprintf(path, sizeof(path), "%s/review", loc);
	ck_assert_int_eq(post_form(sch, &srv, path, "decision=approve", NULL), 303);
	snprintf(path, sizeof(path), "/district/records/%s/review", strrchr(loc, '/') + 1);
	ck_assert_int_eq(post_form(dis, &srv, path, "decision=approve", NULL), 303);
	assert_state(sch, loc, "district_approved");
	free(loc);

	/* A record naming a project without 审批备案 cannot pass the district. */
	ck_assert_int_eq(srv_sql(&srv,
	    "INSERT INTO training_project (school_year_id, name, level, approved)"
	    " SELECT y.id, 'unapproved-project', 'city', 0 FROM school_year y JOIN district d"
	    " ON d.id = y.district_id WHERE d.code = 'wutongqiao' AND y.is_current = 1;"
	    "UPDATE record SET project_id = (SELECT id FROM training_project WHERE name = 'unapproved-project'),"
	    " state = 'school_approved' WHERE id = (SELECT min(r.id) FROM record r JOIN teacher_year ty"
	    " ON ty.id = r.teacher_year_id JOIN school s ON s.id = ty.school_id WHERE s.code = 'wtq-nh'"
	    " AND r.state = 'school_approved')"), 0);
	client_free(dis);
	dis = as("wutongqiao-admin");
	{
		long id = 0;
		char *code;
		/* the one record naming the project (a missing row is -1: no record 0 either) */
		id = (long)srv_int(&srv, "SELECT r.id FROM record r JOIN training_project p"
		    " ON p.id = r.project_id WHERE p.name = 'unapproved-project'");
		ck_assert_int_gt(id, 0);
		snprintf(path, sizeof(path), "/district/records/%ld/review?format=xml", id);
		ck_assert_int_eq(post_form(dis, &srv, path, "decision=approve", &r), 409);
		d = reply_xml(&r);
		code = xpath_string(d, "/page/form/form-error/@code");
		ck_assert_str_eq(code, "project_unapproved");
		free(code);
		code = xpath_string(d, "/page/record/project/@approved");
		ck_assert_str_eq(code, "no");
		free(code);
		xmlFreeDoc(d);
		reply_free(&r);
		snprintf(path, sizeof(path), "/district/records/%ld", id);
		assert_state(dis, path, "school_approved");
	}
	free(token);
	client_free(sch);
	client_free(dis);
	client_free(t);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("path");
	TCase *tc = tcase_create("register to confirm");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_wutongqiao_teacher_registers_and_district_confirms);
	tcase_add_test(tc, test_wuhua_school_registers_and_unapproved_project_blocked);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
