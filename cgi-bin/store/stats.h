/*
 * store/stats.h - the figures of the statistics pages (统计): a school's
 * year (its state, flag percent and unreviewed records), the teacher-years
 * a school's or the district's figures count, and a school's records per
 * item and per state. The assessments themselves come from store/assess.h
 * (assess_each: one pass for a whole district).
 *
 * SQLite-only: nothing beyond the portable subset.
 */
#ifndef XS_STORE_STATS_H
#define XS_STORE_STATS_H

#include "store/store.h"

/* A school in its district's current year. */
struct stats_school {
	long long id, year_id;
	const char *name, *code, *year_label;
	const char *state;           /* open, submitted, confirmed, ... ('open' without a row) */
	const char *submitted_at;    /* "" when not */
	const char *confirmed_at;    /* "" when not */
	const char *reopened_reason; /* "" when not */
	int flag_percent;            /* 0: no flag */
	long long unreviewed;        /* records waiting for the school's review (submitted) */
	/* charts (issue 15) */
	long long awaiting_district; /* records waiting for the district's review (school_approved) */
	const char *starts_on, *ends_on; /* the current year's first and last day, YYYY-MM-DD */
	int utc_offset_minutes;      /* the district's local time (its "today") */
};

/*
 * The active schools of a district in its current year, by code, each as
 * school_overview shows it, with the records waiting at each review stage
 * (two counts per school through the record_teacher_year index). Fills
 * *out (arena a) and *n; a district without a current year has none.
 */
enum db_result store_stats_schools(struct db *db, arena *a, long long district,
    struct stats_school **out, size_t *n);

/* A teacher-year the figures count. */
struct stats_teacher {
	long long teacher_year_id, school_id;
	const char *name, *staff_no, *category, *status;
	const char *receiving_unit; /* "" when none */
};

/*
 * Every teacher-year of the district's current year in its active schools,
 * by school code, staff number and teacher id (school_overview's order
 * within a school). Fills *out (arena a) and *n.
 */
enum db_result store_stats_teachers(struct db *db, arena *a, long long district,
    struct stats_teacher **out, size_t *n);

/* The flag percent of the school's current year's policy (0: none or no policy). */
enum db_result store_stats_flag_percent(struct db *db, long long school, int *percent);

/* Records and claimed hours of a school's current year, per item and state or per state. */
struct stats_count {
	const char *item_code, *item_category, *item_name; /* "" in the per-state list */
	const char *state;
	long long records, claimed_tenths;
};

/*
 * The school's current-year records grouped by item and state (by the
 * item's sort order, id, then state) into *items, and by state into
 * *states. Fills both (arena a) or returns an error.
 */
enum db_result store_stats_counts(struct db *db, arena *a, long long school,
    struct stats_count **items, size_t *nitems, struct stats_count **states, size_t *nstates);

/* One record of a school's current year, for the records export. */
struct stats_record {
	long long id;
	const char *teacher, *staff_no, *category, *item, *started_on, *ended_on, *state;
	long long claimed_tenths;
};

/* Every record of school's current year (any state) by staff number, start and id. Filled whole. */
enum db_result store_stats_records(struct db *db, arena *a, long long school,
    struct stats_record **out, size_t *n);

/* charts (issue 15): records per week of the year. */
struct stats_week {
	long long week;      /* 1: the year's first 7 days (from starts_on); may be < 1 or past the year */
	long long records;   /* registered, any state (drafts too) */
	long long confirmed; /* of them district_approved */
};

/*
 * The records of school year year_id in district's active schools, counted
 * by the week of their activity's start date (started_on): week n holds
 * start + 7(n-1) .. start + 7n - 1, start being the year's starts_on as a
 * day number (domain/deadline.h, deadline_day). Weeks without records are
 * absent; the caller clamps weeks outside the year. One query (the
 * teacher_year_school and record_year_state_started indexes). Fills *out
 * (arena a) and *n, by week.
 */
enum db_result store_stats_weeks(struct db *db, arena *a, long long district, long long year_id,
    long long start, struct stats_week **out, size_t *n);

#endif
