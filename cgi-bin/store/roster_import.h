/*
 * store/roster_import.h - a roster import (名册导入): the kept file (table
 * roster_import), the year it is for, how each row's ID number stands
 * against the district's teachers, the roster_change rows of its writes
 * and the import's completion. The teacher and teacher-year writes are
 * store/roster.h's.
 *
 * SQLite-only: strftime (the commit's time stamp).
 */
#ifndef XS_STORE_ROSTER_IMPORT_H
#define XS_STORE_ROSTER_IMPORT_H

#include <stddef.h>

#include "store/roster.h"
#include "store/store.h"

/*
 * The district's current school year (*year) and whether school's state of
 * it is other than open (*locked). DB_NOTFOUND when the district has no
 * current year.
 */
enum db_result store_import_year(struct db *db, long long district, long long school,
    long long *year, int *locked);

/* A teacher of the district with a row's ID number, and their year. */
struct import_match {
	long long teacher_id;      /* 0: no teacher of the district has the ID number */
	long long school_id;       /* the school of the teacher-year, 0 when none */
	struct roster_teacher t;   /* the teacher's details; t.teacher_year_id 0 (category,
	                              status, receiving_unit "") when not on a roster in year */
};

/*
 * For each of the n ID numbers (NULL: skipped, out[i] zeroed), the
 * district's teacher with it and that teacher's teacher-year of year, into
 * out[i] (copies in a). All of them or an error.
 */
enum db_result store_import_match(struct db *db, arena *a, long long district, long long year,
    const char *const *id_numbers, size_t n, struct import_match *out);

/* Keep an uploaded file for school's year, by account: *id the import's id. */
enum db_result store_import_save(struct db *db, long long school, long long year,
    long long account, const char *filename, const void *data, size_t len, long long *id);

/* A kept import. */
/* Import id into *f (copies in a). DB_NOTFOUND when none. (Its school is the core's check.) */
enum db_result store_import_get(struct db *db, arena *a, long long id, struct import_file *f);

/* Mark import id committed now, with how many teachers it added and changed. Call inside store_tx. */
enum db_result store_import_done(struct db *db, long long id, long long added, long long changed);

/*
 * Append the roster_change row of an import's (import > 0) or a form's
 * (import 0) write: kind joined, rejoined or details; after the category.
 * Call inside store_tx.
 */
enum db_result store_import_change(struct db *db, long long year, long long school,
    long long teacher, const char *kind, const char *after, long long import, long long account);

#endif
