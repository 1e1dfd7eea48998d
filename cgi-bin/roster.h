/*
 * roster.h - the school's roster (教师名册) for the current year: every
 * teacher-year of the school with the teacher's details, searchable.
 */
#ifndef XS_ROSTER_H
#define XS_ROSTER_H

struct ctx;

/* GET /school/roster?q=TEXT: the list (school admin and leader). */
int roster_page(struct ctx *c);

/* POST /school/roster/{id}/deactivate, /reactivate, /transfer (school admin; id: teacher-year) */
int roster_deactivate(struct ctx *c);
int roster_reactivate(struct ctx *c);
int roster_transfer(struct ctx *c);

#endif
