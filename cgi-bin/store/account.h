/*
 * store/account.h - accounts as their managers see them, the choices of
 * the new-account form, the account writes, an account's history, and the
 * district's audit log with each change field by field.
 *
 * SQLite-only: json_each and json_valid (the audit's before and after),
 * strftime with a minutes modifier (the district's local time).
 */
#ifndef XS_STORE_ACCOUNT_H
#define XS_STORE_ACCOUNT_H

#include "store/store.h"

struct account_row {
	long long id;
	const char *login, *name, *role, *created;
	int active, must_change;
	long long locked_until;
	long long district_id, school_id, teacher_id;
	const char *district, *school, *teacher, *staff_no;   /* NULL where none */
};

/*
 * The accounts a caller of role (its name, "system_admin" ...) manages, in
 * district / school: system admin -> district admins; district admin ->
 * school admins and leaders of the district; school admin -> teachers of the
 * school. By role, then login.
 */
enum db_result store_accounts_managed(struct db *db, arena *a, const char *role,
    long long district, long long school, struct account_row **out, size_t *n);

/* One account by id (DB_NOTFOUND when none). The core has checked its scope. */
enum db_result store_account_get(struct db *db, arena *a, long long id, struct account_row *out);

/* A choice of the new-account form: a district, a school, or a teacher without an account. */
struct account_choice {
	long long id;
	const char *name, *staff_no;
	const char *phone;          /* teachers: "" when none */
	int has_phone;
};
/* The districts (system admin), the district's schools, or the school's teachers this year. */
enum db_result store_account_choices(struct db *db, arena *a, const char *role, long long district,
    long long school, struct account_choice **out, size_t *n);

/* The school's name into *name (DB_NOTFOUND when none). */
enum db_result store_school_name(struct db *db, arena *a, long long school, const char **name);

/* 1 when an account (active or not) has login; 0 when none; -1 on error. */
int store_login_taken(struct db *db, const char *login);

/* 1 when the district exists / the school is in the district; 0 when not; -1 on error. */
int store_district_exists(struct db *db, long long district);
int store_school_in_district(struct db *db, long long school, long long district);

/* A teacher on the school's roster this year: name, staff number, phone (DB_NOTFOUND). */
enum db_result store_roster_teacher(struct db *db, arena *a, long long teacher, long long school,
    const char **name, const char **staff_no, const char **phone);

/*
 * A new account that must change its password (inside a transaction):
 * *id set. DB_CONSTRAINT when the login is taken.
 */
enum db_result store_account_insert(struct db *db, const char *login, const char *name,
    const char *role, long long district, long long school, long long teacher, long long *id);

/* Enable or disable an account. */
enum db_result store_account_set_active(struct db *db, long long id, int active);

/* An account's last 50 audit events about it. */
struct account_event {
	const char *at, *action, *by;
};
enum db_result store_account_history(struct db *db, arena *a, long long id,
    struct account_event **out, size_t *n);

/* The audit log, newest first, at most 200 events. */
struct audit_change {
	const char *field, *before, *after;   /* before/after NULL where absent */
};
struct audit_event {
	long long id, object_id;
	const char *at;           /* the district's local time, YYYY-MM-DD HH:MM:SS */
	const char *time_zone, *action, *object_type, *by, *by_name, *client;
	const char *object;       /* the object by name, NULL when unknown or gone */
	const char *details;      /* the after JSON, "" when none */
	struct audit_change *changes;
	size_t nchanges;
};
/* Every event (system admin: all = 1) or the district's; only action when not NULL. */
enum db_result store_audit_events(struct db *db, arena *a, int all, long long district,
    const char *action, struct audit_event **out, size_t *n);

#endif
