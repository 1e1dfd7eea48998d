/*
 * store/project.h - training projects filed for the district's approval
 * (审批备案): a school admin or the district files one for the current
 * school year (name, organiser, level, dates, hours, expected participants,
 * the item it credits, the class size and excellent-trainee quota of a
 * trainee class); the district approves it with an approval number (unique
 * in the year) or rejects it with a reason. Only a filed project is edited
 * or decided. The audit rows are the caller's (pages/projects.c), in the
 * same store_tx.
 */
#ifndef XS_STORE_PROJECT_H
#define XS_STORE_PROJECT_H

#include "store/store.h"

struct project_row {
	long long id, year_id, item_id;   /* item_id 0: none named (older rows) */
	long long school_id;              /* the filing school; 0: the district filed it */
	const char *name, *organiser, *level; /* level "" or school..national */
	const char *starts_on, *ends_on;  /* "" when not given (older rows) */
	long long hours_tenths;           /* 0: not given */
	long long expected;               /* expected participants, 0: not given */
	long long class_size;             /* max_participants, 0: not given */
	long long quota_percent;          /* the project's own quota, -1: the item's */
	long long item_quota_percent;     /* the item's (params.quota_percent), -1: none */
	const char *state;                /* filed, approved, rejected */
	const char *approval_no, *reject_reason;
	const char *filed_at, *decided_at;/* "" when none */
	const char *item_name, *item_code, *item_rule; /* "" when no item */
	const char *school_name;          /* "" when the district filed it */
	const char *filed_by, *decided_by;/* display names, "" when none */
	long long records;                /* records naming it */
};

/* What a filing (or an edit of one) writes. */
struct project_write {
	long long year_id, item_id, school_id; /* school_id 0: the district */
	const char *name, *organiser, *level, *starts_on, *ends_on;
	long long hours_tenths, expected;
	long long class_size;             /* 0: none */
	long long quota_percent;          /* -1: the item's */
	long long filed_by;
	const char *at;                   /* filed_at (an ISO UTC timestamp) */
};

/*
 * The projects of school year `year`: all of them when school is 0 (the
 * district), else the school's own filings and every approved project of
 * the year. state (NULL: any) keeps one state. Newest first. Filled whole.
 */
enum db_result store_projects_of_year(struct db *db, arena *a, long long year, long long school,
    const char *state, struct project_row **out, size_t *n);

/* One project into *p: DB_OK or DB_NOTFOUND. */
enum db_result store_project_get(struct db *db, arena *a, long long id, struct project_row *p);

/*
 * The current school year of district into *year (0 and DB_NOTFOUND when
 * the district has none open).
 */
enum db_result store_project_year(struct db *db, long long district, long long *year);

/*
 * Whether item is an active item of school year `year` that a project may
 * credit: DB_OK with *trainee set (1: a trainee class item, whose class
 * size the project carries) when it needs a project or is a trainee class
 * item; DB_NOTFOUND otherwise.
 */
enum db_result store_project_item(struct db *db, long long year, long long item, int *trainee);

/* An item a project may credit: one that needs a project (审批备案) or a trainee class item. */
struct project_item {
	long long id;
	const char *code, *name, *rule_type;
	int trainee;                      /* a trainee class item: the project is its class */
	long long quota_percent;          /* params.quota_percent, -1: none */
};

/* The active items of school year `year` a project may credit, in catalogue order. Filled whole. */
enum db_result store_project_items(struct db *db, arena *a, long long year,
    struct project_item **out, size_t *n);

/* File a project (state filed): DB_OK and *id, or the failure. */
enum db_result store_project_insert(struct db *db, const struct project_write *w, long long *id);

/* Change a filed project's fields (not its year, school or filer): DB_NOTFOUND when not filed. */
enum db_result store_project_update(struct db *db, long long id, const struct project_write *w);

/*
 * Approve a filed project with approval_no at `at` by account `by`:
 * DB_OK; DB_NOTFOUND when it is not filed (any more); DB_CONSTRAINT when
 * the number is taken in the year.
 */
enum db_result store_project_approve(struct db *db, long long id, const char *approval_no,
    long long by, const char *at);

/* Reject a filed project with reason: DB_OK, or DB_NOTFOUND when it is not filed. */
enum db_result store_project_reject(struct db *db, long long id, const char *reason,
    long long by, const char *at);

/* The school year's project numbered approval_no other than `except`: DB_OK when one exists. */
enum db_result store_project_number_taken(struct db *db, long long year, const char *approval_no,
    long long except);

#endif
