/*
 * points.h - the school's 学习强国 points table (/school/points): every
 * teacher of the current roster with the quarter-end cumulative totals of
 * their points record, each quarter's gain, the hours the rules give and
 * the record's state; the admin's form to type many teachers' totals and
 * save them at once; the printable 学习强国学习积分登记表.
 */
#ifndef XS_POINTS_H
#define XS_POINTS_H

#include "core/app.h"
#include "core/assess.h"

struct points_row {
	long long ty;              /* teacher_year id */
	long long record_id;       /* 0: no points record yet */
	const char *name, *staff_no;
	const char *state;         /* the record's state, "" when none */
	long long q[4];            /* -1: not given */
	long long hours_tenths;    /* the hours the rules give (0 without a record) */
	int editable;              /* no record, or a draft / returned one */
};

struct points_table {
	long long school_id, year_id, district_id;
	const char *school_name, *year_label, *year_state, *starts_on, *ends_on;
	int has_item;              /* the year's catalogue has a points_quarters item */
	struct item_row item;
	size_t nrows;
	struct points_row *rows;
};

/*
 * Load the table of school's current year (strings in c->a), each row whole
 * or none: returns 200, 404 (no such school or no current year) or the
 * store's failure as a status (500, 503).
 */
int points_load(struct ctx *c, long long school, struct points_table *t);

/*
 * GET /school/points, POST /school/points, GET /school/points/print.
 * The pages declare POINTS_PAGE_FIELDS (the count of rows just saved), the
 * post POINTS_POST_FIELDS: the quarter totals "q1-<teacher_year>" ..
 * "q4-<teacher_year>", each optional (an emptied row keeps its record).
 */
#define POINTS_PAGE_FIELDS { { "saved", FIELD_INT, FIELD_QUERY, 0, 1000000, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define POINTS_POST_FIELDS { { "q1-", FIELD_LINE, FIELD_PREFIX, 0, 32, NULL, OBJ_NONE }, \
	{ "q2-", FIELD_LINE, FIELD_PREFIX, 0, 32, NULL, OBJ_NONE }, \
	{ "q3-", FIELD_LINE, FIELD_PREFIX, 0, 32, NULL, OBJ_NONE }, \
	{ "q4-", FIELD_LINE, FIELD_PREFIX, 0, 32, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
int points_page(struct ctx *c);
int points_post(struct ctx *c);
int points_print(struct ctx *c);

/* The same table of school (the district's: GET /district/schools/{school}/points/print). */
int points_print_of(struct ctx *c, long long school);

#endif
