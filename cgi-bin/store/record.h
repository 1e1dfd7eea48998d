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

/*
 * Saving a registration (record_form.c), inside its transaction.
 *
 * The school year's state of teacher-year ty into *state ("open" when the
 * school has none yet; "" when there is no such teacher-year).
 */
enum db_result store_teacher_year_state(struct db *db, arena *a, long long ty, const char **state);

/* What editing record id while its year is handed in depends on. */
struct record_lock {
	const char *state;       /* the record's */
	int district_returned;
	const char *year_state;  /* its school's year */
};

/* Record id's lock facts into *l. DB_OK, DB_NOTFOUND or the failure. */
enum db_result store_record_lock(struct db *db, arena *a, long long id, struct record_lock *l);

/* The number of evidence files of record id into *n. */
enum db_result store_record_evidence_count(struct db *db, long long id, long long *n);

/* The next bulk registration's id (one more than any record's). */
enum db_result store_next_bulk_id(struct db *db, long long *id);

/* A record as the form saves it: NULL / -1 / 0 where the item does not ask. */
struct record_write {
	long long teacher_year_id, item_id;
	long long project_id;        /* 0: none */
	const char *started_on, *ended_on;
	long long quantity;          /* <= 0: none */
	const char *level;           /* "": none */
	long long certified_tenths;  /* <= 0: none */
	const char *points;          /* JSON text or "": none */
	const char *addons;          /* JSON text or NULL: none */
	const char *role;            /* "": none */
	const char *certificate_no;
	const char *certificate_on;  /* "": none */
	const char *cn, *isbn;
	int first_author;            /* -1: not asked */
	const char *organiser, *description;
	long long claimed_tenths;
	const char *state;           /* "draft" or "submitted" */
	long long created_by;        /* the account */
	long long bulk_id;           /* 0: none */
};

/*
 * Insert w as a new record (its id into *id), or with record_id > 0 update
 * that record when it is a draft or returned record of w's teacher-year and
 * item (state becomes submitted when w's is; DB_NOTFOUND when it is not).
 * SQLite-only: strftime for the times.
 */
enum db_result store_record_save(struct db *db, const struct record_write *w, long long record_id,
    long long *id);

/*
 * Attach a stored evidence file (its hash, size and type; its name as kept)
 * to record id, uploaded by account. A file already known, or already
 * attached, is kept once. SQLite-only: INSERT OR IGNORE.
 */
enum db_result store_evidence_add(struct db *db, long long id, const char *sha256, long long size,
    const char *content_type, const char *filename, long long account);
/* The same with the evidence's kind: "file" (an upload) or "roster" (a list of who attended). */
enum db_result store_evidence_add_kind(struct db *db, long long id, const char *sha256, long long size,
    const char *content_type, const char *filename, long long account, const char *kind);

/* A record as the edit form shows it again. */
struct record_edit {
	long long item_id;
	const char *state, *started_on, *ended_on, *quantity, *level;
	int has_certified;
	long long certified_tenths;
	const char *points[4];       /* NULL where none or negative */
	int video;
	const char *role, *certificate_no, *certificate_on, *cn, *isbn;
	int first_author;
	const char *project, *organiser, *description;
};

/*
 * Record id of teacher-year ty into *e. DB_NOTFOUND when it is not ty's.
 * SQLite-only: json_extract on the points, instr() on the addons.
 */
enum db_result store_record_edit(struct db *db, arena *a, long long id, long long ty,
    struct record_edit *e);

#endif
