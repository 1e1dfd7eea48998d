/*
 * bulk.h - bulk registration (批量登记): one activity for many teachers of
 * the school at once (校本培训, 网络晒课 lists, party-building study, a
 * district event's attendance). The form is the single-record form of the
 * chosen item plus the teachers: ticked on the roster, or staff numbers /
 * ID numbers pasted one per line. Saved by record_form_post_many.
 */
#ifndef XS_BULK_H
#define XS_BULK_H

struct ctx;

/* GET /school/bulk[?item=ID][&done=BULK]: past bulk registrations, the catalogue, the form. */
int bulk_page(struct ctx *c);
/* POST /school/bulk: validate and save every record or none. */
int bulk_post(struct ctx *c);

/*
 * The fields of GET /school/bulk (done: how many were just registered) and
 * of POST /school/bulk beside the record form's own: the ticked teachers
 * (teacher-year ids) and the pasted list.
 */
#include "pages/record_form.h"

#define BULK_PAGE_FIELDS { { "done", FIELD_ID, 0, 0, 0, NULL, OBJ_NONE }, RECORD_GET_FIELD_ITEMS, FIELDS_END }
#define BULK_POST_FIELDS { { "teachers", FIELD_ID, FIELD_MULTI, 0, 0, NULL, OBJ_TEACHER_YEAR }, \
	{ "staff_nos", FIELD_TEXT, 0, 0, 200000, NULL, OBJ_NONE }, RECORD_POST_FIELD_ITEMS, FIELDS_END }

#endif
