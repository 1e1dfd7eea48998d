/*
 * assess.h - the bridge between the database and the pure rules: load a
 * teacher's year (items, records, policy, the cycle) with fixed SQL, hand
 * plain structs to domain/rules, and give back per-record explanations,
 * totals and the result. All memory comes from the caller's arena.
 */
#ifndef XS_ASSESS_H
#define XS_ASSESS_H

#include "arena.h"
#include "db.h"

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

/* Load one item by id into it (strings in a). Returns DB_OK or DB_NOTFOUND/DB_ERROR. */
enum db_result assess_load_item(struct db *db, arena *a, long long item_id,
    struct item_row *it);

/*
 * The hours the rules give one record before caps (its claimed hours):
 * 0 and *claimed set, or -1 with *error a form error code for the field
 * *field ("quantity", "level", "certified", "points", "role", ...).
 */
int assess_claim(const struct item_row *it, const struct record_row *r,
    long long *claimed, const char **field, const char **error);

/* One record's line in an assessment. */
struct assess_line {
	long long record_id;
	const char *state;
	long long claimed_tenths, counted_tenths;
	const char *cut;             /* "none", "item_cap", "group_cap", ... */
	const char *cap_name;        /* the cap group's name when a group cap cut it */
	int normative, confirmed, pending;
};

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

/* Assess one teacher-year. Returns DB_OK, DB_NOTFOUND or DB_ERROR. */
enum db_result assess_teacher_year(struct db *db, arena *a, long long teacher_year_id,
    struct assessment *out);

#include <libxml/tree.h>

/*
 * <assessment> under parent for a: result, category, thresholds, totals,
 * reasons, and a <count> per record (claimed, counted, what cut it). The
 * teacher pages, the school and district pages and `xueshictl assess` all
 * show this element.
 */
xmlNodePtr assess_xml(xmlNodePtr parent, const struct assessment *a);

#endif
