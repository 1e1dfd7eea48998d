/*
 * store/deadline.h - a school's deadlines of a year: the year's three
 * (teacher registration, school review 初核, district review 复核), the
 * district's extensions for the school (deadline_extension, migration 0008),
 * the effective ones (the later of the year's and the extensions') and the
 * district's UTC offset, which the domain (domain/deadline.h) needs to tell
 * whether a date has passed. Also the health probe's write-and-rollback.
 *
 * SQLite-only: nothing beyond the portable subset.
 */
#ifndef XS_STORE_DEADLINE_H
#define XS_STORE_DEADLINE_H

#include "store/store.h"

enum deadline_kind {
	DEADLINE_REGISTER = 0,   /* teachers register and submit until */
	DEADLINE_SCHOOL_REVIEW,  /* the school registers, reviews, hands in until */
	DEADLINE_DISTRICT_REVIEW,/* the district reviews until (shown, not enforced) */
	DEADLINE__MAX
};

/* "register", "school_review", "district_review". */
extern const char *const deadline_kind_names[DEADLINE__MAX];

struct school_deadlines {
	long long school_id, year_id, district_id;
	const char *year_label, *starts_on, *ends_on;
	int utc_offset_minutes;
	const char *year[DEADLINE__MAX];      /* the year's; NULL where none */
	const char *extended[DEADLINE__MAX];  /* the school's latest extension; NULL where none */
	const char *effective[DEADLINE__MAX]; /* deadline_later(year, extended) */
};

/* The deadlines of teacher-year ty's school and year into *d (strings in a). DB_NOTFOUND: no such ty. */
enum db_result store_deadlines_of_teacher_year(struct db *db, arena *a, long long ty,
    struct school_deadlines *d);

/* The same for record id's teacher-year. */
enum db_result store_deadlines_of_record(struct db *db, arena *a, long long record,
    struct school_deadlines *d);

/* The same for school's district's current year. DB_NOTFOUND: no school or no current year. */
enum db_result store_deadlines_of_school(struct db *db, arena *a, long long school,
    struct school_deadlines *d);

/* The current year's deadlines of a district (no school: extended all NULL). */
enum db_result store_deadlines_of_district(struct db *db, arena *a, long long district,
    struct school_deadlines *d);

/* One extension as the pages list it. */
struct deadline_extension {
	const char *kind, *until, *reason, *by, *at;
};

/* School's extensions of year, newest first, at most 100 (filled whole). */
enum db_result store_deadline_extensions(struct db *db, arena *a, long long school,
    long long year, struct deadline_extension **out, size_t *n);

/* Add an extension (inside the caller's store_tx); *id gets its id. */
enum db_result store_deadline_extension_add(struct db *db, long long year, long long school,
    const char *kind, const char *until, const char *reason, long long account, long long *id);

/*
 * The health probe: BEGIN IMMEDIATE, write one row of health_probe, always
 * ROLLBACK. DB_OK when the database took the write; DB_BUSY when locked
 * past the busy timeout; DB_ERROR otherwise (a read-only or full database
 * is noted in core/failure as every storage failure is).
 */
enum db_result store_health_write(struct db *db, long long now);

#endif
