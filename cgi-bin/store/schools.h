/*
 * store/schools.h - the district's schools as it keeps them
 * (/district/schools): every school, active or not, with its kind, its
 * admin accounts and this year's roster size; adding, editing,
 * deactivating (kept with its history) and reactivating. Portable SQL.
 */
#ifndef XS_STORE_SCHOOLS_H
#define XS_STORE_SCHOOLS_H

#include "store/store.h"

struct school_row {
	long long id, district_id;
	const char *code, *name, *kind;
	int active;
	const char *admins;      /* the school admins' and leaders' logins, "a b c" ("" when none) */
	long long teachers;      /* on the current year's roster, active */
};

/* Every school of district (active first, then by code) into *out. */
enum db_result store_schools_all(struct db *db, arena *a, long long district,
    struct school_row **out, size_t *n);

/* School id into *s. DB_NOTFOUND when there is none. */
enum db_result store_school_row(struct db *db, arena *a, long long id, struct school_row *s);

/* A new active school; *id its id. DB_CONSTRAINT: the code or the name is the district's already. */
enum db_result store_school_insert(struct db *db, long long district, const char *code,
    const char *name, const char *kind, long long *id);

/* Change a school's code, name and kind. DB_CONSTRAINT as for insert. */
enum db_result store_school_update(struct db *db, long long id, const char *code,
    const char *name, const char *kind);

/*
 * Deactivate (active 0) or reactivate school id. Deactivating also
 * disables its admin and leader accounts and ends their sessions; the
 * school, its years and records stay. Reactivating leaves the accounts as
 * they are (the district re-enables them on /accounts).
 */
enum db_result store_school_set_active(struct db *db, long long id, int active);

#endif
