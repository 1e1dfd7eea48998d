/*
 * store/roll.h - the roll of a district's school year: its teacher-years
 * with the names a report prints (staff number, name, school), found by
 * the codes an administrator types (district code, year label, school code,
 * staff number).
 */
#ifndef XS_STORE_ROLL_H
#define XS_STORE_ROLL_H

#include "store/store.h"

struct roll_entry {
	long long teacher_year_id, school_id;
	const char *staff_no, *name, *school_code, *school_name, *category, *status;
};

struct roll {
	long long school_year_id;
	long long school_id;      /* the school asked for, 0: all */
	long long teacher_year_id;/* the teacher asked for, 0: all */
	int flag_percent;
	struct roll_entry *v;     /* by school code, staff number, id */
	size_t n;
};

/*
 * The roll of district's year (label "2025-2026"), of one school (school
 * code, or NULL) or one teacher (staff number, or NULL). DB_NOTFOUND when
 * the district, year, school or teacher is unknown.
 */
enum db_result store_roll(struct db *db, arena *a, const char *district, const char *year,
    const char *school, const char *staff_no, struct roll *out);

#endif
