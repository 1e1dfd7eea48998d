/*
 * record_form.h - registering an activity: the catalogue, the form by rule
 * type, and the POST that saves a record with its evidence. The caller has
 * scoped the teacher-year (its own, or a teacher of its school).
 */
#ifndef XS_RECORD_FORM_H
#define XS_RECORD_FORM_H

#include "core/app.h"

/*
 * The record form's declared fields: the catalogue's search and the chosen
 * item (GET), the check boxes and the bulk marker (POST). The fields an
 * item's rule asks for are checked by the form (core/form.h) as the rule
 * says, since which are required depends on the item.
 */
#define RECORD_GET_FIELD_ITEMS { "q", FIELD_LINE, FIELD_QUERY, 0, 64, NULL, OBJ_NONE }, \
	{ "item", FIELD_ID, FIELD_QUERY, 0, 0, NULL, OBJ_NONE }
#define RECORD_POST_FIELD_ITEMS { "bulk", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, \
	{ "video", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }, { "first_author", FIELD_FLAG, 0, 0, 0, NULL, OBJ_NONE }
#define FIELDS_END { NULL, 0, 0, 0, 0, NULL, OBJ_NONE }
#define RECORD_GET_FIELDS { RECORD_GET_FIELD_ITEMS, FIELDS_END }
#define RECORD_POST_FIELDS { RECORD_POST_FIELD_ITEMS, FIELDS_END }

/* The school's record routes name the teacher-year in the query or the form. */
#define RECORD_NEW_FIELDS { { "teacher-year", FIELD_ID, 0, 0, 0, NULL, OBJ_TEACHER_YEAR }, RECORD_GET_FIELD_ITEMS, \
	FIELDS_END }
#define RECORD_CREATE_FIELDS { { "teacher-year", FIELD_ID, 0, 0, 0, NULL, OBJ_TEACHER_YEAR }, \
	{ "teacher-year", FIELD_ID, FIELD_QUERY, 0, 0, NULL, OBJ_TEACHER_YEAR }, RECORD_POST_FIELD_ITEMS, FIELDS_END }

/* GET: the catalogue (no ?item=) or the form for ?item=ID. base is "/teacher" or "/school". */
int record_form_get(struct ctx *c, long long ty, const char *base);

/* POST: validate, compute, check evidence, save; 303 to base/records/ID, or the form with errors (422). */
int record_form_post(struct ctx *c, long long ty, const char *base, long long district);

/*
 * POST a bulk registration: the same form, validated once, saved as one
 * record for each of the nty teacher-years (already scoped by the caller) in
 * one transaction, sharing a new bulk_id, the evidence stored once and
 * linked to each; one audit entry per record. 303 to /school/bulk?done=ID,
 * or the form with errors (422; 409 with bulk_failed when saving failed
 * part-way, which leaves nothing). With refuse (an error code of the
 * caller's, e.g. a bad teacher list) the form is validated and shown again
 * with that error on the "teachers" field and nothing is saved.
 */
int record_form_post_many(struct ctx *c, const long long *tys, size_t nty, const char *base,
    long long district, const char *refuse);

/* GET/POST base/records/ID/edit: change a draft or a returned record (409 otherwise). */
int record_form_edit_get(struct ctx *c, long long ty, const char *base, long long record_id);
int record_form_edit_post(struct ctx *c, long long ty, const char *base, long long district,
    long long record_id);

/* Journal CN numbers ("CN 11-1234/G4") and ISBN-13 check digits. */
int record_cn_valid(const char *s);
int record_isbn_valid(const char *s);

#endif
