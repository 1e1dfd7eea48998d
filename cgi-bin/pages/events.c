/* pages/events.c - see events.h */
#include "pages/events.h"

#include "core/form.h"
#include "core/files.h"
#include "core/qr.h"
#include "core/render.h"
#include "core/sheet.h"
#include "domain/deadline.h"
#include "domain/signin.h"
#include "core/strings.h"
#include "pages/records.h"
#include "pages/verify.h"
#include "store/assess.h"
#include "store/audit.h"
#include "store/event.h"
#include "store/project.h"
#include "store/record.h"
#include "store/review.h"
#include "store/school.h"
#include "store/policy.h"
#include "store/settings.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const event_sessions[] = { "morning", "afternoon", "both", NULL };
const char *const event_session_one[] = { "morning", "afternoon", NULL };
const char *const event_audiences[] = { "district", "schools", "list", NULL };
const char *const event_stages[] = { "school", "district", NULL };
const char *const event_modes[] = { "in", "out", NULL };
const char *const event_presence[] = { "yes", "no", NULL };

/* A word of the string table (the spreadsheet's headers), or its key. */
static const char *
word(struct ctx *c, const char *key)
{
	return strings_word(c->cfg->xsl_dir, key);
}

/* Minutes of grace before a sign-in is late or a sign-out early. */
#define EVENT_GRACE_MINUTES 5
#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
/* Staff numbers an audience list may name. */
#define EVENT_LIST_MAX 5000

/* The organiser's side: "district" or "school" (the path's first segment). */
static const char *
side(struct ctx *c)
{
	return c->user->role == ROLE_NAME_DISTRICT_ADMIN ? "district" : "school";
}

static int
has_session(const struct event_row *e, const char *session)
{
	return strcmp(e->sessions, "both") == 0 || strcmp(e->sessions, session) == 0;
}

static int
utc_offset(struct ctx *c)
{
	struct district_settings s;

	return store_district_settings(c->db, c->a, c->user->district_id, &s) == DB_OK ?
	    (int)s.utc_offset_minutes : 480;
}

/* The local "HH:MM" of a stamp on the event's day (another day: its date too). */
static const char *
local_time(struct ctx *c, const char *stamp, int off, const char *day)
{
	int ok = 0;
	long m = signin_minutes_after(stamp, off, day, "00:00", &ok);
	char d[11];

	if (!ok)
		return "";
	if (m >= 0 && m < 1440)
		return arena_printf(c->a, "%02ld:%02ld", m / 60, m % 60);
	if (deadline_local_day_of(stamp, off, d) != 0)
		return "";
	m = ((m % 1440) + 1440) % 1440;
	return arena_printf(c->a, "%s %02ld:%02ld", d, m / 60, m % 60);
}

static xmlNodePtr
event_xml(struct ctx *c, xmlNodePtr parent, const struct event_row *e)
{
	xmlNodePtr x = xml_node(parent, "event");

	if (x == NULL)
		return NULL;
	xml_attr_int(x, "id", e->id);
	xml_attr(x, "state", e->state);
	xml_attr(x, "year", e->year);
	xml_attr(x, "held-on", e->held_on);
	xml_attr(x, "sessions", e->sessions);
	xml_attr(x, "morning-from", e->morning_from);
	xml_attr(x, "morning-to", e->morning_to);
	xml_attr(x, "afternoon-from", e->afternoon_from);
	xml_attr(x, "afternoon-to", e->afternoon_to);
	xml_attr(x, "audience", e->audience);
	xml_attr(x, "review-stage", e->review_stage);
	xml_attr(x, "by", e->school_id > 0 ? "school" : "district");
	xml_attr_int(x, "item", e->item_id);
	xml_attr(x, "item-code", e->item_code);
	xml_attr(x, "item-unit", e->item_unit);
	xml_attr(x, "item-hours", app_hours(c, e->item_hours_tenths));
	xml_attr_int(x, "attended", e->attended);
	xml_attr_int(x, "records", e->records);
	if (e->project_id > 0)
		xml_attr_int(x, "project", e->project_id);
	if (*e->closed_at)
		xml_attr(x, "closed-at", e->closed_at);
	xml_text(x, "title", e->title);
	xml_text(x, "item-name", e->item_name);
	if (*e->place)
		xml_text(x, "place", e->place);
	if (*e->organiser)
		xml_text(x, "organiser", e->organiser);
	if (*e->project_name)
		xml_text(x, "project-name", e->project_name);
	if (*e->school_name)
		xml_text(x, "school-name", e->school_name);
	return x;
}

/* The event's audit row: action on event id, with after (begun and filled by the caller). */
static enum db_result
audit_event(struct ctx *c, struct db *db, const char *action, long long id, struct audit_json *after)
{
	struct audit_entry e = { 0 };

	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = action;
	e.object_type = "event";
	e.object_id = id;
	e.after = audit_json_end(after);
	e.client = c->req->remote_addr;
	return e.after != NULL ? audit_write(db, &e) : DB_ERROR;
}

/* The event of the path (the core checked its district, or for a school that it is the school's). */
static int
get_event(struct ctx *c, struct event_row *e)
{
	enum db_result r = store_event_get(c->db, c->a, c->id[0], e);

	return r == DB_OK ? 200 : app_status(r);
}

/* The attendance of e as XML, a <teacher> per teacher-year with its sessions; *present in. */
static int
attendance_xml(struct ctx *c, xmlNodePtr parent, const struct event_row *e)
{
	struct attendance_row *v;
	size_t n;
	int off = utc_offset(c);
	xmlNodePtr list = xml_node(parent, "attendance"), t = NULL;
	long long at = 0, teachers = 0, present[2] = { 0, 0 };
	enum db_result r = store_attendance(c->db, c->a, e->id, &v, &n);

	if (r != DB_OK)
		return app_status(r);
	if (list == NULL)
		return 500;
	for (size_t i = 0; i < n; i++) {
		int morning = strcmp(v[i].session, "morning") == 0, ok = 0;
		const char *from = morning ? e->morning_from : e->afternoon_from;
		const char *to = morning ? e->morning_to : e->afternoon_to;
		xmlNodePtr s;
		if (t == NULL || at != v[i].teacher_year_id) {
			if ((t = xml_text(list, "teacher", v[i].name)) == NULL)
				return 500;
			xml_attr_int(t, "teacher-year", v[i].teacher_year_id);
			xml_attr(t, "staff-no", v[i].staff_no);
			xml_attr(t, "school", v[i].school);
			at = v[i].teacher_year_id;
			teachers++;
		}
		if ((s = xml_node(t, "session")) == NULL)
			return 500;
		xml_attr(s, "name", v[i].session);
		xml_attr(s, "present", v[i].present ? "yes" : "no");
		xml_attr(s, "via", v[i].via);
		xml_attr(s, "in", local_time(c, v[i].signed_in, off, e->held_on));
		if (strcmp(v[i].via, "organiser") != 0 &&
		    signin_minutes_after(v[i].signed_in, off, e->held_on, from, &ok) > EVENT_GRACE_MINUTES && ok)
			xml_attr(s, "late", "yes");
		if (*v[i].signed_out) {
			xml_attr(s, "out", local_time(c, v[i].signed_out, off, e->held_on));
			if (signin_minutes_after(v[i].signed_out, off, e->held_on, to, &ok) < -EVENT_GRACE_MINUTES && ok)
				xml_attr(s, "early", "yes");
		}
		if (*v[i].reason)
			xml_text(s, "reason", v[i].reason);
		if (v[i].present)
			present[morning ? 0 : 1]++;
	}
	xml_attr_int(list, "teachers", teachers);
	xml_attr_int(list, "morning", present[0]);
	xml_attr_int(list, "afternoon", present[1]);
	return 200;
}

/* ------------------------------------------------------------ the list and the new event */

/* The form's choices: the year's per-unit items, its approved projects, the district's schools. */
static int
choices_xml(struct ctx *c, xmlNodePtr root, long long *year)
{
	struct event_name *items;
	struct project_row *p;
	struct district_school *s;
	size_t ni, np, ns;
	xmlNodePtr il, pl, sl;
	enum db_result r;

	*year = 0;
	if ((r = store_project_year(c->db, c->user->district_id, year)) == DB_NOTFOUND) {
		xml_attr(xml_node(root, "refused"), "code", "no_current_year");
		return 200;
	}
	if (r != DB_OK)
		return app_status(r);
	if ((il = xml_node(root, "items")) == NULL || (pl = xml_node(root, "projects")) == NULL ||
	    (sl = xml_node(root, "schools")) == NULL)
		return 500;
	if ((r = store_event_items(c->db, c->a, *year, &items, &ni)) != DB_OK ||
	    (r = store_projects_of_year(c->db, c->a, *year, 0, "approved", &p, &np)) != DB_OK ||
	    (r = store_district_schools(c->db, c->a, c->user->district_id, &s, &ns)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < ni; i++) {
		xmlNodePtr x = xml_text(il, "item", items[i].name);
		if (x == NULL)
			return 500;
		xml_attr_int(x, "id", items[i].id);
		xml_attr(x, "code", items[i].code);
	}
	for (size_t i = 0; i < np; i++) {
		xmlNodePtr x = xml_text(pl, "project", p[i].name);
		if (x == NULL)
			return 500;
		xml_attr_int(x, "id", p[i].id);
		if (p[i].item_id > 0)
			xml_attr_int(x, "item", p[i].item_id);
	}
	for (size_t i = 0; i < ns && strcmp(side(c), "district") == 0; i++) {
		xmlNodePtr x = xml_text(sl, "school", s[i].name);
		if (x == NULL)
			return 500;
		xml_attr_int(x, "id", s[i].id);
	}
	return 200;
}

static int
list_xml(struct ctx *c, xmlNodePtr root)
{
	struct event_row *v;
	size_t n;
	xmlNodePtr l = xml_node(root, "events");
	enum db_result r = store_events(c->db, c->a, c->user->district_id,
	    strcmp(side(c), "school") == 0 ? c->user->school_id : 0, &v, &n);

	if (r != DB_OK)
		return app_status(r);
	if (l == NULL)
		return 500;
	for (size_t i = 0; i < n; i++)
		if (event_xml(c, l, &v[i]) == NULL)
			return 500;
	return 200;
}

int
events_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "events");
	struct form f;
	long long year;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", side(c));
	if ((status = list_xml(c, root)) != 200 || (status = choices_xml(c, root, &year)) != 200)
		return status;
	form_begin(&f, c, "event");
	form_value(&f, "sessions", "both");
	form_value(&f, "audience", "district");
	form_value(&f, "review_stage", "school");
	form_value(&f, "morning_from", "08:30");
	form_value(&f, "morning_to", "11:30");
	form_value(&f, "afternoon_from", "14:00");
	form_value(&f, "afternoon_to", "17:00");
	return 200;
}

struct create {
	struct ctx *c;
	struct event_write w;
	long long id;
};

static enum db_result
create_tx(struct db *db, void *arg)
{
	struct create *k = arg;
	struct ctx *c = k->c;
	struct audit_json after;
	enum db_result r = store_event_insert(db, &k->w, &k->id);

	if (r != DB_OK)
		return r;
	audit_json_begin(&after, c->a);
	audit_json_str(&after, "title", k->w.title);
	audit_json_int(&after, "item", k->w.item_id);
	audit_json_str(&after, "held_on", k->w.held_on);
	audit_json_str(&after, "sessions", k->w.sessions);
	audit_json_str(&after, "audience", k->w.audience);
	audit_json_int(&after, "invited", (long long)(k->w.nschools + k->w.nteachers));
	audit_json_str(&after, "review_stage", k->w.review_stage);
	return audit_event(c, db, "event_create", k->id, &after);
}

/* A session's hours: the form's (checked) or the default. */
static const char *
hhmm(struct ctx *c, struct form *f, const char *name, const char *dflt)
{
	const char *v = app_field_text(c, name);

	if (!app_field_present(c, name) || *v == '\0')
		return dflt;
	if (!signin_hhmm_valid(v)) {
		form_error(f, name, "bad_time");
		return dflt;
	}
	return v;
}

/* The pasted staff numbers (one per line, or separated by spaces or commas) as teacher ids. */
static void
staff_list(struct ctx *c, struct form *f, struct create *k)
{
	char *text = arena_printf(c->a, "%s", app_field_text(c, "staff_nos")), *save = NULL, *tok;
	const char **staff = arena_alloc(c->a, EVENT_LIST_MAX * sizeof(*staff));
	const char **missing = arena_alloc(c->a, EVENT_LIST_MAX * sizeof(*missing));
	long long *ids = arena_alloc(c->a, EVENT_LIST_MAX * sizeof(*ids));
	size_t n = 0, nmissing = 0;

	if (text == NULL || staff == NULL || missing == NULL || ids == NULL) {
		form_error(f, "staff_nos", "invalid");
		return;
	}
	for (tok = strtok_r(text, " \t\r\n,，", &save); tok != NULL; tok = strtok_r(NULL, " \t\r\n,，", &save)) {
		if (n == EVENT_LIST_MAX) {
			form_error(f, "staff_nos", "too_long");
			return;
		}
		staff[n++] = tok;
	}
	if (n == 0) {
		form_error(f, "staff_nos", "event_list_empty");
		return;
	}
	if (store_event_staff(c->db, c->a, c->user->district_id, staff, n, ids, missing, &nmissing) != DB_OK) {
		form_error(f, "staff_nos", "invalid");
		return;
	}
	if (nmissing > 0) {
		char *detail = arena_printf(c->a, "%s", missing[0]);
		for (size_t i = 1; i < nmissing && i < 20 && detail != NULL; i++)
			detail = arena_printf(c->a, "%s、%s", detail, missing[i]);
		form_error_detail(f, "staff_nos", "event_staff_unknown", detail);
		return;
	}
	k->w.teachers = ids;
	k->w.nteachers = n;
}

int
events_create(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "events");
	struct create k;
	struct form f;
	struct project_row p;
	long long year;
	enum db_result r;
	int status, district = strcmp(side(c), "district") == 0;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", side(c));
	form_begin(&f, c, "event");
	if ((status = choices_xml(c, root, &year)) != 200)
		return status;
	if (year == 0)
		return 409;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.w.district_id = c->user->district_id;
	k.w.year_id = year;
	k.w.school_id = district ? 0 : c->user->school_id;
	k.w.account_id = c->user->id;
	k.w.title = app_field_text(c, "title");
	k.w.item_id = app_field_int(c, "item");
	k.w.held_on = app_field_text(c, "held_on");
	k.w.sessions = app_field_present(c, "sessions") ? event_sessions[app_field_int(c, "sessions")] : "both";
	k.w.place = app_field_text(c, "place");
	k.w.organiser = app_field_text(c, "organiser");
	k.w.audience = app_field_present(c, "audience") ? event_audiences[app_field_int(c, "audience")] : "district";
	k.w.review_stage = app_field_present(c, "review_stage") ? event_stages[app_field_int(c, "review_stage")] : "school";
	k.w.morning_from = hhmm(c, &f, "morning_from", "08:30");
	k.w.morning_to = hhmm(c, &f, "morning_to", "11:30");
	k.w.afternoon_from = hhmm(c, &f, "afternoon_from", "14:00");
	k.w.afternoon_to = hhmm(c, &f, "afternoon_to", "17:00");
	if (strcmp(k.w.morning_to, k.w.morning_from) <= 0)
		form_error(&f, "morning_to", "ends_before_start");
	if (strcmp(k.w.afternoon_to, k.w.afternoon_from) <= 0)
		form_error(&f, "afternoon_to", "ends_before_start");
	if (app_field_present(c, "item") && (r = store_event_item_ok(c->db, year, k.w.item_id)) != DB_OK)
		form_error(&f, "item", r == DB_NOTFOUND ? "event_item_invalid" : "invalid");
	if (app_field_present(c, "project")) {
		k.w.project_id = app_field_int(c, "project");
		r = store_project_get(c->db, c->a, k.w.project_id, &p);
		if (r != DB_OK || p.year_id != year || strcmp(p.state, "approved") != 0 ||
		    (p.item_id > 0 && p.item_id != k.w.item_id))
			form_error(&f, "project", "event_project_invalid");
	}
	/* The event's day is in the school year. */
	{
		struct year_policy y;
		if (app_field_present(c, "held_on") && store_year_policy(c->db, c->a, year, &y) == DB_OK &&
		    (strcmp(k.w.held_on, y.starts_on) < 0 || strcmp(k.w.held_on, y.ends_on) > 0))
			form_error_range(&f, "held_on", "event_outside_year", y.starts_on, y.ends_on);
	}
	if (strcmp(k.w.review_stage, "district") == 0 && !district)
		form_error(&f, "review_stage", "event_stage_district");
	if (strcmp(k.w.audience, "schools") == 0) {
		if (!district)
			form_error(&f, "audience", "event_audience_schools");
		else if ((k.w.schools = app_field_ids(c, "schools", &k.w.nschools)) == NULL || k.w.nschools == 0)
			form_error(&f, "schools", "event_schools_empty");
	} else if (strcmp(k.w.audience, "list") == 0)
		staff_list(c, &f, &k);
	if (f.errors > 0) {
		if ((status = list_xml(c, root)) != 200)
			return status;
		return 422;
	}
	if ((r = store_tx(c->db, create_tx, &k)) != DB_OK)
		return app_status(r);
	return app_redirect(c, arena_printf(c->a, "/%s/events/%lld", side(c), k.id));
}

/* ------------------------------------------------------------ one event */

/* A refusal (its code set under root by the caller): 409 with the event and its attendance. */
static int
refused_page(struct ctx *c, xmlNodePtr root, const struct event_row *e)
{
	int status;

	if (event_xml(c, root, e) == NULL)
		return 500;
	return (status = attendance_xml(c, root, e)) == 200 ? 409 : status;
}

int
event_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "event"), x;
	struct event_row e;
	struct event_name *v = NULL;
	size_t n = 0;
	struct form f;
	enum db_result r = DB_OK;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", side(c));
	if ((status = get_event(c, &e)) != 200)
		return status;
	if ((x = event_xml(c, root, &e)) == NULL)
		return 500;
	if (strcmp(e.audience, "schools") == 0)
		r = store_event_schools(c->db, c->a, e.id, &v, &n);
	else if (strcmp(e.audience, "list") == 0)
		r = store_event_teachers(c->db, c->a, e.id, &v, &n);
	if (r != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr a = xml_text(x, "invited", v[i].name);
		if (a == NULL)
			return 500;
		xml_attr(a, "code", v[i].code);
	}
	form_begin(&f, c, "correct");
	return attendance_xml(c, root, &e);
}

/* The session the projector shows: asked for, else the event's first. */
static const char *
projector_session(struct ctx *c, const struct event_row *e)
{
	if (app_field_present(c, "session"))
		return event_session_one[app_field_int(c, "session")];
	return strcmp(e->sessions, "afternoon") == 0 ? "afternoon" : "morning";
}

int
event_signin_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "event-signin"), x, q;
	struct event_row e;
	const unsigned char *key;
	const char *session, *mode, *url, *base;
	char code[SIGNIN_CODE_LEN + 1];
	long long slot, left;
	int status;

	c->stylesheet = "print/event-signin";
	if (root == NULL)
		return 500;
	xml_attr(root, "side", side(c));
	if (c->field_errors > 0)
		return 404;
	if ((status = get_event(c, &e)) != 200)
		return status;
	if ((x = event_xml(c, root, &e)) == NULL)
		return 500;
	session = projector_session(c, &e);
	mode = app_field_present(c, "mode") ? event_modes[app_field_int(c, "mode")] : "in";
	if (!has_session(&e, session))
		return 404;
	if (strcmp(e.state, "open") != 0) {
		xml_attr(xml_node(root, "refused"), "code", "event_closed");
		return 200;
	}
	if ((key = verify_install_key(c)) == NULL)
		return 500;
	slot = signin_slot(c->now);
	signin_code(key, e.id, session, mode, slot, code);
	left = (slot + 1) * SIGNIN_SLOT_SECONDS - c->now;
	base = verify_base_url(c);
	url = base == NULL ? NULL : arena_printf(c->a, "%s/teacher/signin/%lld/%s-%s-%s", base, e.id, session,
	    mode, code);
	if (url == NULL || (q = xml_node(root, "signin")) == NULL)
		return 500;
	xml_attr(q, "session", session);
	xml_attr(q, "mode", mode);
	xml_attr(q, "code", code);
	xml_attr(q, "url", url);
	xml_attr_int(q, "slot-seconds", SIGNIN_SLOT_SECONDS);
	xml_attr_int(q, "refresh", left < 1 ? 1 : left);
	if (qr_xml(q, url) == NULL)
		return 500;
	return attendance_xml(c, root, &e);
}

/* ------------------------------------------------------------ corrections and closing */

struct correct {
	struct ctx *c;
	long long event, ty;
	const char *session, *reason;
	int present;
};

static enum db_result
correct_tx(struct db *db, void *arg)
{
	struct correct *k = arg;
	struct ctx *c = k->c;
	struct audit_json after;
	enum db_result r = store_attendance_correct(db, k->event, k->ty, k->session, k->present, k->reason,
	    app_now_text(c));

	if (r != DB_OK)
		return r;
	audit_json_begin(&after, c->a);
	audit_json_int(&after, "teacher_year", k->ty);
	audit_json_str(&after, "session", k->session);
	audit_json_int(&after, "present", k->present);
	audit_json_str(&after, "reason", k->reason);
	return audit_event(c, db, "event_attendance_correct", k->event, &after);
}

int
event_correct(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "event");
	struct event_row e;
	struct correct k;
	struct form f;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", side(c));
	if ((status = get_event(c, &e)) != 200)
		return status;
	form_begin(&f, c, "correct");
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.event = e.id;
	k.session = app_field_present(c, "session") ? event_session_one[app_field_int(c, "session")] : "morning";
	k.present = app_field_present(c, "present") && app_field_int(c, "present") == 0;
	k.reason = app_field_text(c, "reason");
	if (strcmp(e.state, "open") != 0) {
		xml_attr(xml_node(root, "refused"), "code", "event_closed");
		return refused_page(c, root, &e);
	}
	if (app_field_present(c, "session") && !has_session(&e, k.session))
		form_error(&f, "session", "event_session_invalid");
	if (app_field_present(c, "staff_no")) {
		r = store_event_teacher_year(c->db, e.id, app_field_text(c, "staff_no"), &k.ty);
		if (r == DB_NOTFOUND)
			form_error(&f, "staff_no", "event_staff_unknown");
		else if (r != DB_OK)
			return app_status(r);
	}
	if (f.errors == 0) {
		if ((r = store_tx(c->db, correct_tx, &k)) != DB_OK)
			return app_status(r);
		return app_redirect(c, arena_printf(c->a, "/%s/events/%lld", side(c), e.id));
	}
	if (event_xml(c, root, &e) == NULL)
		return 500;
	if ((status = attendance_xml(c, root, &e)) != 200)
		return status;
	return 422;
}

/* The attendance rows v[0..n) as a table (the .xlsx export and the records' roster evidence). */
static int
attendance_table(struct ctx *c, const struct event_row *e, const struct attendance_row *v, size_t n,
    struct sheet_table *t)
{
	static struct sheet_column cols[8];
	int off = utc_offset(c);
	const char **cells;
	static const char *const keys[8] = { "events.col-school", "card.name", "card.staff-no",
		"events.col-session", "events.col-in", "events.col-out", "events.col-present", "events.col-reason" };

	for (int i = 0; i < 8; i++) {
		cols[i].header = word(c, keys[i]);
		cols[i].kind = SHEET_TEXT;
		cols[i].width = i == 0 || i == 7 ? 24 : 12;
	}
	if ((cells = arena_alloc(c->a, (n > 0 ? n : 1) * 8 * sizeof(*cells))) == NULL)
		return 500;
	for (size_t i = 0; i < n; i++) {
		const char **row = cells + i * 8;
		row[0] = v[i].school;
		row[1] = v[i].name;
		row[2] = v[i].staff_no;
		row[3] = word(c, strcmp(v[i].session, "morning") == 0 ?
		    "events.session.morning" : "events.session.afternoon");
		row[4] = local_time(c, v[i].signed_in, off, e->held_on);
		row[5] = *v[i].signed_out ? local_time(c, v[i].signed_out, off, e->held_on) : "";
		row[6] = word(c, v[i].present ? "events.present.yes" : "events.present.no");
		row[7] = v[i].reason;
	}
	memset(t, 0, sizeof(*t));
	t->title = arena_printf(c->a, "%s %s %s", e->title, e->held_on, word(c, "events.sheet-title"));
	t->sheet_name = word(c, "events.sheet-name");
	t->ncols = 8;
	t->cols = cols;
	t->nrows = n;
	t->cells = cells;
	return t->title != NULL ? 200 : 500;
}

struct closing {
	struct ctx *c;
	const struct event_row *e;
	const struct item_row *it;
	struct attendance_row *v;
	size_t n;
	const struct evidence_info *info;
	const char *filename;
	long long made;
	const char *refused;
};

static enum db_result
close_tx(struct db *db, void *arg)
{
	struct closing *k = arg;
	struct ctx *c = k->c;
	const struct event_row *e = k->e;
	struct audit_json after;
	long long bulk = 0;
	enum db_result r = store_event_close(db, e->id, c->user->id, app_now_text(c));

	if (r == DB_NOTFOUND) {
		k->refused = "event_closed";
		return DB_CONSTRAINT;
	}
	if (r != DB_OK || (r = store_next_bulk_id(db, &bulk)) != DB_OK)
		return r;
	for (size_t i = 0; i < k->n;) {
		long long ty = k->v[i].teacher_year_id, quantity = 0, claimed = 0, id = 0;
		struct record_row rr;
		struct record_write w;
		const char *field = NULL, *error = NULL;
		for (; i < k->n && k->v[i].teacher_year_id == ty; i++)
			quantity += k->v[i].present;
		if (quantity == 0)
			continue;
		memset(&rr, 0, sizeof(rr));
		rr.item_id = e->item_id;
		rr.state = "submitted";
		rr.started_on = rr.ended_on = e->held_on;
		rr.quantity = quantity;
		rr.level = rr.role = rr.certificate_no = rr.certificate_on = "";
		rr.points[0] = rr.points[1] = rr.points[2] = rr.points[3] = -1;
		rr.project_id = e->project_id;
		if (assess_claim(k->it, &rr, &claimed, &field, &error) != 0)
			return DB_ERROR;
		memset(&w, 0, sizeof(w));
		w.teacher_year_id = ty;
		w.item_id = e->item_id;
		w.project_id = e->project_id;
		w.started_on = w.ended_on = e->held_on;
		w.quantity = quantity;
		w.level = w.role = w.points = w.certificate_on = "";
		w.certificate_no = w.cn = w.isbn = "";
		w.first_author = -1;
		w.organiser = *e->organiser ? e->organiser : (*e->school_name ? e->school_name : "");
		w.description = e->title;
		w.claimed_tenths = claimed;
		w.state = "submitted";
		w.created_by = c->user->id;
		w.bulk_id = bulk;
		if ((r = store_record_save(db, &w, 0, &id)) != DB_OK)
			return r;
		/* The district's own event goes straight to 复核 when it says so. */
		if (strcmp(e->review_stage, "district") == 0 &&
		    (r = store_record_move(db, id, "submitted", "school_approved", -1)) != DB_OK)
			return r;
		if ((r = store_evidence_add_kind(db, id, k->info->sha256, (long long)k->info->size,
		    k->info->content_type, k->filename, c->user->id, "roster")) != DB_OK ||
		    (r = store_event_record(db, e->id, ty, id)) != DB_OK)
			return r;
		k->made++;
	}
	audit_json_begin(&after, c->a);
	audit_json_int(&after, "records", k->made);
	audit_json_int(&after, "bulk", bulk);
	audit_json_str(&after, "review_stage", e->review_stage);
	return audit_event(c, db, "event_close", e->id, &after);
}

/* The attendance .xlsx kept as an evidence file (by its hash, like an upload). */
static int
keep_sheet(struct ctx *c, const char *data, size_t len, struct evidence_info *info)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char path[4096];
	FILE *fp;
	int fd;

	snprintf(path, sizeof(path), "%s/event-" "XX" "XX" "XX", c->cfg->tmp_dir);
	if ((fd = mkstemp(path)) < 0)
		return -1;
	if ((fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		unlink(path);
		return -1;
	}
	if (fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
		unlink(path);
		return -1;
	}
	crypto_hash_sha256(h, (const unsigned char *)data, len);
	sodium_bin2hex(info->sha256, sizeof(info->sha256), h, sizeof(h));
	snprintf(info->content_type, sizeof(info->content_type), "%s", XLSX_TYPE);
	info->size = len;
	if (files_store(c->cfg->evidence_dir, path, info) != FILES_OK) {
		unlink(path);
		return -1;
	}
	unlink(path);
	return 0;
}

int
event_close(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "event");
	struct event_row e;
	struct item_row it;
	struct closing k;
	struct sheet_table t;
	struct evidence_info info;
	char *data = NULL;
	size_t len = 0;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "side", side(c));
	if ((status = get_event(c, &e)) != 200)
		return status;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.e = &e;
	if (strcmp(e.state, "open") == 0) {
		struct event_name *locked;
		size_t nlocked;
		/* A confirmed (locked) school year takes no new records: the district reopens it first. */
		if ((r = store_event_locked_schools(c->db, c->a, e.id, &locked, &nlocked)) != DB_OK)
			return app_status(r);
		if (nlocked > 0) {
			xmlNodePtr x = xml_node(root, "refused");
			xml_attr(x, "code", "event_school_locked");
			for (size_t i = 0; i < nlocked; i++)
				xml_text(x, "school", locked[i].name);
			return refused_page(c, root, &e);
		}
		if ((r = assess_load_item(c->db, c->a, e.item_id, &it)) != DB_OK ||
		    (r = store_attendance(c->db, c->a, e.id, &k.v, &k.n)) != DB_OK)
			return app_status(r);
		if ((status = attendance_table(c, &e, k.v, k.n, &t)) != 200)
			return status;
		if (sheet_write_xlsx(c->a, &t, &data, &len) != SHEET_OK || keep_sheet(c, data, len, &info) != 0)
			return 500;
		k.it = &it;
		k.info = &info;
		k.filename = arena_printf(c->a, "%s-%s.xlsx", word(c, "events.sheet-name"), e.held_on);
		r = store_tx(c->db, close_tx, &k);
	} else {
		k.refused = "event_closed";
		r = DB_CONSTRAINT;
	}
	if (r == DB_CONSTRAINT && k.refused != NULL) {
		xml_attr(xml_node(root, "refused"), "code", k.refused);
		if ((status = get_event(c, &e)) != 200)
			return status;
		return refused_page(c, root, &e);
	}
	if (r != DB_OK)
		return app_status(r);
	return app_redirect(c, arena_printf(c->a, "/%s/events/%lld", side(c), e.id));
}

int
event_print(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "event");
	struct event_row e;
	int status;

	c->stylesheet = "print/attendance";
	if (root == NULL)
		return 500;
	if ((status = get_event(c, &e)) != 200)
		return status;
	if (event_xml(c, root, &e) == NULL)
		return 500;
	if ((status = attendance_xml(c, root, &e)) != 200)
		return status;
	return print_district_node(c, root);
}

int
event_xlsx(struct ctx *c)
{
	struct event_row e;
	struct attendance_row *v;
	struct sheet_table t;
	char *data = NULL, *disp, *enc;
	size_t len = 0, n;
	enum db_result r;
	int status;

	if ((status = get_event(c, &e)) != 200)
		return status;
	if ((r = store_attendance(c->db, c->a, e.id, &v, &n)) != DB_OK)
		return app_status(r);
	if ((status = attendance_table(c, &e, v, n, &t)) != 200)
		return status;
	if (sheet_write_xlsx(c->a, &t, &data, &len) != SHEET_OK)
		return 500;
	enc = http_rfc5987(c->a, arena_printf(c->a, "%s-%s.xlsx", word(c, "events.sheet-name"),
	    e.held_on));
	disp = arena_printf(c->a, "attachment; filename=\"attendance-%lld.xlsx\"; filename*=UTF-8''%s", e.id,
	    enc ? enc : "attendance.xlsx");
	if (disp == NULL)
		return 500;
	http_header_add(c->resp, "Content-Disposition", disp);
	http_header_add(c->resp, "X-Content-Type-Options", "nosniff");
	http_header_add(c->resp, "Cache-Control", "private, no-store");
	http_body(c->resp, XLSX_TYPE, data, len);
	c->raw_body = 1;
	return 200;
}

/* ------------------------------------------------------------ the teacher */

int
signin_form(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "signin");
	struct form f;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "signin");
	return 200;
}

/* "morning-in-123456" into its parts; 0, or -1 when it is not one. */
static int
code_parts(struct ctx *c, const char *s, const char **session, const char **mode, char digits[SIGNIN_CODE_LEN + 1])
{
	const char *a = strchr(s, '-'), *b = a ? strchr(a + 1, '-') : NULL;
	char *sess, *md;

	if (a == NULL || b == NULL)
		return -1;
	sess = arena_printf(c->a, "%.*s", (int)(a - s), s);
	md = arena_printf(c->a, "%.*s", (int)(b - a - 1), a + 1);
	if (sess == NULL || md == NULL || signin_code_parse(b + 1, digits) != 0)
		return -1;
	if (strcmp(sess, "morning") != 0 && strcmp(sess, "afternoon") != 0)
		return -1;
	if (strcmp(md, "in") != 0 && strcmp(md, "out") != 0)
		return -1;
	*session = sess;
	*mode = md;
	return 0;
}

/* GET /teacher/signin/{id}/{code}: the event the QR code names and the button that signs in. */
int
signin_scan(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "signin");
	struct event_row e;
	const char *session, *mode;
	char digits[SIGNIN_CODE_LEN + 1];
	struct form f;
	enum db_result r;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "signin");
	if (code_parts(c, c->code[0], &session, &mode, digits) != 0)
		return 404;
	if ((r = store_event_get(c->db, c->a, c->id[0], &e)) != DB_OK || e.district_id != c->user->district_id)
		return r == DB_OK || r == DB_NOTFOUND ? 404 : app_status(r);
	if (event_xml(c, root, &e) == NULL)
		return 500;
	form_value(&f, "e", arena_printf(c->a, "%lld", e.id));
	form_value(&f, "c", c->code[0]);
	xml_attr(f.node, "session", session);
	xml_attr(f.node, "mode", mode);
	return 200;
}

struct signing {
	struct ctx *c;
	long long event, ty;
	const char *session, *mode, *via;
	int fresh;
};

static enum db_result
sign_tx(struct db *db, void *arg)
{
	struct signing *k = arg;

	return store_attendance_sign(db, k->event, k->ty, k->session, k->mode, app_now_text(k->c), k->via,
	    &k->fresh);
}

/*
 * The event and session a code names: with the event (from the QR code) the
 * code is session-mode-digits; typed, the 6 digits are tried against every
 * open event of the district held today, each session and mode.
 */
static int
find_code(struct ctx *c, const unsigned char *key, struct event_row *found, struct signing *k)
{
	const char *text = app_field_text(c, "c");
	char digits[SIGNIN_CODE_LEN + 1], today[11];
	struct event_row *v;
	size_t n;
	enum db_result r;

	if (app_field_present(c, "e")) {
		const char *session, *mode;
		if (code_parts(c, text, &session, &mode, digits) != 0)
			return 0;
		if ((r = store_event_get(c->db, c->a, app_field_int(c, "e"), found)) != DB_OK)
			return r == DB_NOTFOUND ? 0 : -1;
		if (found->district_id != c->user->district_id || !has_session(found, session) ||
		    !signin_code_valid(key, found->id, session, mode, c->now, digits))
			return 0;
		k->session = session;
		k->mode = mode;
		k->via = "qr";
		return 1;
	}
	if (signin_code_parse(text, digits) != 0)
		return 0;
	deadline_local_date(c->now, utc_offset(c), today);
	if ((r = store_events_on(c->db, c->a, c->user->district_id, today, &v, &n)) != DB_OK)
		return -1;
	for (size_t i = 0; i < n; i++)
		for (int s = 0; s < 2; s++)
			for (int m = 0; m < 2; m++)
				if (has_session(&v[i], event_session_one[s]) &&
				    signin_code_valid(key, v[i].id, event_session_one[s], event_modes[m], c->now, digits)) {
					*found = v[i];
					k->session = event_session_one[s];
					k->mode = event_modes[m];
					k->via = "code";
					return 1;
				}
	return 0;
}

int
signin_post(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "signin"), done;
	const unsigned char *key = verify_install_key(c);
	struct event_row e;
	struct signing k;
	struct form f;
	enum db_result r;
	int found;

	if (root == NULL || key == NULL)
		return 500;
	form_begin(&f, c, "signin");
	if (f.errors > 0)
		return 422;
	memset(&k, 0, sizeof(k));
	k.c = c;
	if ((found = find_code(c, key, &e, &k)) < 0)
		return 500;
	if (!found) {
		form_error(&f, "c", "signin_code_invalid");
		return 422;
	}
	if (event_xml(c, root, &e) == NULL)
		return 500;
	if (strcmp(e.state, "open") != 0) {
		xml_attr(xml_node(root, "refused"), "code", "event_closed");
		return 409;
	}
	k.event = e.id;
	if ((r = store_event_invited(c->db, e.id, c->user->teacher_id, &k.ty)) == DB_NOTFOUND) {
		xml_attr(xml_node(root, "refused"), "code", "signin_not_invited");
		return 403;
	}
	if (r != DB_OK)
		return app_status(r);
	r = store_tx(c->db, sign_tx, &k);
	if (r == DB_NOTFOUND) {
		xml_attr(xml_node(root, "refused"), "code", "signin_not_signed_in");
		return 409;
	}
	if (r != DB_OK)
		return app_status(r);
	if ((done = xml_node(root, "signed")) == NULL)
		return 500;
	xml_attr(done, "session", k.session);
	xml_attr(done, "mode", k.mode);
	xml_attr(done, "at", local_time(c, app_now_text(c), utc_offset(c), e.held_on));
	if (strcmp(k.mode, "in") == 0 && !k.fresh)
		xml_attr(done, "already", "yes");
	return 200;
}
