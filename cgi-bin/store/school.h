/*
 * store/school.h - schools and their current year: one school's overview
 * (its year's state, its teachers) and the district's list of schools.
 *
 * SQLite-only: nothing beyond the portable subset.
 */
#ifndef XS_STORE_SCHOOL_H
#define XS_STORE_SCHOOL_H

#include "store/store.h"

/* A school and its current year. */
struct school_year_view {
	long long id;             /* the school */
	const char *name, *code;
	long long year_id;
	const char *year;         /* the year's label */
	const char *state;        /* open, submitted, confirmed */
	const char *submitted_at, *confirmed_at; /* "" when not */
	int flag_percent;         /* the policy's flag threshold (0: none) */
	long long unreviewed;     /* records submitted, waiting for the school */
	const char *reopened_reason; /* "" unless the district reopened the year */
};

/* School's current year into *s. DB_NOTFOUND: no such school or no current year. */
enum db_result store_school_year(struct db *db, arena *a, long long school,
    struct school_year_view *s);

/* One teacher of a school's year. */
struct school_teacher {
	long long teacher_year_id;
	const char *name, *staff_no, *category, *status;
	const char *receiving_unit; /* "" unless 支教/交流/外借 */
};

/* The teachers of school in year, by staff number. Fills *out (in a) and *n whole. */
enum db_result store_school_teachers(struct db *db, arena *a, long long school, long long year,
    struct school_teacher **out, size_t *n);

/* One school of a district, for the district's page. */
struct district_school {
	long long id;
	const char *code, *name, *kind;
	const char *state;          /* its current year's */
	const char *submitted_at, *confirmed_at; /* "" when not */
	const char *year;           /* the label */
	long long teachers;
	long long to_review;        /* records the school approved, waiting for the district */
	const char *school_review_deadline; /* "" when none */
	const char *first_submitted_at;     /* the first hand-in (migration 0015); "" never */
	int utc_offset_minutes;             /* the district's */
};

/* The district's active schools, by code. Fills *out (in a) and *n whole. */
enum db_result store_district_schools(struct db *db, arena *a, long long district,
    struct district_school **out, size_t *n);

#endif
