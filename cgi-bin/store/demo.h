/*
 * demo.h - the demo data for the two preset districts: three schools each,
 * about thirty teachers per school, records in every workflow state, and the
 * teachers the tests look for (new teachers, a new principal, a teacher on
 * support teaching, one exactly at the threshold, one cut by a cap, one
 * failing). Deterministic: the same database every time.
 */
#ifndef XS_DEMO_H
#define XS_DEMO_H

#include "store/store.h"

/* Every demo account's password (printed by `xueshictl demo`). */
#define DEMO_PASSWORD "xueshi-demo-2026"

/*
 * Generate the demo data into db, which must hold the presets. teachers is
 * the number of teachers per school (30 for the demo; the benchmark
 * generator asks for more). Every record past draft gets an evidence file
 * of its own, stored under evidence_dir (NULL: no evidence). today
 * (YYYY-MM-DD) makes the school year that contains it each district's
 * current one (a copy of the preset's year, which stays as an earlier
 * year) and dates nothing after it; NULL keeps the presets' own years
 * current, as the source documents date them (the test suite's data).
 * Returns 0, or -1 with a message on stderr; the whole load is one
 * transaction.
 */
int demo_generate(struct db *db, int teachers_per_school, const char *evidence_dir,
    const char *today);

/* How many districts the database holds, -1 on error. */
int store_count_districts(struct db *db);

/* The demo's logins for each role (teachers: the first of each school). */
struct demo_login {
	const char *login, *role, *district;
};
enum db_result store_demo_logins(struct db *db, arena *a, struct demo_login **out, size_t *n);

#endif
