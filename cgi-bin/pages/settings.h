/*
 * pages/settings.h - the district's own settings (/district/settings): its
 * names, the stamp's wording, the titles of its printed forms, whether
 * teachers register themselves, its time zone and the school year's first
 * day. (The printed pages' <district>: print_district_node, pages/records.h.)
 */
#ifndef XS_PAGES_SETTINGS_H
#define XS_PAGES_SETTINGS_H

#include "core/app.h"

/* GET /district/settings[?saved=1] */
int settings_page(struct ctx *c);

/* POST /district/settings: all fields or none; audited; 303 to ?saved=1. */
int settings_save(struct ctx *c);

#define SETTINGS_PAGE_FIELDS { { "saved", FIELD_FLAG, FIELD_QUERY, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define SETTINGS_POST_FIELDS { \
	{ "name", FIELD_LINE, FIELD_REQUIRED, 0, 64, NULL, OBJ_NONE }, \
	{ "authority", FIELD_LINE, FIELD_REQUIRED, 0, 64, NULL, OBJ_NONE }, \
	{ "stamp_text", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, \
	{ "card_title", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, \
	{ "summary_title", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, \
	{ "self_registration", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "time_zone", FIELD_LINE, FIELD_REQUIRED, 0, 64, NULL, OBJ_NONE }, \
	{ "utc_offset_minutes", FIELD_INT, FIELD_REQUIRED, -720, 840, NULL, OBJ_NONE }, \
	{ "year_start_md", FIELD_LINE, FIELD_REQUIRED, 0, 5, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
