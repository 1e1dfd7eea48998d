/*
 * pages/events.h - training events with sign-in by QR code (issue 16).
 *
 * The organiser (the district admin for the district's events, a school
 * admin for the school's; SIDE below is district or school):
 *   GET  /SIDE/events                       the events and the form of a new one
 *   POST /SIDE/events                       create (title, item, project, held_on, sessions,
 *                                           the sessions' hours, place, organiser, audience with
 *                                           schools or staff_nos, review_stage)
 *   GET  /SIDE/events/{event}               the event, its attendance (late and early marked)
 *   GET  /SIDE/events/{event}/signin?session=&mode=
 *                                           the projector page: a QR code and a 6-digit code that
 *                                           change every 30 s (the page refreshes itself)
 *   POST /SIDE/events/{event}/attendance    a correction (staff_no, session, present, reason)
 *   POST /SIDE/events/{event}/close         one record per teacher who attended (once)
 *   GET  /SIDE/events/{event}/print         签到表 on A4
 *   GET  /SIDE/events/{event}/attendance.xlsx
 * The teacher:
 *   GET  /teacher/signin                    the form to type the 6 digits
 *   GET  /teacher/signin/{id}/{code}        what the QR code leads to (code: session-mode-digits):
 *                                           the event and a button
 *   POST /teacher/signin                    e (the event, from the QR code) and c (the code)
 *
 * The code is domain/signin.h's, keyed by the install's secret. A teacher
 * signs in once per session (a second scan changes nothing); one not
 * invited is refused (403 signin_not_invited), a stale or wrong code too
 * (422 signin_code_invalid), and a closed event (409 event_closed).
 * Audited: event_create, event_attendance_correct, event_close.
 */
#ifndef XS_PAGES_EVENTS_H
#define XS_PAGES_EVENTS_H

#include "core/app.h"

extern const char *const event_sessions[];   /* morning, afternoon, both */
extern const char *const event_session_one[]; /* morning, afternoon */
extern const char *const event_audiences[];  /* district, schools, list */
extern const char *const event_stages[];     /* school, district */
extern const char *const event_modes[];      /* in, out */
extern const char *const event_presence[];   /* yes, no */

int events_page(struct ctx *c);
int events_create(struct ctx *c);
int event_page(struct ctx *c);
int event_signin_page(struct ctx *c);
int event_correct(struct ctx *c);
int event_close(struct ctx *c);
int event_print(struct ctx *c);
int event_xlsx(struct ctx *c);
int signin_form(struct ctx *c);
int signin_scan(struct ctx *c);
int signin_post(struct ctx *c);

#define EVENT_CREATE_FIELDS { \
	{ "title", FIELD_LINE, FIELD_REQUIRED, 0, 200, NULL, OBJ_NONE }, \
	{ "item", FIELD_ID, FIELD_REQUIRED, 0, 0, NULL, OBJ_NONE }, \
	{ "project", FIELD_ID, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "held_on", FIELD_DATE, FIELD_REQUIRED, 0, 0, NULL, OBJ_NONE }, \
	{ "sessions", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, event_sessions, OBJ_NONE }, \
	{ "morning_from", FIELD_LINE, 0, 0, 5, NULL, OBJ_NONE }, \
	{ "morning_to", FIELD_LINE, 0, 0, 5, NULL, OBJ_NONE }, \
	{ "afternoon_from", FIELD_LINE, 0, 0, 5, NULL, OBJ_NONE }, \
	{ "afternoon_to", FIELD_LINE, 0, 0, 5, NULL, OBJ_NONE }, \
	{ "place", FIELD_LINE, 0, 0, 200, NULL, OBJ_NONE }, \
	{ "organiser", FIELD_LINE, 0, 0, 100, NULL, OBJ_NONE }, \
	{ "audience", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, event_audiences, OBJ_NONE }, \
	{ "schools", FIELD_ID, FIELD_MULTI, 0, 0, NULL, OBJ_SCHOOL }, \
	{ "staff_nos", FIELD_TEXT, 0, 0, 100000, NULL, OBJ_NONE }, \
	{ "review_stage", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, event_stages, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define EVENT_SIGNIN_PAGE_FIELDS { \
	{ "session", FIELD_CHOICE, FIELD_QUERY, 0, 0, event_session_one, OBJ_NONE }, \
	{ "mode", FIELD_CHOICE, FIELD_QUERY, 0, 0, event_modes, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define EVENT_CORRECT_FIELDS { \
	{ "staff_no", FIELD_LINE, FIELD_REQUIRED, 0, 32, NULL, OBJ_NONE }, \
	{ "session", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, event_session_one, OBJ_NONE }, \
	{ "present", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, event_presence, OBJ_NONE }, \
	{ "reason", FIELD_TEXT, FIELD_REQUIRED, 0, 1000, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define SIGNIN_POST_FIELDS { \
	{ "e", FIELD_ID, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "c", FIELD_LINE, FIELD_REQUIRED, 0, 40, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
