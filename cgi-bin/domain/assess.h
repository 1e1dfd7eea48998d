/*
 * domain/assess.h - a teacher's school year, assessed: pure functions over
 * plain structs (the catalogue's items, the year's records, the policy,
 * what other teachers' records decide: a project's participant places and
 * a class's excellent-trainee places) giving per-record explanations,
 * totals and the result. No SQL, no I/O; memory from the caller's arena.
 * store/assess.h loads the structs and calls these.
 */
#ifndef XS_DOMAIN_ASSESS_H
#define XS_DOMAIN_ASSESS_H

#include <stddef.h>

#include "core/arena.h"

/* A catalogue item as the rules need it (parameters read from its JSON). */
struct item_row {
	long long id;
	const char *code, *name, *category, *unit, *rule_type, *asks;
	long long hours_tenths;
	int normative;
	long long cap_tenths;        /* 0: none */
	long long cap_group_id;      /* 0: none */
	long long group_cap_tenths;
	const char *group_name;
	int needs_project;
	/* rule parameters */
	long long tiers[5];          /* school, district, city, province, national */
	long long max_tenths;        /* as_certified */
	long long points_base, points_gain, points_hours, points_max, points_threshold;
	long long addon_video;       /* roster: the video add-on, tenths */
	int excellent_percent, quota_percent;
	const char *participant_role;
	int participant_limit;
	int points_year_total;       /* the district's reading of the points clause */
};

/* A record's inputs. Absent numbers are -1; absent strings "". */
struct record_row {
	long long id;
	long long item_id;
	const char *state;
	const char *started_on, *ended_on;
	long long quantity;
	const char *level;
	long long certified_tenths;
	long long points[4];         /* -1 where not given */
	int video;                   /* roster add-on taken */
	const char *role;
	const char *certificate_no, *certificate_on;
	long long project_id;
};

/* One record's line in an assessment. */
struct assess_line {
	long long record_id;
	const char *state;
	long long claimed_tenths, counted_tenths;
	const char *cut;             /* "none", "item_cap", "group_cap", ... */
	const char *cap_name;        /* the cap group's name when a group cap cut it */
	int normative, confirmed, pending;
};

/* A teacher-year assessed: the result, the totals, a line per record. */
struct assessment {
	const char *category;        /* regular, new_teacher, new_principal */
	long long threshold_tenths, normative_min_tenths;
	long long confirmed_tenths, pending_tenths;
	long long normative_confirmed_tenths, normative_pending_tenths;
	long long cycle_tenths, cycle_min_tenths; /* cycle_min 0: no cycle rule */
	int cycle_years;
	int pass;
	int below_total, below_normative, below_cycle;
	int cycle_applies, cycle_pass;
	long long gap_tenths, cycle_gap_tenths;
	struct assess_line *lines;
	size_t nlines;
};

/* The school year's context of one assessment (the policy and its bounds). */
struct assess_year {
	long long school_year_id, district_id;
	const char *starts_on, *ends_on;     /* YYYY-MM-DD, inclusive */
	long long min_tenths, normative_min_tenths;
	long long new_teacher_tenths, new_principal_tenths; /* -1: no such rule */
	int cycle_years;
	long long cycle_min_tenths;                          /* -1: no cycle rule */
	int flag_percent;
	int terms_per_year;                                  /* per-term items count at most these */
};

/*
 * A record's place among other teachers' records: for a research project
 * (participant limit), the 0-based place of its teacher among the
 * project's counting participants and how many there are; for an
 * excellent trainee, its teacher's place among the class's excellent
 * trainees and the class's size (0: not known). People are counted, not
 * records: a teacher's second record of the same project or class has the
 * first one's place.
 */
struct assess_place {
	long long record_id;
	long long place;   /* -1: not placed (not counting) */
	long long of;      /* participants counted / the class's size */
	int quota_percent; /* the class's own excellent-trainee quota; -1: the item's */
};

/* Places sorted by record_id (assess_places_sort), for assess_compute. */
struct assess_places {
	struct assess_place *participants;
	size_t nparticipants;
	struct assess_place *excellent;
	size_t nexcellent;
};

/*
 * The hours the rules give one record before caps (its claimed hours):
 * 0 and *claimed set, or -1 with *error a form error code for the field
 * *field ("quantity", "level", "certified", "points", "role", ...).
 */
int assess_claim(const struct item_row *it, const struct record_row *r,
    long long *claimed, const char **field, const char **error);

/*
 * Rank records into places: rows[0..n) in the stable order (group first,
 * then confirmed before pending, date, id) with their group (a project's
 * item and certificate, or a class) and teacher; fills places[0..n) with
 * each record's place among the group's distinct teachers and the count of
 * them (of_override >= 0: use it as "of" instead, e.g. the class size of
 * each row's group). Sorts places by record id. Allocates nothing.
 */
struct assess_rank_row {
	const char *group;       /* rows of one group are consecutive */
	long long record_id, teacher_id;
	long long of_override;   /* -1: the number of distinct teachers */
	int quota_override;      /* the group's own quota (a class's, 审批备案); -1: the item's */
};
void assess_rank(const struct assess_rank_row *rows, size_t n, struct assess_place *places);

/*
 * Assess one teacher-year: its records recs[0..n) (any state; only
 * confirmed and pending ones count) against the year's items, caps and
 * places. Fills out (lines allocated in a) with claimed/counted per record,
 * the cut explanations and the totals; not the result (assess_judge).
 * Returns 0, or -1 when out of memory.
 */
int assess_compute(arena *a, const struct assess_year *y, const struct item_row *items,
    size_t nitems, const struct record_row *recs, size_t nrecs,
    const struct assess_places *places, struct assessment *out);

/*
 * The result of an assessed year for a teacher of category ("regular",
 * "new_teacher", "new_principal"): pass/fail, reasons, gaps, and the cycle
 * when the policy has one (cycle_total: the confirmed hours of the cycle's
 * years, this one included; -1: not judged).
 */
void assess_judge(const struct assess_year *y, const char *category, long long cycle_total,
    struct assessment *out);

#endif
