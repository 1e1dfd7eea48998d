/*
 * store/district.h - a district's setup: its catalogue as plain structs
 * (read from one school year, written into another: a new district's first
 * year copies a preset's, a new school year the current one's), creating a
 * district, adding and listing schools. The command line (xueshictl) calls
 * these today, the district pages later; every write runs inside the
 * caller's transaction (store_tx) and writes its audit row.
 *
 * SQLite-only: last_insert_rowid (through sqlite3_last_insert_rowid).
 */
#ifndef XS_STORE_DISTRICT_H
#define XS_STORE_DISTRICT_H

#include "store/store.h"

/* The assessment policy of a school year; -1 where a column is NULL. */
struct catalogue_policy {
	int present;                 /* 0: the year has no policy row */
	long long min_tenths, normative_min_tenths, new_teacher_tenths,
	    new_principal_tenths, cycle_years, cycle_min_tenths, flag_percent,
	    terms_per_year;
	const char *points_reading;
};

struct catalogue_group {
	const char *code, *name;
	long long cap_tenths;
};

struct setup_item {
	const char *code, *category, *name, *unit, *conditions, *rule_type, *params, *asks;
	const char *exclusions, *organisers;  /* one per line, "" when none (migration 0011) */
	long long hours_tenths, cap_tenths;  /* cap -1: none */
	const char *group;                   /* the cap group's code, NULL: none */
	int normative, evidence_required, needs_project, active;
	long long sort_order;
};

/* One school year's catalogue, cap groups, policy and deadlines. */
struct catalogue {
	struct catalogue_policy policy;
	struct catalogue_group *groups;
	size_t ngroups;
	struct setup_item *items;
	size_t nitems;
	const char *starts_on;       /* the source year's first day */
	const char *register_deadline, *school_review_deadline,
	    *district_review_deadline;   /* NULL where none */
};

/* A district's current school year (DB_NOTFOUND: no such district or no current year). */
struct district_year {
	long long district_id, year_id;
	const char *district_name, *label, *starts_on, *ends_on, *year_start_md;
	int self_registration;
};
enum db_result store_district_current(struct db *db, arena *a, const char *district_code,
    struct district_year *out);

/*
 * The catalogue of preset name (wutongqiao, wuhua) as structs: the preset's
 * SQL (datadir/db/presets/NAME.sql, the one source of the preset) is loaded
 * into a private in-memory database, migrated first, and its current year
 * read; with its first day of the year and self-registration. DB_NOTFOUND
 * when there is no such preset file.
 */
enum db_result store_preset_catalogue(const char *datadir, arena *a, const char *name,
    struct catalogue *cat, const char **year_start_md, int *self_registration);

/* Every district, by code, with its current year and its admins, for the system admin. */
struct district_listed {
	long long id;
	const char *code, *name, *authority;
	const char *year;          /* the current year's label, "" when none */
	const char *admins;        /* the district admins' logins, space-separated, "" when none */
	long long schools;         /* active */
};
enum db_result store_districts_all(struct db *db, arena *a, struct district_listed **out, size_t *n);

/* The district's id by code: DB_NOTFOUND when none. */
enum db_result store_district_id(struct db *db, const char *code, long long *id);

/* The catalogue of school year year_id, in the arena (items by sort order). */
enum db_result store_catalogue_read(struct db *db, arena *a, long long year_id,
    struct catalogue *out);

/*
 * Write cat's policy (or, when it has none, a policy of zero hours with the
 * schema's defaults), cap groups and items into school year year_id, which
 * has none yet. The deadlines are the caller's (struct school_year_new).
 */
enum db_result store_catalogue_write(struct db *db, long long year_id, const struct catalogue *cat);

/*
 * A date moved by years ("2022-06-30" + 1 -> "2023-06-30"; 29 February
 * becomes the 28th in a common year), in the arena; NULL for NULL or a
 * malformed date.
 */
const char *store_date_add_years(arena *a, const char *date, int years);

/*
 * A new district with its first school year (current) label, starts_on ..
 * ends_on: from NULL (blank: no items, no cap groups, a zero policy) or a
 * copy of from's catalogue, cap groups, policy, and deadlines moved to the
 * new year. from_name ("wutongqiao", "blank") goes into the audit row.
 * DB_CONSTRAINT when the code is taken or a value is refused.
 */
struct district_new {
	const char *code, *name, *from_name;
	const char *label, *starts_on, *ends_on, *year_start_md;
	int self_registration;
	const struct catalogue *from;
	const char *client;          /* the audit row's client: "xueshictl" */
	long long account_id;        /* the audit row's actor: 0 from the command line */
};
enum db_result store_district_new(struct db *db, arena *a, const struct district_new *in,
    long long *district_id, long long *year_id);

/*
 * A new school of the district (kind one of the schema's kinds). Audited.
 * DB_CONSTRAINT when its code or name is taken in the district or the kind
 * is unknown.
 */
enum db_result store_school_add(struct db *db, arena *a, long long district, const char *code,
    const char *name, const char *kind, const char *client, long long *id);

/* The schools of one district (district 0: all), with their teachers this year. */
struct school_listed {
	const char *district, *code, *name, *kind;
	int active;
	long long teachers;       /* on the roster of the district's current year */
};
enum db_result store_schools_list(struct db *db, arena *a, long long district,
    struct school_listed **out, size_t *n);

#endif
