/*
 * store/catalogue_edit.h - the district's catalogue editor: a school year's
 * items and cap groups as the editor lists, loads and saves them, the
 * order, retiring, and the impact of a change on the year's kept results
 * (computed in a transaction that is rolled back).
 *
 * Every write here runs inside the caller's store_tx (or inside
 * store_catalogue_impact, which rolls it back). SQLite-only: json_extract.
 */
#ifndef XS_STORE_CATALOGUE_EDIT_H
#define XS_STORE_CATALOGUE_EDIT_H

#include "domain/catalogue.h"
#include "store/district.h"
#include "store/store.h"

/* One item as the editor has it. */
struct item_edit {
	long long id;              /* 0: new */
	long long year_id;
	struct setup_item it;      /* it.group: the group's code (NULL: none); it.params: JSON */
	struct item_params p;      /* it.params read into its typed fields */
	long long group_id;        /* 0: none */
	const char *group_name;    /* "" when none */
	long long group_cap_tenths;
	long long records;         /* records that name the item (any state) */
};

/* A cap group with its items' count. */
struct group_edit {
	long long id, year_id;
	const char *code, *name;
	long long cap_tenths;
	long long items;           /* active items in it */
};

/* Year's items (retired ones too) by sort order, then id. Filled whole. */
enum db_result store_catalogue_items(struct db *db, arena *a, long long year,
    struct item_edit **out, size_t *n);

/* Year's cap groups by code. Filled whole. */
enum db_result store_catalogue_groups(struct db *db, arena *a, long long year,
    struct group_edit **out, size_t *n);

/* One item. DB_NOTFOUND when there is none. */
enum db_result store_item_load(struct db *db, arena *a, long long item, struct item_edit *out);

/* One cap group. DB_NOTFOUND when there is none. */
enum db_result store_group_load(struct db *db, arena *a, long long group, struct group_edit *out);

/*
 * Save e (in->id 0: a new item, put last; else update that item, keeping
 * its order and active flag) in school year e->year_id, the group by
 * e->group_id (0: none). e->it.params must be the JSON of e->p
 * (catalogue_params_json). *id: the item's id. DB_CONSTRAINT when another
 * item of the year has the code.
 */
enum db_result store_item_save(struct db *db, const struct item_edit *e, long long *id);

/* Move item one place up (dir < 0) or down (dir > 0) among its year's items. */
enum db_result store_item_move(struct db *db, long long item, int dir);

/* Retire (active 0) or restore (1) an item: kept for the records that name it. */
enum db_result store_item_set_active(struct db *db, long long item, int active);

/*
 * Save a cap group (g->id 0: new). DB_CONSTRAINT when another group of the
 * year has the code. *id: the group's id.
 */
enum db_result store_group_save(struct db *db, const struct group_edit *g, long long *id);

/* Remove a cap group; its items are left without a group. */
enum db_result store_group_delete(struct db *db, long long group);

/*
 * Make items[0..n) exactly group's items: its other items leave it, these
 * come in (from another group too). Each must be of year: DB_NOTFOUND otherwise.
 */
enum db_result store_group_set_items(struct db *db, long long year, long long group,
    const long long *items, size_t n);

/* A teacher whose result a change alters. */
struct impact_row {
	long long teacher_year_id;
	const char *name, *school;
	long long before_tenths, after_tenths;   /* counted: confirmed + pending */
	int before_pass, after_pass;
	int confirmed;             /* the school's year is confirmed (signed and stamped) */
};

/* What a change does to the school year's kept results. */
struct impact {
	long long teachers;        /* teacher-years of the year */
	long long changed;         /* whose counted hours or result change */
	long long pass_to_fail, fail_to_pass;
	long long confirmed;       /* changed teachers of schools whose year is confirmed */
	struct impact_row *rows;   /* the changed ones, in teacher-year order */
	size_t nrows;
};

typedef enum db_result (*store_change_fn)(struct db *db, void *arg);

/*
 * What change (fn) would do to year's results: in one transaction, the
 * results are brought up to date and read, fn applied, the marked results
 * recomputed and read again, and everything rolled back. DB_OK with *out
 * filled; fn's own failure (DB_CONSTRAINT, ...) or the store's otherwise.
 */
enum db_result store_catalogue_impact(struct db *db, arena *a, long long year,
    store_change_fn fn, void *arg, struct impact *out);

#endif
