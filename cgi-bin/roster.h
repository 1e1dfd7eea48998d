/*
 * roster.h - the school's roster (教师名册) for the current year: every
 * teacher-year of the school with the teacher's details, searchable.
 */
#ifndef XS_ROSTER_H
#define XS_ROSTER_H

struct ctx;

/* GET /school/roster?q=TEXT: the list (school admin and leader). */
int roster_page(struct ctx *c);

#endif
