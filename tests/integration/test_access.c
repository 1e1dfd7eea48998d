/*
 * test_access.c - the access matrix, generated from the route tables.
 *
 * Every route of every program is called through nginx by anonymous, each
 * role, a school admin of another school and a district admin of another
 * district, and the answer is compared with the expectation written here:
 *   O  allowed: 2xx, 303 somewhere other than the login page, or the
 *      handler's own refusal of the input or the move (409, 422)
 *   L  not logged in: 303 to the login page
 *   N  404, as if the page or the object did not exist
 * A route without an expectation fails the test, so a new route cannot be
 * added without deciding who may call it.
 */
#include "common.h"
#include "core/app.h"
#include "core/nav.h"

#include <check.h>
#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct program program_auth;
extern const struct program program_teacher;
extern const struct program program_school;
extern const struct program program_district;

static const struct program *const programs[] = {
	&program_auth, &program_teacher, &program_school, &program_district
};

enum caller {
	ANON, TEACHER, SCHOOL_ADMIN, LEADER, DISTRICT_ADMIN, SYSTEM_ADMIN,
	OTHER_SCHOOL, OTHER_DISTRICT, CALLER__MAX
};

static const char *const caller_login[CALLER__MAX] = {
	NULL, "WTQ00002", "wtq-sx-admin", "wtq-sx-leader", "wutongqiao-admin", "admin",
	"wtq-nh-admin", "wuhua-admin"
};

/*
 * The cases. In paths, {T} is the account of teacher WTQ00003 (school
 * wtq-sx: the school admin's to manage), {S} the account wtq-zg-leader (the
 * district admin's to manage), {H} the account wtq-zg-admin (a school admin:
 * handover), {R} a record of the teacher caller WTQ00002, {Q} a record of
 * another teacher (WTQ00003), {E} an evidence id nobody has, {Y} the
 * teacher-year of WTQ00002, {C} the school wtq-sx, {W} wutongqiao's current school year, {D} the district wutongqiao,
 * {I} its item djxx, {G} a cap group of that year,
 * {P} wutongqiao's training project (approved already, filed by the district: no
 * school's), {F} a project wtq-sx filed (the test files it directly), {V} a
 * published notice naming wtq-sx only, {U} a draft notice, {X} a district
 * event of wutongqiao, {Z} an event of wtq-sx. POST bodies are empty but for the CSRF token, so the pages that
 * take forms answer with field errors and change nothing, except the
 * account actions, which the allowed caller really performs.
 */
struct acase {
	const char *route;       /* the route's name */
	const char *path;
	const char *expect;      /* one letter per caller, in enum caller order */
};

static const struct acase cases[] = {
	{ "home", "/", "OOOOOOOO" },
	{ "healthz", "/healthz", "OOOOOOOO" },
	{ "login", "/login", "OOOOOOOO" },
	/* Printing and verification (issue 15). */
	{ "verify", "/verify", "OOOOOOOO" },
	{ "teacher_cycle", "/teacher/cycle", "LONNNNNN" },
	{ "school_cycle", "/school/teachers/{Y}/cycle", "LNOONNNN" },
	{ "school_bundle", "/school/bundle", "LNOONNON" },
	{ "district_card", "/district/teachers/{Y}/card", "LNNNONNN" },
	{ "district_cycle", "/district/teachers/{Y}/cycle", "LNNNONNN" },
	{ "district_summary", "/district/schools/{C}/summary", "LNNNONNN" },
	{ "district_points_print", "/district/schools/{C}/points/print", "LNNNONNN" },
	{ "district_bundle", "/district/schools/{C}/bundle", "LNNNONNN" },
	{ "login_post", "/login", "OOOOOOOO" },
	{ "password", "/account/password", "LOOOOOOO" },
	{ "password_post", "/account/password", "NOOOOOOO" },
	{ "accounts", "/accounts", "LNONOOOO" },
	{ "account_new", "/accounts/new", "LNONOOOO" },
	{ "account_create", "/accounts/new", "NNONOOOO" },
	{ "account", "/accounts/{T}", "LNONNNNN" },
	{ "account", "/accounts/{S}", "LNNNONNN" },
	{ "account_disable", "/accounts/{T}/disable", "NNONNNNN" },
	{ "account_enable", "/accounts/{T}/enable", "NNONNNNN" },
	{ "account_reset", "/accounts/{T}/reset", "NNONNNNN" },
	{ "account_disable", "/accounts/{S}/disable", "NNNNONNN" },
	{ "account_enable", "/accounts/{S}/enable", "NNNNONNN" },
	{ "account_handover", "/accounts/{H}/handover", "NNNNONNN" },
	{ "audit", "/audit", "LNNNOONO" },
	{ "teacher_dashboard", "/teacher", "LONNNNNN" },
	{ "teacher_record_new", "/teacher/records/new", "LONNNNNN" },
	{ "teacher_record_create", "/teacher/records/new", "NONNNNNN" },
	{ "teacher_record", "/teacher/records/{R}", "LONNNNNN" },
	{ "teacher_record", "/teacher/records/{Q}", "LNNNNNNN" },
	{ "teacher_record_submit", "/teacher/records/{R}/submit", "NONNNNNN" },
	{ "teacher_record_submit", "/teacher/records/{Q}/submit", "NNNNNNNN" },
	{ "teacher_record_withdraw", "/teacher/records/{R}/withdraw", "NONNNNNN" },
	{ "teacher_evidence", "/teacher/evidence/{E}", "LNNNNNNN" },
	{ "school", "/school", "LNOONNON" },
	{ "school_queue", "/school/review", "LNOONNON" },
	{ "school_bulk_approve", "/school/review/bulk", "NNONNNON" },
	{ "school_record_new", "/school/records/new?teacher-year={Y}", "LNONNNNN" },
	{ "school_record_create", "/school/records/new?teacher-year={Y}", "NNONNNNN" },
	{ "school_record", "/school/records/{R}", "LNOONNNN" },
	{ "school_review", "/school/records/{R}/review", "NNONNNNN" },
	{ "school_year_submit", "/school/year/submit", "NNONNNON" },
	{ "school_teacher", "/school/teachers/{Y}", "LNOONNNN" },
	{ "school_evidence", "/school/evidence/{E}", "LNNNNNNN" },
	{ "district", "/district", "LNNNONNO" },
	{ "district_school", "/district/schools/{C}", "LNNNONNN" },
	{ "district_confirm", "/district/schools/{C}/confirm", "NNNNONNN" },
	{ "district_reopen", "/district/schools/{C}/reopen", "NNNNONNN" },
	{ "district_extend", "/district/schools/{C}/extend", "NNNNONNN" },
	{ "district_queue", "/district/review", "LNNNONNO" },
	{ "district_bulk_approve", "/district/review/bulk", "NNNNONNO" },
	{ "district_record", "/district/records/{R}", "LNNNONNN" },
	{ "district_review", "/district/records/{R}/review", "NNNNONNN" },
	{ "district_teacher", "/district/teachers/{Y}", "LNNNONNN" },
	{ "district_evidence", "/district/evidence/{E}", "LNNNNNNN" },
	{ "teacher_card", "/teacher/card", "LONNNNNN" },
	{ "teacher_history", "/teacher/history", "LONNNNNN" },
	{ "teacher_record_edit", "/teacher/records/{R}/edit", "LONNNNNN" },
	{ "teacher_record_update", "/teacher/records/{R}/edit", "NONNNNNN" },
	{ "school_record_edit", "/school/records/{R}/edit", "LNONNNNN" },
	{ "school_record_update", "/school/records/{R}/edit", "NNONNNNN" },
	{ "school_card", "/school/teachers/{Y}/card", "LNOONNNN" },
	{ "school_summary", "/school/summary", "LNOONNON" },
	{ "school_summary_xlsx", "/school/summary.xlsx", "LNOONNON" },
	{ "school_summary_csv", "/school/summary.csv", "LNOONNON" },
	{ "school_points", "/school/points", "LNOONNON" },
	{ "school_points_save", "/school/points", "NNONNNON" },
	{ "school_points_print", "/school/points/print", "LNOONNON" },
	{ "school_points_xlsx", "/school/points.xlsx", "LNOONNON" },
	{ "school_points_csv", "/school/points.csv", "LNOONNON" },
	{ "school_roster_template_csv", "/school/roster/template.csv", "LNONNNON" },
	{ "school_roster_template_xlsx", "/school/roster/template.xlsx", "LNONNNON" },
	{ "school_bulk", "/school/bulk", "LNONNNON" },
	{ "school_bulk_create", "/school/bulk", "NNONNNON" },
	{ "school_roster_changes", "/school/roster/changes", "LNOONNON" },
	{ "school_roster_changes_report", "/school/roster/changes/report", "NNONNNON" },
	{ "district_changes", "/district/changes", "LNNNONNO" },
	{ "district_stats", "/district/stats", "LNNNONNO" },
	{ "district_settings", "/district/settings", "LNNNONNO" },
	{ "district_settings_save", "/district/settings", "NNNNONNO" },
	{ "district_years", "/district/years", "LNNNONNO" },
	{ "district_year_open", "/district/years/open", "NNNNONNO" },
	{ "district_schools", "/district/schools", "LNNNONNO" },
	{ "district_school_add", "/district/schools", "NNNNONNO" },
	{ "district_school_edit", "/district/schools/{C}/edit", "LNNNONNN" },
	{ "district_school_save", "/district/schools/{C}/edit", "NNNNONNN" },
	{ "district_school_deactivate", "/district/schools/{C}/deactivate", "NNNNONNN" },
	{ "district_school_activate", "/district/schools/{C}/activate", "NNNNONNN" },
	{ "district_year", "/district/years/{W}", "LNNNONNN" },
	{ "district_year_save", "/district/years/{W}", "NNNNONNN" },
	{ "district_export_xlsx", "/district/export.xlsx", "LNNNONNO" },
	{ "district_catalogue_xlsx", "/district/years/{W}/catalogue.xlsx", "LNNNONNN" },
	{ "district_catalogue_print", "/district/years/{W}/catalogue/print", "LNNNONNN" },
	{ "district_catalogue_import", "/district/years/{W}/catalogue/import", "LNNNONNN" },
	{ "district_catalogue_import_upload", "/district/years/{W}/catalogue/import", "NNNNONNN" },
	{ "district_catalogue_import_commit", "/district/years/{W}/catalogue/import/1/commit", "NNNNNNNN" },
	{ "school_roster_new", "/school/roster/new", "LNONNNON" },
	{ "school_roster_save", "/school/roster/new", "NNONNNON" },
	{ "school_roster_deactivate", "/school/roster/{Y}/deactivate", "NNONNNNN" },
	{ "school_roster_reactivate", "/school/roster/{Y}/reactivate", "NNONNNNN" },
	{ "school_roster_transfer", "/school/roster/{Y}/transfer", "NNONNNNN" },
	{ "school_stats", "/school/stats", "LNOONNON" },
	{ "school_roster", "/school/roster", "LNOONNON" },
	{ "school_roster_import", "/school/roster/import", "LNONNNON" },
	{ "school_roster_import_upload", "/school/roster/import", "NNONNNON" },
	{ "school_roster_import_commit", "/school/roster/import/1/commit", "NNNNNNNN" },
	{ "admin_districts", "/admin/districts", "LNNNNONN" },
	{ "admin_district_create", "/admin/districts", "NNNNNONN" },
	{ "admin_district", "/admin/districts/{D}", "LNNNNONN" },
	{ "admin_district_rename", "/admin/districts/{D}", "NNNNNONN" },
	{ "school_projects", "/school/projects", "LNOONNON" },
	{ "school_project_file", "/school/projects", "NNONNNON" },
	{ "school_project", "/school/projects/{P}", "LNNNNNNN" },
	{ "school_project", "/school/projects/{F}", "LNOONNNN" },
	{ "school_project_edit", "/school/projects/{F}/edit", "NNONNNNN" },
	{ "district_events", "/district/events", "LNNNONNO" },
	{ "district_event_create", "/district/events", "NNNNONNO" },
	{ "district_event", "/district/events/{X}", "LNNNONNN" },
	{ "district_event", "/district/events/{Z}", "LNNNONNN" },
	{ "district_event_signin", "/district/events/{X}/signin?session=morning&mode=in", "LNNNONNN" },
	{ "district_event_correct", "/district/events/{X}/attendance", "NNNNONNN" },
	{ "district_event_print", "/district/events/{X}/print", "LNNNONNN" },
	{ "district_event_xlsx", "/district/events/{X}/attendance.xlsx", "LNNNONNN" },
	{ "school_events", "/school/events", "LNOONNON" },
	{ "school_event_create", "/school/events", "NNONNNON" },
	{ "school_event", "/school/events/{Z}", "LNOONNNN" },
	{ "school_event", "/school/events/{X}", "LNNNNNNN" },
	{ "school_event_signin", "/school/events/{Z}/signin?session=morning", "LNONNNNN" },
	{ "school_event_correct", "/school/events/{Z}/attendance", "NNONNNNN" },
	{ "school_event_print", "/school/events/{Z}/print", "LNOONNNN" },
	{ "school_event_xlsx", "/school/events/{Z}/attendance.xlsx", "LNOONNNN" },
	{ "school_event_close", "/school/events/{Z}/close", "NNONNNNN" },
	{ "district_event_close", "/district/events/{X}/close", "NNNNONNN" },
	{ "teacher_signin", "/teacher/signin", "LONNNNNN" },
	{ "teacher_signin_scan", "/teacher/signin/{X}/morning-in-000000", "LONNNNNN" },
	{ "teacher_signin_post", "/teacher/signin", "NONNNNNN" },
	{ "district_notices", "/district/notices", "LNNNONNO" },
	{ "district_notice_create", "/district/notices", "NNNNONNO" },
	{ "district_notice", "/district/notices/{V}", "LNNNONNN" },
	{ "district_notice", "/district/notices/{U}", "LNNNONNN" },
	{ "district_notice_save", "/district/notices/{U}", "NNNNONNN" },
	{ "district_notice_publish", "/district/notices/{V}/publish", "NNNNONNN" },
	{ "district_notice_delete", "/district/notices/{V}/delete", "NNNNONNN" },
	{ "district_notice_print", "/district/notices/{V}/print", "LNNNONNN" },
	{ "school_notices", "/school/notices", "LNOONNON" },
	{ "school_notice", "/school/notices/{V}", "LNOONNNN" },
	{ "school_notice", "/school/notices/{U}", "LNNNNNNN" },
	{ "school_notice_print", "/school/notices/{V}/print", "LNOONNNN" },
	{ "school_notice_print", "/school/notices/{U}/print", "LNNNNNNN" },
	{ "district_projects", "/district/projects", "LNNNONNO" },
	{ "district_projects", "/district/projects?state=filed", "LNNNONNO" },
	{ "district_project_file", "/district/projects", "NNNNONNO" },
	{ "district_project_approve", "/district/projects/{P}/approve", "NNNNONNN" },
	{ "district_project_reject", "/district/projects/{P}/reject", "NNNNONNN" },
	{ "district_catalogue_current", "/district/catalogue", "LNNNONNO" },
	{ "district_catalogue", "/district/years/{W}/catalogue", "LNNNONNN" },
	{ "district_item_new", "/district/years/{W}/catalogue/new", "LNNNONNN" },
	{ "district_item_create", "/district/years/{W}/catalogue/new", "NNNNONNN" },
	{ "district_group_create", "/district/years/{W}/groups", "NNNNONNN" },
	{ "district_item", "/district/items/{I}", "LNNNONNN" },
	{ "district_item_save", "/district/items/{I}", "NNNNONNN" },
	{ "district_item_move", "/district/items/{I}/move", "NNNNONNN" },
	{ "district_item_retire", "/district/items/{I}/retire", "NNNNONNN" },
	{ "district_item_restore", "/district/items/{I}/restore", "NNNNONNN" },
	{ "district_group", "/district/groups/{G}", "LNNNONNN" },
	{ "district_group_save", "/district/groups/{G}", "NNNNONNN" },
	{ "district_group_items", "/district/groups/{G}/items", "NNNNONNN" },
	{ "district_group_delete", "/district/groups/{G}/delete", "NNNNONNN" },
	{ "inbox", "/inbox", "LOOOOOOO" },
	{ "inbox_read", "/inbox/read", "NOOOOOOO" },
	{ "account_bulk", "/accounts/bulk", "LNONNNON" },
	{ "school_roster_csv", "/school/roster.csv", "LNONNNON" },
	{ "school_records_xlsx", "/school/records.xlsx", "LNOONNON" },
	{ "school_records_csv", "/school/records.csv", "LNOONNON" },
	{ "school_roster_xlsx", "/school/roster.xlsx", "LNONNNON" },
	{ "account_bulk_create", "/accounts/bulk", "NNONNNON" },
	{ "logout", "/logout", "NOOOOOOO" },
};

/* Each caller's role, for telling the core's scope refusals from its role ones. */
static const unsigned caller_role[CALLER__MAX] = {
	ROLE_ANON, ROLE_TEACHER, ROLE_SCHOOL_ADMIN, ROLE_SCHOOL_LEADER, ROLE_DISTRICT_ADMIN,
	ROLE_SYSTEM_ADMIN, ROLE_SCHOOL_ADMIN, ROLE_DISTRICT_ADMIN
};

static struct server srv;
static struct client *clients[CALLER__MAX];
static long long ids[18]; /* T, S, H, R, Q, E, Y, C, W, D, I, G, P, F, V, U, X, Z */

/* A positive number from the server's database (srv_one: the SQL must run); 0 is a failure. */
static long long
scalar(const char *sql)
{
	long long v = srv_one(&srv, sql);

	ck_assert_int_gt(v, 0);
	return v;
}

/* The logins and staff numbers are the tests' own (no quote in them). */
static long long
account_id_db(const char *login)
{
	char sql[200];

	ck_assert_ptr_null(strchr(login, '\''));
	snprintf(sql, sizeof(sql), "SELECT id FROM account WHERE login = '%s'", login);
	return scalar(sql);
}

static long long
record_of(const char *staff)
{
	char sql[300];

	ck_assert_ptr_null(strchr(staff, '\''));
	snprintf(sql, sizeof(sql), "SELECT min(r.id) FROM record r JOIN teacher_year ty"
	    " ON ty.id = r.teacher_year_id JOIN teacher t ON t.id = ty.teacher_id WHERE t.staff_no = '%s'", staff);
	return scalar(sql);
}

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	/*
	 * The test switch: the core then says in X-Xueshi-Refused which of its
	 * checks refused a request ("route", "role", "scope"), and a refusal
	 * without it came from a handler.
	 */
	setenv("XUESHI_FAULT_INJECTION", "1", 1);
	if (server_start(&srv) != 0) {
		server_stop(&srv);
		fprintf(stderr, "test_access: could not start the server\n");
		exit(1);
	}
	/* {F}: a project wtq-sx filed, waiting for the district. */
	if (srv_sql(&srv, "INSERT INTO training_project (school_year_id, name, level, state, approved, school_id)"
	    " SELECT y.id, 'access-filed', 'city', 'filed', 0, s.id FROM school s JOIN school_year y"
	    " ON y.district_id = s.district_id AND y.is_current = 1 WHERE s.code = 'wtq-sx'") != 0)
		exit(1);
	ids[0] = account_id_db("WTQ00003");
	ids[1] = account_id_db("wtq-zg-leader");
	ids[2] = account_id_db("wtq-zg-admin");
	ids[3] = record_of("WTQ00002");
	ids[4] = record_of("WTQ00003");
	ids[5] = 999999;
	ids[6] = scalar("SELECT ty.id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1 WHERE t.staff_no = 'WTQ00002'");
	ids[7] = scalar("SELECT id FROM school WHERE code = 'wtq-sx'");
	ids[8] = scalar("SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND y.is_current = 1");
	ids[9] = scalar("SELECT id FROM district WHERE code = 'wutongqiao'");
	ids[10] = scalar("SELECT i.id FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao' AND y.is_current = 1"
	    " AND i.code = 'djxx'");
	/* 五通桥's table has no cap group: one for the group pages (a change of no result). */
	ids[11] = srv_int(&srv, "INSERT INTO cap_group (school_year_id, code, name, cap_tenths)"
	    " SELECT y.id, 'access', 'access', 240 FROM school_year y JOIN district d"
	    " ON d.id = y.district_id WHERE d.code = 'wutongqiao' AND y.is_current = 1 RETURNING id");
	if (ids[11] <= 0)
		exit(1);
	ids[12] = scalar("SELECT min(p.id) FROM training_project p JOIN school_year y ON y.id = p.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wutongqiao' AND y.is_current = 1");
	ids[13] = scalar("SELECT id FROM training_project WHERE name = 'access-filed'");
	/* {V}: a published notice whose lists name wtq-sx only; {U}: a draft. */
	if (srv_sql(&srv, "INSERT INTO notice (district_id, school_year_id, number, title, issuer, issued_on,"
	    " state, published_at) SELECT d.id, y.id, 'access-1', 'access-published', 'access', '2022-09-30',"
	    " 'published', '2022-09-30T02:00:00Z' FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND y.is_current = 1;"
	    "INSERT INTO notice_entry (notice_id, section, position, school_id, school_name)"
	    " SELECT n.id, 'late', 1, s.id, s.name FROM notice n, school s"
	    " WHERE n.title = 'access-published' AND s.code = 'wtq-sx';"
	    "INSERT INTO notice (district_id, school_year_id, title, issuer, issued_on)"
	    " SELECT district_id, school_year_id, 'access-draft', 'access', '2022-09-30' FROM notice"
	    " WHERE title = 'access-published'") != 0)
		exit(1);
	ids[14] = scalar("SELECT id FROM notice WHERE title = 'access-published'");
	ids[15] = scalar("SELECT id FROM notice WHERE title = 'access-draft'");
	/* {X}: a district event; {Z}: wtq-sx's own. */
	if (srv_sql(&srv, "INSERT INTO event (district_id, school_year_id, school_id, title, item_id, held_on,"
	    " sessions, audience, review_stage) SELECT y.district_id, y.id, NULL, 'access-district', i.id,"
	    " '2022-05-20', 'both', 'district', 'district' FROM school_year y JOIN district d ON d.id = y.district_id"
	    " JOIN item i ON i.school_year_id = y.id AND i.code = 'djxx' WHERE d.code = 'wutongqiao' AND y.is_current = 1;"
	    "INSERT INTO event (district_id, school_year_id, school_id, title, item_id, held_on, sessions, audience,"
	    " review_stage) SELECT district_id, school_year_id, (SELECT id FROM school WHERE code = 'wtq-sx'),"
	    " 'access-school', item_id, held_on, 'morning', 'district', 'school' FROM event"
	    " WHERE title = 'access-district'") != 0)
		exit(1);
	ids[16] = scalar("SELECT id FROM event WHERE title = 'access-district'");
	ids[17] = scalar("SELECT id FROM event WHERE title = 'access-school'");
	unsetenv("XUESHI_FAULT_INJECTION");
}

static int log_reports;

static void
teardown(void)
{
	for (int i = 0; i < CALLER__MAX; i++)
		client_free(clients[i]);
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

static void
login_caller(enum caller who)
{
	client_free(clients[who]);
	clients[who] = client_new();
	if (caller_login[who] != NULL)
		ck_assert_int_eq(login_as(clients[who], &srv, caller_login[who], DEMO_PW), 303);
}

static void
fill_path(const char *pattern, char *out, size_t n)
{
	size_t o = 0;

	for (const char *p = pattern; *p && o + 24 < n; p++) {
		if (p[0] == '{' && p[2] == '}' && p[1] != '\0' && strchr("TSHRQEYCWDIGPFVUXZ", p[1])) {
			int k = (int)(strchr("TSHRQEYCWDIGPFVUXZ", p[1]) - "TSHRQEYCWDIGPFVUXZ");
			o += (size_t)snprintf(out + o, n - o, "%lld", ids[k]);
			p += 2;
		} else
			out[o++] = *p;
	}
	out[o] = '\0';
}

static const struct route *
find_route(const char *name)
{
	for (size_t p = 0; p < sizeof(programs) / sizeof(programs[0]); p++)
		for (size_t i = 0; i < programs[p]->nroutes; i++)
			if (strcmp(programs[p]->routes[i].name, name) == 0)
				return &programs[p]->routes[i];
	return NULL;
}

/* Every menu link is followed by exactly the roles its GET route allows. */
START_TEST(test_navigation_follows_the_route_tables)
{
	for (size_t k = 0; k < app_nnav; k++) {
		const struct route *found = NULL;
		for (size_t p = 0; p < sizeof(programs) / sizeof(programs[0]) && !found; p++)
			for (size_t i = 0; i < programs[p]->nroutes; i++)
				if (programs[p]->routes[i].method == HTTP_GET &&
				    strcmp(programs[p]->routes[i].pattern, app_nav[k].path) == 0) {
					found = &programs[p]->routes[i];
					break;
				}
		ck_assert_msg(found != NULL, "the menu links %s, which no GET route serves", app_nav[k].path);
		ck_assert_msg(found->roles == app_nav[k].roles,
		    "the menu offers %s to roles %#x, its route allows %#x", app_nav[k].path,
		    app_nav[k].roles, found->roles);
	}
}
END_TEST

START_TEST(test_every_route_has_an_expectation)
{
	for (size_t p = 0; p < sizeof(programs) / sizeof(programs[0]); p++)
		for (size_t i = 0; i < programs[p]->nroutes; i++) {
			int found = 0;
			for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
				if (strcmp(cases[k].route, programs[p]->routes[i].name) == 0)
					found = 1;
			ck_assert_msg(found, "route %s (%s) has no expectation in test_access.c",
			    programs[p]->routes[i].name, programs[p]->routes[i].pattern);
		}
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		ck_assert_msg(find_route(cases[k].route) != NULL, "case for unknown route %s", cases[k].route);
		ck_assert_uint_eq(strlen(cases[k].expect), CALLER__MAX);
	}
}
END_TEST

static char
classify(const struct reply *r)
{
	char *loc;
	char c;

	if (r->status == 404)
		return 'N';
	if (r->status == 303) {
		loc = reply_header(r, "Location");
		c = loc != NULL && strncmp(loc, "/login", 6) == 0 ? 'L' : 'O';
		free(loc);
		return c;
	}
	if ((r->status >= 200 && r->status < 300) || r->status == 409 || r->status == 422)
		return 'O';
	return '?';
}

/*
 * The matrix, and for every refusal of a caller whose role may use the
 * route, that the core's scope check gave it, before the handler ran: with
 * every handler's own check removed, nothing would open.
 */
START_TEST(test_access_matrix)
{
	int wrong = 0, by_handler = 0;

	for (int who = 0; who < CALLER__MAX; who++)
		login_caller((enum caller)who);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const struct route *rt = find_route(cases[k].route);
		char path[256];

		ck_assert_ptr_nonnull(rt);
		fill_path(cases[k].path, path, sizeof(path));
		for (int who = 0; who < CALLER__MAX; who++) {
			struct reply r;
			char got;
			if (rt->method == HTTP_POST)
				post_form(clients[who], &srv, path, "", &r);
			else
				ck_assert_int_eq(client_do(clients[who], &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
			got = classify(&r);
			if (got != cases[k].expect[who]) {
				fprintf(stderr, "access: %s %s as %s: expected %c, got %c (%ld)\n",
				    rt->method == HTTP_POST ? "POST" : "GET", path,
				    caller_login[who] ? caller_login[who] : "anonymous",
				    cases[k].expect[who], got, r.status);
				wrong++;
			} else if (got == 'N' && (rt->roles & caller_role[who])) {
				char *by = reply_header(&r, "X-Xueshi-Refused");
				if (by == NULL || strcmp(by, "scope") != 0) {
					fprintf(stderr, "access: %s %s as %s: refused by %s, not by the core's scope\n",
					    rt->method == HTTP_POST ? "POST" : "GET", path,
					    caller_login[who] ? caller_login[who] : "anonymous",
					    by ? by : "the handler");
					by_handler++;
				}
				free(by);
			}
			reply_free(&r);
			/* Logging out ends the session: log back in for what follows. */
			if (strcmp(cases[k].route, "logout") == 0)
				login_caller((enum caller)who);
		}
	}
	ck_assert_msg(wrong == 0, "%d answers differ from the access matrix (listed above)", wrong);
	ck_assert_msg(by_handler == 0, "%d refusals came from handlers, not the core (listed above)",
	    by_handler);
}
END_TEST

/*
 * Objects named in a form's body, not the path: another school's admin
 * ticking our teacher-year for bulk registration gets 404 from the core's
 * scope check; approving our record in a bulk review counts it as refused
 * and leaves it as it was.
 */
START_TEST(test_body_objects_are_scoped)
{
	struct reply r;
	char fields[128], *by, *loc;
	long long before, after;

	login_caller(OTHER_SCHOOL);
	snprintf(fields, sizeof(fields), "teachers=%lld", ids[6]);
	post_form(clients[OTHER_SCHOOL], &srv, "/school/bulk", fields, &r);
	ck_assert_int_eq(r.status, 404);
	by = reply_header(&r, "X-Xueshi-Refused");
	ck_assert_ptr_nonnull(by);
	ck_assert_str_eq(by, "scope");
	free(by);
	reply_free(&r);

	snprintf(fields, sizeof(fields), "SELECT COUNT(*) + 1 FROM review WHERE record_id = %lld", ids[3]);
	before = scalar(fields);
	snprintf(fields, sizeof(fields), "record=%lld", ids[3]);
	post_form(clients[OTHER_SCHOOL], &srv, "/school/review/bulk", fields, &r);
	ck_assert_int_eq(r.status, 303);
	loc = reply_header(&r, "Location");
	ck_assert_ptr_nonnull(loc);
	ck_assert_str_eq(loc, "/school/review?done=0&refused=1");
	free(loc);
	reply_free(&r);
	snprintf(fields, sizeof(fields), "SELECT COUNT(*) + 1 FROM review WHERE record_id = %lld", ids[3]);
	after = scalar(fields);
	ck_assert_int_eq(after, before);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("access");
	TCase *tc = tcase_create("matrix");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_every_route_has_an_expectation);
	tcase_add_test(tc, test_navigation_follows_the_route_tables);
	tcase_add_test(tc, test_access_matrix);
	tcase_add_test(tc, test_body_objects_are_scoped);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
