/*
 * test_events.c - a district training event from creation to 200 teachers'
 * approved hours, with no list typed (issue 16), through the real server
 * with scripted phones and the tests' clock (X-Xueshi-Now). 五华's 专题培训
 * (ztpx) counts 4 h a half-day, its cap group 24 h a year.
 *
 * 五华 has 90 demo teachers; 110 more join its three schools. On 2026-05-20
 * (UTC+8), a full day (08:30-11:30, 14:00-17:00), the whole district:
 *   - morning: phones 0-189 sign in between 08:20 and 08:25, each within a
 *     slot of the projector's code; phones 190-198 at 08:50 (late: more than
 *     5 minutes after 08:30); phone 199 never, the organiser adds it with a
 *     reason. Phone 0 signing in again counts once; a code from 08:24:30
 *     used at 08:26:05 (three slots on) is refused;
 *   - afternoon: phones 0-189 and 199 (199 by the typed 6 digits), the
 *     organiser strikes phone 5 out with a reason; phones 0-9 sign out at
 *     16:00 (early), the others at 17:00; phone 190, never in that
 *     afternoon, cannot sign out;
 *   - so 200 present in the morning and 190 in the afternoon: closing makes
 *     200 records, 190 of 2 half-days (8 h) and 10 of 1 (4 h), 1,560 h
 *     claimed, each in 复核 with the attendance sheet as roster evidence;
 *     closing again makes none. The district approves them all at once;
 *   - phone 20's teacher already had 5 half-days (20 h) of 专题培训 approved:
 *     the event's 8 h count 4 (the 24 h cap), the teacher's confirmed hours
 *     rise by exactly 4;
 *   - a teacher outside an event's schools is refused; a school's own event
 *     goes to 初核 and is the school's only; a confirmed school takes no new
 *     records; bad input is refused and kept.
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

#define PHONES 200
#define WH_YEAR "(SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id" \
	" WHERE d.code = 'wuhua' AND y.is_current = 1)"

static void
setup(void)
{
	setenv("XUESHI_FAULT_INJECTION", "1", 1);
	demo_setup(&srv);
	unsetenv("XUESHI_FAULT_INJECTION");
	/* 110 more teachers, round the three schools, each with an account (the demo password). */
	ck_assert_int_eq(srv_sql(&srv,
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 110)"
	    " INSERT INTO teacher (district_id, name, gender, id_number, staff_no, subject, title)"
	    " SELECT d.id, '培训' || i, 'M', printf('53010219800101%04d', i), printf('WH9%04d', i), '数学', '一级教师'"
	    " FROM n, district d WHERE d.code = 'wuhua';"
	    "INSERT INTO teacher_year (teacher_id, school_year_id, school_id)"
	    " SELECT t.id, " WH_YEAR ", s.id FROM teacher t JOIN (SELECT id, district_id,"
	    "  row_number() OVER (PARTITION BY district_id ORDER BY code) - 1 AS k FROM school) s ON s.district_id = t.district_id"
	    "  AND s.k = CAST(substr(t.staff_no, 4) AS INTEGER) % 3"
	    " WHERE t.staff_no LIKE 'WH9____';"
	    "INSERT INTO account (login, display_name, role, district_id, school_id, teacher_id, password_hash,"
	    " must_change_password) SELECT t.staff_no, t.name, 'teacher', t.district_id, ty.school_id, t.id,"
	    " (SELECT password_hash FROM account WHERE login = 'WH00001'), 0 FROM teacher t"
	    " JOIN teacher_year ty ON ty.teacher_id = t.id WHERE t.staff_no LIKE 'WH9____';"
	    /* Every school's year open (the demo confirms one). */
	    "DELETE FROM school_year_state WHERE school_year_id = " WH_YEAR ";"
	    "INSERT INTO result_dirty SELECT id FROM teacher_year WHERE true ON CONFLICT DO NOTHING;"), 0);
}

static void
teardown(void)
{
	demo_teardown(&srv, &log_reports);
}

static void
clock_at(struct client *cl, const char *hhmmss)
{
	char h[96];

	snprintf(h, sizeof(h), "X-Xueshi-Now: 2026-05-20T%s+08:00", hhmmss);
	client_set_header(cl, h);
}

/* The staff number of phone i: the demo's WH00001-WH00090, then WH90001-WH90110. */
static void
staff_of(int i, char *out, size_t n)
{
	if (i < 90)
		snprintf(out, n, "WH%05d", i + 1);
	else
		snprintf(out, n, "WH9%04d", i - 89);
}

/* The projector's code of event's session and mode at the time (malloc'd). */
static char *
projector(struct client *d, const char *side, long long event, const char *session, const char *mode,
    const char *hhmmss)
{
	char path[160];
	long status;
	xmlDocPtr x;
	char *code;

	clock_at(d, hhmmss);
	snprintf(path, sizeof(path), "/%s/events/%lld/signin?session=%s&mode=%s", side, event, session, mode);
	x = get_xml(d, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	code = xpath_string(x, "/page/signin/@code");
	ck_assert_ptr_nonnull(code);
	ck_assert_int_eq((int)strlen(code), 6);
	xmlFreeDoc(x);
	return code;
}

/* A phone signs with the QR code's link (event given) or the typed digits (event 0). */
static long
sign(struct client *p, long long event, const char *session, const char *mode, const char *code,
    const char *hhmmss, struct reply *out)
{
	char fields[128];
	struct reply r;
	long status;

	clock_at(p, hhmmss);
	if (event > 0)
		snprintf(fields, sizeof(fields), "e=%lld&c=%s-%s-%s", event, session, mode, code);
	else
		snprintf(fields, sizeof(fields), "c=%s", code);
	status = post_form(p, &srv, "/teacher/signin?format=xml", fields, &r);
	if (out != NULL)
		*out = r;
	else
		reply_free(&r);
	return status;
}

static long long
create_event(struct client *cl, const char *side, const char *fields)
{
	char path[64];
	struct reply r;
	long status;

	snprintf(path, sizeof(path), "/%s/events", side);
	status = post_form(cl, &srv, path, fields, &r);
	ck_assert_msg(status == 303, "create: %ld %s", status, r.body ? r.body : "");
	reply_free(&r);
	return srv_int(&srv, "SELECT max(id) FROM event");
}

static long
post_to(struct client *cl, const char *fmt, long long id, const char *fields)
{
	char path[160];
	struct reply r;
	long status;

	snprintf(path, sizeof(path), fmt, id);
	status = post_form(cl, &srv, path, fields, &r);
	reply_free(&r);
	return status;
}

static long long
confirmed_tenths(struct client *d, const char *staff)
{
	char sql[256], path[96], expr[160];
	long status;
	long long v;
	xmlDocPtr x;

	snprintf(sql, sizeof(sql), "SELECT ty.school_id FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE t.staff_no = '%s' AND ty.school_year_id = " WH_YEAR, staff);
	snprintf(path, sizeof(path), "/district/schools/%lld", srv_int(&srv, sql));
	x = get_xml(d, &srv, path, &status);
	ck_assert_int_eq(status, 200);
	snprintf(expr, sizeof(expr), "number(//teachers/teacher[@staff-no = '%s']/result/@confirmed-tenths)", staff);
	v = xpath_long(x, expr);
	xmlFreeDoc(x);
	return v;
}

START_TEST(test_district_event_to_approved_hours)
{
	struct client *d = client_as(&srv, "wuhua-admin"), *phone[PHONES];
	char fields[1024], staff[16], at[16], *code = NULL;
	long long event, ztpx = srv_int(&srv, "SELECT id FROM item WHERE code = 'ztpx' AND school_year_id = " WH_YEAR);
	long long before, records;
	struct reply r;
	xmlDocPtr x;
	long status;

	ck_assert_int_gt(ztpx, 0);
	/* Phone 20's teacher: 5 half-days of 专题培训 approved already (20 h of the 24 h cap). */
	staff_of(20, staff, sizeof(staff));
	snprintf(fields, sizeof(fields),
	    "DELETE FROM record WHERE item_id = %lld AND teacher_year_id = (SELECT ty.id FROM teacher_year ty"
	    " JOIN teacher t ON t.id = ty.teacher_id WHERE t.staff_no = '%s' AND ty.school_year_id = " WH_YEAR ");"
	    "INSERT INTO record (teacher_year_id, item_id, started_on, ended_on, quantity, claimed_tenths, state)"
	    " SELECT ty.id, %lld, '2026-03-10', '2026-03-12', 5, 200, 'district_approved' FROM teacher_year ty"
	    " JOIN teacher t ON t.id = ty.teacher_id WHERE t.staff_no = '%s' AND ty.school_year_id = " WH_YEAR,
	    ztpx, staff, ztpx, staff);
	ck_assert_int_eq(srv_sql(&srv, fields), 0);
	before = confirmed_tenths(d, staff);

	snprintf(fields, sizeof(fields), "title=%s&item=%lld&held_on=2026-05-20&sessions=both&audience=district"
	    "&review_stage=district&place=%s&organiser=%s", "2026%E5%B9%B4%E6%98%A5%E5%AD%A3%E4%B8%93%E9%A2%98%E5%9F%B9%E8%AE%AD",
	    ztpx, "%E4%BA%94%E5%8D%8E%E5%8C%BA", "%E7%A7%91%E7%A0%94%E4%B8%AD%E5%BF%83");
	event = create_event(d, "district", fields);

	for (int i = 0; i < PHONES; i++) {
		staff_of(i, staff, sizeof(staff));
		phone[i] = client_as(&srv, staff);
	}
	/* Morning: ten groups of 19 within a slot of the code each, then nine late. */
	for (int i = 0; i < 190; i++) {
		int g = i / 19;
		if (i % 19 == 0) {
			free(code);
			snprintf(at, sizeof(at), "08:%02d:%02d", 20 + g / 2, (g % 2) * 30);
			code = projector(d, "district", event, "morning", "in", at);
		}
		snprintf(at, sizeof(at), "08:%02d:%02d", 20 + g / 2, (g % 2) * 30 + 10 + i % 19);
		ck_assert_int_eq(sign(phone[i], event, "morning", "in", code, at, NULL), 200);
	}
	/* The code of 08:24:30 three slots later is refused. */
	ck_assert_int_eq(sign(phone[0], event, "morning", "in", code, "08:26:05", &r), 422);
	ck_assert(reply_contains(&r, "code=\"signin_code_invalid\""));
	reply_free(&r);
	free(code);
	code = NULL;
	code = projector(d, "district", event, "morning", "in", "08:50:00");
	for (int i = 190; i < 199; i++)
		ck_assert_int_eq(sign(phone[i], event, "morning", "in", code, "08:50:05", NULL), 200);
	/* Signing in again changes nothing. */
	ck_assert_int_eq(sign(phone[0], event, "morning", "in", code, "08:50:10", &r), 200);
	ck_assert(reply_contains(&r, "already=\"yes\""));
	reply_free(&r);
	free(code);
	code = NULL;
	/* Phone 199 forgot: the organiser adds it. */
	staff_of(199, staff, sizeof(staff));
	snprintf(fields, sizeof(fields), "staff_no=%s&session=morning&present=yes&reason=%s", staff,
	    "%E6%89%8B%E6%9C%BA%E6%B2%A1%E7%94%B5");
	clock_at(d, "09:00:00");
	ck_assert_int_eq(post_to(d, "/district/events/%lld/attendance", event, fields), 303);

	/* Afternoon. */
	for (int i = 0; i < 190; i++) {
		int g = i / 19;
		if (i % 19 == 0) {
			free(code);
			snprintf(at, sizeof(at), "13:%02d:%02d", 50 + g / 2, (g % 2) * 30);
			code = projector(d, "district", event, "afternoon", "in", at);
		}
		snprintf(at, sizeof(at), "13:%02d:%02d", 50 + g / 2, (g % 2) * 30 + 10 + i % 19);
		ck_assert_int_eq(sign(phone[i], event, "afternoon", "in", code, at, NULL), 200);
	}
	free(code);
	code = NULL;
	code = projector(d, "district", event, "afternoon", "in", "13:58:00");
	/* Typed: the 6 digits alone find the day's event. */
	ck_assert_int_eq(sign(phone[199], 0, NULL, NULL, code, "13:58:03", &r), 200);
	ck_assert(reply_contains(&r, "<signed session=\"afternoon\" mode=\"in\""));
	reply_free(&r);
	free(code);
	code = NULL;
	snprintf(fields, sizeof(fields), "staff_no=%s&session=afternoon&present=no&reason=%s",
	    (staff_of(5, staff, sizeof(staff)), staff), "%E4%B8%AD%E9%80%94%E7%A6%BB%E5%9C%BA");
	ck_assert_int_eq(post_to(d, "/district/events/%lld/attendance", event, fields), 303);
	code = projector(d, "district", event, "afternoon", "out", "16:00:00");
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(sign(phone[i], event, "afternoon", "out", code, "16:00:05", NULL), 200);
	/* Not in this afternoon: nothing to sign out of. */
	ck_assert_int_eq(sign(phone[190], event, "afternoon", "out", code, "16:00:06", &r), 409);
	ck_assert(reply_contains(&r, "code=\"signin_not_signed_in\""));
	reply_free(&r);
	/* The others at 17:00: phones 10-189 and 199. */
	for (int k = 0; k < 181; k++) {
		if (k % 20 == 0) {
			free(code);
			snprintf(at, sizeof(at), "17:%02d:00", k / 20);
			code = projector(d, "district", event, "afternoon", "out", at);
		}
		snprintf(at, sizeof(at), "17:%02d:%02d", k / 20, 5 + k % 20);
		ck_assert_int_eq(sign(phone[k < 180 ? 10 + k : 199], event, "afternoon", "out", code, at, NULL), 200);
	}
	free(code);
	code = NULL;

	/* The list as the organiser sees it. */
	{
		char path[96];
		snprintf(path, sizeof(path), "/district/events/%lld", event);
		x = get_xml(d, &srv, path, &status);
		ck_assert_int_eq(status, 200);
		ck_assert_int_eq(xpath_long(x, "number(/page/attendance/@teachers)"), 200);
		ck_assert_int_eq(xpath_long(x, "number(/page/attendance/@morning)"), 200);
		ck_assert_int_eq(xpath_long(x, "number(/page/attendance/@afternoon)"), 190);
		ck_assert_int_eq(xpath_long(x, "count(//session[@late = 'yes'])"), 9);
		ck_assert_int_eq(xpath_long(x, "count(//session[@early = 'yes'])"), 10);
		ck_assert_int_eq(xpath_long(x, "count(//session[@via = 'organiser'])"), 1);
		ck_assert_int_eq(xpath_long(x, "count(//session[@via = 'code'])"), 1);
		ck_assert_int_eq(xpath_long(x, "count(//session[@present = 'no'])"), 1);
		xmlFreeDoc(x);
	}

	/* Closing: 200 records, 190 of 8 h and 10 of 4 h, in 复核, each with the sheet. */
	ck_assert_int_eq(post_to(d, "/district/events/%lld/close", event, ""), 303);
	records = srv_intf(&srv, "SELECT count(*) FROM event_record WHERE event_id = %lld", event);
	ck_assert_int_eq(records, 200);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM record r JOIN event_record e ON e.record_id = r.id"
	    " WHERE e.event_id = %lld AND r.quantity = 2 AND r.claimed_tenths = 80", event), 190);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM record r JOIN event_record e ON e.record_id = r.id"
	    " WHERE e.event_id = %lld AND r.quantity = 1 AND r.claimed_tenths = 40", event), 10);
	ck_assert_int_eq(srv_intf(&srv, "SELECT sum(r.claimed_tenths) FROM record r JOIN event_record e"
	    " ON e.record_id = r.id WHERE e.event_id = %lld", event), 15600);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM record r JOIN event_record e ON e.record_id = r.id"
	    " WHERE e.event_id = %lld AND r.state = 'school_approved' AND r.started_on = '2026-05-20'", event), 200);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(DISTINCT v.record_id) FROM evidence v JOIN event_record e"
	    " ON e.record_id = v.record_id WHERE e.event_id = %lld AND v.kind = 'roster'", event), 200);
	ck_assert_int_eq(post_to(d, "/district/events/%lld/close", event, ""), 409);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM event_record WHERE event_id = %lld", event), 200);

	/* The district approves the 200 at once. */
	{
		size_t cap = 200 * 24, o = 0;
		char *body = malloc(cap);
		char sql[160];
		ck_assert_ptr_nonnull(body);
		for (long long k = 0; k < 200; k++) {
			snprintf(sql, sizeof(sql), "SELECT record_id FROM event_record WHERE event_id = %lld"
			    " ORDER BY record_id LIMIT 1 OFFSET %lld", event, k);
			o += (size_t)snprintf(body + o, cap - o, "%srecord=%lld", k ? "&" : "", srv_int(&srv, sql));
		}
		status = post_form(d, &srv, "/district/review/bulk", body, &r);
		ck_assert_msg(status == 303 || status == 200, "bulk approve: %ld", status);
		reply_free(&r);
		free(body);
	}
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM record r JOIN event_record e ON e.record_id = r.id"
	    " WHERE e.event_id = %lld AND r.state = 'district_approved'", event), 200);
	/* The cap still holds: 8 h claimed, 4 h counted for phone 20's teacher. */
	staff_of(20, staff, sizeof(staff));
	ck_assert_int_eq(confirmed_tenths(d, staff) - before, 40);

	/* The sheet: 200 morning rows and 191 afternoon ones (the struck one too), as Excel reads it. */
	{
		char path[96], file[1024], *rows;
		snprintf(path, sizeof(path), "/district/events/%lld/attendance.xlsx", event);
		ck_assert_int_eq(client_do(d, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
		ck_assert_int_eq(r.status, 200);
		snprintf(file, sizeof(file), "%s/attendance.xlsx", srv.dir);
		{
			FILE *fp = fopen(file, "wb");
			ck_assert_ptr_nonnull(fp);
			ck_assert_uint_eq(fwrite(r.body, 1, r.len, fp), r.len);
			fclose(fp);
		}
		reply_free(&r);
		rows = shell_output("/usr/bin/python3 -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active;"
		    " print(ws.max_row)\" %s", file);
		/* A title row and a header row above the 391. */
		ck_assert_int_eq(atoi(rows), 393);
		free(rows);
	}
	for (int i = 0; i < PHONES; i++)
		client_free(phone[i]);
	client_free(d);
}
END_TEST

START_TEST(test_invitations_school_events_locks_and_bad_input)
{
	struct client *d = client_as(&srv, "wuhua-admin"), *ez = client_as(&srv, "wh-ez-admin");
	struct client *hy_admin = client_as(&srv, "wh-hy-admin"), *t_hy, *t_ez;
	long long ztpx = srv_int(&srv, "SELECT id FROM item WHERE code = 'ztpx' AND school_year_id = " WH_YEAR);
	long long hy = srv_int(&srv, "SELECT id FROM school WHERE code = 'wh-hy'");
	long long event, school_event;
	char fields[512], *code, *hy_staff, *ez_staff, *tj_staff, path[96];
	struct reply r;
	long status;
	xmlDocPtr x;

	hy_staff = srv_text(&srv, "SELECT t.staff_no FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = 'wh-hy' AND t.staff_no LIKE 'WH0%' ORDER BY t.staff_no LIMIT 1");
	ez_staff = srv_text(&srv, "SELECT t.staff_no FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = 'wh-ez' AND t.staff_no LIKE 'WH0%' ORDER BY t.staff_no LIMIT 1");
	tj_staff = srv_text(&srv, "SELECT t.staff_no FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school s ON s.id = ty.school_id WHERE s.code = 'wh-tj' AND t.staff_no LIKE 'WH0%' ORDER BY t.staff_no LIMIT 1");
	t_hy = client_as(&srv, hy_staff);
	t_ez = client_as(&srv, ez_staff);

	/* A district event for 红云小学 only: a 第二中学 teacher is refused. */
	snprintf(fields, sizeof(fields), "title=hy-only&item=%lld&held_on=2026-05-20&sessions=morning"
	    "&audience=schools&schools=%lld&review_stage=district", ztpx, hy);
	event = create_event(d, "district", fields);
	code = projector(d, "district", event, "morning", "in", "08:30:00");
	ck_assert_int_eq(sign(t_ez, event, "morning", "in", code, "08:30:05", &r), 403);
	ck_assert(reply_contains(&r, "code=\"signin_not_invited\""));
	reply_free(&r);
	ck_assert_int_eq(sign(t_hy, event, "morning", "in", code, "08:30:06", NULL), 200);
	/* An afternoon that the event does not have. */
	ck_assert_int_eq(sign(t_hy, event, "afternoon", "in", code, "08:30:07", NULL), 422);
	free(code);
	code = NULL;
	/* A confirmed school takes no new records until it is reopened. */
	ck_assert_int_eq(srv_sql(&srv, "INSERT INTO school_year_state (school_id, school_year_id, state, confirmed_at)"
	    " SELECT id, " WH_YEAR ", 'confirmed', '2026-06-01T00:00:00Z' FROM school WHERE code = 'wh-hy'"), 0);
	snprintf(path, sizeof(path), "/district/events/%lld/close?format=xml", event);
	ck_assert_int_eq(post_form(d, &srv, path, "", &r), 409);
	ck_assert(reply_contains(&r, "code=\"event_school_locked\""));
	ck_assert(reply_contains(&r, "<school>五华区红云小学</school>"));
	reply_free(&r);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM event_record WHERE event_id = %lld", event), 0);
	ck_assert_int_eq(srv_sql(&srv, "DELETE FROM school_year_state WHERE school_year_id = " WH_YEAR), 0);
	ck_assert_int_eq(post_to(d, "/district/events/%lld/close", event, ""), 303);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM event_record WHERE event_id = %lld", event), 1);

	/* A school's own event: its teachers only, into 初核, the school's only. */
	snprintf(fields, sizeof(fields), "title=ez-own&item=%lld&held_on=2026-05-21&sessions=afternoon"
	    "&audience=district&review_stage=district", ztpx);
	ck_assert_int_eq(post_form(ez, &srv, "/school/events?format=xml", fields, &r), 422);
	ck_assert(reply_contains(&r, "code=\"event_stage_district\""));
	reply_free(&r);
	snprintf(fields, sizeof(fields), "title=ez-own&item=%lld&held_on=2026-05-21&sessions=afternoon"
	    "&audience=district&review_stage=school", ztpx);
	school_event = create_event(ez, "school", fields);
	code = projector(ez, "school", school_event, "afternoon", "in", "14:00:00");
	{
		char iso[] = "14:00:05";
		char h[96];
		snprintf(h, sizeof(h), "X-Xueshi-Now: 2026-05-21T%s+08:00", iso);
		client_set_header(t_hy, h);
		snprintf(fields, sizeof(fields), "e=%lld&c=afternoon-in-%s", school_event, code);
		/* The projector's clock was 2026-05-20 14:00 (clock_at): the same slot a day later is not it. */
		ck_assert_int_eq(post_form(t_hy, &srv, "/teacher/signin?format=xml", fields, &r), 422);
		reply_free(&r);
	}
	ck_assert_int_eq(sign(t_hy, school_event, "afternoon", "in", code, "14:00:06", NULL), 403);
	ck_assert_int_eq(sign(t_ez, school_event, "afternoon", "in", code, "14:00:07", NULL), 200);
	free(code);
	code = NULL;
	snprintf(path, sizeof(path), "/school/events/%lld", school_event);
	x = get_xml(hy_admin, &srv, path, &status);
	ck_assert_int_eq(status, 404);
	xmlFreeDoc(x);
	ck_assert_int_eq(post_to(ez, "/school/events/%lld/close", school_event, ""), 303);
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM record r JOIN event_record e ON e.record_id = r.id"
	    " WHERE e.event_id = %lld AND r.state = 'submitted' AND r.quantity = 1 AND r.claimed_tenths = 40",
	    school_event), 1);

	/* Bad input: refused, what was typed kept, nothing made. */
	{
		long long n = srv_int(&srv, "SELECT count(*) FROM event");
		long long xj = srv_int(&srv, "SELECT id FROM item WHERE code = 'xjspx' AND school_year_id = " WH_YEAR);
		snprintf(fields, sizeof(fields), "title=bad&item=%lld&held_on=2026-05-20&sessions=both&audience=district"
		    "&review_stage=school", xj);
		ck_assert_int_eq(post_form(d, &srv, "/district/events?format=xml", fields, &r), 422);
		ck_assert(reply_contains(&r, "code=\"event_item_invalid\""));
		ck_assert(reply_contains(&r, "<value name=\"title\">bad</value>"));
		reply_free(&r);
		snprintf(fields, sizeof(fields), "title=bad&item=%lld&held_on=2027-01-05&sessions=both&audience=list"
		    "&staff_nos=%s%%0ANOPE1&review_stage=school&morning_from=8h30", ztpx, tj_staff);
		ck_assert_int_eq(post_form(d, &srv, "/district/events?format=xml", fields, &r), 422);
		ck_assert(reply_contains(&r, "code=\"event_outside_year\""));
		ck_assert(reply_contains(&r, "code=\"event_staff_unknown\" detail=\"NOPE1\""));
		ck_assert(reply_contains(&r, "code=\"bad_time\""));
		reply_free(&r);
		ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM event"), n);
	}
	free(hy_staff);
	free(ez_staff);
	free(tj_staff);
	client_free(t_hy);
	client_free(t_ez);
	client_free(hy_admin);
	client_free(ez);
	client_free(d);
}
END_TEST

START_TEST(test_sign_in_sheet_prints_on_a4)
{
	struct client *d = client_as(&srv, "wuhua-admin"), *t = client_as(&srv, "WH00001");
	long long ztpx = srv_int(&srv, "SELECT id FROM item WHERE code = 'ztpx' AND school_year_id = " WH_YEAR);
	long long event;
	char fields[256], path[96], html[1024], pdf[1024], *code, *size, *text;
	struct reply r;

	snprintf(fields, sizeof(fields), "title=print&item=%lld&held_on=2026-05-20&sessions=morning"
	    "&audience=district&review_stage=school", ztpx);
	event = create_event(d, "district", fields);
	code = projector(d, "district", event, "morning", "in", "08:40:00");
	ck_assert_int_eq(sign(t, event, "morning", "in", code, "08:40:02", NULL), 200);
	free(code);
	code = NULL;
	snprintf(path, sizeof(path), "/district/events/%lld/print", event);
	ck_assert_int_eq(client_do(d, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(html, sizeof(html), "%s/attendance.html", srv.dir);
	snprintf(pdf, sizeof(pdf), "%s/attendance.pdf", srv.dir);
	html_save(&r, html);
	reply_free(&r);
	ck_assert_int_ge(chromium_pdf(&srv, html, pdf), 1);
	size = shell_output("pdfinfo %s | sed -n 's/^Page size: *//p'", pdf);
	ck_assert_msg(strstr(size, "(A4)") != NULL, "page size %s", size);
	free(size);
	text = shell_output("pdftotext -enc UTF-8 %s -", pdf);
	ck_assert(strstr(text, "签到表") != NULL);
	ck_assert(strstr(text, "WH00001") != NULL);
	ck_assert(strstr(text, "迟到") != NULL);   /* 08:40 is 10 minutes after 08:30 */
	free(text);
	/* The projector page reloads itself when its code changes: at 08:40:00, 30 s on. */
	snprintf(path, sizeof(path), "/district/events/%lld/signin?session=morning&mode=in", event);
	clock_at(d, "08:40:00");
	ck_assert_int_eq(client_do(d, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert(reply_contains(&r, "<meta http-equiv=\"refresh\" content=\"30\">"));
	ck_assert(reply_contains(&r, "<svg"));
	/* The projected QR code, as a phone's camera reads it (zbarimg on Chromium's screenshot). */
	{
		char png[1024], want[256], *got;
		snprintf(html, sizeof(html), "%s/projector.html", srv.dir);
		snprintf(png, sizeof(png), "%s/projector.png", srv.dir);
		html_save(&r, html);
		free(shell_output("chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run"
		    " --user-data-dir=%s/chromium --allow-file-access-from-files --window-size=1280,900"
		    " --screenshot=%s file://%s >/dev/null 2>&1", srv.dir, png, html));
		got = shell_output("zbarimg -q --raw %s 2>/dev/null", png);
		code = projector(d, "district", event, "morning", "in", "08:40:00");
		snprintf(want, sizeof(want), "%s/teacher/signin/%lld/morning-in-%s", srv.base, event, code);
		ck_assert_msg(strstr(got, want) != NULL, "the QR code reads \"%s\", not %s", got, want);
		free(got);
		free(code);
	}
	reply_free(&r);
	client_free(t);
	client_free(d);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("events");
	TCase *tc = tcase_create("events");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, test_district_event_to_approved_hours);
	tcase_add_test(tc, test_invitations_school_events_locks_and_bad_input);
	tcase_add_test(tc, test_sign_in_sheet_prints_on_a4);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return suite_main(suite(), "test_events", &log_reports);
}
