/*
 * store/roster_change.h - the roster's changes (变动情况): a teacher joining
 * (by hand or by an import), coming back, leaving, transferring or having
 * details changed, and the school reporting them to the district.
 */
#ifndef XS_STORE_ROSTER_CHANGE_H
#define XS_STORE_ROSTER_CHANGE_H

#include "store/store.h"

struct roster_change {
	long long id;
	const char *kind;          /* added, updated, rejoined, left, transfer_out, transfer_in */
	const char *at;            /* UTC, ISO 8601 */
	const char *reported_at;   /* NULL while not reported */
	const char *teacher, *staff_no;
	long long school_id;
	const char *school;
	long long import_id;       /* 0: by hand */
	const char *other_school;  /* "" unless a transfer */
	long long teacher_year_id; /* 0 when the teacher is no longer at the school */
};

/*
 * The current year's changes of one school (school > 0: all of them) or of
 * a district's schools (district > 0: the reported ones, of only_school
 * when it is > 0), newest first, at most 10,000. Fills *out (arena a) and *n.
 */
enum db_result store_roster_changes(struct db *db, arena *a, long long school,
    long long district, long long only_school, struct roster_change **out, size_t *n);

/*
 * Report the school's unreported changes of the district's current year:
 * stamps them with account and now, *reported gets how many. Call inside a
 * transaction (store_tx) together with the audit row.
 */
enum db_result store_roster_changes_report(struct db *db, long long school, long long district,
    long long account, int *reported);

#endif
