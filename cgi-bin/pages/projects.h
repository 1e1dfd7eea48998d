/*
 * pages/projects.h - training projects filed for approval (审批备案), the
 * current school year's:
 *
 *   school:   GET /school/projects (the school's filings, any state, and
 *             every approved project of the year; the leader reads it),
 *             POST /school/projects (file one), GET /school/projects/{project}
 *             (one of the school's filings; the admin's edit form while it
 *             is filed), POST /school/projects/{project}/edit.
 *   district: GET /district/projects[?state=] (all, by state),
 *             POST /district/projects (the district files one itself,
 *             approved at once with approve=1 and an approval number, or
 *             filed), POST /district/projects/{project}/approve
 *             (approval_no), POST /district/projects/{project}/reject
 *             (reason).
 *
 * approval_no and reason are declared optional so that a missing one gets
 * its own message (approval_no_required, reject_reason_required).
 * Bad input: 422, the list again with the form's errors and what was typed,
 * nothing saved. Every change is audited (project_file, project_edit,
 * project_approve, project_reject).
 */
#ifndef XS_PAGES_PROJECTS_H
#define XS_PAGES_PROJECTS_H

#include "core/app.h"

extern const char *const project_levels[];
extern const char *const project_states[];

int projects_school_page(struct ctx *c);
int projects_school_file(struct ctx *c);
int projects_school_one(struct ctx *c);
int projects_school_edit(struct ctx *c);
int projects_district_page(struct ctx *c);
int projects_district_file(struct ctx *c);
int projects_approve(struct ctx *c);
int projects_reject(struct ctx *c);

/* The filing's fields (school and district; approve and approval_no the district's only). */
#define PROJECT_FILE_FIELDS \
	{ "name", FIELD_LINE, FIELD_REQUIRED, 0, 100, NULL, OBJ_NONE }, \
	{ "organiser", FIELD_LINE, FIELD_REQUIRED, 0, 100, NULL, OBJ_NONE }, \
	{ "level", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, project_levels, OBJ_NONE }, \
	{ "item", FIELD_ID, FIELD_REQUIRED, 0, 0, NULL, OBJ_NONE }, \
	{ "starts_on", FIELD_DATE, FIELD_REQUIRED, 0, 0, NULL, OBJ_NONE }, \
	{ "ends_on", FIELD_DATE, FIELD_REQUIRED, 0, 0, NULL, OBJ_NONE }, \
	{ "hours", FIELD_LINE, FIELD_REQUIRED, 0, 8, NULL, OBJ_NONE }, \
	{ "expected", FIELD_INT, 0, 1, 100000, NULL, OBJ_NONE }, \
	{ "class_size", FIELD_INT, 0, 1, 100000, NULL, OBJ_NONE }, \
	{ "quota", FIELD_INT, 0, 0, 100, NULL, OBJ_NONE }
#define PROJECTS_SCHOOL_FILE_FIELDS { PROJECT_FILE_FIELDS, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define PROJECTS_DISTRICT_FILE_FIELDS { PROJECT_FILE_FIELDS, \
	{ "approve", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "approval_no", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define PROJECTS_DISTRICT_PAGE_FIELDS { \
	{ "state", FIELD_CHOICE, FIELD_QUERY, 0, 0, project_states, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define PROJECT_APPROVE_FIELDS { \
	{ "approval_no", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define PROJECT_REJECT_FIELDS { \
	{ "reason", FIELD_TEXT, 0, 0, 1000, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
