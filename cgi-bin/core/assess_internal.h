/*
 * assess_internal.h - the loaders assess.c uses (assess_db.c). Not for
 * handlers: they call the functions of assess.h.
 */
#ifndef XS_ASSESS_INTERNAL_H
#define XS_ASSESS_INTERNAL_H

#include "assess.h"

struct assess_context {
	const char *category;
	long long teacher_id, school_year_id, district_id;
	const char *starts_on, *ends_on;
	long long min_tenths, normative_min_tenths;
	long long new_teacher_tenths, new_principal_tenths; /* -1: no such rule */
	int cycle_years;
	long long cycle_min_tenths;                          /* -1: no cycle rule */
	int flag_percent;
	const char *points_reading;                          /* quarters | year_total */
	int terms_per_year;                                  /* per-term items count at most these */
};

enum db_result assess_load_items(struct db *db, arena *a, long long school_year,
    struct item_row **items, size_t *nitems);
enum db_result assess_load_records(struct db *db, arena *a, long long ty,
    struct record_row **recs, size_t *nrecs);
enum db_result assess_load_context(struct db *db, arena *a, long long ty,
    struct assess_context *cx);
enum db_result assess_cycle_years(struct db *db, arena *a, const struct assess_context *cx,
    long long **tys, size_t *n);

#endif
