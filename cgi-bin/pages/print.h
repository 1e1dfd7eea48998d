/*
 * pages/print.h - the printed documents as every role that prints them
 * gets them: a teacher's card (登记卡) and 5-year cycle statement, a school's
 * summary (汇总表), and a school's bundle: the archive index (汇总档案序号表)
 * and every card (or the chosen ones), each card starting on a new A4 page.
 * Each card, cycle statement and summary carries its verification
 * (pages/verify.h). The core checked the caller's scope for ty and school.
 */
#ifndef XS_PAGES_PRINT_H
#define XS_PAGES_PRINT_H

#include "core/app.h"

/* GET …/card: teacher-year ty's card, for paper (print/card). */
int print_card(struct ctx *c, long long ty);

/* GET …/cycle: the 5-year cycle statement ending with ty's year (print/cycle). */
int print_cycle(struct ctx *c, long long ty);

/* GET …/summary: school's summary table of its current year (print/summary). */
int print_summary(struct ctx *c, long long school);

/*
 * GET …/bundle[?teachers=ID…]: the index and the cards of school's current
 * year, in the roster's order (the chosen teacher-years only, when given).
 */
int print_bundle(struct ctx *c, long long school, const long long *ids, size_t nids);

/* ?teachers= of a bundle: the core checks each is the caller's. */
#define PRINT_BUNDLE_FIELDS { { "teachers", FIELD_ID, FIELD_MULTI, 0, 0, NULL, OBJ_TEACHER_YEAR }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
