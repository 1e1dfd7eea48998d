/*
 * store/event.h - training events and their sign-in (migration 0016): the
 * events, who may attend, the attendance rows, closing into records.
 */
#ifndef XS_STORE_EVENT_H
#define XS_STORE_EVENT_H

#include "store/store.h"

struct event_row {
	long long id, district_id, year_id, school_id;   /* school 0: the district's event */
	const char *year, *title, *held_on, *sessions, *place, *organiser, *audience, *review_stage, *state;
	const char *morning_from, *morning_to, *afternoon_from, *afternoon_to;
	long long item_id, project_id;
	const char *item_code, *item_name, *item_unit, *item_rule, *project_name, *school_name;
	long long item_hours_tenths;
	const char *created_at, *closed_at;
	long long attended;            /* teacher-years with a present session */
	long long records;           /* records closing made */
};

struct event_write {
	long long district_id, year_id, school_id, item_id, project_id, account_id;
	const char *title, *held_on, *sessions, *place, *organiser, *audience, *review_stage;
	const char *morning_from, *morning_to, *afternoon_from, *afternoon_to;
	const long long *schools; size_t nschools;    /* audience schools */
	const long long *teachers; size_t nteachers;  /* audience list: teacher ids */
};

/* The district's events (school 0), or one school's, the latest day first. */
enum db_result store_events(struct db *db, arena *a, long long district, long long school,
    struct event_row **out, size_t *n);
enum db_result store_event_get(struct db *db, arena *a, long long id, struct event_row *row);
/* The open events of district held on day (the typed code's candidates). */
enum db_result store_events_on(struct db *db, arena *a, long long district, const char *day,
    struct event_row **out, size_t *n);
enum db_result store_event_insert(struct db *db, const struct event_write *w, long long *id);

/* The names of an event's audience: its schools, or its teachers (staff number and name). */
struct event_name { long long id; const char *code, *name; };
enum db_result store_event_schools(struct db *db, arena *a, long long event,
    struct event_name **out, size_t *n);
enum db_result store_event_teachers(struct db *db, arena *a, long long event,
    struct event_name **out, size_t *n);

/* The year's per-unit items an event may credit (active), by sort order. */
enum db_result store_event_items(struct db *db, arena *a, long long year,
    struct event_name **out, size_t *n);
/* DB_OK when item is one of those. */
enum db_result store_event_item_ok(struct db *db, long long year, long long item);

/* The teacher ids of the district's staff numbers: *ids (n of them); unknown ones into *missing. */
enum db_result store_event_staff(struct db *db, arena *a, long long district, const char *const *staff,
    size_t n, long long *ids, const char **missing, size_t *nmissing);

/*
 * The teacher's teacher-year in the event's year when the event invites
 * the teacher (*ty), DB_NOTFOUND when not invited (or not on a roster).
 */
enum db_result store_event_invited(struct db *db, long long event, long long teacher, long long *ty);

/*
 * Sign teacher-year ty in (mode "in": a row made at `at` unless there is
 * one; *fresh 1 when made) or out (the row's sign-out time set; DB_NOTFOUND
 * when there is no row to sign out of).
 */
enum db_result store_attendance_sign(struct db *db, long long event, long long ty, const char *session,
    const char *mode, const char *at, const char *via, int *fresh);

struct attendance_row {
	long long teacher_year_id;
	const char *staff_no, *name, *school, *session, *signed_in, *signed_out, *via, *reason;
	int present;
};
/* An event's attendance by school code, staff number and session. */
enum db_result store_attendance(struct db *db, arena *a, long long event,
    struct attendance_row **out, size_t *n);

/* The organiser's correction: ty's session present or not, with the reason (a row made if none). */
enum db_result store_attendance_correct(struct db *db, long long event, long long ty,
    const char *session, int present, const char *reason, const char *at);

/* The teacher-year of a staff number in the event's year; DB_NOTFOUND when none. */
enum db_result store_event_teacher_year(struct db *db, long long event, const char *staff_no,
    long long *ty);

/* The schools whose year is confirmed (locked) among those of the event's present attendees. */
enum db_result store_event_locked_schools(struct db *db, arena *a, long long event,
    struct event_name **out, size_t *n);

/* Close an open event (DB_NOTFOUND when it is closed already). In the caller's transaction. */
enum db_result store_event_close(struct db *db, long long id, long long account, const char *at);

/* Remember the record closing made for ty; DB_CONSTRAINT when ty has one already. */
enum db_result store_event_record(struct db *db, long long event, long long ty, long long record);

#endif
