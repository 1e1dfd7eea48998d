/*
 * store/policy.h - a district's school years, and each year's policy (the
 * assessment's numbers) and deadlines, as /district/years shows and edits
 * them. SQLite-only: INSERT ... ON CONFLICT DO UPDATE (PostgreSQL has the
 * same form).
 */
#ifndef XS_STORE_POLICY_H
#define XS_STORE_POLICY_H

#include "store/store.h"

struct year_policy {
	long long year_id, district_id;
	const char *label, *starts_on, *ends_on;
	int is_current;
	/* YYYY-MM-DD, "" where none: teacher registration, school first review, district review */
	const char *register_deadline, *school_review_deadline, *district_review_deadline;
	long long min_tenths, normative_min_tenths;
	long long new_teacher_tenths, new_principal_tenths, cycle_min_tenths; /* -1: no such rule */
	int cycle_years, terms_per_year;
	int flag_percent;                  /* 0: no flag */
	const char *points_reading;        /* quarters, year_total */
	int has_policy;                    /* 0: the year has none yet (a blank district) */
	long long schools, confirmed;      /* the district's active schools; those confirmed this year */
};

/* Every school year of district, the latest first, into *out (the arena). */
enum db_result store_district_years(struct db *db, arena *a, long long district,
    struct year_policy **out, size_t *n);

/* Year's policy and deadlines into *p. DB_NOTFOUND when there is no such year. */
enum db_result store_year_policy(struct db *db, arena *a, long long year, struct year_policy *p);

/* Write p's policy and deadlines (by p->year_id). Inside store_tx, with its audit row. */
enum db_result store_year_policy_set(struct db *db, const struct year_policy *p);

#endif
