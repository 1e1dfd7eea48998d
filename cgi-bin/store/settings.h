/*
 * store/settings.h - what a district sets for itself (/district/settings):
 * its names, the stamp's wording, the titles of its printed forms, whether
 * teachers register themselves, its time zone and the school year's first
 * day. Portable SQL (one SELECT, one UPDATE).
 */
#ifndef XS_STORE_SETTINGS_H
#define XS_STORE_SETTINGS_H

#include "store/store.h"

struct district_settings {
	long long id;
	const char *code;
	const char *name, *authority;    /* 五通桥区, 五通桥区教师发展中心 */
	const char *stamp_text;          /* '' : the authority's name */
	const char *card_title, *summary_title; /* '' : the product's own titles */
	int self_registration;           /* 1: teachers register themselves */
	const char *time_zone;           /* Asia/Shanghai */
	long long utc_offset_minutes;    /* 480 */
	const char *year_start_md;       /* MM-DD, 07-01 */
};

/* District id's settings into *s. DB_NOTFOUND when there is no such district. */
enum db_result store_district_settings(struct db *db, arena *a, long long district,
    struct district_settings *s);

/* Write s (by s->id; code is not changed). Call inside store_tx with its audit row. */
enum db_result store_district_settings_set(struct db *db, const struct district_settings *s);

#endif
