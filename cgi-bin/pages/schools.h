/*
 * pages/schools.h - the district keeps its schools (/district/schools):
 * the list with each school's kind, admins and roster size; add one;
 * edit its code, name and kind; deactivate it (kept with its history; its
 * admins' accounts are disabled) or reactivate it. Every change audited.
 */
#ifndef XS_PAGES_SCHOOLS_H
#define XS_PAGES_SCHOOLS_H

#include "core/app.h"

/* The school kinds (学校类型) the schema knows, as codes; NULL-terminated. */
extern const char *const school_kinds[];

/* GET /district/schools */
int schools_page(struct ctx *c);
/* POST /district/schools: add a school (code, name, kind). 303 to the list. */
int schools_add(struct ctx *c);
/* GET /district/schools/{school}/edit */
int school_edit_page(struct ctx *c);
/* POST /district/schools/{school}/edit */
int school_edit_save(struct ctx *c);
/* POST /district/schools/{school}/deactivate, /activate */
int school_deactivate(struct ctx *c);
int school_activate(struct ctx *c);

#define SCHOOL_FORM_FIELDS { \
	{ "code", FIELD_LINE, FIELD_REQUIRED, 0, 32, NULL, OBJ_NONE }, \
	{ "name", FIELD_LINE, FIELD_REQUIRED, 0, 100, NULL, OBJ_NONE }, \
	{ "kind", FIELD_CHOICE, FIELD_REQUIRED, 0, 0, school_kinds, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
