/*
 * rules.h - the hours rules, pure: no SQL, no I/O, no globals, no
 * allocation. Hours are integer tenths of an hour everywhere (90 h = 900);
 * nothing here uses floating point.
 *
 * Readings chosen where the sources are ambiguous (docs/rules.md has the
 * worked examples; each reading is a setting where the district may differ):
 *  - 学习强国 "成长总积分为 26000 分以上者，最高记 20 学时": by default 20 is
 *    the yearly cap, reached by four qualifying quarters (26000 = 18000 +
 *    4 x 2000 is implied); the other reading (policy points_reading =
 *    year_total) gives the full 20 to a year total of 26000 or more
 *    whatever the quarters.
 *  - The excellent-trainee 125% is rounded down to a tenth of an hour; "at
 *    most 10% of the class" reads excellent * 100 <= class size * 10.
 *  - Caps apply per school year in a stable order: confirmed records first
 *    (by record date, then id), then pending ones on top, so that a pending
 *    record never displaces hours already confirmed.
 *  - The normative minimum applies to every category of teacher.
 *  - The 5-year cycle is a separate verdict from the year's; a new teacher
 *    in the probation year is assessed on the year only.
 *  - A school is flagged when failing * 100 >= teachers * flag_percent
 *    ("10% 及以上").
 */
#ifndef XS_RULES_H
#define XS_RULES_H

#include <stddef.h>

typedef long long tenths;

enum rule_type {
	RULE_PER_UNIT,              /* hours x quantity of units */
	RULE_TIERED_LEVEL,          /* hours by level x times */
	RULE_AS_CERTIFIED,          /* the hours printed on the certificate */
	RULE_POINTS_QUARTERS,       /* 学习强国 quarterly growth points */
	RULE_PER_TERM,              /* hours x terms */
	RULE_ROSTER,                /* set hours from a list, plus add-ons */
	RULE_TRAINEE_MULTIPLIER,    /* set hours, 125% for excellent trainees */
	RULE_ONCE_PER_CERTIFICATE,  /* set hours, once, in the certificate's year */
	RULE_PARTICIPANT_LIMIT,     /* set hours, once per project, limited participants */
	RULE__MAX
};

enum level { LEVEL_SCHOOL, LEVEL_DISTRICT, LEVEL_CITY, LEVEL_PROVINCE, LEVEL_NATIONAL, LEVEL__MAX };

/* "per_unit" ... and back (-1 when unknown). */
const char *rules_type_name(enum rule_type t);
int rules_type_parse(const char *s);
int rules_level_parse(const char *s);

enum rules_error {
	RULES_OK = 0,
	RULES_QUANTITY,          /* quantity missing or out of 1..1000 */
	RULES_LEVEL,             /* no such level for this item */
	RULES_CERTIFIED,         /* certified hours missing or not positive */
	RULES_OVER_MAX,          /* certified hours above the item's maximum */
	RULES_POINTS_MISSING,    /* no quarter given */
	RULES_POINTS_DECREASING, /* a quarter's total below the one before (or the base) */
	RULES_ROLE,              /* trainee role missing */
	RULES_ERROR__MAX
};

/* A stable code for each error (the form's field error code). */
const char *rules_error_code(enum rules_error e);
/* The form field an error belongs to. */
const char *rules_error_field(enum rules_error e);

struct rule_params {
	enum rule_type type;
	tenths hours;             /* per unit / per term / the set hours */
	tenths tiers[LEVEL__MAX]; /* tiered: hours per level, 0 where the level does not apply */
	tenths max;               /* as certified: the most one record may claim (0: no limit) */
	long long points_base;    /* 18000 */
	long long points_gain;    /* 2000 */
	tenths points_hours;      /* 5 h per qualifying quarter */
	tenths points_max;        /* 20 h a year */
	long long points_threshold; /* 26000 */
	int points_year_total;    /* 1: the year_total reading */
	tenths addon_video;       /* roster: the video add-on */
	int excellent_percent;    /* 125 */
};

struct rule_input {
	long long quantity;       /* units, terms or times; -1 when absent */
	int level;                /* enum level, -1 when absent */
	tenths certified;         /* -1 when absent */
	long long points[4];      /* cumulative totals at the end of each quarter, -1 when absent */
	int video;                /* roster add-on taken */
	int excellent;            /* trainee role: 1 excellent, 0 passed, -1 absent */
};

/*
 * The hours one record claims before any cap. Returns RULES_OK with *out
 * set, or the error (and *out = 0).
 */
enum rules_error rules_claim(const struct rule_params *p, const struct rule_input *in,
    tenths *out);

/*
 * 学习强国: hours for quarter totals q[0..3] (-1 absent) over base; see the
 * readings above. Returns RULES_OK or RULES_POINTS_*.
 */
enum rules_error rules_points(long long base, long long gain, tenths per_quarter,
    tenths max, long long threshold, int year_total_reading, const long long q[4],
    tenths *out);

/* 1 when excellent trainees are within quota_percent of the class (integer arithmetic). */
int rules_excellent_quota_ok(long long excellent, long long class_size, int quota_percent);

/* Why a record counts less than it claims. */
enum cut {
	CUT_NONE,
	CUT_ITEM_CAP,
	CUT_GROUP_CAP,
	CUT_DUPLICATE_CERTIFICATE,
	CUT_OUTSIDE_YEAR,
	CUT_PARTICIPANT_LIMIT,
	CUT__MAX
};
const char *rules_cut_name(enum cut c);

/* One record going through the caps (inputs, then outputs). */
struct cap_entry {
	long long record_id;
	const char *date;         /* YYYY-MM-DD: the order of application */
	tenths claimed;
	long long item_id;
	tenths item_cap;          /* 0: none */
	long long group_id;       /* 0: none */
	tenths group_cap;
	int confirmed, pending;   /* neither: the record counts nothing and uses no cap */
	enum cut pre_cut;         /* set before: duplicate, outside year, participant limit */
	/* outputs */
	tenths counted;
	enum cut cut;
};

/*
 * Apply the yearly caps to entries[0..n) in the stable order (confirmed by
 * date then id, then pending by date then id). Sets counted and cut on every
 * entry; the array is not reordered. Entries with a pre_cut count 0.
 */
void rules_apply_caps(struct cap_entry *entries, size_t n);

/*
 * Once per certificate: given each record's certificate number (NULL or ""
 * for none) and certificate date, mark in cut[] the ones that do not count:
 * a date outside [year_start, year_end] (CUT_OUTSIDE_YEAR), or a number
 * already counted by an earlier record in order[] (CUT_DUPLICATE_CERTIFICATE).
 * order[] gives the indexes in the stable order.
 */
void rules_once_per_certificate(const char *const *numbers, const char *const *dates,
    const size_t *order, size_t n, const char *year_start, const char *year_end,
    enum cut *cut);

/*
 * Participants of one project in the stable order: the first limit count,
 * the rest get CUT_PARTICIPANT_LIMIT in cut[]. limit <= 0 means no limit.
 */
void rules_participants(size_t n, int limit, enum cut *cut);

enum category { CATEGORY_REGULAR, CATEGORY_NEW_TEACHER, CATEGORY_NEW_PRINCIPAL, CATEGORY__MAX };
int rules_category_parse(const char *s);

struct policy {
	tenths min;               /* regular teachers */
	tenths normative_min;     /* 0: none */
	tenths new_teacher;       /* -1: same as regular */
	tenths new_principal;     /* -1: same as regular */
	tenths cycle_min;         /* -1: no cycle rule */
};

struct year_totals {
	tenths confirmed, pending;
	tenths normative_confirmed, normative_pending;
};

struct verdict {
	tenths threshold;         /* what applied to this category */
	int pass;                 /* the year */
	int below_total, below_normative;
	tenths gap;               /* tenths missing to pass the year (0 when passed) */
	int cycle_applies, cycle_pass;
	tenths cycle_gap;
};

/*
 * The year's verdict (confirmed hours only) and, when the policy has a cycle
 * rule and cycle_total >= 0 and the teacher is not a new teacher, the
 * cycle's.
 */
void rules_assess(const struct policy *p, enum category c, const struct year_totals *t,
    tenths cycle_total, struct verdict *v);

/* 1 when a school with failing of total teachers is flagged (see above). */
int rules_school_flagged(long long failing, long long total, int flag_percent);

#endif
