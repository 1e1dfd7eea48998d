/*
 * store/record.h - records and their evidence rows: one record with its
 * item, teacher and project (the record page), its evidence files, the
 * reviews written on it, other first-author claims of the same work, the
 * records of a teacher-year, and the checks a page makes on a record named
 * in a form (in a school or district; of a teacher-year; of the current
 * year).
 *
 * SQLite-only: nothing beyond the portable subset.
 */
#ifndef XS_STORE_RECORD_H
#define XS_STORE_RECORD_H

#include "store/store.h"

/*
 * DB_OK when record id belongs to school (school > 0) or to a school of
 * district (district > 0), DB_NOTFOUND otherwise: for records named in a
 * form's body (a bulk list), which the core does not check.
 */
enum db_result store_record_in_scope(struct db *db, long long id, long long school,
    long long district);

/* DB_OK when record id belongs to teacher-year ty, DB_NOTFOUND otherwise. */
enum db_result store_record_of_year(struct db *db, long long id, long long ty);

/* Record id's teacher-year into *ty when that is of its district's current year (else DB_NOTFOUND). */
enum db_result store_record_current_year(struct db *db, long long id, long long *ty);

/* One record as the record page shows it. Text is "" where the column is empty or NULL. */
struct record_view {
	long long id;
	const char *state, *started_on, *ended_on;
	int has_quantity;
	long long quantity;
	const char *level;
	int has_certified;
	long long certified_tenths;
	const char *points, *addons, *role, *certificate_no, *certificate_on, *cn, *isbn;
	int first_author;          /* -1: not asked (NULL), 0, 1 */
	const char *organiser, *description;
	long long claimed_tenths;
	const char *created_at, *submitted_at;
	long long item_id;
	const char *item_code, *item_category, *item_name, *item_unit;
	long long item_hours_tenths;
	const char *item_rule;
	int item_normative;
	const char *item_conditions;
	const char *project;        /* "" when none */
	int project_approved;
	long long teacher_id;
	const char *teacher;
	long long teacher_year_id;
	int district_returned;
	const char *year_state;     /* its school's year: open, submitted, confirmed */
};

/* Record id into *v (strings in a). DB_OK, DB_NOTFOUND or the failure. */
enum db_result store_record_view(struct db *db, arena *a, long long id, struct record_view *v);

/* One evidence file of a record. */
struct record_evidence {
	long long id;
	const char *filename, *kind, *content_type, *sha256;
	long long size;
	long long used_elsewhere;  /* the same file on other records of the district */
};

/* Record id's evidence, in order; used_elsewhere counted in district. Filled whole. */
enum db_result store_record_evidence(struct db *db, arena *a, long long id, long long district,
    struct record_evidence **out, size_t *n);

/* Another teacher's claim of the same work as first author (store/review.h's condition). */
struct first_author_claim {
	long long record_id;
	const char *teacher, *school, *state;
};

/* The claims (not drafts) in record id's district, at most 20. Filled whole. */
enum db_result store_record_first_author_claims(struct db *db, arena *a, long long id,
    struct first_author_claim **out, size_t *n);

/* A review written on a record. */
struct record_review {
	const char *stage, *decision, *reason, *at, *by;
};

/* Record id's reviews, oldest first. Filled whole. */
enum db_result store_record_reviews(struct db *db, arena *a, long long id,
    struct record_review **out, size_t *n);

/* One record of a teacher-year's list. */
struct year_record {
	long long id;
	const char *state, *started_on, *ended_on;
	long long claimed_tenths;
	const char *organiser;
	long long item_id;
	const char *item_code, *item_category, *item_name, *item_unit;
	int item_normative;
	const char *last_reason;  /* the latest review's reason, "" when none */
	long long evidence;
};

/* Teacher-year ty's records by start. Filled whole. */
enum db_result store_year_records(struct db *db, arena *a, long long ty,
    struct year_record **out, size_t *n);

/* An evidence file to send. */
struct evidence_file {
	const char *sha256, *filename, *content_type;
	long long size;
};

/* Evidence id's file into *f. DB_OK, DB_NOTFOUND or the failure. */
enum db_result store_evidence_file(struct db *db, arena *a, long long id, struct evidence_file *f);

#endif
