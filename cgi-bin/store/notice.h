/*
 * store/notice.h - the district's notices (通报, migration 0015): the
 * notices themselves, the facts their lists are drawn from while they are
 * drafts, and the lists kept when they are published.
 */
#ifndef XS_STORE_NOTICE_H
#define XS_STORE_NOTICE_H

#include "store/store.h"

/* A notice as the pages show it. Strings are "" when not set. */
struct notice_row {
	long long id, district_id, year_id;
	const char *year;            /* the school year's label */
	const char *number, *title, *addressee, *opening, *closing;
	const char *issuer, *issued_on, *copy_to, *printer;
	long long nonstandard_over;
	const char *state;           /* draft, published */
	const char *created_at, *updated_at, *published_at, *published_by;
	long long named;             /* published: the schools its lists name */
};

/* What a draft is saved with (district and year only on insert). */
struct notice_write {
	long long district_id, year_id, account_id;
	const char *number, *title, *addressee, *opening, *closing;
	const char *issuer, *issued_on, *copy_to, *printer;
	long long nonstandard_over;
};

/*
 * The district's notices, newest first: school 0 every one; else the
 * published ones whose lists name school.
 */
enum db_result store_notices(struct db *db, arena *a, long long district, long long school,
    struct notice_row **out, size_t *n);
enum db_result store_notice_get(struct db *db, arena *a, long long id, struct notice_row *row);

/* The district's latest notice with a number (to propose the next); DB_NOTFOUND when none. */
enum db_result store_notice_last(struct db *db, arena *a, long long district,
    struct notice_row *row);

/* DB_OK when another notice (not except) of the district has number; DB_NOTFOUND when none. */
enum db_result store_notice_number_taken(struct db *db, long long district, const char *number,
    long long except);

enum db_result store_notice_insert(struct db *db, const struct notice_write *w, long long *id);
/* A draft's text; DB_NOTFOUND when id is no draft (published meanwhile). */
enum db_result store_notice_update(struct db *db, long long id, const struct notice_write *w);
/* A draft deleted; DB_NOTFOUND when id is no draft. */
enum db_result store_notice_delete(struct db *db, long long id);

/* One line of a notice's lists (the columns of notice_entry). */
struct notice_entry {
	const char *section;          /* late, nonstandard, below */
	long long school_id;
	const char *school_name;
	const char *deadline, *handed_in;          /* late: handed_in "" when not yet */
	long long irregular, returned, rejected, reviewed; /* nonstandard */
	long long teacher_year_id;                 /* below */
	const char *staff_no, *teacher_name, *category;
	long long confirmed_tenths, threshold_tenths, normative_tenths, normative_min_tenths;
};

/* A published notice's lists in section and position order. */
enum db_result store_notice_entries(struct db *db, arena *a, long long notice,
    struct notice_entry **out, size_t *n);

/*
 * Publish draft id: its lists (v[0..n), positions in order per section)
 * kept, its state published at `at` by account. DB_NOTFOUND when id is no
 * draft. In the caller's transaction.
 */
enum db_result store_notice_publish(struct db *db, long long id, long long account,
    const char *at, const struct notice_entry *v, size_t n);

/* A school of the year as the lists judge it. */
struct notice_school {
	long long id;
	const char *code, *name;
	long long teachers;           /* its teacher-years in the year */
	const char *state;            /* open, submitted, confirmed */
	const char *deadline;         /* its school-review deadline, extensions counted; "" none */
	const char *first_submitted;  /* the first hand-in (UTC stamp or date); "" never */
	/* Records at 复核: returned or not accepted (irregular), returned, not accepted, decided at all. */
	long long irregular, returned, rejected, reviewed;
};

/* The district's active schools in the year, by code. */
enum db_result store_notice_schools(struct db *db, arena *a, long long year,
    struct notice_school **out, size_t *n);

/* A teacher-year of the year with the names the lists print. */
struct notice_teacher {
	long long teacher_year_id, school_id;
	const char *staff_no, *name, *category;
};

/* Every teacher-year of the year, by school code then staff number. */
enum db_result store_notice_teachers(struct db *db, arena *a, long long year,
    struct notice_teacher **out, size_t *n);

#endif
