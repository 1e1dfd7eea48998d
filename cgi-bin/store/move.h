/*
 * store/move.h - a district's SQLite database moved into a consolidated
 * deployment's PostgreSQL database (issue 18; `xueshictl move`).
 *
 * Every table's every row is copied with its ids (the identity sequences
 * set after the highest), in one transaction on PostgreSQL with its
 * triggers and foreign-key checks held (session_replication_role =
 * replica: the rows are copied as they are, derived ones too). The
 * destination must hold no district yet: ids are kept, not renumbered.
 * Then the row counts of both are compared table by table, every
 * teacher-year's assessment is computed again on PostgreSQL and compared
 * with SQLite's, and the evidence files are copied by their hash.
 */
#ifndef XS_STORE_MOVE_H
#define XS_STORE_MOVE_H

#include <stddef.h>

#include "core/arena.h"
#include "core/db.h"

struct move_report {
	size_t tables;
	long long rows;
	size_t assessed;        /* teacher-years computed again on PostgreSQL */
	size_t differ;          /* of them, results unlike SQLite's (0 for a good move) */
	const char *first_diff; /* the first unlike table or result, for the message */
	const char *refused;    /* why nothing was moved: "not_empty", "not_superuser", "schema" */
};

/*
 * Copy src (SQLite, migrated) into dst (PostgreSQL, migrated, empty).
 * DB_OK with the report filled (check report->differ), DB_CONSTRAINT
 * with report->refused, or the failure (dst unchanged).
 */
enum db_result store_move(struct db *src, struct db *dst, arena *a, struct move_report *report);

/* The hashes of every evidence file (for copying them), as store_evidence_files. */

#endif
