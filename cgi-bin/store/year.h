/*
 * store/year.h - opening a district's next school year. The new year's
 * catalogue, cap groups and policy start as a copy of the current year's
 * (store/district.h), its deadlines are the current year's moved on by the
 * years between them, every active teacher of the current year is carried
 * to it at the same school with their status (and receiving unit), and
 * categories move on: the probation year's new teacher (new_teacher) and a
 * first-year new principal (new_principal) become regular. The new year
 * becomes current; the previous one stays as it was (readable, its
 * confirmed schools locked). Runs inside the caller's transaction and
 * writes its audit row.
 *
 * SQLite-only: last_insert_rowid, sqlite3_changes.
 */
#ifndef XS_STORE_YEAR_H
#define XS_STORE_YEAR_H

#include "store/store.h"

struct year_open {
	long long district_id;
	const char *label;            /* YYYY-YYYY, after the current year's */
	const char *starts_on, *ends_on;
	const char *client;           /* the audit row's client */
	long long account_id;         /* the audit row's actor: 0 from the command line */
};

struct year_opened {
	long long year_id, previous_year_id;
	const char *previous_label;
	long long teachers;           /* teacher-years carried */
	long long regularised;        /* of which moved from new_teacher/new_principal to regular */
	size_t items, cap_groups;
};

/*
 * Open in->label as the district's current year. DB_NOTFOUND when the
 * district has no current year; DB_CONSTRAINT when the label exists or is
 * not after the current year's, or the dates are refused.
 */
enum db_result store_year_open(struct db *db, arena *a, const struct year_open *in,
    struct year_opened *out);

#endif
