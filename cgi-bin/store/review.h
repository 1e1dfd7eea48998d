/*
 * store/review.h - the review side of records: what a workflow move needs
 * to know about a record, the move itself (state, review row, deletion of a
 * withdrawn record), the review queues, and the moves of a school's year
 * (school_year_state: handed in, confirmed, reopened).
 *
 * The moves are made inside a transaction (store_tx) together with their
 * audit row; the callers (review.c, review_pages.c) decide what is allowed.
 *
 * SQLite-only: strftime('%Y-%m-%dT%H:%M:%SZ', 'now') for the times,
 * json_extract on item.params (the excellent-trainee quota), instr() in the
 * queue's search, INSERT ... ON CONFLICT DO UPDATE for school_year_state.
 */
#ifndef XS_STORE_REVIEW_H
#define XS_STORE_REVIEW_H

#include "store/store.h"

/*
 * SQL condition: record o claims, as first author, the same work as record r
 * (two different records): the same award certificate number, the same
 * ISBN, or - an article - the same journal CN and the same title. Used by
 * the review (a second approval needs a reason) and the record page (both
 * reviewers see the other claims).
 */
#define REVIEW_SAME_FIRST_AUTHOR_WORK \
	" (o.first_author = 1 AND r.first_author = 1 AND o.id <> r.id AND" \
	" ((r.certificate_no <> '' AND o.certificate_no = r.certificate_no)" \
	" OR (r.isbn <> '' AND o.isbn = r.isbn)" \
	" OR (r.certificate_no = '' AND r.isbn = '' AND r.cn_number <> '' AND" \
	"  o.cn_number = r.cn_number AND r.description <> '' AND o.description = r.description)))"

/* What a move of one record depends on. */
struct review_target {
	const char *state;       /* the record's state */
	const char *year_state;  /* its school's year: open, submitted, confirmed */
	int project_approved;    /* the training project's 审批备案 (1 when none) */
	long long district_id;
	int district_returned;   /* the district returned it (domain/workflow) */
	int evidence_required;   /* the item needs evidence */
	long long evidence;      /* files attached */
};

/* Record id's move facts into *t (strings in a). DB_OK, DB_NOTFOUND or the failure. */
enum db_result store_review_target(struct db *db, arena *a, long long id, struct review_target *t);

/*
 * Submitting record id, an excellent trainee of a class: *over 1 when the
 * class's quota (max_participants * quota_percent / 100 people) has no room
 * for one more beside the others handed in; 0 otherwise (also for a record
 * that is no excellent trainee).
 */
enum db_result store_review_excellent_over(struct db *db, long long id, int *over);

/*
 * Other teachers' claims, as first author, of the same work as record id
 * (REVIEW_SAME_FIRST_AUTHOR_WORK) in its district, approved by a school or
 * (district_stage: only) by the district: their number in *others.
 */
enum db_result store_review_first_author_approved(struct db *db, long long id,
    int district_stage, long long *others);

/*
 * Move record id from state from to state to, stamping updated_at (and
 * submitted_at when to is "submitted"); returned: 1 or 0 sets
 * district_returned, -1 keeps it. DB_NOTFOUND when the record is not (or no
 * longer) in state from.
 */
enum db_result store_record_move(struct db *db, long long id, const char *from, const char *to,
    int returned);

/* Delete record id if it is in state (a withdrawal). DB_NOTFOUND otherwise. */
enum db_result store_record_withdraw(struct db *db, long long id, const char *state);

/* Add a review row: stage school|district, decision approve|return|reject. */
enum db_result store_review_add(struct db *db, long long id, const char *stage,
    const char *decision, const char *reason, long long reviewer);

/* One record of a review queue. */
struct queue_row {
	long long id;
	const char *state, *started_on;
	long long claimed_tenths;
	const char *teacher, *staff_no;
	long long school_id;
	const char *school;
	const char *item, *category;
	long long evidence;
};

/*
 * The current year's records in state of one school (school > 0) or of a
 * district's schools (district > 0, of only_school when it is > 0),
 * matching q (NULL: all; else the teacher's name or item's name contains
 * it, or the staff number is it), by school code, staff number, start, at
 * most 500. Fills *out (in a) and *n whole.
 */
enum db_result store_review_queue(struct db *db, arena *a, long long school, long long district,
    long long only_school, const char *state, const char *q, struct queue_row **out, size_t *n);

/* A school's current year, for a move of it. */
struct school_year_move {
	long long year_id;
	const char *state;       /* open, submitted, confirmed */
	long long district_id;
	long long waiting;       /* its records in the state the move needs reviewed */
};

/*
 * School's current year into *m, counting its records in state waiting ("" counts
 * none). DB_NOTFOUND when the school has no current year.
 */
enum db_result store_school_year_move_state(struct db *db, arena *a, long long school,
    const char *waiting, struct school_year_move *m);

/*
 * Set the school's year state to (submitted: with the time and account;
 * confirmed: the same; open: clearing the confirmation) with reason (the
 * reopening's, "" otherwise).
 */
enum db_result store_school_year_set(struct db *db, long long school, long long year,
    const char *to, long long account, const char *reason);

#endif
