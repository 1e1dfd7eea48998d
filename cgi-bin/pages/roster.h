/*
 * roster.h - the school's roster (教师名册) for the current year: every
 * teacher-year of the school with the teacher's details, searchable.
 */
#ifndef XS_ROSTER_H
#define XS_ROSTER_H

struct ctx;

/* GET /school/roster?q=TEXT: the list (school admin and leader). */
int roster_page(struct ctx *c);

/* POST /school/roster/{teacher_year}/deactivate, /reactivate, /transfer (school admin) */
int roster_deactivate(struct ctx *c);
int roster_reactivate(struct ctx *c);
int roster_transfer(struct ctx *c);

/* The fields of GET /school/roster: q, what to search (at most 200 characters). */
#define ROSTER_FIELDS { { "q", FIELD_LINE, 0, 0, 200, NULL, OBJ_NONE }, { NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
/* The fields of deactivate and reactivate: an optional note for the change. */
#define ROSTER_NOTE_FIELDS { { "note", FIELD_TEXT, 0, 0, 500, NULL, OBJ_NONE }, { NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
/* The fields of transfer: the target school (absent: refused as a bad school) and a note. */
#define ROSTER_TRANSFER_FIELDS { { "school", FIELD_ID, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "note", FIELD_TEXT, 0, 0, 500, NULL, OBJ_NONE }, { NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
