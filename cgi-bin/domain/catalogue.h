/*
 * domain/catalogue.h - a catalogue item's rule parameters as the district
 * types them (the editor's form, the catalogue spreadsheet's columns), their
 * check, and the JSON the item table keeps (item.params, read back by
 * store/assess.c's json_extract). Pure: no SQL, no I/O, no allocation.
 *
 * Which parameters each rule type takes (docs/rules.md, "The catalogue
 * editor"):
 *   per_unit, per_term, once_per_certificate: the item's hours (> 0), none;
 *   tiered_level: hours by level (at least one > 0; the item's hours 0);
 *   as_certified: the most one record may claim (> 0; the item's hours 0);
 *   points_quarters: base, least gain, hours a quarter, most a year, and
 *     the year-total threshold (学习强国 18000 / 2000 / 5 / 20 / 26000);
 *   roster: the item's hours and the video add-on (0: none; 网络晒课 +5);
 *   trainee_multiplier: the item's hours, the excellent percent (100..1000;
 *     125) and the excellent quota of a class (0..100 %; 10);
 *   participant_limit: the item's hours, the role (leader / member) and how
 *     many of that role count per project (>= 1; 1 leader, 4 members).
 */
#ifndef XS_DOMAIN_CATALOGUE_H
#define XS_DOMAIN_CATALOGUE_H

#include <stddef.h>

#include "domain/rules.h"

struct item_params {
	int type;                      /* enum rule_type */
	tenths tiers[LEVEL__MAX];      /* tiered_level */
	tenths certified_max;          /* as_certified */
	long long points_base, points_gain, points_threshold;
	tenths points_hours, points_max;
	tenths addon_video;            /* roster */
	int excellent_percent, quota_percent;   /* trainee_multiplier */
	int participant_leader;        /* participant_limit: 1 leader, 0 member */
	int participant_limit;
};

/*
 * Check p for an item of hours (tenths) per unit: NULL when good, else the
 * editor field at fault ("hours", "tier_school", "certified_max",
 * "points_base", "points_gain", "points_hours", "points_max",
 * "points_threshold", "addon_video", "excellent_percent", "quota_percent",
 * "participant_limit", "rule_type"), with *code the error code
 * ("required", "out_of_range", "invalid").
 */
const char *catalogue_params_check(const struct item_params *p, tenths hours, const char **code);

/*
 * The JSON item.params keeps for p (only the fields of p->type), into
 * buf[0..n): {"tiers":{"school":40,...}}, {"max":1000}, {"base":18000,...},
 * {"addons":{"video":50}}, {"excellent_percent":125,"quota_percent":10},
 * {"role":"leader","limit":1}, or {}. Returns the length, or -1 when it does
 * not fit or p->type is out of range.
 */
int catalogue_params_json(const struct item_params *p, char *buf, size_t n);

/*
 * The 'asks' words an item may carry (the extra fields its form asks), in
 * the order they are written: cn, isbn, certificate, first_author,
 * organiser. NULL-terminated.
 */
extern const char *const catalogue_asks[];

/* 1 when the space-separated list asks holds the word what ("certificate first_author"). */
int catalogue_asks_has(const char *asks, const char *what);

/*
 * An item's code: 1 to 32 of a-z, 0-9, "_" and "-", beginning with a
 * letter or a digit (xbpx, kt-sj-zc, rc51336). 1 or 0.
 */
int catalogue_code_valid(const char *s);

#endif
