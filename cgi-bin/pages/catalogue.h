/*
 * pages/catalogue.h - the district's catalogue editor (issue 13): a school
 * year's items (登记项目及标准) and cap groups, kept through the pages.
 *
 *   GET  /district/years/{year}/catalogue         the items and groups
 *   GET  /district/years/{year}/catalogue/new     a new item's form
 *   POST /district/years/{year}/catalogue/new     add it
 *   GET  /district/items/{item}                   an item's form
 *   POST /district/items/{item}                   save it
 *   POST /district/items/{item}/move              up or down (dir)
 *   POST /district/items/{item}/retire|restore    kept for its records
 *   POST /district/years/{year}/groups            a new cap group
 *   GET  /district/groups/{group}                 a group: name, cap, items
 *   POST /district/groups/{group}                 rename, change the cap
 *   POST /district/groups/{group}/items           the items in the group
 *   POST /district/groups/{group}/delete          remove it
 *
 * A change that alters counted hours of existing records is not saved at
 * once: the page shows how many teachers' results change and how (passing
 * to failing, failing to passing), computed in a transaction rolled back,
 * and the district saves it with confirm=1. Once a school's year is
 * confirmed (signed and stamped) no change may alter its teachers' results:
 * 409 catalogue_locked, with the impact naming them. Only the current year is edited (409 year_not_current).
 * Every save is audited (catalogue_item, catalogue_group).
 */
#ifndef XS_PAGES_CATALOGUE_H
#define XS_PAGES_CATALOGUE_H

#include "core/app.h"

/* GET /district/catalogue: 303 to the current year's catalogue (the nav's link). */
int catalogue_current(struct ctx *c);
int catalogue_page(struct ctx *c);
int catalogue_new_page(struct ctx *c);
int catalogue_new_post(struct ctx *c);
int catalogue_item_page(struct ctx *c);
int catalogue_item_post(struct ctx *c);
int catalogue_item_move(struct ctx *c);
int catalogue_item_retire(struct ctx *c);
int catalogue_item_restore(struct ctx *c);
int catalogue_group_add(struct ctx *c);
int catalogue_group_page(struct ctx *c);
int catalogue_group_post(struct ctx *c);
int catalogue_group_items(struct ctx *c);
int catalogue_group_delete(struct ctx *c);

extern const char *const catalogue_rule_types[];
extern const char *const catalogue_roles[];
extern const char *const catalogue_dirs[];

#define CATALOGUE_ITEM_FIELDS { \
	{ "code", FIELD_LINE, FIELD_REQUIRED, 0, 32, NULL, OBJ_NONE }, \
	{ "category", FIELD_LINE, FIELD_REQUIRED, 0, 50, NULL, OBJ_NONE }, \
	{ "name", FIELD_LINE, FIELD_REQUIRED, 0, 100, NULL, OBJ_NONE }, \
	{ "hours", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "unit", FIELD_LINE, FIELD_REQUIRED, 0, 20, NULL, OBJ_NONE }, \
	{ "conditions", FIELD_TEXT, 0, 0, 1000, NULL, OBJ_NONE }, \
	{ "exclusions", FIELD_TEXT, 0, 0, 2000, NULL, OBJ_NONE }, \
	{ "organisers", FIELD_TEXT, 0, 0, 2000, NULL, OBJ_NONE }, \
	{ "rule_type", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, catalogue_rule_types, OBJ_NONE }, \
	{ "normative", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "evidence_required", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "needs_project", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "cap", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "group", FIELD_ID, 0, 0, 0, NULL, OBJ_GROUP }, \
	{ "ask_cn", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "ask_isbn", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "ask_certificate", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "ask_first_author", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "ask_organiser", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "tier_school", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "tier_district", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "tier_city", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "tier_province", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "tier_national", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "certified_max", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "points_base", FIELD_INT, 0, 0, 1000000000, NULL, OBJ_NONE }, \
	{ "points_gain", FIELD_INT, 0, 0, 1000000000, NULL, OBJ_NONE }, \
	{ "points_hours", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "points_max", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "points_threshold", FIELD_INT, 0, 0, 1000000000, NULL, OBJ_NONE }, \
	{ "addon_video", FIELD_LINE, 0, 0, 8, NULL, OBJ_NONE }, \
	{ "excellent_percent", FIELD_INT, 0, 100, 1000, NULL, OBJ_NONE }, \
	{ "quota_percent", FIELD_INT, 0, 0, 100, NULL, OBJ_NONE }, \
	{ "participant_role", FIELD_CHOICE, 0, 0, 0, catalogue_roles, OBJ_NONE }, \
	{ "participant_limit", FIELD_INT, 0, 1, 1000, NULL, OBJ_NONE }, \
	{ "confirm", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#define CATALOGUE_PAGE_FIELDS { \
	{ "saved", FIELD_FLAG, FIELD_QUERY, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define CATALOGUE_MOVE_FIELDS { \
	{ "dir", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, catalogue_dirs, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define CATALOGUE_CONFIRM_FIELDS { \
	{ "confirm", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define CATALOGUE_GROUP_FIELDS { \
	{ "code", FIELD_LINE, FIELD_REQUIRED, 0, 32, NULL, OBJ_NONE }, \
	{ "name", FIELD_LINE, FIELD_REQUIRED, 0, 100, NULL, OBJ_NONE }, \
	{ "cap", FIELD_LINE, FIELD_REQUIRED, 0, 8, NULL, OBJ_NONE }, \
	{ "confirm", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define CATALOGUE_GROUP_ITEMS_FIELDS { \
	{ "item", FIELD_ID, FIELD_MULTI, 0, 0, NULL, OBJ_ITEM }, \
	{ "confirm", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
