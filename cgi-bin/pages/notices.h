/*
 * pages/notices.h - the district's notices (通报) of a school year:
 *
 *   district: GET /district/notices (every notice; the form of a new one,
 *             filled in from the district's last notice and the data),
 *             POST /district/notices (a draft), GET /district/notices/{notice}
 *             (the notice with its lists; a draft's form), POST
 *             /district/notices/{notice} (a draft saved), POST
 *             /district/notices/{notice}/publish, POST
 *             /district/notices/{notice}/delete (a draft),
 *             GET /district/notices/{notice}/print.
 *   school:   GET /school/notices (the published notices that name the
 *             school), GET /school/notices/{notice}, .../print (the core
 *             lets a school reach only those: core/app.c).
 *
 * The lists are read from the data, never typed: 延期送审 (schools whose
 * first hand-in came after their school-review deadline, extensions
 * counted, in the district's local time, or that have not handed in and
 * whose deadline has passed), 登记不规范 (schools with more than the
 * notice's nonstandard_over records returned or not accepted at 复核) and
 * 学时不达标 (every teacher whose kept result fails, by school). A draft
 * reads them each time it is shown; publishing keeps them (notice_entry)
 * and tells the named schools' admins and leaders (notice_published).
 * Bad input: 422 with the form's errors and what was typed, nothing saved;
 * a published notice is not changed (409 notice_published). Audited:
 * notice_create, notice_save, notice_publish, notice_delete.
 */
#ifndef XS_PAGES_NOTICES_H
#define XS_PAGES_NOTICES_H

#include "core/app.h"

int notices_district_page(struct ctx *c);
int notices_create(struct ctx *c);
int notice_district_page(struct ctx *c);
int notice_save(struct ctx *c);
int notice_publish(struct ctx *c);
int notice_delete(struct ctx *c);
int notice_print(struct ctx *c);
int notices_school_page(struct ctx *c);
int notice_school_page(struct ctx *c);

#define NOTICE_TEXT_FIELDS \
	{ "number", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, \
	{ "title", FIELD_LINE, FIELD_REQUIRED, 0, 200, NULL, OBJ_NONE }, \
	{ "addressee", FIELD_LINE, 0, 0, 200, NULL, OBJ_NONE }, \
	{ "opening", FIELD_TEXT, 0, 0, 4000, NULL, OBJ_NONE }, \
	{ "closing", FIELD_TEXT, 0, 0, 4000, NULL, OBJ_NONE }, \
	{ "issuer", FIELD_LINE, FIELD_REQUIRED, 0, 100, NULL, OBJ_NONE }, \
	{ "issued_on", FIELD_DATE, FIELD_REQUIRED, 0, 0, NULL, OBJ_NONE }, \
	{ "copy_to", FIELD_LINE, 0, 0, 200, NULL, OBJ_NONE }, \
	{ "printer", FIELD_LINE, 0, 0, 100, NULL, OBJ_NONE }, \
	{ "nonstandard_over", FIELD_INT, FIELD_REQUIRED, 0, 100000, NULL, OBJ_NONE }
#define NOTICE_CREATE_FIELDS { \
	{ "year", FIELD_ID, FIELD_REQUIRED, 0, 0, NULL, OBJ_YEAR }, \
	NOTICE_TEXT_FIELDS, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define NOTICE_SAVE_FIELDS { NOTICE_TEXT_FIELDS, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#endif
