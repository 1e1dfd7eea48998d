/*
 * store/assess.h - assessments from the database: what domain/assess needs,
 * loaded with a fixed number of queries however many teachers are assessed
 * (the catalogue, the places other teachers' records decide, the records of
 * every teacher-year in scope in one pass ordered by teacher-year, and for
 * a 5-year cycle the same for the earlier years), then judged by the pure
 * rules. A school's or a district's results cost a constant number of
 * queries, and memory for one teacher-year at a time beside the year's
 * catalogue and places.
 *
 * SQLite-only: json_extract for the items' parameters and the points.
 */
#ifndef XS_STORE_ASSESS_H
#define XS_STORE_ASSESS_H

#include "domain/assess.h"
#include "store/store.h"

/* Load one item by id into it (strings in a). DB_OK, DB_NOTFOUND or DB_ERROR. */
enum db_result assess_load_item(struct db *db, arena *a, long long item_id,
    struct item_row *it);

/* The records of one teacher-year (any state), in date order, for the demo's claims. */
enum db_result assess_load_records(struct db *db, arena *a, long long ty,
    struct record_row **recs, size_t *nrecs);

/* Assess one teacher-year (its cycle included). DB_OK, DB_NOTFOUND or DB_ERROR. */
enum db_result assess_teacher_year(struct db *db, arena *a, long long teacher_year_id,
    struct assessment *out);

/* Which teacher-years assess_each assesses: one school's or a whole year's. */
struct assess_scope {
	long long school_year_id;   /* required */
	long long school_id;        /* 0: every school of the year */
	long long teacher_year_id;  /* 0: every teacher-year in the school or year */
};

/* Who an assessment belongs to, handed to the callback with it. */
struct assess_who {
	long long teacher_year_id, teacher_id, school_id;
	const char *category, *status;
};

/*
 * Called once per teacher-year in scope, in teacher-year order, with its
 * assessment (valid during the call only: copy what you keep). Return 0 to
 * go on, non-zero to stop (assess_each then returns DB_OK).
 */
typedef int (*assess_fn)(void *arg, const struct assess_who *who, const struct assessment *a);

/*
 * Assess every teacher-year in scope, each with its cycle. Returns DB_OK,
 * or the failure (DB_BUSY, DB_ERROR) - then the callback may have seen
 * some teacher-years, which the caller must discard (never a partial page).
 */
enum db_result assess_each(struct db *db, arena *a, const struct assess_scope *scope,
    assess_fn fn, void *arg);

/*
 * Kept results (migration 0007): every teacher-year's assessment, without
 * the per-record lines, in teacher_year_result. Changes mark the
 * teacher-years they affect (triggers); assess_refresh recomputes the
 * marked ones (a whole year in one pass when many are) inside the current
 * write transaction, and assess_commit_hook runs it before every commit
 * (db_set_commit_hook), so the kept results change in the same transaction
 * as what they derive from.
 */
enum db_result assess_refresh(struct db *db);
enum db_result assess_commit_hook(struct db *db, void *arg);

/* assess_refresh in a write transaction of its own (xueshictl after a migration). */
enum db_result assess_refresh_now(struct db *db);

struct kept_result {
	struct assess_who who;
	struct assessment a;   /* totals and the result; no lines (nlines 0) */
};

/*
 * The kept results of a scope in teacher-year order (refreshed first, in a
 * transaction of its own, when a change made outside the programs left
 * some marked). One query, however many teachers.
 */
enum db_result assess_results(struct db *db, arena *a, const struct assess_scope *scope,
    struct kept_result **out, size_t *n);

/* The kept result of teacher-year ty among v[0..n) (in teacher-year order), or NULL. */
const struct assessment *assess_kept_find(const struct kept_result *v, size_t n, long long ty);

#endif
