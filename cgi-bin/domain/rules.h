/*
 * rules.h - the hours rules, pure: no SQL, no I/O, no globals (only constant
 * tables), no allocation. Callers pass every array, inputs and outputs alike;
 * nothing returned points into memory the module owns, except the constant
 * name strings of the rules_*_name and rules_error_* functions.
 *
 * Hours are integer tenths of an hour everywhere (90 h = 900); nothing here
 * uses floating point. Every input is bounded (RULES_*_MAX below) so that no
 * product or sum can overflow; an input out of bounds is an error code, never
 * a wrapped number.
 *
 * Readings chosen where the sources are ambiguous (docs/rules.md has the
 * worked examples; where a district may read differently it is a setting):
 *  - 学习强国 "成长总积分为 26000 分以上者，最高记 20 学时": by default
 *    (POINTS_READING_QUARTERS) 20 is the yearly cap, reached by four
 *    qualifying quarters (26000 = 18000 + 4 x 2000 is implied); the other
 *    reading (POINTS_READING_YEAR_TOTAL) gives the full 20 to a final total
 *    of 26000 or more whatever the quarters. A quarter not given earns
 *    nothing and is no baseline: the next given quarter's gain is measured
 *    from the last total given (or the base). A total below the one before
 *    (or below the base) is refused.
 *  - The excellent-trainee 125% is rounded down to a tenth of an hour
 *    (120 h -> 150.0 h, 4 h -> 5.0 h, 3.3 h -> 4.1 h). "优秀学员人数不超过培训
 *    班人数的10%" reads excellent * 100 <= class size * 10, i.e. at most
 *    floor(10% of the class): 3 of 30, 0 of 9, 1 of 10.
 *  - Caps apply per teacher and school year in a stable order: confirmed
 *    records (district_approved) first, by record date then record id; then
 *    pending records (submitted, school_approved) on top in the same order,
 *    so a pending record never displaces hours already confirmed. Records in
 *    any other state count nothing, use no cap and read CUT_NOT_CONFIRMED.
 *    When both an item cap and a group cap would cut, the tighter one is
 *    reported (the item cap on a tie).
 *  - Once per certificate: the first record in the stable order counts; a
 *    later record with the same certificate number reads
 *    CUT_DUPLICATE_CERTIFICATE. A certificate dated outside the school year
 *    (bounds inclusive) reads CUT_OUTSIDE_YEAR and does not use up its
 *    number. An empty certificate date is not judged (the form requires it
 *    where the item needs it); a malformed one reads CUT_OUTSIDE_YEAR.
 *  - Research projects: per project, at most leader_limit leaders (1) and
 *    member_limit members (4) count, the first ones in the stable order.
 *  - The normative minimum applies to every category of teacher.
 *  - The year's result (合格/不合格) is decided by the year alone (total and
 *    normative). The 5-year cycle is judged beside it and never changes the
 *    year's result: 72 x 5 = 360, so it only fails when some year failed;
 *    it matters for certificate re-registration. A new teacher in the
 *    probation year is not held to the cycle. A category without a
 *    threshold of its own (wutongqiao's new principal) uses the regular one.
 *  - A school is flagged when failing * 100 >= teachers * flag_percent
 *    ("10% 及以上"): 1 of 10 is flagged, 1 of 11 and 0 of 0 are not.
 */
#ifndef XS_RULES_H
#define XS_RULES_H

#include <stddef.h>
#include <stdint.h>

/* Hours in tenths of an hour: 90 h = 900. */
typedef int64_t xs_tenths;
typedef xs_tenths tenths;  /* the short spelling the callers use */

/* Bounds on every input; beyond them the functions return an error. */
#define RULES_QUANTITY_MAX 1000        /* units, terms or times in one record */
#define RULES_HOURS_MAX 100000         /* tenths (10000 h): any hour parameter,
                                          certified hours, a cap */
#define RULES_CLAIM_MAX ((xs_tenths)RULES_HOURS_MAX * RULES_QUANTITY_MAX)
                                       /* the most one record can claim */
#define RULES_TOTAL_MAX (RULES_CLAIM_MAX * RULES_RECORDS_MAX)
                                       /* the most a year's or a cycle's total can be */
#define RULES_POINTS_MAX 1000000000    /* 学习强国 growth points */
#define RULES_PERCENT_MAX 1000         /* excellent_percent */
#define RULES_ADDONS_MAX 4             /* roster add-ons per item */
#define RULES_RECORDS_MAX 10000        /* entries in one call (a teacher-year, a project) */
#define RULES_CYCLE_YEARS_MAX 10       /* years in a cycle */
#define RULES_PEOPLE_MAX 1000000000    /* class sizes, teachers in a school */

enum rule_type {
	RULE_PER_UNIT,              /* hours x quantity of units */
	RULE_TIERED_LEVEL,          /* hours by level x times */
	RULE_AS_CERTIFIED,          /* the hours printed on the certificate */
	RULE_POINTS_QUARTERS,       /* 学习强国 quarterly growth points */
	RULE_PER_TERM,              /* hours x terms */
	RULE_ROSTER,                /* set hours from a list, plus flagged add-ons */
	RULE_TRAINEE_MULTIPLIER,    /* set hours, 125% for excellent trainees */
	RULE_ONCE_PER_CERTIFICATE,  /* set hours, once, in the certificate's year */
	RULE_PARTICIPANT_LIMIT,     /* set hours, once per project, limited participants */
	RULE__MAX
};

enum level { LEVEL_SCHOOL, LEVEL_DISTRICT, LEVEL_CITY, LEVEL_PROVINCE, LEVEL_NATIONAL, LEVEL__MAX };

/* 学习强国: how "26000 分以上者，最高记 20 学时" is read (a district setting). */
enum points_reading {
	POINTS_READING_QUARTERS = 0,    /* default: only qualifying quarters earn */
	POINTS_READING_YEAR_TOTAL = 1,  /* alternative: final total >= threshold earns the max */
	POINTS_READING__MAX
};

/*
 * The stable name of a rule type ("per_unit", ...; "unknown" out of range).
 * Returns a constant string.
 */
const char *rules_type_name(enum rule_type t);

/* The enum rule_type named s, or -1 when s is NULL or unknown. */
int rules_type_parse(const char *s);

/* The enum level named s ("school" .. "national"), or -1 when NULL or unknown. */
int rules_level_parse(const char *s);

enum rules_error {
	RULES_OK = 0,
	RULES_QUANTITY,          /* quantity missing or outside 1..RULES_QUANTITY_MAX */
	RULES_LEVEL,             /* level missing, unknown, or without hours for this item */
	RULES_CERTIFIED,         /* certified hours missing or not positive */
	RULES_OVER_MAX,          /* certified hours above the item's (or the absolute) maximum */
	RULES_POINTS_MISSING,    /* no quarter given */
	RULES_POINTS_DECREASING, /* a quarter's total below the one before (or the base) */
	RULES_ROLE,              /* trainee role missing */
	RULES_POINTS_RANGE,      /* a quarter's total negative (other than -1) or too large */
	RULES_ADDON,             /* an add-on flagged that the item does not offer */
	RULES_QUOTA,             /* more excellent trainees than the class quota allows */
	RULES_PARAMS,            /* the item's parameters are invalid (a catalogue error) */
	RULES_OVERFLOW,          /* a result would exceed its bound */
	RULES_DATE,              /* a date that is not a real YYYY-MM-DD, or an empty range */
	RULES_OUTSIDE_YEAR,      /* dates outside the school year */
	RULES_ARGS,              /* any other invalid argument (NULL, too many entries, ...) */
	RULES_ERROR__MAX
};

/*
 * A stable code for each error, the form's field error code ("out_of_range",
 * "invalid", ...). Returns a constant string; "invalid" out of range.
 */
const char *rules_error_code(enum rules_error e);

/*
 * The form field an error belongs to ("quantity", "level", "certified",
 * "points", "role", "addons"), or "" for errors of no single field.
 * Returns a constant string.
 */
const char *rules_error_field(enum rules_error e);

/*
 * A catalogue item's rule and parameters. Only the fields of p->type are
 * read. Zero the struct before filling it.
 */
struct rule_params {
	enum rule_type type;
	tenths hours;             /* per unit / per term / the set hours / roster base */
	tenths tiers[LEVEL__MAX]; /* tiered: hours per level, 0 where the level does not apply */
	tenths max;               /* as certified: the most one record may claim (0: RULES_HOURS_MAX) */
	int64_t points_base;      /* 18000 (the 2020-2021 total) */
	int64_t points_gain;      /* 2000: the least gain of a qualifying quarter */
	tenths points_hours;      /* 50: per qualifying quarter */
	tenths points_max;        /* 200 a year */
	int64_t points_threshold; /* 26000 (read only under POINTS_READING_YEAR_TOTAL) */
	int points_year_total;    /* enum points_reading */
	union {
		/* roster: hours of add-on i (0: no such add-on); add-on 0 is the video */
		tenths addons[RULES_ADDONS_MAX];
		tenths addon_video;   /* the same as addons[RULES_ADDON_VIDEO] */
	};
	int excellent_percent;    /* trainee multiplier: 125 (1..RULES_PERCENT_MAX) */
};

#define RULES_ADDON_VIDEO 0   /* 网络晒课: recorded video uploaded, +5 h */

/* One record's inputs. Zero the struct, then set what is absent to -1. */
struct rule_input {
	int64_t quantity;         /* units, terms or times; -1 when absent */
	int level;                /* enum level, -1 when absent */
	tenths certified;         /* as certified; -1 when absent */
	int64_t points[4];        /* cumulative totals at the end of each quarter, -1 when absent */
	unsigned addons;          /* roster: bit i set = add-on i taken */
	int video;                /* roster: non-zero = add-on RULES_ADDON_VIDEO taken
	                             (the same as its bit in addons) */
	int excellent;            /* trainee: 1 excellent, 0 passed, -1 absent */
};

/*
 * The hours one record claims before any cap, from the item's rule p and the
 * record's inputs in:
 *  - per unit, per term: hours x quantity (1..RULES_QUANTITY_MAX);
 *  - tiered: tiers[level] x quantity;
 *  - as certified: certified, > 0 and <= max;
 *  - points: see rules_points;
 *  - roster: hours + the hours of each add-on flagged;
 *  - trainee: hours, or hours x excellent_percent / 100 rounded down to a
 *    tenth for an excellent trainee;
 *  - once per certificate, participant limit: hours (the once/limit rules
 *    are applied over several records by the functions below).
 * Returns RULES_OK with *out set, or an error with *out = 0. Allocates nothing.
 */
enum rules_error rules_claim(const struct rule_params *p, const struct rule_input *in,
    tenths *out);

/*
 * 学习强国: hours for the cumulative totals q[0..3] at the end of each
 * quarter (-1: not given). A quarter's gain is its total minus the last
 * total given before it (the first one's, minus base); each gain >= gain
 * earns per_quarter, at most max. Under POINTS_READING_YEAR_TOTAL a final
 * total >= threshold earns max. Worked example: 20500/22000/24500/27000
 * gain 2500/1500/2500/2500: 15 h under the default, 20 h under the other.
 * Returns RULES_OK with *out set; RULES_POINTS_MISSING (no quarter),
 * RULES_POINTS_DECREASING, RULES_POINTS_RANGE, or RULES_PARAMS, with *out = 0.
 */
enum rules_error rules_points(int64_t base, int64_t gain, tenths per_quarter, tenths max,
    int64_t threshold, enum points_reading reading, const int64_t q[4], tenths *out);

/*
 * The excellent-trainee quota of one class: RULES_OK when
 * excellent * 100 <= class_size * quota_percent (quota 10: excellent * 10 <=
 * class_size), RULES_QUOTA when exceeded, RULES_ARGS when a count is
 * negative or above RULES_PEOPLE_MAX, excellent > class_size, or
 * quota_percent is outside 0..100.
 */
enum rules_error rules_excellent_quota(int64_t excellent, int64_t class_size, int quota_percent);

/* Why a record counts less than it claims. */
enum cut {
	CUT_NONE,
	CUT_ITEM_CAP,               /* the item's yearly cap */
	CUT_GROUP_CAP,              /* the cap group's yearly cap */
	CUT_DUPLICATE_CERTIFICATE,  /* the certificate counted already */
	CUT_OUTSIDE_YEAR,           /* the certificate is dated in another school year */
	CUT_PARTICIPANT_LIMIT,      /* beyond the project's leaders or members counted */
	CUT_NOT_CONFIRMED,          /* neither confirmed nor pending (draft, returned, rejected) */
	CUT__MAX
};

/* The stable name of a cut ("none", "item_cap", ...). Returns a constant string. */
const char *rules_cut_name(enum cut c);

/*
 * One record going through the caps: inputs, then outputs (the record's
 * explanation). Zero the struct before filling it.
 */
struct cap_entry {
	int64_t record_id;
	const char *date;         /* YYYY-MM-DD (NULL reads ""): the order of application */
	tenths claimed;           /* 0..RULES_CLAIM_MAX, from rules_claim */
	int64_t item_id;
	tenths item_cap;          /* 0..RULES_CLAIM_MAX; 0: none */
	int64_t group_id;         /* 0: none */
	tenths group_cap;         /* 0..RULES_CLAIM_MAX; 0: none */
	int confirmed, pending;   /* district_approved / submitted or school_approved */
	int normative;            /* the item is normative training (for rules_totals) */
	enum cut pre_cut;         /* set before: duplicate, outside year, participant limit */
	/* outputs */
	tenths counted;
	enum cut cut;
	int64_t cap_id;           /* the item id (CUT_ITEM_CAP) or group id (CUT_GROUP_CAP)
	                             whose cap cut it; 0 otherwise */
};

/*
 * Apply the yearly caps to entries[0..n) in the stable order (confirmed by
 * date then id, then pending by date then id; see the readings above). Sets
 * counted, cut and cap_id on every entry; the array is not reordered. An
 * entry neither confirmed nor pending counts 0 with CUT_NOT_CONFIRMED; one
 * with a pre_cut counts 0 with that cut; neither uses any cap. A group's cap
 * is each entry's own group_cap (they should agree).
 * Worked example: six wuhua provincial first-prize papers, 15 h each, group
 * cap 24 h: counted 15, 9, 0, 0, 0, 0.
 * Returns RULES_OK; RULES_ARGS when entries is NULL with n > 0 or n >
 * RULES_RECORDS_MAX (entries untouched), or when a claim, cap or pre_cut is
 * out of bounds (every entry set to counted 0, CUT_NONE). O(n^2) time, no
 * allocation.
 */
enum rules_error rules_apply_caps(struct cap_entry *entries, size_t n);

struct year_totals {
	tenths confirmed, pending;
	tenths normative_confirmed, normative_pending;
};

/*
 * Sum the counted hours of entries[0..n) (after rules_apply_caps) into *t:
 * confirmed and pending apart, and the normative part of each.
 * Returns RULES_OK, or RULES_ARGS (NULL, n > RULES_RECORDS_MAX) with *t zeroed.
 */
enum rules_error rules_totals(const struct cap_entry *entries, size_t n,
    struct year_totals *t);

/* A sort key for rules_order: tier (0 confirmed, 1 pending, 2 other), date, id. */
struct order_key {
	int tier;
	const char *date;         /* YYYY-MM-DD; NULL reads "" */
	int64_t id;
};

/*
 * The stable order of keys[0..n): order[k] is the index of the k-th key by
 * tier, then date, then id, then index. The caller provides order with room
 * for n. Returns RULES_OK or RULES_ARGS (NULL, n > RULES_RECORDS_MAX).
 * O(n^2) time, no allocation.
 */
enum rules_error rules_order(const struct order_key *keys, size_t n, size_t *order);

/*
 * Once per certificate. order[0..n) lists indexes of the records to judge,
 * in the stable order (rules_order); numbers[i] is record i's certificate
 * number (NULL or "": none, never a duplicate), dates[i] its certificate date.
 * Sets cut[order[k]] for every k: CUT_OUTSIDE_YEAR when the date is outside
 * [year_start, year_end] (inclusive) or malformed, CUT_DUPLICATE_CERTIFICATE
 * when an earlier record in order counted the same number, CUT_NONE
 * otherwise. numbers, dates and cut must hold every index order names.
 * Returns RULES_OK; RULES_DATE when the year bounds are not YYYY-MM-DD or
 * start > end; RULES_ARGS (NULL, n > RULES_RECORDS_MAX); cut untouched then.
 */
enum rules_error rules_once_per_certificate(const char *const *numbers,
    const char *const *dates, const size_t *order, size_t n, const char *year_start,
    const char *year_end, enum cut *cut);

/*
 * 1 when s is a real calendar date written YYYY-MM-DD (year 1900 or later;
 * 2024-02-29 yes, 2023-02-29, 2022-02-30 and 2023-04-31 no), else 0.
 * String order of valid dates is date order. The one date check of every
 * form and import.
 */
int rules_date_valid(const char *s);

/*
 * Hours as people write them: "90", "48.5" (one decimal at most, up to
 * 10000 hours). Returns the tenths (900, 485), or -1 for anything else
 * ("", "1.25", "-3", "九十").
 */
int64_t rules_hours_parse(const char *s);

/*
 * Tenths as people write hours, the inverse of rules_hours_parse: 900
 * "90", 485 "48.5", 0 "0" (negative: "-" and the magnitude). Into buf[0..n);
 * returns buf, or "" when it does not fit.
 */
const char *rules_hours_format(int64_t tenths, char *buf, size_t n);

/*
 * A school year's label YYYY-YYYY whose second year follows the first
 * ("2026-2027"): returns the first year, or -1 ("2026-2028", "2026/2027").
 */
int rules_year_label(const char *s);

/*
 * A district's or a school's code: 2 to 32 of a-z, 0-9, "_" and "-",
 * beginning with a letter (wutongqiao, wtq-sx). The accounts' logins are
 * made from it (wtq-sx-admin). 1 or 0.
 */
int rules_code_valid(const char *s);

/*
 * The bounds of the school year that starts in year first on the district's
 * month-day md ("07-01"): starts "2026-07-01", ends the day before a year
 * on, "2027-06-30" (buffers of 11 bytes at least). 0, or -1 when md is not a
 * day of that year or first is out of 1900..9998.
 */
int rules_year_bounds(int first, const char *md, char *starts, char *ends);

/*
 * An activity from start to end (inclusive) belongs to the school year
 * [year_start, year_end]: RULES_OK when both lie within it, RULES_OUTSIDE_YEAR
 * when either lies outside, RULES_DATE when a date is not valid or a range
 * is empty. 五通桥 2021-2022: 2021-07-01..2022-06-30 holds 2021-07-01 to
 * 2022-06-30; 2021-06-30 to 2021-07-02 is outside.
 */
enum rules_error rules_in_year(const char *start, const char *end, const char *year_start,
    const char *year_end);

/*
 * Per-term items (党建工作学习研讨, 每人每期 10 学时): a year has terms_per_year
 * terms (a policy setting, 2 by default), so the item counts at most
 * hours x terms a year, whatever was registered: 6 terms of 10 h give 20 h.
 * The yearly cap of such an item is the tighter of that and item_cap (0:
 * none). Returns the cap in tenths (0 when hours or terms is not positive:
 * no cap of its own), clamped to RULES_CLAIM_MAX.
 */
tenths rules_per_term_cap(tenths hours, int terms_per_year, tenths item_cap);

/*
 * The excellent-trainee quota, record by record: the rank-th (0-based, in
 * the stable order) excellent trainee of a class of class_size counts at
 * 125% when (rank + 1) * 100 <= class_size * quota_percent, else at 100%.
 * 1 within the quota, 0 beyond it or when an argument is out of range
 * (negative rank or size, quota outside 0..100). Class of 30, quota 10:
 * ranks 0, 1, 2 yes, 3 no.
 */
int rules_excellent_within_quota(int64_t rank, int64_t class_size, int quota_percent);

enum participant_role { PARTICIPANT_LEADER, PARTICIPANT_MEMBER, PARTICIPANT__MAX };

/* One record of a research project (课题), for rules_project_participants. */
struct participant {
	int64_t record_id;
	const char *date;         /* YYYY-MM-DD; NULL reads "" */
	enum participant_role role;
	int confirmed, pending;   /* as in struct cap_entry */
};

/*
 * The participants p[0..n) of one project (in any order): in the stable
 * order (confirmed first, then pending; date, then record id) the first
 * leader_limit leaders and the first member_limit members count (CUT_NONE),
 * the rest read CUT_PARTICIPANT_LIMIT; records neither confirmed nor pending
 * read CUT_NOT_CONFIRMED and take no place. A limit <= 0 means no limit.
 * wuhua: leader_limit 1, member_limit 4. Sets cut[0..n).
 * Returns RULES_OK, or RULES_ARGS (NULL, n > RULES_RECORDS_MAX, a role out
 * of range) with cut untouched. O(n^2) time, no allocation.
 */
enum rules_error rules_project_participants(const struct participant *p, size_t n,
    int leader_limit, int member_limit, enum cut *cut);

/*
 * Participants of one role, already in the stable order: cut[0..limit)
 * are left as they are, cut[limit..n) get CUT_PARTICIPANT_LIMIT. limit <= 0
 * means no limit. Returns RULES_OK or RULES_ARGS (cut NULL with n > 0).
 */
enum rules_error rules_participants(size_t n, int limit, enum cut *cut);

enum category { CATEGORY_REGULAR, CATEGORY_NEW_TEACHER, CATEGORY_NEW_PRINCIPAL, CATEGORY__MAX };

/* The enum category named s ("regular", "new_teacher", "new_principal"), or -1. */
int rules_category_parse(const char *s);

/*
 * The assessment policy of one district and school year (every value a
 * setting). rules_assess reads the first five fields only.
 */
struct policy {
	tenths min;               /* regular teachers: 900 wutongqiao, 720 wuhua */
	tenths normative_min;     /* 450 wutongqiao; 0: none (wuhua) */
	tenths new_teacher;       /* probation year: 1200; -1: the regular threshold */
	tenths new_principal;     /* first year: 3000 wuhua; -1 (wutongqiao): the regular one */
	tenths cycle_min;         /* 3600 wuhua; -1: no cycle rule (wutongqiao) */
	int cycle_years;          /* 5: the most years rules_assess_years takes (0 reads 5) */
};

enum assess_result { RESULT_NONE, RESULT_PASS, RESULT_FAIL };

/* Reasons for a result, as bits of verdict.reasons. */
#define REASON_BELOW_TOTAL 1u      /* confirmed below the category's threshold */
#define REASON_BELOW_NORMATIVE 2u  /* normative confirmed below the normative minimum */
#define REASON_BELOW_CYCLE 4u      /* the cycle's confirmed total below the cycle minimum */

struct verdict {
	enum assess_result result;       /* the year: RESULT_PASS or RESULT_FAIL */
	unsigned reasons;                /* REASON_* bits */
	tenths threshold;                /* what applied to this category */
	tenths gap;                      /* tenths missing to pass the year (0 when passed):
	                                    the larger shortfall, as normative hours close both */
	enum assess_result cycle_result; /* RESULT_NONE: no cycle rule or not held to it */
	tenths cycle_total, cycle_gap;
	/* The same facts as plain flags. */
	int pass, below_total, below_normative;
	int cycle_applies, cycle_pass;
};

/*
 * The verdict of one teacher-year of category c with totals t (confirmed
 * hours only; pending ones never count) under policy p, and of the cycle
 * when p has a cycle rule, cycle_total >= 0 and c is not a new teacher.
 * cycle_total is the confirmed hours of the cycle's years (this one
 * included); -1 when not known. Reads p's first five fields only.
 * Returns RULES_OK with *v set, or RULES_ARGS (NULL, a negative total, a
 * threshold out of bounds) with *v zeroed.
 */
enum rules_error rules_assess(const struct policy *p, enum category c,
    const struct year_totals *t, tenths cycle_total, struct verdict *v);

/*
 * rules_assess with the cycle's total summed from years[0..nyears): the
 * confirmed totals of the cycle's school years, this one included (at most
 * p->cycle_years, 5). nyears 0 means the cycle is not judged.
 * Returns RULES_OK, or RULES_ARGS (as rules_assess; nyears > cycle_years;
 * a year's total negative or above RULES_TOTAL_MAX) with *v zeroed.
 */
enum rules_error rules_assess_years(const struct policy *p, enum category c,
    const struct year_totals *t, const tenths *years, size_t nyears, struct verdict *v);

/*
 * 1 when a school with failing of total teachers is flagged:
 * failing * 100 >= total * flag_percent (10: "10% 及以上"); 0 otherwise,
 * and 0 for no teachers, flag_percent <= 0 (no rule), or invalid counts
 * (negative, failing > total, above RULES_PEOPLE_MAX, percent > 100).
 */
int rules_school_flagged(int64_t failing, int64_t total, int flag_percent);

#endif
