/*
 * pages/records.h - pieces of pages about one teacher's year that the
 * teacher, school and district programs share: the teacher and year, the
 * records, one record with evidence and reviews, the evidence file itself,
 * and the assessment (hours counted by the rules, the result).
 *
 * The core checks the scope of the path's object first: these functions
 * load by id without it.
 */
#ifndef XS_TEACHER_PAGES_H
#define XS_TEACHER_PAGES_H

#include "core/app.h"

/* <teacher> and <school-year> for teacher's current year; *ty its teacher_year id (0: none). */
int teacher_year_node(struct ctx *c, xmlNodePtr root, long long teacher, long long *ty);

/* <teacher> and <school-year> of teacher-year ty, of any year; 404 when none. */
int teacher_year_node_of(struct ctx *c, xmlNodePtr root, long long ty);

/* <records> of a teacher-year. Returns 200 or 500. */
int records_node(struct ctx *c, xmlNodePtr root, long long ty);

/* <assessment> of a teacher-year: counted hours per record, totals, result. */
int assessment_node(struct ctx *c, xmlNodePtr root, long long ty);

/* The page "record" for record id (already checked to be in scope). */
int record_page(struct ctx *c, long long id);

/* Send evidence file id (the core checked its scope), or 404. */
int evidence_send(struct ctx *c, long long id);

/*
 * A teacher-year's page (name: the stylesheet: the teacher's dashboard or
 * the school's and district's view of it); the caller (or the core) checked
 * the scope. Shared by every program (records.c).
 */
int teacher_year_page(struct ctx *c, long long ty, const char *name);

/*
 * <district name authority stamp card-title summary-title/> under root, for
 * the caller's district: what a printed card or summary carries (the titles
 * only where the district set its own; stamp: its wording, else the
 * authority). 200 or an error status.
 */
int print_district_node(struct ctx *c, xmlNodePtr root);

#endif
