/*
 * stats.h - the school's statistics for the current year (read-only for the
 * school admin and the leader): results and pass rate, teachers below their
 * threshold with the gap, the risk of the district's flag, records per item
 * and per state.
 */
#ifndef XS_STATS_H
#define XS_STATS_H

struct ctx;

/* GET /school/stats */
int stats_school_page(struct ctx *c);

/* GET /district/stats: the district's schools side by side */
int stats_district_page(struct ctx *c);

#endif
