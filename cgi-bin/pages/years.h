/*
 * pages/years.h - the district's school years (/district/years) and each
 * year's policy and deadlines (/district/years/{year}): the numbers the
 * assessment uses (minimum, normative minimum, new teachers' and new
 * principals' thresholds, the cycle, the flag, terms, the points reading)
 * and the three deadlines. The current year is edited; earlier ones are
 * read. Once a school's year is confirmed the policy stays as it was
 * (the deadlines may still move).
 */
#ifndef XS_PAGES_YEARS_H
#define XS_PAGES_YEARS_H

#include "core/app.h"

/* GET /district/years */
int years_page(struct ctx *c);

/* GET /district/years/{year}[?saved=1] */
int year_page(struct ctx *c);

/* POST /district/years/{year}: all or nothing; audited (year_policy); 303 to ?saved=1. */
int year_save(struct ctx *c);

/*
 * POST /district/years/open: open the next school year (label, and its
 * first and last day, by default from the district's first day of the
 * year): the catalogue, cap groups and policy copied, every active teacher
 * carried with categories moved on (store/year.h). 303 to the list.
 */
int year_open(struct ctx *c);

extern const char *const year_points_readings[];

#define YEAR_PAGE_FIELDS { { "saved", FIELD_FLAG, FIELD_QUERY, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define YEARS_PAGE_FIELDS { { "opened", FIELD_ID, FIELD_QUERY, 0, 0, NULL, OBJ_NONE }, \
	{ "teachers", FIELD_INT, FIELD_QUERY, 0, 10000000, NULL, OBJ_NONE }, \
	{ "regularised", FIELD_INT, FIELD_QUERY, 0, 10000000, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define YEAR_OPEN_FIELDS { \
	{ "label", FIELD_LINE, FIELD_REQUIRED, 0, 9, NULL, OBJ_NONE }, \
	{ "starts_on", FIELD_DATE, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "ends_on", FIELD_DATE, 0, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define YEAR_POST_FIELDS { \
	{ "min_hours", FIELD_LINE, FIELD_REQUIRED, 0, 8, NULL, OBJ_NONE }, \
	{ "normative_min_hours", FIELD_LINE, FIELD_REQUIRED, 0, 8, NULL, OBJ_NONE }, \
	{ "new_teacher_hours", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "new_principal_hours", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "cycle_years", FIELD_INT, FIELD_REQUIRED, 1, 10, NULL, OBJ_NONE }, \
	{ "cycle_min_hours", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "flag_percent", FIELD_INT, 0, 1, 100, NULL, OBJ_NONE }, \
	{ "terms_per_year", FIELD_INT, FIELD_REQUIRED, 1, 12, NULL, OBJ_NONE }, \
	{ "points_reading", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, year_points_readings, OBJ_NONE }, \
	{ "register_deadline", FIELD_DATE, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "school_review_deadline", FIELD_DATE, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "district_review_deadline", FIELD_DATE, 0, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
