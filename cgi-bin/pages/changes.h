/*
 * changes.h - the roster's changes (变动情况) this year: the school lists
 * them and reports (上报) the unreported ones to the district; the district
 * reads every school's, reported or not.
 */
#ifndef XS_CHANGES_H
#define XS_CHANGES_H

struct ctx;

/* GET /school/roster/changes (school admin and leader) */
int changes_school_page(struct ctx *c);
/* POST /school/roster/changes/report (school admin) */
int changes_school_report(struct ctx *c);
/* GET /district/changes[?school=ID] (district admin): declare CHANGES_FIELDS. */
int changes_district_page(struct ctx *c);

/* The fields of GET /district/changes. */
#define CHANGES_DISTRICT_FIELDS { { "school", FIELD_ID, FIELD_QUERY, 0, 0, NULL, OBJ_NONE }, { NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
