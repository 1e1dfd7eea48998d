/*
 * pages/districts.h - the system administrator's districts
 * (/admin/districts): every district with its current year, schools and
 * admins; a new district whose catalogue, cap groups, policy and deadlines
 * start as a copy of a preset or blank (store_district_new, as `xueshictl
 * district new`); renaming one. Its district admins are opened on
 * /accounts. Every change audited.
 */
#ifndef XS_PAGES_DISTRICTS_H
#define XS_PAGES_DISTRICTS_H

#include "core/app.h"

extern const char *const district_sources[];

/* GET /admin/districts */
int districts_page(struct ctx *c);
/* POST /admin/districts: 303 to the list. */
int districts_create(struct ctx *c);
/* GET, POST /admin/districts/{district}: the name and the authority. */
int district_rename_page(struct ctx *c);
int district_rename(struct ctx *c);

#define DISTRICT_CREATE_FIELDS { \
	{ "code", FIELD_LINE, FIELD_REQUIRED, 0, 32, NULL, OBJ_NONE }, \
	{ "name", FIELD_LINE, FIELD_REQUIRED, 0, 64, NULL, OBJ_NONE }, \
	{ "authority", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, \
	{ "from", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, district_sources, OBJ_NONE }, \
	{ "label", FIELD_LINE, 0, 0, 9, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define DISTRICT_RENAME_FIELDS { \
	{ "name", FIELD_LINE, FIELD_REQUIRED, 0, 64, NULL, OBJ_NONE }, \
	{ "authority", FIELD_LINE, FIELD_REQUIRED, 0, 64, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
