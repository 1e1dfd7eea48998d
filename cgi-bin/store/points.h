/*
 * store/points.h - the school's 学习强国 points table: the school and its
 * current year (with the year's points_quarters item), the roster's
 * teacher-years with the points record each has, and writing a teacher's
 * quarter totals as a new draft record or into a draft / returned one.
 *
 * SQLite-only: json_extract on the record's points; strftime for the
 * update time.
 */
#ifndef XS_STORE_POINTS_H
#define XS_STORE_POINTS_H

#include "store/store.h"

/* A school in its district's current year. */
struct points_school {
	const char *name;
	long long year_id, district_id;
	const char *year_label, *starts_on, *ends_on;
	const char *year_state;  /* 'open' without a school_year_state row */
	long long item_id;       /* the year's first points_quarters item; 0: none */
};

/*
 * The school (by id) and its district's current year into *out (strings in
 * a). DB_OK; DB_NOTFOUND when there is no such school or its district has
 * no current year; DB_BUSY or DB_ERROR.
 */
enum db_result store_points_school(struct db *db, arena *a, long long school,
    struct points_school *out);

/* One teacher of the roster with their points record. */
struct points_entry {
	long long teacher_year_id;
	const char *name, *staff_no;
	long long record_id;     /* 0: no points record */
	const char *state;       /* the record's state, "" when none */
	long long q[4];          /* the quarter-end totals; -1: not given */
};

/*
 * The school's teacher-years of year whose teacher is active, by staff
 * number, each with the newest record of item that is not rejected (none
 * when item is 0). Fills *out (arena a) and *n whole, or returns the
 * failure with *n = 0.
 */
enum db_result store_points_entries(struct db *db, arena *a, long long school, long long year,
    long long item, struct points_entry **out, size_t *n);

/*
 * A new draft points record of item for teacher_year, dated starts_on ..
 * ends_on, with the quarter totals q and claimed_tenths, created by
 * account; *id gets its id. Call inside store_tx. DB_OK or the failure.
 */
enum db_result store_points_insert(struct db *db, long long teacher_year, long long item,
    const char *starts_on, const char *ends_on, const long long q[4], long long claimed_tenths,
    long long account, long long *id);

/*
 * Set the quarter totals q and claimed_tenths of record (a record of item),
 * only while it is a draft or returned. DB_NOTFOUND when no such record is
 * in those states. Call inside store_tx.
 */
enum db_result store_points_update(struct db *db, long long record, long long item,
    const long long q[4], long long claimed_tenths);

#endif
