/*
 * store/catalogue.h - what a teacher-year may register: the items of its
 * school year (the catalogue), the training projects (classes), the year's
 * bounds and terms, and the excellent-trainee count of a class.
 *
 * SQLite-only: instr() in the catalogue's search.
 */
#ifndef XS_STORE_CATALOGUE_H
#define XS_STORE_CATALOGUE_H

#include "store/store.h"

struct catalogue_item {
	long long id;
	const char *code, *category, *name, *unit, *rule_type;
	long long hours_tenths;
	int normative;
	const char *conditions;   /* 登记条件, as the district's table words it ("" when none) */
};

/* The active items of ty's school year whose name or category contains q (NULL: all). Filled whole. */
enum db_result store_catalogue(struct db *db, arena *a, long long ty, const char *q,
    struct catalogue_item **out, size_t *n);

/* Item's 登记条件 into *text ("" when none). DB_NOTFOUND when there is no such item. */
enum db_result store_item_conditions(struct db *db, arena *a, long long item, const char **text);

/*
 * Item's exclusions (不予登记的情形) and accepted organisers, one per line
 * ("" when none; migration 0011). DB_NOTFOUND when there is no such item.
 */
enum db_result store_item_lists(struct db *db, arena *a, long long item,
    const char **exclusions, const char **organisers);

/* DB_OK when item is an active item of ty's school year, DB_NOTFOUND otherwise. */
enum db_result store_item_in_year(struct db *db, long long ty, long long item);

struct training_project {
	long long id;
	const char *name, *organiser;
	int approved;
	long long class_size;  /* 0: unknown */
	long long quota_percent; /* the class's own excellent-trainee quota, -1: the item's */
	const char *approval_no;
};

/*
 * The approved training projects of ty's school year that credit item (or
 * name no item: older rows), by name. Filled whole. A filed or rejected
 * project is never offered (审批备案, store/project.h).
 */
enum db_result store_year_projects(struct db *db, arena *a, long long ty, long long item,
    struct training_project **out, size_t *n);

/*
 * DB_OK when project is of ty's school year and credits item (or names no
 * item), with its state (filed, approved, rejected) and the district's
 * reason when rejected ("" otherwise); DB_NOTFOUND otherwise.
 */
enum db_result store_project_in_year(struct db *db, arena *a, long long ty, long long item,
    long long project, const char **state, const char **reason);

/* Ty's school year's first and last day ("" when there is no such teacher-year). */
enum db_result store_year_bounds(struct db *db, arena *a, long long ty,
    const char **starts, const char **ends);

/* The terms of ty's school year (policy.terms_per_year; 0 when no policy). */
enum db_result store_year_terms(struct db *db, long long ty, int *terms);

/*
 * Project's class size (0: unknown), its own excellent-trainee quota
 * (-1: the item's) and the teachers registered as its excellent trainees,
 * handed in (record except_record not counted).
 */
enum db_result store_excellent_taken(struct db *db, long long project, long long except_record,
    long long *size, long long *taken, int *quota);

#endif
