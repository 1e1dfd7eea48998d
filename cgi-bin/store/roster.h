/*
 * store/roster.h - the school's roster (教师名册) of the current year: its
 * teacher-years with the teachers' details, searched; and the roster's
 * writes - a teacher leaving or coming back (teacher.active), a transfer to
 * another school of the district (the teacher-year and the teacher's
 * account move), each with its roster_change row.
 *
 * SQLite-only: instr and substr with a negative start in the search.
 */
#ifndef XS_STORE_ROSTER_H
#define XS_STORE_ROSTER_H

#include "store/store.h"

/* One teacher-year of the roster. */
struct roster_teacher {
	long long teacher_year_id;
	const char *name, *gender, *id_number, *staff_no, *phone, *subject, *title;
	const char *category, *status, *receiving_unit; /* receiving_unit "" when none */
	int active;
};

/* The most teachers the roster lists. */
#define ROSTER_MAX 5000

/*
 * The school's current-year teacher-years by staff number and teacher id,
 * at most ROSTER_MAX; q ("" for all) matches a part of the name, the whole
 * staff number or phone, or the last 4 to 6 characters of the ID number.
 * Fills *out (arena a) and *n.
 */
enum db_result store_roster_list(struct db *db, arena *a, long long school, const char *q,
    struct roster_teacher **out, size_t *n);

/* The school's active teachers this year (id, name, staff number), by staff number and id. */
enum db_result store_roster_active(struct db *db, arena *a, long long school,
    struct roster_teacher **out, size_t *n);

/* A school by id and name. */
struct roster_school {
	long long id;
	const char *name;
};

/* The district's other active schools (all but school), by code: a transfer's targets. */
enum db_result store_roster_other_schools(struct db *db, arena *a, long long district,
    long long school, struct roster_school **out, size_t *n);

/*
 * A teacher-year of the current year: its teacher, its school year and
 * whether its school's year is open. DB_NOTFOUND when it is not of the
 * current year. (The caller's scope is the core's check.)
 */
enum db_result store_roster_teacher_year(struct db *db, long long teacher_year, long long *teacher,
    long long *year, int *open);

/*
 * The transfer target: an active school of the district other than from,
 * and whether its year `year` is open. DB_NOTFOUND when it is none of those.
 */
enum db_result store_roster_target(struct db *db, long long year, long long target,
    long long district, long long from, int *open);

/*
 * Set the teacher active (1) or not (0); *changed says whether it was
 * otherwise before. A teacher set inactive is signed out: the sessions of
 * the teacher's account end. Call inside store_tx.
 */
enum db_result store_roster_set_active(struct db *db, long long teacher, int active, int *changed);

/*
 * Move a teacher-year of school from to school to, and the teacher's
 * account with it. Call inside store_tx.
 */
enum db_result store_roster_transfer(struct db *db, long long teacher_year, long long teacher,
    long long from, long long to);

/*
 * Append a roster_change row: kind added, updated, rejoined, left,
 * transfer_out, transfer_in; other the other school (0: none); note ""
 * or NULL for none. Call inside store_tx.
 */
enum db_result store_roster_change_add(struct db *db, long long year, long long school,
    long long teacher, const char *kind, long long other, const char *note, long long account);

/* ---- the bulk registration's teachers (登记多名教师) */

/* Any teacher-year of the school this year (the lowest id): *ty 0 when none. */
enum db_result store_roster_any(struct db *db, long long school, long long *ty);


/*
 * The school's teacher-year this year whose teacher has staff number key
 * or ID number key (upper-cased): *ty, and *count 0, 1 or 2 (2: several).
 */
enum db_result store_roster_find(struct db *db, long long school, const char *key, long long *ty,
    int *count);

/* A past bulk registration: its id, first item name and start date, records and hours. */
struct roster_bulk {
	long long id, records, claimed_tenths;
	const char *item, *started_on;
};

/* The school's bulk registrations of the current year, newest first, at most 200. */
enum db_result store_roster_bulks(struct db *db, arena *a, long long school,
    struct roster_bulk **out, size_t *n);

/* ---- one teacher's details and the import's writes (roster_import.c) */

/*
 * A teacher-year of school in the current year with its teacher's details
 * into *out (copies in a): DB_NOTFOUND when it is not the school's this
 * year. The teacher-year comes from the query string: the school is the
 * check, not the core's.
 */
enum db_result store_roster_get(struct db *db, arena *a, long long school, long long teacher_year,
    struct roster_teacher *out);

/*
 * A new teacher of district with t's name, gender, id_number, staff_no,
 * phone, subject and title; *teacher its id. Call inside store_tx.
 */
enum db_result store_roster_teacher_add(struct db *db, long long district,
    const struct roster_teacher *t, long long *teacher);

/*
 * The district's teacher gets t's name, gender, staff_no, phone, subject
 * and title (not the ID number) and is active again. Call inside store_tx.
 */
enum db_result store_roster_teacher_update(struct db *db, long long district, long long teacher,
    const struct roster_teacher *t);

/*
 * The teacher joins school's roster of year with t's category, status and
 * receiving_unit; *teacher_year its id. Call inside store_tx.
 */
enum db_result store_roster_year_add(struct db *db, long long teacher, long long year,
    long long school, const struct roster_teacher *t, long long *teacher_year);

/* School's teacher-year gets t's category, status and receiving_unit. Call inside store_tx. */
enum db_result store_roster_year_update(struct db *db, long long school, long long teacher_year,
    const struct roster_teacher *t);

#endif
